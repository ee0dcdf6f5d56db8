// What scripts/build.ts hands to the Eleventy runs of one build. The build loads the archive once and
// renders it in slices, one Eleventy run per slice (memory is bounded by the slice, not the archive):
// each run takes the site and its slice from here instead of loading the archive again, and leaves
// here what it wrote. The dev server (`npm start`) sets no context: .eleventy.ts loads the archive itself.
import type { SiteData } from "./data.js";
import type { RenderSet } from "./render-plan.js";

export interface Written {
  url: string;
  outputPath: string | false;
  /** A digest of an article page (what the search index reads: .eleventy.ts), else null. */
  digest: string | null;
}

export interface BuildContext {
  site: SiteData;
  /** The nodes this run renders. */
  slice: RenderSet;
  /** Whether this run also renders the pages of no node (home, lists, feeds, sitemap, export, report…). */
  shared: boolean;
  /** What the runs wrote, appended by each run. */
  written: Written[];
}

let current: BuildContext | null = null;

export function setBuildContext(ctx: BuildContext | null): void {
  current = ctx;
}

export function buildContext(): BuildContext | null {
  return current;
}
