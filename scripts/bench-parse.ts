// Parse throughput on one core.
//
//   node --import tsx scripts/bench-parse.ts [--pages N] [--seed S]
//
// Builds N page texts (default 10000) by recombining the lines of the golden pages: each page is a few
// runs of consecutive lines cut from golden pages of one extraction style, in shuffled order, about as
// long as a real page. The text is real newspaper text in real layouts, so the rules see what they see
// in production. The pages are UTF-8 bytes, as the CLI reads them (decode and sha256 included).
// After a warm-up, parsePage runs over all of them once, on this thread. Not a test: nothing is asserted.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parsePage } from "../src/parse/index.js";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 1) throw new Error(`--${name} wants a positive number`);
  return Math.floor(v);
}

/** mulberry32: a small seeded generator, so that every run parses the same pages. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Golden {
  name: string;
  style: "a" | "b";
  lines: string[];
  chars: number;
  eol: string;
  /** Most common line length: the column width of a style "b" page. */
  column: number;
}

function modalLength(lines: string[]): number {
  const counts = new Map<number, number>();
  for (const l of lines) {
    const n = [...l.trim()].length;
    if (n >= 6) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [n, c] of counts) if (c > bestCount) [best, bestCount] = [n, c];
  return best;
}

function loadGolden(): Golden[] {
  const root = fileURLToPath(new URL("../tests/golden/", import.meta.url));
  const pages: Golden[] = [];
  for (const d of readdirSync(root, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    for (const f of readdirSync(join(root, d.name)).filter((x) => x.endsWith(".txt")).sort()) {
      const text = readFileSync(join(root, d.name, f), "utf8");
      const lines = text.split(/\r\n|\r|\n/);
      // Style "a" has a blank line between blocks; "b" one printed line a line.
      const blanks = lines.filter((l) => !l.trim()).length;
      pages.push({
        name: `${d.name}/${f}`,
        style: blanks / Math.max(1, lines.length) > 0.25 ? "a" : "b",
        lines,
        chars: text.length,
        eol: text.includes("\r\n") ? "\r\n" : "\n",
        column: modalLength(lines),
      });
    }
  }
  return pages.sort((x, y) => x.name.localeCompare(y.name));
}

function buildPages(golden: Golden[], n: number, seed: number): Uint8Array[] {
  const random = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  // Style "a" pages mix freely; a style "b" page takes its lines from pages set in columns of its width.
  const poolOf = (g: Golden) =>
    g.style === "a" ? golden.filter((x) => x.style === "a") : golden.filter((x) => x.style === "b" && Math.abs(x.column - g.column) <= 1);
  const encoder = new TextEncoder();
  const pages: Uint8Array[] = [];
  for (let k = 0; k < n; k++) {
    const model = pick(golden);
    const pool = poolOf(model);
    const target = model.chars * (0.7 + 0.6 * random());
    const runs: string[][] = [];
    let size = 0;
    // The page head of the model page first, as a page starts with its header and first article.
    const headLen = Math.min(model.lines.length, 4 + Math.floor(random() * 12));
    runs.push(model.lines.slice(0, headLen));
    size += runs[0]!.join("").length;
    const rest: string[][] = [];
    while (size < target) {
      const src = pick(pool);
      const len = 6 + Math.floor(random() * 40);
      const from = Math.floor(random() * Math.max(1, src.lines.length - len));
      const run = src.lines.slice(from, from + len);
      if (!run.length) continue;
      rest.push(run);
      size += run.join("").length;
    }
    // Shuffle the runs after the head (Fisher–Yates).
    for (let i = rest.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rest[i], rest[j]] = [rest[j]!, rest[i]!];
    }
    runs.push(...rest);
    const sep = model.style === "a" ? [""] : [];
    const lines = runs.flatMap((r, i) => (i === 0 ? r : [...(random() < 0.5 ? sep : []), ...r]));
    pages.push(encoder.encode(lines.join(model.eol) + model.eol));
  }
  return pages;
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
