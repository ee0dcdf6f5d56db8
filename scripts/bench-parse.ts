// Parse throughput on one core.
//
//   node --import tsx scripts/bench-parse.ts [--pages N] [--seed S]
//
// Builds N page texts (default 10000) by recombining the lines of the golden pages: each page is a few
// runs of consecutive lines cut from golden pages of one extraction style, in shuffled order, about as
// long as a real page. The text is real newspaper text in real layouts, so the rules see what they see
// in production. The pages are UTF-8 bytes, as the CLI reads them (decode and sha256 included).
// After a warm-up, parsePage runs over all of them once, on this thread. Not a test: nothing is asserted.
import { parsePage } from "../src/parse/index.js";
import { type Golden, loadGolden, pageText, rng } from "./bench/archive.js";

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

const mbPerS = mb / seconds;
const pagesPerS = N / seconds;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const fmt = (x: number, d = 2) => x.toFixed(d);

console.log(`golden pages      ${golden.length} (${golden.filter((g) => g.style === "a").length} style a, ${golden.filter((g) => g.style === "b").length} style b)`);
console.log(`pages built       ${N} in ${fmt(buildSeconds)} s, ${fmt(mb)} MB of UTF-8 page text (mean ${fmt(bytes / N / 1000, 1)} kB a page)`);
console.log(`warm-up           ${warm} pages`);
console.log(`parsed            ${N} pages in ${fmt(seconds, 3)} s on one thread: ${articles} articles, ${diagnostics} diagnostics, ${printedLines} pages read as printed lines`);
console.log(`throughput        ${fmt(mbPerS)} MB/s, ${fmt(pagesPerS, 0)} pages/s, ${fmt(1000 / pagesPerS, 3)} ms a page`);
console.log(`10,000 pages      ${fmt(10000 / pagesPerS, 1)} s`);
console.log(`peak RSS          ${fmt(peakRssMb, 0)} MB`);
if (sink < 0) console.log(sink);
console.log(`BENCH parse pages=${N} mb=${fmt(mb, 3)} seconds=${fmt(seconds, 3)} mb_per_s=${fmt(mbPerS, 3)}`);
