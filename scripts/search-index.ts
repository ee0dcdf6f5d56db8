// The search index step: Pagefind's Node API over the built site (run after Eleventy).
//
// Only articles are indexed: the article layout marks its <article> with data-pagefind-body, and the
// layout carries the filters, sort and metadata (layouts/pages/article.njk). Pagefind's own Chinese
// segmentation splits text into dictionary words, and a query matches only words that *start* with
// it, so a query such as 传贯彻 finds nothing in 宣传贯彻 (宣传 / 贯彻). A reader of a Chinese paper
// expects any run of characters to be found. So the HTML handed to Pagefind sets a zero-width space
// between every two CJK characters and digits: each one is a word of its own, the excerpts still read
// as the text did (the separator is invisible), and assets/search/pagefind.js turns a query into the
// phrase of its characters ("传 贯 彻"), which Pagefind matches as consecutive words, i.e. as a
// substring. The files served to readers are not changed.
import { mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join, relative, sep } from "node:path";
import * as pagefind from "pagefind";

/** Characters searched one by one: CJK ideographs, kana, hangul and digits. */
const UNIT = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{Nd}";
const BOUNDARY = new RegExp(`(?<=[${UNIT}])(?=[^\\s\\u200b])|(?<=[^\\s\\u200b])(?=[${UNIT}])`, "gu");

/** Text nodes of the body get a zero-width space between units; tags, scripts and styles stay as they are. */
export function separateUnits(html: string): string {
  const start = html.search(/<body[\s>]/i);
  if (start < 0) return html;
  const parts = html.slice(start).split(/(<[^>]*>)/);
  let raw: string | null = null;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.startsWith("<")) {
      const m = /^<(\/?)(script|style|textarea)\b/i.exec(p);
      if (m) raw = m[1] ? null : m[2]!.toLowerCase();
      continue;
    }
    if (raw === null && p) parts[i] = p.replace(BOUNDARY, "\u200b");
  }
  return html.slice(0, start) + parts.join("");
}

function htmlFiles(dir: string, root: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (full === join(root, "pagefind")) continue;
    const st = readdirSafe(full);
    if (st) htmlFiles(full, root, out);
    else if (name.endsWith(".html")) out.push(full);
  }
  return out;
}

function readdirSafe(p: string): boolean {
  try {
    readdirSync(p);
    return true;
  } catch {
    return false;
  }
}

export async function buildSearchIndex(siteDir: string, log: (s: string) => void = (s) => console.log(s)): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ writePlayground: false });
  if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
  let count = 0;
  for (const file of htmlFiles(siteDir, siteDir)) {
    const html = readFileSync(file, "utf8");
    if (!html.includes("data-pagefind-body")) continue;
    const rel = relative(siteDir, file).split(sep).join("/");
    const url = `/${rel.replace(/(^|\/)index\.html$/, "$1")}`;
    const res = await index.addHTMLFile({ url, content: separateUnits(html) });
    if (res.errors.length) throw new Error(`pagefind: ${rel}: ${res.errors.join("; ")}`);
    count++;
  }
  const out = join(siteDir, "pagefind");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const written = await index.writeFiles({ outputPath: out });
  if (written.errors.length) throw new Error(`pagefind: ${written.errors.join("; ")}`);
  await index.deleteIndex();
  await pagefind.close();
  log(`[gazette] search index: ${count} article(s) in ${relative(process.cwd(), out) || out}`);
  return count;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildSearchIndex(process.argv[2] ?? "_site");
}
