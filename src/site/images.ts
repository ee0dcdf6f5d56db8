// Images of the site, processed with sharp: page facsimiles and article photos become responsive AVIF,
// WebP and JPEG at a few widths (never wider than the original), EXIF orientation applied, metadata
// stripped, colours converted to sRGB. Every rendition is kept in a content-hash cache (.cache/images/
// by default, GAZETTE_IMAGE_CACHE to move it): an image whose bytes and settings did not change is
// never processed again, in this process or in the next build. A file that cannot be read, a damaged
// or truncated one, one too large or a PDF with no renderer gives a warning naming the file; the rest
// of the build goes on.
//
// Markdown articles' own images (SVG diagrams and the like) are still copied as they are (copyImages).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import sharp, { type Metadata, type OutputInfo } from "sharp";
import type { Warning } from "../archive/types.js";

/** Bump when the output of the pipeline changes: every cached rendition is then made again. */
export const PIPELINE_VERSION = 1;

export type ImageKind = "photo" | "facsimile";

/** Widths (CSS pixels of the largest layout slot × 2 for dense screens) per kind of image. */
export const PROFILES: Record<ImageKind, { widths: number[]; sizes: string }> = {
  // Photos fill the article's column (38rem ≈ 608 px) on a wide screen, the screen on a phone.
  photo: { widths: [320, 640, 960, 1280], sizes: "(min-width: 40rem) 38rem, 100vw" },
  // Facsimiles: a thumbnail in the issue view, half the page beside the articles, and large widths
  // for zooming in on the printed page.
  facsimile: { widths: [240, 800, 1600, 2400], sizes: "(min-width: 60rem) 36rem, 100vw" },
};

/**
 * Encoder settings: small enough for readers on phones, fast enough for a day's scans. Photos are small
 * and get the slower, tighter encoders; a 2400 px facsimile at AVIF effort 2 takes seconds (3.2 s on
 * one core, against 0.8 s at effort 0 for 1.6 times the bytes), so scans get the fast settings.
 */
const ENCODE = {
  photo: {
    avif: { quality: 50, effort: 2 },
    webp: { quality: 76, effort: 4 },
    jpeg: { quality: 78, progressive: true, mozjpeg: true },
  },
  facsimile: {
    avif: { quality: 50, effort: 0 },
    webp: { quality: 76, effort: 2 },
    jpeg: { quality: 78, progressive: true, mozjpeg: true },
  },
} as const;

/** Larger inputs are refused with a warning: 200 megapixels decoded is about 600 MB of memory. */
export const MAX_PIXELS = 200_000_000;
/** Resolution at which a PDF facsimile is rasterised (pdftoppm), in dots per inch. */
const PDF_DPI = 150;

export interface Variant {
  format: "avif" | "webp" | "jpeg";
  width: number;
  height: number;
  /** File name inside the cache folder and the output folder. */
  file: string;
}

/** What the templates need of a processed image. */
export interface Rendition {
  key: string;
  width: number;
  height: number;
  original: { width: number; height: number };
  /** Folder of the renditions under the site's root, e.g. /img/3f2a…/ */
  base: string;
  variants: Variant[];
  /** `<source>`s, best format first; the JPEG set goes on the `<img>` itself. */
  sources: { type: string; srcset: string }[];
  srcset: string;
  /** The JPEG the `<img>` falls back to (the middle width), and the smallest (thumbnails). */
  src: string;
  thumb: string;
  /** The largest JPEG: the social-card image and the "open full size" link. */
  large: string;
  sizes: string;
}

interface Meta {
  version: number;
  width: number;
  height: number;
  /** Size of the source, upright (after its EXIF orientation): sidecar zones are given in these pixels. */
  original: { width: number; height: number };
  variants: Variant[];
  notes: string[];
}

export interface ImageJob {
  /** Absolute path of the source file. */
  from: string;
  /** Path for people (content/…), used in warnings. */
  file: string;
  kind: ImageKind;
}

const memo = new Map<string, { meta: Meta | null; warnings: Warning[] }>();

export function cacheDir(): string {
  return resolve(process.env.GAZETTE_IMAGE_CACHE ?? ".cache/images");
}

/** Processes (or finds in the cache) every job; returns the renditions by source path and the warnings. */
export async function processImages(jobs: ImageJob[], options: { cache?: string; concurrency?: number } = {}) {
  const cache = options.cache ?? cacheDir();
  const out = new Map<string, Rendition>();
  const warnings: Warning[] = [];
  const stats = { processed: 0, cached: 0 };
  const queue = [...new Map(jobs.map((j) => [`${j.kind}\u001f${j.from}`, j])).values()];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const r = await processOne(job, cache, stats);
      warnings.push(...r.warnings);
      if (r.rendition) out.set(`${job.kind}\u001f${job.from}`, r.rendition);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  warnings.sort((a, b) => a.file.localeCompare(b.file) || a.code.localeCompare(b.code));
  return { renditions: out, warnings, stats, get: (kind: ImageKind, from: string) => out.get(`${kind}\u001f${from}`) ?? null };
}

async function processOne(job: ImageJob, cache: string, stats: { processed: number; cached: number }): Promise<{ rendition: Rendition | null; warnings: Warning[] }> {
  const warn = (code: string, message: string, severity: Warning["severity"] = "warning"): Warning => ({ file: job.file, line: 1, severity, code, message });
  let bytes: Buffer;
  try {
    bytes = readFileSync(job.from);
  } catch (e) {
    return { rendition: null, warnings: [warn("image-unreadable", `the file cannot be read (${(e as Error).message}); left out`)] };
  }
  const key = createHash("sha256").update(`gazette-image\u001f${PIPELINE_VERSION}\u001f${job.kind}\u001f${JSON.stringify(PROFILES[job.kind])}\u001f${JSON.stringify(ENCODE[job.kind])}\u001f`).update(bytes).digest("hex");
  const memoKey = `${cache}\u001f${key}`;
  let hit = memo.get(memoKey);
  if (!hit) {
    const dir = join(cache, key.slice(0, 2), key);
    const metaFile = join(dir, "meta.json");
    let meta: Meta | null = null;
    if (existsSync(metaFile)) {
      try {
        const m = JSON.parse(readFileSync(metaFile, "utf8")) as Meta;
        if (m.version === PIPELINE_VERSION && m.variants.every((v) => existsSync(join(dir, v.file)))) meta = m;
      } catch {
        meta = null;
      }
    }
    const w: Warning[] = [];
    if (meta) stats.cached++;
    else {
      // Written to a temporary folder and renamed: a build stopped half-way leaves no broken entry.
      const tmp = `${dir}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(tmp, { recursive: true });
      try {
        meta = await render(job, bytes, tmp, (code, message, severity) => w.push(warn(code, message, severity)));
        if (meta) {
          writeFileSync(join(tmp, "meta.json"), JSON.stringify(meta));
          rmSync(dir, { recursive: true, force: true });
          mkdirSync(dirname(dir), { recursive: true });
          renameSync(tmp, dir);
          stats.processed++;
        }
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }
    if (meta) for (const n of meta.notes) w.push(warn("image-note", n, "info"));
    hit = { meta, warnings: w };
    memo.set(memoKey, hit);
  }
  if (!hit.meta) return { rendition: null, warnings: hit.warnings };
  return { rendition: renditionOf(key, hit.meta, job.kind, join(cache, key.slice(0, 2), key)), warnings: hit.warnings };
}

const cacheFolders = new Map<string, string>();

function renditionOf(key: string, meta: Meta, kind: ImageKind, dir: string): Rendition {
  const base = `/img/${key.slice(0, 20)}/`;
  cacheFolders.set(base, dir);
  const set = (format: Variant["format"]) =>
    meta.variants
      .filter((v) => v.format === format)
      .map((v) => `${base}${v.file} ${v.width}w`)
      .join(", ");
  const jpegs = meta.variants.filter((v) => v.format === "jpeg");
  const mid = jpegs[Math.min(1, jpegs.length - 1)]!;
  return {
    key,
    width: meta.width,
    height: meta.height,
    original: meta.original,
    base,
    variants: meta.variants,
    sources: [
      { type: "image/avif", srcset: set("avif") },
      { type: "image/webp", srcset: set("webp") },
    ],
    srcset: set("jpeg"),
    src: `${base}${mid.file}`,
    thumb: `${base}${jpegs[0]!.file}`,
    large: `${base}${jpegs[jpegs.length - 1]!.file}`,
    sizes: PROFILES[kind].sizes,
  };
}

type Warn = (code: string, message: string, severity?: Warning["severity"]) => void;

async function render(job: ImageJob, input: Buffer, dir: string, warn: Warn): Promise<Meta | null> {
  const notes: string[] = [];
  if (/\.pdf$/i.test(job.from)) {
    const png = rasterisePdf(job.from, warn);
    if (!png) return null;
    input = png;
    notes.push(`PDF page 1 rasterised at ${PDF_DPI} dpi by pdftoppm`);
  }
  let meta: Metadata;
  try {
    meta = await sharp(input, { failOn: "none", limitInputPixels: false }).metadata();
  } catch (e) {
    warn("image-unreadable", `not an image sharp can read (${short(e)}); left out`);
    return null;
  }
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (!meta.width || !meta.height) {
    warn("image-unreadable", "the image has no width or height; left out");
    return null;
  }
  if (pixels > MAX_PIXELS) {
    warn("image-too-large", `${meta.width}×${meta.height} is ${(pixels / 1e6).toFixed(0)} megapixels, more than the ${MAX_PIXELS / 1e6} allowed; left out (scale it down)`);
    return null;
  }
  if (meta.space === "cmyk") notes.push("a CMYK image: converted to sRGB");
  if ((meta.depth && !/char$/.test(meta.depth)) || meta.bitsPerSample === 16) notes.push(`a ${meta.depth ?? "16-bit"} image: reduced to 8 bits per channel`);
  if (pixels > 30_000_000) notes.push(`a large image (${(pixels / 1e6).toFixed(0)} megapixels): processed`);

  // Decode once, oriented, in sRGB and 8 bits, at the largest width wanted; every variant comes from it.
  const widths = PROFILES[job.kind].widths;
  const oriented = (meta.orientation ?? 1) >= 5 ? { w: meta.height, h: meta.width } : { w: meta.width, h: meta.height };
  const top = Math.min(oriented.w, widths[widths.length - 1]!);
  let decoded: { data: Buffer; info: OutputInfo };
  const pipeline = (failOn: "warning" | "none") =>
    sharp(input, { failOn, limitInputPixels: MAX_PIXELS })
      .rotate()
      .resize({ width: top, withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
  try {
    decoded = await pipeline("warning");
  } catch (first) {
    try {
      decoded = await pipeline("none");
      warn("image-damaged", `the image is damaged or truncated (${short(first)}); what could be read is shown`);
    } catch (e) {
      warn("image-unreadable", `the image cannot be decoded (${short(e)}); left out`);
      return null;
    }
  }
  const { info } = decoded;
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
  const ws = [...new Set([...widths.filter((w) => w < info.width), info.width])].sort((a, b) => a - b);
  const variants: Variant[] = [];
  for (const w of ws) {
    const h = Math.max(1, Math.round((info.height * w) / info.width));
    for (const format of ["avif", "webp", "jpeg"] as const) variants.push({ format, width: w, height: h, file: `${w}.${format === "jpeg" ? "jpg" : format}` });
  }
  // The encoders run side by side (libuv's threads); the largest first, so that they finish together.
  const enc = ENCODE[job.kind];
  await Promise.all(
    variants
      .slice()
      .reverse()
      .map((v) => {
        let img = sharp(decoded.data, raw);
        if (v.width !== info.width) img = img.resize({ width: v.width, height: v.height, fit: "fill" });
        img = v.format === "avif" ? img.avif(enc.avif) : v.format === "webp" ? img.webp(enc.webp) : img.jpeg(enc.jpeg);
        return img.toFile(join(dir, v.file));
      }),
  );
  return { version: PIPELINE_VERSION, width: info.width, height: info.height, original: { width: oriented.w, height: oriented.h }, variants, notes };
}

let pdftoppm: boolean | null = null;

/** The first page of a PDF as PNG, by poppler's pdftoppm (Debian: poppler-utils); null with a warning without it. */
function rasterisePdf(file: string, warn: Warn): Buffer | null {
  if (pdftoppm === null) pdftoppm = spawnSync("pdftoppm", ["-v"], { encoding: "utf8" }).status === 0;
  if (!pdftoppm) {
    warn("pdf-no-renderer", "a PDF facsimile needs pdftoppm to be shown (apt-get install poppler-utils); left out, or give a .jpg, .png, .webp or .tif of the page");
    return null;
  }
  const r = spawnSync("pdftoppm", ["-png", "-r", String(PDF_DPI), "-f", "1", "-l", "1", "-singlefile", file], { maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0 || !r.stdout?.length) {
    warn("image-unreadable", `pdftoppm could not render the PDF (${String(r.stderr ?? "").trim().split("\n")[0] || `exit ${r.status}`}); left out`);
    return null;
  }
  return r.stdout;
}

function short(e: unknown): string {
  return String((e as Error)?.message ?? e)
    .split("\n")[0]!
    .replace(/\s+/g, " ")
    .slice(0, 160);
}

/** Copies the renditions used by the site from the cache into the output folder. */
/**
 * Writes the renditions' files into the output folder and returns them (site-relative). A file that
 * `base`, the previous build's folder, already holds is not written: a rendition's folder is named by
 * the hash of its source and pipeline, so it holds these very bytes (scripts/build.ts keeps it).
 */
export function writeRenditions(renditions: Iterable<Rendition>, output: string, base: string | null = null): string[] {
  const files: string[] = [];
  for (const r of renditions) {
    const from = cacheFolders.get(r.base);
    if (!from) continue;
    for (const v of r.variants) {
      const rel = `${r.base}${v.file}`.replace(/^\/+/, "");
      files.push(rel);
      if (base && existsSync(join(base, rel))) continue;
      mkdirSync(join(output, r.base), { recursive: true });
      copyFileSync(join(from, v.file), join(output, rel));
    }
  }
  return files;
}

// Images of Markdown articles: copied from content/ to the same path under the output folder.
export function copyImages(images: { from: string; url: string }[], output: string): string[] {
  const files: string[] = [];
  for (const img of images) {
    const to = join(output, img.url);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(img.from, to);
    files.push(img.url.replace(/^\/+/, ""));
  }
  return files;
}
