// npm run build: a clean _site/ (or the folder given), written by Eleventy, then indexed by Pagefind.
//   node --import tsx scripts/build.ts [OUTPUT]      (GAZETTE_CONTENT=DIR builds another content folder)
//   node --import tsx scripts/build.ts OUTPUT --no-index   (render only: the search shards are indexed apart, README "Scale")
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { Eleventy } from "@11ty/eleventy";
import { buildSearchIndex } from "./search-index.ts";
import { stage } from "./stages.ts";

export async function build(output = "_site", options: { quiet?: boolean; index?: boolean } = {}): Promise<void> {
  const out = resolve(output);
  rmSync(out, { recursive: true, force: true });
  // The config's dir.output wins over Eleventy's constructor argument, so the folder goes by env.
  process.env.GAZETTE_OUTPUT = out;
  const elev = new Eleventy(undefined, out, { configPath: ".eleventy.ts", quietMode: true, runMode: "build" });
  stage("render");
  await elev.write();
  stage("index");
  if (options.index !== false) await buildSearchIndex(out, options.quiet ? () => {} : undefined);
  stage("done");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const output = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "_site";
  await build(output, { index: !process.argv.includes("--no-index") });
  console.log(`[gazette] built ${output} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
