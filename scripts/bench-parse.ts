// Parse throughput on one core.
//
//   node --import tsx scripts/bench-parse.ts [--pages N] [--seed S]
//
// Builds N page texts (default 10000) by recombining the lines of the golden pages: each page is a few
// runs of consecutive lines cut from golden pages of one extraction style, in shuffled order, about as
// long as a real page. The text is real newspaper text in real layouts, so the rules see what they see
// in production. The pages are UTF-8 bytes, as the CLI reads them (decode and sha256 included).
// After a warm-up, parsePage runs over all of them once, on this thread. Not a test: nothing is asserted.
// Throughput is given by the clock and by the CPU time the process was given (its parse thread and V8's
// helpers), with the time the host stole from the machine meanwhile: on a shared host the clock counts
// stolen time as the parser's (a slow hour read 3.5 MB/s by the clock with 6–8 s stolen in 16 s).
import { parsePage } from "../src/parse/index.js";
import { type Golden, loadGolden, pageText, rng } from "./bench/archive.js";
import { stealMs } from "./bench/host.js";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 1) throw new Error(`--${name} wants a positive number`);
  return Math.floor(v);
}

/** N page texts recombined from the golden pages (the same pages as the build benchmark's archive). */
function buildPages(golden: Golden[], n: number, seed: number): Uint8Array[] {
  const random = rng(seed);
  const encoder = new TextEncoder();
  return Array.from({ length: n }, () => encoder.encode(pageText(golden, random)));
}

const N = arg("pages", 10000);
const SEED = arg("seed", 20230112);
const golden = loadGolden();
if (!golden.length) throw new Error("no golden pages under tests/golden");

const t0 = performance.now();
const pages = buildPages(golden, N, SEED);
const buildSeconds = (performance.now() - t0) / 1000;
const bytes = pages.reduce((s, p) => s + p.length, 0);
const mb = bytes / 1e6;

// Warm-up: let the JIT see every rule on a few hundred pages (not timed).
const warm = Math.min(N, 300);
let sink = 0;
for (let i = 0; i < warm; i++) sink += parsePage(pages[i]!).articles.length;

const start = process.hrtime.bigint();
const cpuAtStart = process.cpuUsage();
const stealAtStart = stealMs();
let articles = 0;
let diagnostics = 0;
let printedLines = 0;
for (const page of pages) {
  const parsed = parsePage(page);
  articles += parsed.articles.length;
  diagnostics += parsed.diagnostics.length;
  if (parsed.style === "printed-lines") printedLines++;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuAtStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const stealSeconds = (stealMs() - stealAtStart) / 1000;

const mbPerS = mb / seconds;
const pagesPerS = N / seconds;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const fmt = (x: number, d = 2) => x.toFixed(d);

console.log(`golden pages      ${golden.length} (${golden.filter((g) => g.style === "a").length} style a, ${golden.filter((g) => g.style === "b").length} style b)`);
console.log(`pages built       ${N} in ${fmt(buildSeconds)} s, ${fmt(mb)} MB of UTF-8 page text (mean ${fmt(bytes / N / 1000, 1)} kB a page)`);
console.log(`warm-up           ${warm} pages`);
console.log(`parsed            ${N} pages in ${fmt(seconds, 3)} s on one thread: ${articles} articles, ${diagnostics} diagnostics, ${printedLines} pages read as printed lines`);
console.log(`throughput        ${fmt(mbPerS)} MB/s, ${fmt(pagesPerS, 0)} pages/s, ${fmt(1000 / pagesPerS, 3)} ms a page`);
console.log(`CPU               ${fmt(cpuSeconds, 3)} s: ${fmt(mb / cpuSeconds)} MB a CPU-second; stolen by the host meanwhile ${fmt(stealSeconds, 1)} s (all cores)`);
console.log(`10,000 pages      ${fmt(10000 / pagesPerS, 1)} s`);
console.log(`peak RSS          ${fmt(peakRssMb, 0)} MB`);
if (sink < 0) console.log(sink);
console.log(`BENCH parse pages=${N} mb=${fmt(mb, 3)} seconds=${fmt(seconds, 3)} mb_per_s=${fmt(mbPerS, 3)} cpu_s=${fmt(cpuSeconds, 3)} mb_per_cpu_s=${fmt(mb / cpuSeconds, 3)} steal_s=${fmt(stealSeconds, 1)}`);
