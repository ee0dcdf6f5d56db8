// Articles written by editors in Markdown: `content/<paper>/<yyyy>/<mm>/<dd>/<name>.md`.
//
//   ---
//   headline: 漓江两岸春意浓        # required
//   kicker: 春耕时节走乡村          # optional, above the headline
//   subheadline: 阳朔县……           # optional, below it (a leading —— is dropped)
//   byline: 本报记者 李明 通讯员 王芳  # a text or a list of texts
//   page: 2                        # the page it belongs to (default 1)
//   rubric: 记者走基层              # the column it runs under
//   author_note: （作者为……）       # optional, texts or a list
//   credit: 本版责编：张三           # optional, texts or a list
//   ---
//   Body in Markdown: `#` and `##` headings are the article's section headings (h2), `###` an h3, …;
//   an image alone in a paragraph becomes a figure, its title (or alt text) the caption. Raw HTML is
//   not allowed: it is shown as text.
import MarkdownIt from "markdown-it";
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { isInside } from "./paths.js";
import type { Article, Block, Byline, Span } from "../model/types.js";
import { parseBylineText } from "../parse/bylines.js";
import { imageSize } from "./images.js";
import type { Warning } from "./types.js";
import { fields, readYaml, str, strs } from "./yaml.js";

/** An article an editor wrote: the fields of a parsed article (its id comes from its place), and its HTML. */
export interface MarkdownArticle extends Omit<Article, "id"> {
  page: number;
  html: string;
  /** Images the article shows: copied from content/ to the same path under _site/. */
  images: { from: string; url: string }[];
  lines: string[];
}

type Token = ReturnType<InstanceType<typeof MarkdownIt>["parse"]>[number];

const FRONT_MATTER = {
  headline: "string",
  kicker: "string",
  subheadline: "string",
  byline: "strings",
  page: "integer",
  rubric: "string",
  author_note: "strings",
  credit: "strings",
} as const;

export function readMarkdownArticle(file: string, absPath: string, contentRoot: string, text: string, warnings: Warning[]): MarkdownArticle | null {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  if (lines[0]?.trim() !== "---") {
    warnings.push({ file, line: 1, severity: "warning", code: "no-front-matter", message: "a Markdown article starts with front matter between --- lines (headline: …); the file is left out" });
    return null;
  }
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === "---");
  if (end < 0) {
    warnings.push({ file, line: 1, severity: "warning", code: "no-front-matter", message: "the front matter is not closed by a --- line; the file is left out" });
    return null;
  }
  const y = readYaml(file, lines.slice(1, end).join("\n"), 1);
  const f = fields(y, y.root, FRONT_MATTER, "the front matter");
  warnings.push(...y.warnings);
  const headlineText = str(f.get("headline"))?.trim();
  if (!headlineText) {
    warnings.push({ file, line: 1, severity: "warning", code: "no-headline", message: "the front matter has no headline; the file is left out" });
    return null;
  }
  const span = (key: string, strip?: RegExp): Span | null => {
    const field = f.get(key);
    const value = str(field)?.trim();
    return value ? { text: strip ? value.replace(strip, "") : value, lines: [field!.line] } : null;
  };
  const spans = (key: string): Span[] => {
    const field = f.get(key);
    return strs(field).map((text) => ({ text: text.trim(), lines: [field!.line] })).filter((s) => s.text);
  };
  const bylines: Byline[] = [];
  for (const b of spans("byline")) bylines.push(...parseBylineText(b.text, b.lines));

  const bodyStart = end + 2; // 1-based line of the first body line
  const rendered = renderBody(lines.slice(end + 1).join("\n"), bodyStart, { file, absPath, contentRoot, warnings });
  const pageField = f.get("page");
  return {
    headline: { text: headlineText, lines: [f.get("headline")!.line] },
    kicker: span("kicker"),
    subheadline: span("subheadline", /^(?:——|──|--|—)\s*/),
    rubric: span("rubric"),
    bylines,
    body: rendered.body,
    captions: rendered.captions,
    credits: spans("credit"),
    authorNotes: spans("author_note"),
    page: pageField ? Number(pageField.value) : 1,
    html: rendered.html,
    images: rendered.images,
    lines,
  };
}

interface RenderContext {
  file: string;
  absPath: string;
  contentRoot: string;
  warnings: Warning[];
}

function inlineText(tokens: Token[] | null): string {
  if (!tokens) return "";
  return tokens
    .map((t) => (t.type === "text" || t.type === "code_inline" ? t.content : t.type === "softbreak" || t.type === "hardbreak" ? "" : t.children ? inlineText(t.children) : ""))
    .join("");
}

function renderBody(src: string, firstLine: number, ctx: RenderContext) {
  warnRawHtml(src, firstLine, ctx);
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  const tokens = md.parse(src, {});
  const body: Block[] = [];
  const captions: Span[] = [];
  const images: { from: string; url: string }[] = [];
  const lineOf = (t: Token) => firstLine + (t.map?.[0] ?? 0);
  const linesOf = (t: Token) => {
    const [a, b] = t.map ?? [0, 1];
    const out: number[] = [];
    for (let i = a; i < b; i++) if ((src.split("\n")[i] ?? "").trim()) out.push(firstLine + i);
    return out.length ? out : [firstLine + a];
  };
  let headingNo = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const inline = tokens[i + 1];
    if (t.type === "heading_open" && inline) {
      // The headline is the page's h1: a Markdown # or ## heading is an h2, ### an h3, and so on.
      const level = Math.max(2, Number(t.tag.slice(1)));
      t.tag = `h${level}`;
      const close = tokens.slice(i).find((x) => x.type === "heading_close");
      if (close) close.tag = t.tag;
      const anchor = `s-${++headingNo}`;
      t.attrSet("id", anchor);
      body.push({ type: "heading", level: level - 1, text: inlineText(inline.children), lines: linesOf(t) });
    } else if (t.type === "paragraph_open" && inline) {
      const kids = (inline.children ?? []).filter((k) => !(k.type === "text" && !k.content.trim()) && k.type !== "softbreak");
      if (kids.length === 1 && kids[0]!.type === "image") {
        // An image alone in its paragraph is a figure.
        t.hidden = true;
        const close = tokens[i + 2];
        if (close?.type === "paragraph_close") close.hidden = true;
        const img = kids[0]!;
        img.meta = { figure: true };
        const caption = String(img.attrGet("title") ?? "") || inlineText(img.children);
        if (caption) captions.push({ text: caption, lines: [lineOf(t)] });
      } else {
        const text = inlineText(inline.children);
        if (text.trim()) body.push({ type: "paragraph", text, lines: linesOf(t) });
      }
    }
  }
  md.renderer.rules.image = (toks, idx) => {
    const img = toks[idx]!;
    const alt = inlineText(img.children);
    const title = String(img.attrGet("title") ?? "");
    const resolved = resolveImage(String(img.attrGet("src") ?? ""), img.map ? lineOf(img) : firstLine, ctx);
    const esc = md.utils.escapeHtml;
    let tag = `<span class="missing-image">${esc(alt)}</span>`;
    if (resolved) {
      images.push({ from: resolved.from, url: resolved.url });
      const size = resolved.size ? ` width="${resolved.size.width}" height="${resolved.size.height}"` : "";
      tag = `<img src="${esc(resolved.url)}" alt="${esc(alt)}"${size} loading="lazy" decoding="async">`;
    }
    if (!img.meta?.figure) return tag;
    const caption = title || alt;
    return `<figure class="figure">${tag}${caption ? `<figcaption>${esc(caption)}</figcaption>` : ""}</figure>\n`;
  };
  return { html: md.renderer.render(tokens, md.options, {}), body, captions, images };
}

/**
 * Raw HTML is shown as text, never as markup: a warning names each line that holds some, since the
 * editor may have meant markup. Found by a second parse that allows HTML, so that `<b>` in a code
 * span is not taken for a tag.
 */
function warnRawHtml(src: string, firstLine: number, ctx: RenderContext) {
  const lines = new Set<number>();
  for (const t of new MarkdownIt({ html: true, linkify: false }).parse(src, {})) {
    const start = firstLine + (t.map?.[0] ?? 0);
    if (t.type === "html_block") lines.add(start);
    else if (t.type === "inline") {
      let offset = 0;
      for (const k of t.children ?? []) {
        if (k.type === "softbreak" || k.type === "hardbreak") offset++;
        else if (k.type === "html_inline") lines.add(start + offset);
      }
    }
  }
  for (const line of [...lines].sort((a, b) => a - b))
    ctx.warnings.push({ file: ctx.file, line, severity: "warning", code: "raw-html", message: "raw HTML is shown as text, not as markup (a Markdown article takes no HTML)" });
}

/** An image path relative to the article: it must exist and stay inside content/. */
function resolveImage(src: string, line: number, ctx: RenderContext): { from: string; url: string; size: { width: number; height: number } | null } | null {
  const warn = (message: string) => ctx.warnings.push({ file: ctx.file, line, severity: "warning", code: "bad-image", message });
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//") || src.startsWith("/")) {
    warn(`image "${src}": give a path relative to the article, inside content/ (nothing is fetched from elsewhere)`);
    return null;
  }
  const abs = resolve(dirname(ctx.absPath), decodeURI(src.split(/[?#]/)[0] ?? ""));
  const root = resolve(ctx.contentRoot);
  if (!isInside(root, abs) || !existsSync(abs) || !statSync(abs).isFile()) {
    warn(`image "${src}" is not a file inside content/`);
    return null;
  }
  const real = realpathSync(abs);
  if (!isInside(realpathSync(root), real)) {
    warn(`image "${src}" leads out of content/`);
    return null;
  }
  const rel = relative(root, abs).split(sep).join("/");
  if (!/^[\w./-]+$/.test(rel) || !/\.(png|jpe?g|gif|webp|svg)$/i.test(rel)) {
    warn(`image "${src}": use a .png, .jpg, .gif, .webp or .svg file with a plain name (letters, digits, - and _)`);
    return null;
  }
  const size = imageSize(readFileSync(abs), rel);
  if (!size) warn(`image "${src}": its width and height could not be read`);
  return { from: abs, url: `/${rel}`, size };
}
