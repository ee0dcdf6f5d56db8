// Paths from content and URLs never leave their folder (content/, the site being built or served).
import { sep } from "node:path";

/** Whether `path` lies inside the folder `root` (below it, not the folder itself); both absolute and resolved. */
export function isInside(root: string, path: string): boolean {
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}
