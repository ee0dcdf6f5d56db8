// npm run build: a clean _site/ (or the folder given), written by Eleventy, then indexed by Pagefind.
//   node --import tsx scripts/build.ts [OUTPUT]      (GAZETTE_CONTENT=DIR builds another content folder)
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { Eleventy } from "@11ty/eleventy";
import { buildSearchIndex } from "./search-index.ts";

export async function build(output = "_site", options: { quiet?: boolean } = {}): Promise<void> {
  const out = resolve(output);
  rmSync(out, { recursive: true, force: true });
  // The config's dir.output wins over Eleventy's constructor argument, so the folder goes by env.
  process.env.GAZETTE_OUTPUT = out;
  const elev = new Eleventy(undefined, out, { configPath: ".eleventy.ts", quietMode: true, runMode: "build" });
  await elev.write();
  await buildSearchIndex(out, options.quiet ? () => {} : undefined);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  await build(process.argv[2] ?? "_site");
  console.log(`[gazette] built ${process.argv[2] ?? "_site"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
