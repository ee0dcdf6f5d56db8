// npm run build: the site in _site/ (or the folder given), rendered by Eleventy, then indexed by Pagefind.
//   node --import tsx scripts/build.ts [OUTPUT]            (GAZETTE_CONTENT=DIR builds another content folder)
//   node --import tsx scripts/build.ts OUTPUT --no-index   (render only: the search shards are indexed apart, README "Scale")
//   node --import tsx scripts/build.ts OUTPUT --full       (render every page, whatever the previous build left)
//   node --import tsx scripts/build.ts OUTPUT --part I/N   (part I of N of the pages, not indexed: a CI matrix job)
//
// A build never writes into the site being served. It writes `<OUTPUT>.next/`, then:
// - a full build (no previous build, or --full) swaps that folder in for OUTPUT;
// - an incremental build (OUTPUT has the render manifest of the build that made it) has rendered into
//   `.next/` only the pages whose content changed (src/site/render-plan.ts) and the shards to index
//   again; it writes a journal of what to move into OUTPUT and what to remove from it, then applies it.
// A build that fails or is killed before the swap or the journal leaves OUTPUT whole. One killed while
// applying a journal (a few renames) is finished by the next build, which first applies the journal
// it finds (each step can be done twice), puts back a site set aside by an interrupted swap, and
// removes a half-built `.next/`.
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { isInside } from "../src/archive/paths.ts";
import { Eleventy } from "@11ty/eleventy";
import { setBuildContext, type Written } from "../src/site/build-context.ts";
import { EXPORT_FILE, loadSiteWithImages, writeExtraFiles, type SiteData } from "../src/site/data.ts";
import { articlesOf, emptyRenderSet, fileOf, manifestFiles, manifestPath, planRender, sliceRenderSet, sliceRenderSetByShard, writeManifest, type Manifest, type RenderPlan, type RenderSet } from "../src/site/render-plan.ts";
import type { Article } from "../src/archive/types.ts";
import { pruneCache } from "../src/archive/cache-prune.ts";
import { cacheDir, markParserUsed, parserUsed, usedParseKeys } from "../src/archive/parse-cache.ts";
import { startParseHelpers } from "../src/archive/warm-parse.ts";
import { describeIndex, groupShards, IN_PROCESS_MAX, keyShard, ShardIndexer, type Shard } from "./search-index.ts";
import { lockOutput } from "./build-lock.ts";
import { event, stage } from "./stages.ts";

interface Journal {
  /** The folder the files come from. */
  next: string;
  /** Paths (site-relative) to move from `next` into the site; a path ending in `/` is a folder moved whole. */
  moves: string[];
  /** Paths to remove from the site. */
  removes: string[];
  /** The site's manifest once the journal is applied. */
  manifest: Manifest;
}

const journalPath = (out: string) => join(dirname(out), `.${basename(out)}.journal.json`);

/** Files under a folder, site-relative; the search shards' folders as whole folders (`…/<name>/`). */
function movesOf(next: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (rel === "pagefind/shards") out.push(`${r}/`);
        else walk(join(dir, e.name), r);
      } else out.push(r);
    }
  };
  walk(next, "");
  return out.sort();
}

/** Applies a journal to the site `out`: moves, then removals, then the manifest. Safe to run twice. */
function applyJournal(out: string, j: Journal): void {
  const at = (root: string, rel: string) => join(root, ...rel.split("/").filter(Boolean));
  for (const rel of j.moves) {
    const from = at(j.next, rel);
    const to = at(out, rel);
    if (!existsSync(from)) continue; // moved by an earlier, interrupted run
    mkdirSync(dirname(to), { recursive: true });
    if (rel.endsWith("/")) {
      // A shard's folder: the old one is set aside first, so that the name is never missing for long.
      const aside = `${to}.old-${process.pid}`;
      if (existsSync(to)) renameSync(to, aside);
      renameSync(from, to);
      rmSync(aside, { recursive: true, force: true });
    } else renameSync(from, to); // replaces the old file at once
  }
  const emptied = new Set<string>();
  for (const rel of j.removes) {
    rmSync(at(out, rel), { recursive: true, force: true });
    emptied.add(dirname(at(out, rel)));
  }
  // Folders left empty go too, as a full build would not have them.
  for (const start of [...emptied].sort((a, b) => b.length - a.length)) {
    for (let dir = start; isInside(out, dir); dir = dirname(dir)) {
      if (!existsSync(dir) || readdirSync(dir).length) break;
      rmSync(dir, { recursive: true, force: true });
    }
  }
  writeManifest(out, j.manifest);
  rmSync(journalPath(out), { force: true });
}

/** Removes a folder tree without waiting for it: a detached `rm -rf` where there is one. */
function removeLater(dir: string): void {
  if (process.platform === "win32") return rmSync(dir, { recursive: true, force: true });
  spawn("rm", ["-rf", dir], { detached: true, stdio: "ignore" }).unref();
}

/** Finishes what an interrupted build left: its journal, a site it set aside, its half-built folder. */
function recover(out: string): void {
  if (existsSync(journalPath(out))) applyJournal(out, JSON.parse(readFileSync(journalPath(out), "utf8")) as Journal);
  const parent = dirname(out);
  // Newest first: the name ends with the time the build set it aside.
  const aside = (existsSync(parent) ? readdirSync(parent) : [])
    .filter((n) => n.startsWith(`${basename(out)}.prev-`))
    .sort((a, b) => Number(b.split("-").pop()) - Number(a.split("-").pop()))
    .map((n) => join(parent, n));
  if (!existsSync(out) && aside.length) renameSync(aside.shift()!, out);
  // What no build needs any more is removed in the background, as after a full build: a build started
  // right after a full one of 100,000 articles waited 50 s here for the old site's removal.
  for (const dir of aside) removeLater(dir);
  const next = `${out}.next`;
  if (existsSync(next)) {
    const trash = `${out}.trash-${process.pid}-${Date.now()}`;
    renameSync(next, trash);
  }
  const trashed = existsSync(parent) ? readdirSync(parent).filter((n) => n.startsWith(`${basename(out)}.trash-`)) : [];
  for (const n of trashed) removeLater(join(parent, n));
}

/**
 * The most archive nodes one Eleventy run renders. Eleventy keeps every page of a run in memory (about
 * 55 kB a node, measured at 10,000 articles: 14,600 nodes, 0.8 GB), so a run of this many stays near
 * 1.1 GB whatever the archive's size; a run costs about a second to start, a few per 100,000 articles.
 * GAZETTE_SLICE=N overrides it (the tests use small slices).
 */
export const SLICE_NODES = 20_000;

/**
 * The fewest nodes a slice holds before it may end with a shard (renderAndIndex): a few seconds of
 * render, against the second an Eleventy run costs to start; the shard's index (about 4–5 ms of CPU
 * an article) then runs beside the next slice.
 */
export const SHARD_SLICE_MIN = 2_000;

const sliceNodes = () => Number(process.env.GAZETTE_SLICE) || SLICE_NODES;

/**
 * Whether the build is likely to find the parse cache empty, and fills it on every core while it
 * loads the archive (startParseHelpers): a build with no site to build on, a full one, and the first
 * build with a new parser (a new Gazette), whose entries no build has written yet (parserUsed).
 */
export function parseCacheLikelyEmpty(out: string, full: boolean): boolean {
  return !existsSync(out) || full || !parserUsed();
}

/**
 * Renders slices into `dir`, one Eleventy run each, the last run also the shared pages (home, lists,
 * feeds, sitemap, report, assets: half a second at 10,000 articles, which would delay the first shard's
 * index); `after` follows each run.
 */
async function renderSlices(site: SiteData, slices: RenderSet[], dir: string, shared: boolean, after?: (slice: RenderSet, written: Written[]) => void): Promise<Written[]> {
  // The config's dir.output wins over Eleventy's constructor argument, so the folder goes by env.
  process.env.GAZETTE_OUTPUT = dir;
  const written: Written[] = [];
  for (const [i, slice] of slices.entries()) {
    const start = written.length;
    setBuildContext({ site, slice, shared: shared && i === slices.length - 1, written });
    await new Eleventy(undefined, dir, { configPath: ".eleventy.ts", quietMode: true, runMode: "build" }).write();
    event("slice-rendered", String(i + 1));
    after?.(slice, written.slice(start));
  }
  setBuildContext(null);
  return written;
}

/**
 * Renders the plan into `dir`, articles first and shard by shard, handing each shard to the indexer once
 * its last page is written (with its key: the digests of its pages, rendered now or kept from before).
 */
async function renderAndIndex(site: SiteData, plan: RenderPlan, dir: string, shards: Shard[], indexer: ShardIndexer): Promise<Written[]> {
  const shardOfFile = new Map<string, number>();
  shards.forEach((s, i) => s.files.forEach((f) => shardOfFile.set(f, i)));
  const shardOf = (a: Article) => shardOfFile.get(fileOf(a.url)) ?? shards.length;
  const digests = new Map<string, string | undefined>();
  for (const a of articlesOf(plan.previous ?? { nodes: {} })) digests.set(a.file, a.digest);
  const left = shards.map(() => 0);
  for (const a of plan.render.articles) if (shardOf(a) < shards.length) left[shardOf(a)]!++;
  const handIn = (i: number) => {
    keyShard(shards[i]!, digests);
    indexer.add(shards[i]!);
  };
  // Shards with nothing to render (an incremental build) are ready now.
  left.forEach((n, i) => n === 0 && handIn(i));
  // The workers the others will need start now: a worker takes about half a second to start, which the
  // render's first slice hides (adding a page: its shard waited 0.6 s for the worker spawned for it).
  const needWorker = shards.filter((s, i) => left[i]! > 0 && s.files.length > IN_PROCESS_MAX).length;
  indexer.startWorkers(Math.min(availableParallelism(), needWorker));
  const slices = sliceRenderSetByShard(plan.render, shardOf, sliceNodes(), SHARD_SLICE_MIN);
  return renderSlices(site, slices, dir, true, (slice, written) => {
    for (const w of written) if (w.digest) digests.set(fileOf(w.url), w.digest);
    for (const a of slice.articles) {
      const i = shardOf(a);
      if (i < shards.length && --left[i]! === 0) handIn(i);
    }
  });
}

/**
 * Collects the render's garbage before the last shards are indexed. Eleventy leaves some 1.2 GB of
 * dead objects at 10,000 articles, and V8 collects only when this process allocates, which it hardly
 * does while it waits for the index jobs: the memory would stay taken beside theirs (peak 3.0 GB at
 * 10,000 articles, 1.8 GB after a collection, which gives most of it back to the system within seconds).
 * gc() is reached as Jest reaches it, by exposing it to a new context (no command-line flag needed).
 * A build that rendered few nodes has little to give back (about 55 kB a node), and the collection goes
 * through the whole loaded archive: 0.3–0.4 s of a build that adds a page (100–300 nodes, 8–10 s).
 */
const RELEASE_AFTER_NODES = 2_000;

function releaseRenderMemory(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/**
 * Part `part` of `parts` of the site, rendered into `output` (a fresh folder), not indexed: one job of a
 * CI matrix that renders an archive too large for one machine (README "A CI matrix"). Each part reads
 * the whole archive but renders only its share of the pages, so the parts' folders never overlap; the
 * first part has the shared pages, assets and pictures. Merged, they are the site a build renders.
 */
export async function renderPart(output: string, part: number, parts: number): Promise<void> {
  const out = resolve(output);
  rmSync(out, { recursive: true, force: true });
  const contentDir = process.env.GAZETTE_CONTENT ?? "content";
  const site = await loadSiteWithImages({ contentDir, quiet: process.env.GAZETTE_QUIET === "1" });
  const all = planRender(site, { contentDir, outDir: out, base: null }).render;
  const nodes = Object.values(all).reduce((n, list) => n + list.length, 0);
  const mine = sliceRenderSet(all, Math.max(1, Math.ceil(nodes / parts)))[part - 1] ?? emptyRenderSet();
  await renderSlices(site, sliceRenderSet(mine, sliceNodes()), out, part === 1);
  if (part === 1) writeExtraFiles(site, out);
}

export async function build(output = "_site", options: { quiet?: boolean; index?: boolean; full?: boolean } = {}): Promise<void> {
  const out = resolve(output);
  const release = lockOutput(out);
  try {
    await buildLocked(out, options);
  } finally {
    release();
  }
}

async function buildLocked(out: string, options: { quiet?: boolean; index?: boolean; full?: boolean }): Promise<void> {
  const next = `${out}.next`;
  recover(out);
  const contentDir = process.env.GAZETTE_CONTENT ?? "content";

  stage("parse");
  const helpers = parseCacheLikelyEmpty(out, options.full === true) ? startParseHelpers(contentDir) : null;
  const site = await loadSiteWithImages({ contentDir, quiet: process.env.GAZETTE_QUIET === "1", onImages: () => stage("images"), onSite: () => stage("site") });
  await helpers;
  markParserUsed();
  stage("plan");
  const plan = planRender(site, { contentDir, outDir: next, base: !options.full && existsSync(out) ? out : null });
  // The previous build is used only when its manifest matches the templates and code (else: a full build).
  const previous = plan.previous;
  console.log(`[gazette] render: ${plan.rendered} of ${plan.rendered + plan.kept} archive node(s) changed, ${plan.kept} kept from the previous build`);

  stage("render");
  // The search index is built while the site renders: the articles are rendered first, shard by shard,
  // and each shard is indexed (by an index worker) as soon as its pages are written, on the cores the
  // render leaves, with two more sent ahead (ShardIndexer's `ahead`); the rest once the render is done.
  const indexer = options.index === false ? null : new ShardIndexer(next, previous ? { dir: out, shards: previous.shards } : undefined, Math.max(1, availableParallelism() - 1), 2);
  const shards = indexer ? groupShards(plan.articles) : [];
  let manifest: Manifest;
  try {
    const written = indexer ? await renderAndIndex(site, plan, next, shards, indexer) : await renderSlices(site, sliceRenderSet(plan.render, sliceNodes()), next, true);
    const exportBase = previous?.exportRanges ? { file: join(out, ...EXPORT_FILE.split("/")), ranges: previous.exportRanges, unchanged: plan.issueKept } : null;
    const extra = writeExtraFiles(site, next, previous ? out : null, exportBase);
    manifest = plan.commit(written, extra.files);
    manifest.exportRanges = extra.exportRanges;
    // Eleventy's passthrough copies are no template's output: the manifest lists them with the shared files.
    const assets = join(next, "assets");
    if (existsSync(assets)) manifest.shared.push(...movesOf(assets).map((f) => `assets/${f}`));

    stage("index");
    if (indexer) {
      if (plan.rendered >= RELEASE_AFTER_NODES) releaseRenderMemory();
      indexer.setJobs(availableParallelism(), 0);
      await indexer.finish(shards);
      manifest.shards = Object.fromEntries(shards.map((s) => [s.name, s.key]));
      const pf = join(next, "pagefind");
      if (!options.quiet) console.log(describeIndex(shards, indexer.indexed.length, pf));
      manifest.shared.push(...readdirSync(pf, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => `pagefind/${e.name}`));
    }
  } catch (e) {
    // Index jobs write into `next`: none is left running once the build has failed.
    await indexer?.abandon();
    throw e;
  }

  stage("swap");
  if (!previous) {
    // Two renames: between them there is no OUTPUT, and recover() puts the old one back if a build dies
    // there. The old site's name is its own, so that its removal in the background never meets another's.
    const prev = `${out}.prev-${process.pid}-${Date.now()}`;
    rmSync(manifestPath(out), { force: true });
    if (existsSync(out)) renameSync(out, prev);
    renameSync(next, out);
    writeManifest(out, manifest);
    if (existsSync(prev)) removeLater(prev);
  } else {
    const now = manifestFiles(manifest);
    const journal: Journal = { next, moves: movesOf(next), removes: [...manifestFiles(previous)].filter((f) => !now.has(f)).sort(), manifest };
    const path = journalPath(out);
    writeFileSync(`${path}.tmp`, JSON.stringify(journal));
    renameSync(`${path}.tmp`, path); // from here on the build is done, even if this process dies
    // Fault injection for tests/site/incremental.test.ts: die as if killed between journal and apply.
    if (process.env.GAZETTE_DIE_AFTER_JOURNAL === "1") process.exit(75);
    applyJournal(out, journal);
    rmSync(next, { recursive: true, force: true });
  }
  // Old cache entries this build did not use go, once a day (src/archive/cache-prune.ts).
  const cache = cacheDir();
  if (cache) pruneCache(cache, { parse: usedParseKeys, search: new Set(Object.values(manifest.shards)) });
  stage("done");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const argv = process.argv.slice(2);
  const output = argv.find((a, i) => !a.startsWith("--") && argv[i - 1] !== "--part") ?? "_site";
  const part = /^(\d+)\/(\d+)$/.exec(process.argv[process.argv.indexOf("--part") + 1] ?? "");
  if (process.argv.includes("--part")) {
    if (!part || +part[1]! < 1 || +part[1]! > +part[2]!) throw new Error("--part wants i/N, 1 ≤ i ≤ N");
    await renderPart(output, +part[1]!, +part[2]!);
  } else await build(output, { index: !process.argv.includes("--no-index"), full: process.argv.includes("--full") });
  console.log(`[gazette] built ${output} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
