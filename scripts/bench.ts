// The build benchmark: Gazette against the site a user would otherwise build, on the same articles.
//
//   npm run bench -- --articles N [--seed S] [--repeat R] [--keep] [--skip-baseline] [--skip-add] [--verbose]
//   npm run bench -- --search-site DIR [--query Q] [--pagefind-plain]
//
// 1. Generates an archive of N articles into a temporary folder (never content/): page files in the
//    content layout, three papers over three years, real newspaper text recombined from the golden
//    pages (scripts/bench/archive.ts); and the same articles as plain Markdown.
// 2. Runs the full Gazette build (scripts/build.ts) in a child process and prints, per stage (parse,
//    images, site data, render plan, render, index, swap), the wall time and the peak memory of the
//    whole process tree (Node and the Pagefind binary it drives, sampled from /proc), then the output's
//    size and file count.
// 3. Builds the baseline: a minimal Eleventy site over the Markdown, then `pagefind --site` (the CLI),
//    timed and sampled the same way, and prints the ratios Gazette/baseline.
// 4. Opens the search page cold (a fresh browser profile) in headless Chromium with a Chinese query and
//    measures the bytes fetched (counted by the server, the search worker's fetches included; search_kb
//    is what a host that gzips text sends) and the milliseconds until the first result shows; then the
//    same until the complete answer, over every shard, shows (search_all_kb, search_all_ms): a large
//    archive answers first from its newest shards (assets/search/pagefind.js). Three cold searches,
//    each in a new browser; the median is reported. The server sends Pagefind's gzipped files with
//    `Content-Encoding: gzip` as README "Publish" asks of a host (src/site/pagefind-encoding.ts);
//    `--pagefind-plain` sends them as they are, as a host that was not told would.
//    `--search-site DIR [--query Q]` runs this step alone on a site built before.
// 5. Adds one page to the newest issue and builds again into the same folder: only what shows the page is
//    rendered (the render manifest) and its shard re-indexed (the first build's caches) (add_s).
// 6. With --repeat R (R > 1), R - 1 more pairs of full builds, each Gazette's from scratch (a new folder,
//    no cache) and each pair's order the other way round from the last (the baseline first, then
//    Gazette, then Gazette first, ...): the machine's speed drifts by a quarter within an hour, and a
//    pair's two builds, run back to back, see the same machine. The summary then gives the medians of
//    the R builds of each, the median of the R pairs' ratios (ratio) and every pair's (ratios).
// Before each measured step (the builds, the searches) the disk's dirty pages are written out (sync),
// so that one step's files written back in the background do not count in the next one's time.
// The last line is one summary for scripts:
//   BENCH articles=N build_s=… baseline_s=… ratio=… cpu_s=… baseline_cpu_s=… sys_s=… baseline_sys_s=… steal_s=… baseline_steal_s=… peak_mb=… search_kb=… search_ms=… search_all_kb=… search_all_ms=… files=… add_s=… runs=R ratios=…
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { addPage, generateArchive } from "./bench/archive.ts";
import { CLOCK_TICKS, stealMs } from "./bench/host.ts";
import { PAGEFIND_GZIPPED, PAGEFIND_GZIPPED_HEADERS } from "../src/site/pagefind-encoding.ts";
import { isInside } from "../src/archive/paths.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 1) throw new Error(`--${name} wants a positive number`);
  return Math.floor(v);
}
const flag = (name: string) => process.argv.includes(`--${name}`);

/** What the process tree uses now, from /proc: resident memory (bytes), and the CPU time (ms) of each process in it. */
function sampleTree(root: number): { rss: number; cpu: Map<number, Cpu> } {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  const cpuOf = new Map<number, Cpu>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ppid = Number(rest[1]);
      const pid = Number(name);
      (children.get(ppid) ?? children.set(ppid, []).get(ppid)!).push(pid);
      rss.set(pid, Number(rest[21]) * 4096);
      const sys = (Number(rest[12]) * 1000) / CLOCK_TICKS;
      cpuOf.set(pid, { all: (Number(rest[11]) * 1000) / CLOCK_TICKS + sys, sys });
    } catch {
      /* the process ended meanwhile */
    }
  }
  let total = 0;
  const cpu = new Map<number, Cpu>();
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    cpu.set(pid, cpuOf.get(pid) ?? { all: 0, sys: 0 });
    stack.push(...(children.get(pid) ?? []));
  }
  return { rss: total, cpu };
}

/** CPU time (ms) of a process: user and system together, and system alone (the kernel's work for it: files, memory). */
interface Cpu {
  all: number;
  sys: number;
}
interface Stage {
  name: string;
  ms: number;
  peak: number;
  /** CPU time (ms) the process tree used in the stage, every process and core together. */
  cpu: number;
  /** Of which system time: on this machine mostly creating files, whose cost varies from minute to minute. */
  sys: number;
}
interface Run {
  ms: number;
  peak: number;
  /** CPU time (ms) of the whole run; a process's last 100 ms (between samples) may be missed. */
  cpu: number;
  sys: number;
  /** The machine's stolen time during the run (stealMs). */
  steal: number;
  stages: Stage[];
  /** `@@event <name> <detail> <ms>` lines (scripts/stages.ts), in order. */
  events: { name: string; detail: string; ms: number }[];
}

/**
 * Runs a command, sampling the memory and CPU time of its process tree every 100 ms. Lines `@@stage
 * <name> <ms>` on its stderr (scripts/stages.ts) start a stage; without them the whole run is one stage
 * named `first`.
 */
function run(cmd: string, args: string[], opts: { cwd?: string; env?: Record<string, string>; first: string }): Promise<Run> {
  return new Promise((ok, fail) => {
    const started = Date.now();
    const stealAtStart = stealMs();
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ["ignore", "pipe", "pipe"] });
    const stages: (Stage & { cpuAt: number; sysAt: number })[] = [{ name: opts.first, ms: started, peak: 0, cpu: 0, sys: 0, cpuAt: 0, sysAt: 0 }];
    let peak = 0;
    // The CPU time each process of the tree has used, as last seen (a process that ended keeps its last value).
    const cpuOf = new Map<number, Cpu>();
    let cpu = 0;
    let sys = 0;
    const sample = () => {
      const now = sampleTree(child.pid!);
      peak = Math.max(peak, now.rss);
      for (const [pid, ms] of now.cpu) {
        const before = cpuOf.get(pid);
        cpu += ms.all - (before?.all ?? 0);
        sys += ms.sys - (before?.sys ?? 0);
        cpuOf.set(pid, ms);
      }
      const cur = stages[stages.length - 1]!;
      cur.peak = Math.max(cur.peak, now.rss);
    };
    const timer = setInterval(sample, 100);
    let err = "";
    let out = "";
    const events: Run["events"] = [];
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d: Buffer) => {
      err += d;
      let nl: number;
      while ((nl = err.indexOf("\n")) >= 0) {
        const line = err.slice(0, nl);
        err = err.slice(nl + 1);
        const e = /^@@event (\S+) (\S+) (\d+)$/.exec(line);
        if (e) {
          events.push({ name: e[1]!, detail: e[2]!, ms: Number(e[3]) });
          continue;
        }
        const m = /^@@stage (\S+) (\d+)$/.exec(line);
        if (!m) {
          if (line.trim()) out += `${line}\n`;
          continue;
        }
        sample();
        const last = stages[stages.length - 1]!;
        if (last.name === m[1]) continue;
        stages.push({ name: m[1]!, ms: Number(m[2]), peak: 0, cpu: 0, sys: 0, cpuAt: cpu, sysAt: sys });
      }
    });
    child.on("error", fail);
    child.on("close", (code) => {
      clearInterval(timer);
      const end = Date.now();
      if (code !== 0) return fail(new Error(`${cmd} ${args.join(" ")} exited with ${code}\n${out.slice(-4000)}`));
      // Stage durations: from each marker to the next; stages of one name (render resumes after parse) add up.
      const merged = new Map<string, Stage>();
      stages.forEach((s, i) => {
        const until = i + 1 < stages.length ? stages[i + 1]! : { ms: end, cpuAt: cpu, sysAt: sys };
        const m = merged.get(s.name) ?? { name: s.name, ms: 0, peak: 0, cpu: 0, sys: 0 };
        m.ms += until.ms - s.ms;
        m.cpu += until.cpuAt - s.cpuAt;
        m.sys += until.sysAt - s.sysAt;
        m.peak = Math.max(m.peak, s.peak);
        merged.set(s.name, m);
      });
      merged.delete("done");
      ok({ ms: end - started, peak, cpu, sys, steal: stealMs() - stealAtStart, stages: [...merged.values()], events });
    });
  });
}

/**
 * Writes the disk's dirty pages out (sync(1)) before a measured step. The kernel writes a step's files
 * back in the background for many seconds after it ends (the 100,000-article build leaves 5 GB to
 * write); without this, that writing lands in the next step's time: the generated archive's in
 * Gazette's build, Gazette's site in the cold search and the baseline.
 */
function settle(): void {
  const t = Date.now();
  spawnSync("sync", { stdio: "ignore" });
  if (flag("verbose")) console.log(`  (disk flushed in ${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

/**
 * Cold searches measured, each in a new browser; the median (by the first results' time) is reported.
 * One cold start of Chromium varies by a few hundred milliseconds on a shared machine.
 */
const SEARCH_RUNS = 3;

function sizeOf(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    files++;
    bytes += statSync(join(e.parentPath, e.name)).size;
  }
  return { bytes, files };
}

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".wasm": "application/wasm" };

/** A file the server sent: when (epoch ms), its path, its size as it is and gzipped. */
interface Sent {
  at: number;
  path: string;
  bytes: number;
  gzipped: number;
}

/** A static server that counts the bytes it sends (a Web Worker's fetches included, which the page's own network events miss). */
async function countingServer(root: string): Promise<{ url: string; sent: Sent[]; close(): Promise<void> }> {
  const { createServer } = await import("node:http");
  const sent: Sent[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    let file = resolve(join(root, path));
    if (file !== root && !isInside(root, file)) return void res.writeHead(400).end();
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const body = readFileSync(file);
      // What a host that gzips text would send (Pagefind's own index files are gzipped already).
      sent.push({ at: Date.now(), path, bytes: body.length, gzipped: /\.(?:html|css|js|json|svg)$/.test(file) ? gzipSync(body).length : body.length });
      // Pagefind's gzipped files go as such (README "Publish"), unless --pagefind-plain: a host that sends them as they are.
      const encoded = !flag("pagefind-plain") && PAGEFIND_GZIPPED.test(file) ? PAGEFIND_GZIPPED_HEADERS : {};
      res.writeHead(200, { "content-type": TYPES[/\.[a-z]+$/.exec(file)?.[0] ?? ""] ?? "application/octet-stream", "cache-control": "no-store", ...encoded });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
    sent,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

interface SearchRun {
  /** Until the first result shows: bytes sent (and as gzipped), requests, milliseconds. */
  first: { bytes: number; gzipped: number; indexBytes: number; requests: number; ms: number };
  /** Until the complete answer (every shard) shows, or the first when it was complete already. */
  all: { bytes: number; gzipped: number; indexBytes: number; requests: number; ms: number };
  results: number;
}

/**
 * A cold search: fresh browser profile, /search/?q=…, until the first result shows, then until the
 * page says its answer covers every shard (#search[data-coverage=complete], assets/js/search.js).
 */
async function coldSearch(site: string, query: string): Promise<SearchRun> {
  const { launch } = await import("../tests/helpers/browser.ts");
  const server = await countingServer(resolve(site));
  const browser = await launch();
  const tally = (sent: typeof server.sent, ms: number) => ({
    bytes: sent.reduce((n, x) => n + x.bytes, 0),
    gzipped: sent.reduce((n, x) => n + x.gzipped, 0),
    indexBytes: sent.filter((x) => x.path.startsWith("/pagefind/shards/")).reduce((n, x) => n + x.bytes, 0),
    requests: sent.length,
    ms,
  });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The page notes (epoch ms: the server's clock, on this machine) when the first result is drawn
    // and when the complete answer is; what the server sent until then counts for each.
    await page.addInitScript(() => {
      const w = window as unknown as { __firstAt?: number; __completeAt?: number };
      new MutationObserver(() => {
        if (!w.__firstAt && document.querySelector(".search__list .result")) w.__firstAt = Date.now();
        if (!w.__completeAt && document.querySelector('#search[data-coverage="complete"] .search__list .result')) w.__completeAt = Date.now();
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-coverage"] });
    });
    const t0 = Date.now();
    await page.goto(`${server.url}/search/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => (window as unknown as { __completeAt?: number }).__completeAt, null, { timeout: 120000, polling: 50 });
    const at = await page.evaluate(() => {
      const w = window as unknown as { __firstAt: number; __completeAt: number };
      return { first: w.__firstAt, complete: w.__completeAt };
    });
    const results = await page.locator(".search__list .result").count();
    await page.waitForTimeout(500);
    if (flag("verbose")) for (const x of server.sent) console.log(`  fetched at ${String(x.at - t0).padStart(6)} ms ${String(x.bytes).padStart(8)} (gzip ${String(x.gzipped).padStart(8)})  ${x.path}`);
    const first = tally(server.sent.filter((x) => x.at <= at.first), at.first - t0);
    const all = tally(server.sent.filter((x) => x.at <= at.complete), at.complete - t0);
    return { first, all, results };
  } finally {
    await browser.close();
    await server.close();
  }
}

const kb = (b: number) => (b / 1024).toFixed(0);
/** SEARCH_RUNS cold searches after the disk is flushed: the median run (by its first results' time), with every run's times. */
async function coldSearches(site: string, query: string): Promise<SearchRun & { runs: SearchRun[] }> {
  settle();
  const runs: SearchRun[] = [];
  for (let i = 0; i < SEARCH_RUNS; i++) runs.push(await coldSearch(site, query));
  const median = [...runs].sort((a, b) => a.first.ms - b.first.ms)[Math.floor(runs.length / 2)]!;
  return { ...median, runs };
}

function describeSearch(query: string, r: SearchRun & { runs: SearchRun[] }): string {
  const line = (x: SearchRun["first"]) => `${x.ms.toFixed(0)} ms, ${x.requests} requests, ${kb(x.gzipped)} kB with gzip (${kb(x.bytes)} kB uncompressed, ${kb(x.indexBytes)} kB of it from the index shards)`;
  const runs = r.runs.map((x) => `${x.first.ms.toFixed(0)}/${x.all.ms.toFixed(0)}`).join(", ");
  return `search     cold "${query}", median of ${r.runs.length} (first/complete ms: ${runs}): first results in ${line(r.first)}\n           complete answer (every shard), ${r.results} result(s) shown, in ${line(r.all)}`;
}

// Only the cold search, on a site built before: --search-site DIR --query Q.
if (process.argv.includes("--search-site")) {
  const site = process.argv[process.argv.indexOf("--search-site") + 1]!;
  const query = process.argv.includes("--query") ? process.argv[process.argv.indexOf("--query") + 1]! : "橘喜";
  const r = await coldSearches(site, query);
  console.log(describeSearch(query, r));
  console.log(`BENCH search_kb=${kb(r.first.gzipped)} search_ms=${r.first.ms.toFixed(0)} search_all_kb=${kb(r.all.gzipped)} search_all_ms=${r.all.ms.toFixed(0)}`);
  process.exit(0);
}

const ARTICLES = arg("articles", 1000);
const SEED = arg("seed", 20230112);
const REPEAT = arg("repeat", 1);
const tmp = mkdtempSync(join(tmpdir(), "gazette-bench-"));
const mb = (b: number) => b / 1048576;
const s = (ms: number) => (ms / 1000).toFixed(1);
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
// Node's flags for the build, as `npm run build` gives them (package.json: the heap it needs).
const nodeFlags = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: { build: string } }).scripts.build.split(" ").filter((a, i, all) => i > 0 && i < all.indexOf("scripts/build.ts"));

/** Gazette's build of the generated archive into `site`, its caches in `cache` (a full build when both are new). */
function gazetteBuild(site: string, cache: string): Promise<Run> {
  settle();
  return run(process.execPath, [...nodeFlags, join(ROOT, "scripts/build.ts"), site], {
    env: { GAZETTE_CONTENT: join(tmp, "content"), GAZETTE_QUIET: "1", GAZETTE_STAGES: "1", GAZETTE_CACHE: cache },
    first: "render",
  });
}

/** The baseline's build from scratch: Eleventy over the Markdown, then the pagefind CLI; its line printed. */
async function baselineBuild(): Promise<{ run: Run; size: { bytes: number; files: number } }> {
  const mdDir = join(tmp, "markdown");
  const baseSite = join(tmp, "baseline");
  rmSync(baseSite, { recursive: true, force: true });
  writeFileSync(join(tmp, "eleventy.config.mjs"), "export default {};\n");
  settle();
  const eleventy = await run(process.execPath, [resolve(ROOT, "node_modules/@11ty/eleventy/cmd.cjs"), `--input=${mdDir}`, `--output=${baseSite}`, "--quiet"], { cwd: tmp, first: "eleventy" });
  const pf = await run(resolve(ROOT, "node_modules/.bin/pagefind"), ["--site", baseSite, "--silent"], { cwd: tmp, first: "pagefind" });
  const base = { ms: eleventy.ms + pf.ms, peak: Math.max(eleventy.peak, pf.peak), cpu: eleventy.cpu + pf.cpu, sys: eleventy.sys + pf.sys, steal: eleventy.steal + pf.steal, stages: [...eleventy.stages, ...pf.stages], events: [] };
  const size = sizeOf(baseSite);
  console.log(`baseline   build ${s(base.ms)} s (eleventy ${s(eleventy.ms)} s, pagefind CLI ${s(pf.ms)} s; CPU ${s(eleventy.cpu)} s and ${s(pf.cpu)} s, system ${s(eleventy.sys)} s and ${s(pf.sys)} s; stolen by the host ${s(base.steal)} s), peak ${mb(base.peak).toFixed(0)} MB, ${size.files} files, ${mb(size.bytes).toFixed(1)} MB`);
  return { run: base, size };
}

try {
  const g0 = Date.now();
  const gen = generateArchive(tmp, ARTICLES, SEED);
  console.log(`archive    ${gen.articles} articles on ${gen.pages} pages in ${gen.issues} issues, ${gen.years.join("–")}, ${mb(gen.bytes).toFixed(1)} MB of page text (generated in ${s(Date.now() - g0)} s) in ${tmp}`);

  const siteDir = join(tmp, "site");
  const gz = await gazetteBuild(siteDir, join(tmp, "cache"));
  const gzSize = sizeOf(siteDir);
  console.log(`gazette    build ${s(gz.ms)} s (CPU ${s(gz.cpu)} s, system ${s(gz.sys)} s; stolen by the host ${s(gz.steal)} s), peak ${mb(gz.peak).toFixed(0)} MB, ${gzSize.files} files, ${mb(gzSize.bytes).toFixed(1)} MB`);
  for (const name of ["parse", "images", "site", "plan", "render", "index", "swap"]) {
    const st = gz.stages.find((x) => x.name === name);
    console.log(`  ${name.padEnd(8)} ${st ? `${s(st.ms).padStart(7)} s  CPU ${s(st.cpu).padStart(6)} s (system ${s(st.sys).padStart(5)} s)  peak ${mb(st.peak).toFixed(0).padStart(6)} MB` : "      –"}`);
  }
  // The shards indexed beside the render (scripts/build.ts): "index" above is what was left after it.
  const renderEnd = gz.events.filter((e) => e.name === "slice-rendered").at(-1)?.ms ?? Infinity;
  const starts = gz.events.filter((e) => e.name === "shard-start");
  console.log(`  ${starts.filter((e) => e.ms < renderEnd).length} of ${starts.length} shard(s) began indexing before the render ended`);

  const search = await coldSearches(siteDir, gen.query);
  console.log(describeSearch(gen.query, search));

  // One more page in the newest issue, built again into the same folder: the build renders only what
  // shows the page (its render manifest) and re-indexes its shard (the caches of the first build).
  let inc: Run | null = null;
  if (!flag("skip-add")) {
    const added = addPage(join(tmp, "content"), SEED);
    inc = await gazetteBuild(siteDir, join(tmp, "cache"));
    console.log(`add page   ${added}: rebuilt in ${s(inc.ms)} s (${inc.stages.map((x) => `${x.name} ${s(x.ms)} s`).join(", ")}), peak ${mb(inc.peak).toFixed(0)} MB`);
  }

  // The pairs of full builds: Gazette's (the first one above, then each from scratch) and the baseline's.
  const pairs: { gz: Run; base: Run | null }[] = [];
  const baseline = flag("skip-baseline") ? null : await baselineBuild();
  pairs.push({ gz, base: baseline?.run ?? null });
  if (baseline) console.log(`ratio      time ${(gz.ms / baseline.run.ms).toFixed(3)}, peak memory ${(gz.peak / baseline.run.peak).toFixed(2)}, files ${(gzSize.files / baseline.size.files).toFixed(2)}, size ${(gzSize.bytes / baseline.size.bytes).toFixed(2)} (Gazette/baseline)`);
  for (let i = 2; i <= REPEAT; i++) {
    // Every other pair the baseline first, so that a machine growing slower or faster over the
    // session does not always favour the same side.
    const baseFirst = i % 2 === 0;
    const again = async () => {
      const site = join(tmp, `site-${i}`);
      const cache = join(tmp, `cache-${i}`);
      const r = await gazetteBuild(site, cache);
      console.log(`gazette    build ${s(r.ms)} s (CPU ${s(r.cpu)} s, system ${s(r.sys)} s; stolen by the host ${s(r.steal)} s), peak ${mb(r.peak).toFixed(0)} MB (pair ${i}, from scratch)`);
      rmSync(site, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
      return r;
    };
    const base = flag("skip-baseline") || !baseFirst ? null : (await baselineBuild()).run;
    const r = await again();
    const after = flag("skip-baseline") || baseFirst ? base : (await baselineBuild()).run;
    pairs.push({ gz: r, base: after });
    if (after) console.log(`ratio      pair ${i}: time ${(r.ms / after.ms).toFixed(3)} (${baseFirst ? "baseline first" : "Gazette first"})`);
  }

  const gzRuns = pairs.map((p) => p.gz);
  const baseRuns = pairs.flatMap((p) => (p.base ? [p.base] : []));
  // Each pair's ratio, its two builds run back to back; the median of them is the summary's ratio.
  // Three decimals: the target is a bound (0.6), and 0.603 is not within it.
  const ratios = pairs.flatMap((p) => (p.base ? [p.gz.ms / p.base.ms] : []));
  const ratio = ratios.length ? median(ratios).toFixed(3) : "NA";
  const mid = (xs: Run[], f: (r: Run) => number) => (xs.length ? s(median(xs.map(f))) : "NA");
  if (pairs.length > 1) {
    console.log(`repeat     ${pairs.length} pairs: Gazette ${gzRuns.map((r) => s(r.ms)).join(", ")} s (median ${mid(gzRuns, (r) => r.ms)}), baseline ${baseRuns.map((r) => s(r.ms)).join(", ")} s (median ${mid(baseRuns, (r) => r.ms)}); ratios ${ratios.map((x) => x.toFixed(3)).join(", ")}, median ${ratio}`);
  }
  console.log(
    `BENCH articles=${gen.articles} build_s=${mid(gzRuns, (r) => r.ms)} baseline_s=${mid(baseRuns, (r) => r.ms)} ratio=${ratio} cpu_s=${mid(gzRuns, (r) => r.cpu)} baseline_cpu_s=${mid(baseRuns, (r) => r.cpu)} sys_s=${mid(gzRuns, (r) => r.sys)} baseline_sys_s=${mid(baseRuns, (r) => r.sys)} steal_s=${mid(gzRuns, (r) => r.steal)} baseline_steal_s=${mid(baseRuns, (r) => r.steal)} peak_mb=${mb(Math.max(...gzRuns.map((r) => r.peak))).toFixed(0)} search_kb=${kb(search.first.gzipped)} search_ms=${search.first.ms.toFixed(0)} search_all_kb=${kb(search.all.gzipped)} search_all_ms=${search.all.ms.toFixed(0)} files=${gzSize.files} add_s=${inc ? s(inc.ms) : "NA"} runs=${pairs.length} ratios=${ratios.length ? ratios.map((x) => x.toFixed(3)).join(",") : "NA"}`,
  );
} finally {
  if (!flag("keep")) rmSync(tmp, { recursive: true, force: true });
}
