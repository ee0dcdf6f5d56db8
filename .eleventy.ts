// Eleventy configuration, run through tsx: `node --import tsx node_modules/@11ty/eleventy/cmd.cjs
// --config=.eleventy.ts` (see scripts/build.ts). Thin by design: the archive is built in src/archive,
// its site data in src/site; this file wires directories, global data, filters and the after-build steps.
import { CSP_HEADER, CSP_META } from "./src/site/csp.ts";
import { labelsFor } from "./src/site/labels.ts";
import { filters } from "./src/site/filters.ts";
import { loadSiteWithImages, writeExtraFiles, writeRecords, type SiteData } from "./src/site/data.ts";
import { compileNunjucksOnce, type NunjucksModule } from "./src/site/nunjucks-cache.ts";
import { fastFrameSet, type NunjucksRuntime } from "./src/site/nunjucks-frame.ts";
import { forgetManifest } from "./src/site/render-plan.ts";
import { buildContext } from "./src/site/build-context.ts";
import { pagefindFileHandler } from "./src/site/pagefind-encoding.ts";
import { buildSearchIndex, pageDigest } from "./scripts/search-index.ts";

interface EleventyConfig {
  setNunjucksEnvironmentOptions(o: object): void;
  addGlobalData(name: string, value: unknown): void;
  addPassthroughCopy(map: Record<string, string>): void;
  addWatchTarget(path: string): void;
  setServerPassthroughCopyBehavior(b: "copy" | "passthrough"): void;
  setServerOptions(o: object): void;
  ignores: Set<string>;
  on(event: "eleventy.after", fn: (arg: { dir: { output: string }; runMode: string; results: { url: string; inputPath: string; outputPath: string | false; content: string }[] }) => unknown): void;
  on(event: "eleventy.engine.njk", fn: (arg: { nunjucks: NunjucksModule & NunjucksRuntime; environment: { addFilter(name: string, fn: (...args: never[]) => unknown): void } }) => unknown): void;
}

/** The templates of no archive node: rendered once per build, by the last slice (scripts/build.ts). */
const SHARED_TEMPLATES = ["404.njk", "authors.njk", "feed.njk", "headers.njk", "index.njk", "report.njk", "robots.njk", "rubrics.njk", "search.njk", "sitemap.njk"];

export default function (config: EleventyConfig) {
  // Page text is hostile text: every {{ value }} is escaped unless a template says `| safe`.
  config.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  // A paginated template is compiled once, not once per page (src/site/nunjucks-cache.ts), and its
  // variables are set without splitting their names each time (src/site/nunjucks-frame.ts). The
  // filters are Nunjucks' own: Eleventy's addFilter wraps every call in a timer, a Promise check and a
  // context of its own (about 1 s of a 10,000-article render's CPU profile, for filters that need none
  // of it), and the templates are Nunjucks only.
  config.on("eleventy.engine.njk", ({ nunjucks, environment }) => {
    compileNunjucksOnce(nunjucks);
    fastFrameSet(nunjucks);
    for (const [name, fn] of Object.entries(filters)) environment.addFilter(name, fn as (...args: never[]) => unknown);
    environment.addFilter("labels", labelsFor);
  });

  // GAZETTE_CONTENT and GAZETTE_OUTPUT choose other folders (scripts/build.ts, the tests).
  const contentDir = process.env.GAZETTE_CONTENT ?? "content";
  const outputDir = process.env.GAZETTE_OUTPUT ?? "_site";
  // `npm run build` loads the archive once and runs Eleventy once per slice of the pages to render
  // (scripts/build.ts, src/site/build-context.ts); the dev server has no context and loads it here.
  const ctx = buildContext();
  if (ctx && !ctx.shared) for (const t of SHARED_TEMPLATES) config.ignores.add(`layouts/pages/${t}`);
  let site: SiteData | null = null;
  config.addGlobalData("csp", { meta: CSP_META, header: CSP_HEADER });
  config.addGlobalData("gz", async () => {
    if (ctx) {
      ctx.site.render = ctx.slice;
      return ctx.site;
    }
    // The archive, with its facsimiles and photos processed by sharp (through the cache in .cache/images/).
    site = await loadSiteWithImages({ contentDir, quiet: process.env.GAZETTE_QUIET === "1" });
    forgetManifest(outputDir);
    return site;
  });
  config.addWatchTarget(contentDir);

  if (!ctx || ctx.shared) config.addPassthroughCopy({ assets: "assets" });
  config.setServerPassthroughCopyBehavior("copy");
  // Pagefind's gzipped files are sent as such, for the browser to inflate (src/site/pagefind-encoding.ts).
  config.setServerOptions({ port: Number(process.env.PORT ?? 8080), domDiff: false, onRequest: { "/pagefind/*": pagefindFileHandler(outputDir) } });

  config.on("eleventy.after", async ({ dir, results }) => {
    if (ctx) {
      // What the run wrote, for the manifest; an article page's digest for the search index's shards.
      for (const r of results) {
        const article = r.inputPath.endsWith("/article.njk") && typeof r.outputPath === "string";
        ctx.written.push({ url: r.url, outputPath: r.outputPath, digest: article ? pageDigest(r.content) : null });
      }
      // The records of the run's pages and articles, as JSON beside them.
      ctx.written.push(...writeRecords(ctx.slice, dir.output));
      return;
    }
    // The dev server: records, pictures, then the search index, after each build.
    if (site) {
      writeRecords(site.render, dir.output);
      writeExtraFiles(site, dir.output);
    }
    await buildSearchIndex(dir.output);
  });

  return {
    dir: { input: "layouts/pages", includes: "../partials", layouts: "../base", output: outputDir },
    templateFormats: ["njk"],
    htmlTemplateEngine: "njk",
  };
}
