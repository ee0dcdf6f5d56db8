// Pictures of a page: its facsimile (`<NN>.jpg|jpeg|png|webp|tif|tiff|pdf` next to `<NN>.txt`), its
// photos (the files of the `<NN>/` folder), and what the sidecar says about them:
//
//   photos:                  # which photo goes with which caption (default: the files of <NN>/ in
//     - file: 01/harbour.jpg #   name order, matched to the page's captions in reading order)
//       caption: 37          # the caption's line in <NN>.txt; null: the photo has no caption
//   zones:                   # each article's rectangle on the facsimile, in pixels of the image
//     - article: 创新品牌赋动能 # id or headline
//       rect: [120, 80, 900, 1400]   # x, y, width, height
//
// Photos named in the sidecar are placed first; the remaining files go to the remaining captions in
// order. A photo left without a caption, or (on a page that has photos) a caption left without one,
// is a warning naming the file and line. Nothing here reads pixels: sizes and renditions come from the
// image step (src/site/images.ts), which may still drop a file it cannot read, with a warning.
import { lstatSync, readdirSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { isInside } from "./paths.js";
import type { Span } from "../model/types.js";
import type { Article, Page, Photo, Warning } from "./types.js";
import { fields, items, str, type Field, type YamlFile } from "./yaml.js";

/** Raster files a page's photo folder may hold (SVG diagrams belong to Markdown articles). */
export const PHOTO_FILE = /^[\w.-]+\.(?:jpe?g|png|webp|gif|tiff?)$/i;
/** A page's facsimile: its number and one of these extensions. */
export const FACSIMILE_FILE = /^(\d{1,3})\.(jpe?g|png|webp|tiff?|pdf)$/i;

export interface PhotoSpec {
  file: string;
  caption: number | null;
  line: number;
}

export interface ZoneSpec {
  article: string;
  rect: [number, number, number, number];
  line: number;
}

/** The `photos:` and `zones:` keys of a sidecar (bad items are warnings on the sidecar's lines). */
export function readMediaSpecs(y: YamlFile, f: Map<string, Field>): { photos: PhotoSpec[] | null; zones: ZoneSpec[] } {
  const warn = (line: number, message: string) => y.warnings.push({ file: y.file, line, severity: "warning", code: "bad-media", message });
  let photos: PhotoSpec[] | null = null;
  if (f.has("photos")) {
    photos = [];
    for (const { node, line } of items(y, f.get("photos"))) {
      const g = fields(y, node, { file: "string", caption: "string-or-null" }, "a photo");
      const file = str(g.get("file"));
      const cap = g.get("caption");
      const caption = cap === undefined || cap.value === null ? null : Number(cap.value);
      if (!file) warn(line, "a photo needs its file, e.g. file: 01/harbour.jpg");
      else if (caption !== null && !Number.isInteger(caption)) warn(line, "caption is the caption's line number in the page's text file, or null");
      else photos.push({ file, caption, line });
    }
  }
  const zones: ZoneSpec[] = [];
  for (const { node, line } of items(y, f.get("zones"))) {
    const g = fields(y, node, { article: "string", rect: "list" }, "a zone");
    const article = str(g.get("article"));
    const rect = g.get("rect")?.value as unknown[] | undefined;
    if (!article || !rect || rect.length !== 4 || !rect.every((n) => typeof n === "number" && Number.isFinite(n) && n >= 0) || !(Number(rect[2]) > 0 && Number(rect[3]) > 0))
      warn(line, "a zone needs an article (id or headline) and rect: [x, y, width, height] in pixels of the facsimile");
    else zones.push({ article, rect: rect as [number, number, number, number], line });
  }
  return { photos, zones };
}

export interface MediaContext {
  /** The day's folder. */
  dir: string;
  display(abs: string): string;
  /** Facsimile file of the page, if any. */
  facsimile: string | null;
  /** The page's photo folder, if any. */
  photoDir: string | null;
  sidecar: { file: string; photos: PhotoSpec[] | null; zones: ZoneSpec[] } | null;
  /** Files Markdown articles show already: not photos of the page. */
  taken: Set<string>;
}

/** Sets the page's facsimile and zones and each article's photos; problems go to `w`. */
export function attachMedia(page: Page, ctx: MediaContext, w: Warning[]) {
  if (ctx.facsimile) page.facsimile = { from: ctx.facsimile, file: ctx.display(ctx.facsimile), image: null, zones: [] };
  const textFile = page.source?.path ?? ctx.display(join(ctx.dir, `${page.no}.txt`));

  if (ctx.sidecar?.zones.length) {
    for (const z of ctx.sidecar.zones) {
      const article = findArticle(page.articles, z.article);
      if (!page.facsimile) w.push({ file: ctx.sidecar.file, line: z.line, severity: "warning", code: "bad-zone", message: `a zone, but page ${page.no} has no facsimile (${page.no}.jpg, .png, .webp, .tif or .pdf)` });
      else if (!article) w.push({ file: ctx.sidecar.file, line: z.line, severity: "warning", code: "bad-zone", message: `no article "${z.article}" on page ${page.no}` });
      else page.facsimile.zones.push({ article, x: z.rect[0], y: z.rect[1], w: z.rect[2], h: z.rect[3], line: z.line, style: "" });
    }
  }

  // The photo files: the folder's, in natural name order, less those Markdown articles show.
  const files: string[] = [];
  if (ctx.photoDir) {
    for (const name of readdirSync(ctx.photoDir).sort(natural)) {
      const abs = join(ctx.photoDir, name);
      if (ctx.taken.has(abs) || /^[._]/.test(name)) continue;
      const st = lstatSync(abs);
      if (!st.isFile()) continue;
      if (PHOTO_FILE.test(name)) files.push(abs);
      else if (!/\.svg$/i.test(name)) w.push({ file: ctx.display(abs), line: 1, severity: "info", code: "unexpected-file", message: "a page's photo folder holds .jpg, .png, .webp, .gif or .tif files; ignored" });
    }
  }
  const captions: { article: Article; span: Span }[] = [];
  for (const a of page.articles) if (a.kind === "text") for (const c of a.captions) captions.push({ article: a, span: c });
  const photoOf = new Map<Span, string>();
  const used = new Set<string>();

  for (const spec of ctx.sidecar?.photos ?? []) {
    const abs = resolve(ctx.dir, spec.file);
    const sc = ctx.sidecar!;
    if (!isInside(resolve(ctx.dir), abs) || !PHOTO_FILE.test(abs.split(sep).pop() ?? "") || !isPlainFile(abs)) {
      w.push({ file: sc.file, line: spec.line, severity: "warning", code: "bad-media", message: `photo "${spec.file}" is not a .jpg, .png, .webp, .gif or .tif file inside the day's folder` });
      continue;
    }
    used.add(abs);
    if (spec.caption === null) {
      w.push({ file: ctx.display(abs), line: 1, severity: "warning", code: "photo-without-caption", message: `the photo has no caption (${sc.file}:${spec.line} says so); it is left out of the articles` });
      continue;
    }
    const c = captions.find((x) => x.span.lines.includes(spec.caption!));
    if (!c) w.push({ file: sc.file, line: spec.line, severity: "warning", code: "bad-media", message: `line ${spec.caption} of ${page.no}.txt is not a caption; photo "${spec.file}" is left out` });
    else if (photoOf.has(c.span)) w.push({ file: sc.file, line: spec.line, severity: "warning", code: "bad-media", message: `the caption at line ${spec.caption} has a photo already; "${spec.file}" is left out` });
    else photoOf.set(c.span, abs);
  }
  const rest = files.filter((f) => !used.has(f));
  for (const c of captions) {
    if (photoOf.has(c.span)) continue;
    const next = rest.shift();
    if (!next) break;
    photoOf.set(c.span, next);
  }
  for (const f of rest)
    w.push({ file: ctx.display(f), line: 1, severity: "warning", code: "photo-without-caption", message: `no caption of page ${page.no} is left for this photo; it is left out of the articles (match it in ${page.no}.yml photos:)` });
  const havePhotos = photoOf.size > 0 || files.length > 0 || used.size > 0;
  for (const c of captions) {
    const from = photoOf.get(c.span);
    if (from) c.article.photos.push(photoFor(from, c.span, ctx));
    else if (havePhotos)
      w.push({ file: textFile, line: c.span.lines[0] ?? 1, severity: "warning", code: "caption-without-photo", message: `this caption of page ${page.no} has no photo (add one to ${page.no}/ or name it in ${page.no}.yml photos:)` });
  }
}

function photoFor(from: string, caption: Span, ctx: MediaContext): Photo {
  return { from, file: ctx.display(from), caption, alt: altOf(caption.text), image: null };
}

/** Alt text from a caption: without the marks that point at the photo (▲, 图为, 上图：…). */
export function altOf(caption: string): string {
  return caption
    .replace(/^[\s▲△▼▽◀▶►◄■□●○◆◇☆★]+/u, "")
    .replace(/^(?:[上下左右中]?图[一二三四五六七八九十\d]*[为：:]\s*)/u, "")
    .trim();
}

function findArticle(articles: Article[], ref: string): Article | undefined {
  const r = ref.trim();
  return articles.find((a) => a.id === r) ?? articles.find((a) => a.headline.text.replace(/\s+/g, "") === r.replace(/\s+/g, ""));
}

function isPlainFile(p: string): boolean {
  try {
    return lstatSync(p).isFile();
  } catch {
    return false;
  }
}

const collator = new Intl.Collator("en", { numeric: true });
function natural(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

