// Images of Markdown articles: copied from content/ to the same path under the output folder.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

export function copyImages(images: { from: string; url: string }[], output: string) {
  for (const img of images) {
    const to = join(output, img.url);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(img.from, to);
  }
}
