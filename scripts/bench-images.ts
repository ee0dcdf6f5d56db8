// Image throughput and the image cache.
//
//   node --import tsx scripts/bench-images.ts [--scans N] [--concurrency C]
//
// 1. Page scans: N (default 6) different 3000×4500 JPEG scans drawn by sharp (columns of grey text
//    lines, photo boxes and grain, so that they compress like a real scan), each processed as a
//    facsimile (AVIF, WebP and JPEG at 240, 800, 1600 and 2400 px) with an empty cache: images per
//    second and megapixels per second.
// 2. Rebuilds of the sample archive (npm run build in a child process, into a temporary folder, with
//    a temporary cache): a cold build (every image processed), then a rebuild in which no image
//    changed (every image from the cache), and the image step alone on a warm cache.
// Not a test: nothing is asserted. Timings depend on the machine; the cores used are printed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { processImages, type ImageJob } from "../src/site/images.js";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 1) throw new Error(`--${name} wants a positive number`);
  return Math.floor(v);
}

/** A 3000×4500 page scan: paper tone, 6 columns of text lines, two photo boxes, grain; `seed` varies it. */
export async function pageScan(seed: number, width = 3000, height = 4500): Promise<Buffer> {
  const parts: string[] = [`<rect width="${width}" height="${height}" fill="#f3efe4"/>`, `<rect x="150" y="150" width="${width - 300}" height="300" fill="#222"/>`];
  const cols = 6;
  const colW = Math.floor((width - 300 - (cols - 1) * 40) / cols);
  for (let c = 0; c < cols; c++)
    for (let y = 560, k = 0; y < height - 150; y += 42, k++) {
      const len = (k * 13 + c * 7 + seed) % 17 === 0 ? 0.4 : 1;
      parts.push(`<rect x="${150 + c * (colW + 40)}" y="${y}" width="${Math.round(colW * len)}" height="22" fill="#555"/>`);
    }
  parts.push(`<rect x="${150 + colW + 40}" y="900" width="${colW * 2 + 40}" height="1100" fill="#7d8b94"/>`);
  parts.push(`<rect x="${150 + 4 * (colW + 40)}" y="2800" width="${colW * 2 + 40}" height="900" fill="#a39b8a"/>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join("")}</svg>`;
  // Grain: seeded noise laid over the drawing, as a scanner leaves it.
  const noise = Buffer.alloc(width * height);
  let a = (seed + 1) * 2654435761;
  for (let i = 0; i < noise.length; i++) {
    a = (a ^ (a << 13)) >>> 0;
    a = (a ^ (a >>> 17)) >>> 0;
    a = (a ^ (a << 5)) >>> 0;
    noise[i] = 118 + (a & 15);
  }
  const grain = await sharp(noise, { raw: { width, height, channels: 1 } }).png().toBuffer();
  return sharp(Buffer.from(svg))
    .composite([{ input: grain, blend: "soft-light" }])
    .jpeg({ quality: 88 })
    .toBuffer();
}

async function scans(n: number, concurrency: number) {
  const dir = mkdtempSync(join(tmpdir(), "gazette-bench-img-"));
  try {
    const jobs: ImageJob[] = [];
    for (let i = 0; i < n; i++) {
      const file = join(dir, `${String(i + 1).padStart(2, "0")}.jpg`);
      writeFileSync(file, await pageScan(i));
      jobs.push({ from: file, file, kind: "facsimile" });
    }
    const started = performance.now();
    const r = await processImages(jobs, { cache: join(dir, "cache"), concurrency });
    const s = (performance.now() - started) / 1000;
    const variants = [...r.renditions.values()].reduce((k, x) => k + x.variants.length, 0);
    console.log(`page scans: ${n} × 3000×4500 (13.5 MP) in ${s.toFixed(2)} s with ${concurrency} at a time: ${(n / s).toFixed(2)} images/s, ${((n * 13.5) / s).toFixed(1)} MP/s, ${variants} files written`);
    const again = performance.now();
    const r2 = await processImages(jobs, { cache: join(dir, "cache"), concurrency });
    console.log(`the same scans again (cache): ${(performance.now() - again).toFixed(0)} ms, ${r2.stats.processed} processed`);
    if (r.warnings.some((w) => w.severity === "warning")) console.log(r.warnings);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function rebuilds() {
  const dir = mkdtempSync(join(tmpdir(), "gazette-bench-build-"));
  const env = { ...process.env, GAZETTE_IMAGE_CACHE: join(dir, "cache"), GAZETTE_QUIET: "1" };
  const run = (label: string) => {
    const started = performance.now();
    const p = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", join(dir, "site")], { env, encoding: "utf8" });
    if (p.status !== 0) throw new Error(`${label} failed:\n${p.stderr}`);
    const s = (performance.now() - started) / 1000;
    console.log(`${label}: ${s.toFixed(2)} s (whole build in a new process: parse, images, render, search index)`);
    return s;
  };
  try {
    const cold = run("sample archive, cold cache");
    const warm = run("sample archive, rebuild with no image changed");
    console.log(`the image cache saves ${(cold - warm).toFixed(2)} s of ${cold.toFixed(2)} s`);
    // The image step alone on the warm disk cache, in a fresh process.
    const script = `import { loadArchive } from "./src/archive/index.ts"; import { attachImages } from "./src/site/data.ts";
const a = loadArchive({}); const t = performance.now(); await attachImages(a); console.log(((performance.now() - t)).toFixed(0), a.renditions.length);`;
    const p = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env, encoding: "utf8" });
    const [ms, n] = p.stdout.trim().split(/\s+/);
    console.log(`image step alone, warm cache: ${ms} ms for ${n} images`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`${cpus()[0]?.model ?? "cpu"}, ${availableParallelism()} cores; sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}`);
  await scans(arg("scans", 6), arg("concurrency", 2));
  rebuilds();
}
