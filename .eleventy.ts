// Eleventy configuration, run through tsx: `node --import tsx node_modules/@11ty/eleventy/cmd.cjs
// --config=.eleventy.ts` (see scripts/build.ts). Thin by design: the archive is built in src/archive,
// its site data in src/site; this file wires directories, global data, filters and the after-build steps.
import { CSP_HEADER, CSP_META } from "./src/site/csp.ts";
import { labelsFor } from "./src/site/labels.ts";
import { filters } from "./src/site/filters.ts";
import { loadSiteWithImages, type SiteData } from "./src/site/data.ts";
import { copyImages, writeRenditions } from "./src/site/images.ts";
import { compileNunjucksOnce, type NunjucksModule } from "./src/site/nunjucks-cache.ts";
import { planRender, type RenderPlan } from "./src/site/render-plan.ts";
import { buildSearchIndex } from "./scripts/search-index.ts";
import { stage } from "./scripts/stages.ts";

interface EleventyConfig {
  setNunjucksEnvironmentOptions(o: object): void;
  addGlobalData(name: string, value: unknown): void;
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
  addPassthroughCopy(map: Record<string, string>): void;
  addWatchTarget(path: string): void;
  setServerPassthroughCopyBehavior(b: "copy" | "passthrough"): void;
  setServerOptions(o: object): void;
  on(event: "eleventy.after", fn: (arg: { dir: { output: string }; runMode: string; results: { url: string; outputPath: string | false; content: string }[] }) => unknown): void;
  on(event: "eleventy.engine.njk", fn: (arg: { nunjucks: NunjucksModule }) => unknown): void;
}

export default function (config: EleventyConfig) {
  // Page text is hostile text: every {{ value }} is escaped unless a template says `| safe`.
  config.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  // A paginated template is compiled once, not once per page (src/site/nunjucks-cache.ts).
  config.on("eleventy.engine.njk", ({ nunjucks }) => compileNunjucksOnce(nunjucks));

  // GAZETTE_CONTENT and GAZETTE_OUTPUT choose other folders (scripts/build.ts, the tests).
  const contentDir = process.env.GAZETTE_CONTENT ?? "content";
  const outputDir = process.env.GAZETTE_OUTPUT ?? "_site";
  const baseDir = process.env.GAZETTE_BASE || null;
  let site: SiteData | null = null;
  let plan: RenderPlan | null = null;
  // The archive, with its facsimiles and photos processed by sharp (through the cache in .cache/images/).
  config.addGlobalData("csp", { meta: CSP_META, header: CSP_HEADER });
  config.addGlobalData("gz", async () => {
    stage("parse");
    site = await loadSiteWithImages({ contentDir, quiet: process.env.GAZETTE_QUIET === "1", onImages: () => stage("images") });
    // Only the pages whose content changed since the build in GAZETTE_BASE (scripts/build.ts); without one, all.
    plan = planRender(site, { contentDir, outDir: outputDir, base: baseDir });
    site.render = plan.render;
    console.log(`[gazette] render: ${plan.rendered} of ${plan.rendered + plan.kept} archive node(s) changed, ${plan.kept} kept from the previous build`);
    stage("render");
    return site;
  });
  config.addWatchTarget(contentDir);

  for (const [name, fn] of Object.entries(filters)) config.addFilter(name, fn as (...args: never[]) => unknown);
  config.addFilter("labels", labelsFor);

  config.addPassthroughCopy({ assets: "assets" });
  config.setServerPassthroughCopyBehavior("copy");
  config.setServerOptions({ port: Number(process.env.PORT ?? 8080), domDiff: false });

  config.on("eleventy.after", async ({ dir, runMode, results }) => {
    stage("images");
    if (site && plan) {
      const images = [...copyImages(site.archive.images, dir.output), ...writeRenditions(site.archive.renditions, dir.output, baseDir)];
      // The manifest of a complete build (scripts/build.ts); the dev server's _site/ has none.
      if (runMode === "build") plan.commit(results, images);
    }
    // `npm run build` indexes in its own step (scripts/build.ts); the dev server re-indexes after each build.
    if (runMode !== "build") await buildSearchIndex(dir.output);
  });

  return {
    dir: { input: "layouts/pages", includes: "../partials", layouts: "../base", output: outputDir },
    templateFormats: ["njk"],
    htmlTemplateEngine: "njk",
  };
}
