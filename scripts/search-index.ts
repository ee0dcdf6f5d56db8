// The search index step: Pagefind's Node API over the built site (run after Eleventy).
//
// Only articles are indexed: the article layout marks its <article> with data-pagefind-body, and the
// layout carries the filters, sort and metadata (layouts/pages/article.njk). Pagefind's own Chinese
// segmentation splits text into dictionary words, and a query matches only words that *start* with
// it, so a query such as 传贯彻 finds nothing in 宣传贯彻 (宣传 / 贯彻). A reader of a Chinese paper
// expects any run of characters to be found. So the HTML handed to Pagefind sets a space between every
// two CJK characters and digits, and the index's language is INDEX_LANGUAGE (no segmenter, no stemmer):
// each character is a word of its own, and assets/search/pagefind.js turns a query into the phrase of
// its characters ("传 贯 彻"), which Pagefind matches as consecutive words, i.e. as a substring. The
// excerpts Pagefind makes from that text have the spaces too; the result lists take them out again
// (assets/js/results.js). The files served to readers are not changed.
//
// Shards. One Pagefind index holds only so much on one machine (memory grows with the articles in it),
// so the articles are split into shards, each a run of consecutive days of the whole archive (every
// paper): a year, or part of a year when it holds more than SHARD_MAX articles (cut at day boundaries);
// the newest shard, while it fills, in pieces (OPEN_SHARD_PIECES).
// Each shard is indexed by the Pagefind Node API in an index worker, a child process that gives each
// shard a Pagefind service of its own (bounded memory: one shard's index at a time), as many workers at
// once as there are cores, into `pagefind/shards/<name>/` (a build
// hands each shard in as soon as its pages are written and indexes it beside the render: ShardIndexer); the
// shards are listed, oldest first, in `pagefind/shards.json`. The browser searches them all at once as
// Pagefind merged indexes (assets/search/pagefind.js). Shards are ranges of dates, not papers, so that
// a search sorted by date is exact: the results of each shard, in the order Pagefind sorts them, follow
// one another shard by shard. `pagefind/` itself keeps Pagefind's scripts and styles (the search UI).
//
//   node --import tsx scripts/search-index.ts [SITE]            index the site (default _site)
//   node --import tsx scripts/search-index.ts SITE --only NAME  index one shard only (a CI matrix job)
//   node --import tsx scripts/search-index.ts SITE --plan       print the shards as JSON (a CI matrix)
//   node --import tsx scripts/search-index.ts SITE --manifest   write pagefind/shards.json and Pagefind's scripts only
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import * as pagefind from "pagefind";
import { Fingerprint, forgetManifest, type ArticleFile } from "../src/site/render-plan.ts";
import { event } from "./stages.ts";

/** Characters searched one by one: CJK ideographs, kana, hangul and digits. */
const UNIT = new RegExp("^[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{Nd}]$", "u");
/**
 * Set between text and the run of whitespace after it, wherever the page's text has one: Pagefind
 * rebuilds an article's text (the excerpts' source) from its words with one space between each two,
 * so the spaces set between units and the text's own spaces would read alike. U+2063 INVISIBLE
 * SEPARATOR is no whitespace (it stays in the word before it) and no word character (Pagefind drops it
 * from the indexed word): the word is indexed as it was, and the excerpt keeps the space it marks
 * (assets/js/results.js takes out the other spaces, and the marks). Pagefind also indexes the word
 * with the mark, at the same position (国 and 国\u2063): 2% of a shard's word entries, found by the
 * same queries.
 */
const REAL_SPACE = 0x2063;
const SPACE = 0x20;

/** What a character is to separateUnits: whitespace (JavaScript's \s), REAL_SPACE, a unit, other text; none before any text. */
const NONE = 0;
const WHITESPACE = 1;
const MARK = 2;
const IS_UNIT = 3;
const TEXT = 4;

/** The kind of every UTF-16 code unit (a lone surrogate is text), worked out once: the index reads every character of every article. */
let KINDS: Uint8Array | null = null;
function kinds(): Uint8Array {
  if (KINDS) return KINDS;
  KINDS = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const s = String.fromCharCode(c);
    KINDS[c] = c >= 0xd800 && c < 0xe000 ? TEXT : /^\s$/.test(s) ? WHITESPACE : c === REAL_SPACE ? MARK : UNIT.test(s) ? IS_UNIT : TEXT;
  }
  return KINDS;
}

/**
 * The language Pagefind indexes the articles as: "undetermined", whatever the page's lang. Pagefind
 * runs its Chinese and Japanese segmenter (jieba) on zh and ja pages; here every character is a word
 * already, so it would only cost time: on the benchmark's newest shard (889 articles) adding the pages
 * took 2.4 s with it and 1.2–1.4 s without, writing the index 2.8–3.1 s and 1.9 s, for an index of the
 * same chunks, 3% smaller. Without a segmenter Pagefind splits the text at whitespace only, hence
 * spaces, not the zero-width spaces a segmenter splits at. "und" has no stemmer either, as zh has none.
 */
export const INDEX_LANGUAGE = "und";

/** The start tag or end tag of an element whose content is not text (it is left as it is). */
const RAW_TAG = /<(\/?)(script|style|textarea)\b/iy;

/** The output of separateUnits, grown as needed: a page is at most twice as long once separated (plus its marks). */
let separated = new Uint16Array(1 << 16);

/**
 * Text nodes of the body get a space between units, and REAL_SPACE after the text before each of
 * their runs of whitespace; tags, scripts and styles stay as they are. A unit at the start of a text
 * node is separated from the text before the tag too: Pagefind joins the text of inline elements, so
 * 记者</span><a>冯华</a> would otherwise index 者冯 as one word.
 *
 * One pass over the code units into a buffer: the same rules written as regular expressions with
 * lookbehinds over Unicode scripts took 0.26 ms an article, 2.5 s of CPU at 10,000 articles (now
 * 0.04 ms). A space goes between two characters when one is a unit and the other neither whitespace
 * nor REAL_SPACE; REAL_SPACE goes between text (a unit or other) and the whitespace after it.
 */
export function separateUnits(html: string): string {
  const start = html.search(/<body[\s>]/i);
  if (start < 0) return html;
  const kind = kinds();
  const len = html.length;
  if (separated.length < 2 * (len - start) + 16) separated = new Uint16Array(2 * (len - start) + 16);
  const out = separated;
  let n = 0;
  let raw = false;
  let lastEnd = -1; // where the last text node ended in `out`
  let lastKind: number = NONE; // the kind of its last character
  let i = start;
  while (i < len) {
    if (html.charCodeAt(i) === 0x3c /* < */) {
      const end = html.indexOf(">", i);
      if (end < 0) {
        // No tag closes: the rest stays as it is.
        for (let j = i; j < len; j++) out[n++] = html.charCodeAt(j);
        break;
      }
      RAW_TAG.lastIndex = i;
      const m = RAW_TAG.exec(html);
      if (m) raw = !m[1];
      for (let j = i; j <= end; j++) out[n++] = html.charCodeAt(j);
      i = end + 1;
      continue;
    }
    // A text node: up to the next tag.
    let stop = html.indexOf("<", i);
    if (stop < 0 || html.indexOf(">", stop) < 0) stop = len;
    if (raw) {
      for (let j = i; j < stop; j++) out[n++] = html.charCodeAt(j);
      i = stop;
      continue;
    }
    let prev: number = lastKind;
    for (let j = i; j < stop; ) {
      const c = html.charCodeAt(j);
      let k: number = kind[c]!;
      let width = 1;
      if (c >= 0xd800 && c < 0xdc00 && j + 1 < stop) {
        const d = html.charCodeAt(j + 1);
        if (d >= 0xdc00 && d < 0xe000) {
          k = UNIT.test(html.slice(j, j + 2)) ? IS_UNIT : TEXT;
          width = 2;
        }
      }
      if (k === WHITESPACE && (prev === IS_UNIT || prev === TEXT)) {
        if (j === i) {
          // Whitespace at the start of a text node follows the text node before the tag: the mark ends that one.
          out.copyWithin(lastEnd + 1, lastEnd, n);
          out[lastEnd] = REAL_SPACE;
          n++;
        } else out[n++] = REAL_SPACE;
      } else if ((prev === IS_UNIT && k !== WHITESPACE && k !== MARK) || (k === IS_UNIT && (prev === IS_UNIT || prev === TEXT))) {
        out[n++] = SPACE;
      }
      out[n++] = c;
      if (width === 2) out[n++] = html.charCodeAt(j + 1);
      prev = k;
      j += width;
    }
    lastEnd = n;
    lastKind = prev;
    i = stop;
  }
  return html.slice(0, start) + Buffer.from(out.buffer, out.byteOffset, n * 2).toString("utf16le");
}

/**
 * What of a page Pagefind is handed: its `<html>` start tag and the element marked data-pagefind-body,
 * in a body of their own, without the parts of it marked data-pagefind-ignore that hold nothing else
 * for Pagefind (withoutIgnored). Pagefind indexes only that element, which carries the filters, sort
 * and metadata too (the search contract, layouts/pages/article.njk), so the index is the same, byte
 * for byte (tests/site/site.test.ts compares them); the rest of the page (head, header, navigation,
 * footer: 40% of an article page) cost, on a shard of 886 articles, 0.04 s of the index worker's CPU
 * and 0.18 s of Pagefind's (means of eight alternated runs) to encode, send, decode and parse. A page
 * without one such element, or with more than one, is handed whole.
 */
export function indexedPart(html: string): string {
  const mark = html.indexOf(BODY);
  if (mark < 0 || html.indexOf(BODY, mark + 1) >= 0) return html;
  // The element whose start tag has the attribute (the words as text, or in another value, are not it).
  const tag = startTagWith(html, mark, BODY);
  const end = tag ? elementEnd(html, tag.open, tag.name) : -1;
  if (end < 0) return html;
  const root = /<html\b[^>]*>/i.exec(html)?.[0] ?? "<html>";
  return `<!DOCTYPE html>${root}<body>${withoutIgnored(html.slice(tag!.open, end))}</body></html>`;
}

/**
 * Where the element whose start tag begins at `start` ends (past its end tag): the end tag that closes
 * it, past those of elements of the same name within it; -1 if none does.
 */
function elementEnd(html: string, start: number, name: string): number {
  const tags = new RegExp(`<(/?)${name}(?=[\\s/>])`, "gi");
  tags.lastIndex = start;
  let depth = 0;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) {
      const close = html.indexOf(">", m.index);
      return close < 0 ? -1 : close + 1;
    }
  }
  return -1;
}

/** A start tag at the sticky position: its name (1), attributes (2) and the slash of a self-closing tag (3). */
const START_TAG = /<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
/** An attribute of a start tag: its name (1). */
const ATTRIBUTE = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;
const BODY = "data-pagefind-body";
const IGNORE = "data-pagefind-ignore";

/**
 * The start tag around position `at` of `html`, if `attribute` is the name of one of its attributes
 * (`at` being, say, where the name was found): where it opens, how long it is, its element's name, its
 * attributes' names (lower case) and whether it closes itself. Null when `at` lies in text, or when the
 * name is only part of another attribute's value (page text may read anything).
 */
function startTagWith(html: string, at: number, attribute: string): { open: number; length: number; name: string; attributes: string[]; selfClosing: boolean } | null {
  const open = html.lastIndexOf("<", at);
  if (open < 0) return null;
  START_TAG.lastIndex = open;
  const tag = START_TAG.exec(html);
  if (!tag || open + tag[0].length <= at) return null;
  const attributes = [...tag[2]!.matchAll(ATTRIBUTE)].map((a) => a[1]!.toLowerCase());
  return attributes.includes(attribute) ? { open, length: tag[0].length, name: tag[1]!, attributes, selfClosing: tag[3] === "/" } : null;
}

/**
 * An element's HTML without the elements in it marked data-pagefind-ignore (any value), where such an
 * element holds no other data-pagefind attribute: Pagefind indexes none of its text, and would only
 * read filters, sorts or metadata in it. An article's meta line and footer (the citation, the links)
 * are a fifth of what Pagefind would otherwise parse.
 */
function withoutIgnored(html: string): string {
  let out = "";
  let from = 0;
  for (let at = html.indexOf(IGNORE); at >= 0; ) {
    let next = at + IGNORE.length;
    const tag = startTagWith(html, at, IGNORE);
    if (tag && !tag.selfClosing && tag.attributes.every((n) => n === IGNORE || !n.startsWith("data-pagefind-"))) {
      const end = elementEnd(html, tag.open, tag.name);
      if (end > 0 && !html.slice(tag.open + tag.length, end).includes("data-pagefind-")) {
        out += html.slice(from, tag.open);
        from = next = end;
      }
    }
    at = html.indexOf(IGNORE, next);
  }
  return from ? out + html.slice(from) : html;
}

/**
 * The most articles a shard holds, chosen from `npm run bench` on this machine (2 cores; generated
 * articles of 1,500 characters on average, as a daily's): Pagefind took about 6 ms of CPU an article
 * (2.8 s to add 1,000 articles, 3.4 s to write their index) and about 450 MB for 1,000 of them; 4–5 ms
 * since it no longer segments the text as Chinese (INDEX_LANGUAGE).
 * - Adding a page indexes its shard again: 3.3–4.4 s for the 889 articles of the benchmark's newest
 *   shard at 10,000 articles, in an add-page build of 8.5–11.0 s; a shard of 3,300 took 22 s of a 29 s
 *   rebuild (segmented as Chinese). The newest shard is now indexed in pieces (OPEN_SHARD_PIECES).
 * - Two shards are indexed side by side, after the render: the build peaked at 4.8 GB with shards of
 *   3,300, at 3.0 GB with shards of 1,000 (1.8 GB once the build also let go of the render's memory).
 * - Smaller shards cost the reader: a cold query fetches, from each shard it searches, the shard's
 *   entry and metadata and one index chunk (about 25 kB) per character of the query. At 10,000
 *   articles the complete answer fetched 717 kB from 11 shards, 489 kB from 3 (643 kB from 11 now).
 * About ten days of a daily; a year is some 36 shards. GAZETTE_SHARD_MAX overrides it (tests use tiny shards).
 */
export const SHARD_MAX = 1000;

/**
 * How many articles the first answer of a cold search in the UI covers (assets/search/pagefind.js): the
 * newest shards, added while they hold at most this many together (at least one). A cold query over
 * every shard fetches each one's metadata (about 10 bytes an article) and one index chunk per character
 * of the query, and waits for Pagefind to rank every result: megabytes and seconds on a large archive.
 * The first answer waits for no filter chunk; three shards of 1,000 articles cost it 334 kB with the
 * page at 10,000 articles (first results in 0.9 s), within 500 kB and a second. So three shards: the
 * newest month or so of a daily. The other shards follow, and the complete answer, ranked over every
 * shard as one index ranks, replaces it. An archive no larger answers completely at once.
 * GAZETTE_SEARCH_FIRST overrides it (the tests use a tiny one).
 */
export const FIRST_ARTICLES = 3000;

export interface Shard {
  /** Folder under pagefind/shards/: the year, a part number when a year is split (2023, 2023-2), a piece's number in the open shard (2023-3.1). */
  name: string;
  /** First and last day of the shard (yyyy-mm-dd). */
  from: string;
  to: string;
  /** Site-relative paths of the article pages (a/b/index.html), in path order. */
  files: string[];
  /** A hash of what the shard's index is made from: its pages (paths and bytes) and the indexer. */
  key: string;
}

const ARTICLE_PATH = /^[a-z0-9][a-z0-9-]*\/(\d{4})\/(\d{2})\/(\d{2})\//;

/** Every HTML file of the site (site-relative, `/`-separated, sorted), pagefind/ left out. */
function htmlFiles(siteDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (r === "pagefind") continue;
      if (e.isDirectory()) walk(join(dir, e.name), r);
      else if (e.isFile() && e.name.endsWith(".html")) out.push(r);
    }
  };
  walk(siteDir, "");
  return out;
}

/**
 * The digest of an article page's HTML, which a shard's key is made of (keyShard): a render plan's
 * Fingerprint (SHA-1 of its UTF-16: it detects change; the pages are the editors' own). A build takes
 * it of every page it renders (.eleventy.ts): 0.35–0.4 s of CPU at 10,000 articles, against 0.75–0.9 s
 * as SHA-256 of the UTF-8, which has to be encoded first.
 */
export function pageDigest(html: string): string {
  return new Fingerprint().add(html).digest();
}

/** The article pages of a built site, found by reading it: each with its day and the hash of its HTML. */
function scanArticles(siteDir: string): ArticleFile[] {
  const out: ArticleFile[] = [];
  for (const rel of htmlFiles(siteDir)) {
    const m = ARTICLE_PATH.exec(rel);
    if (!m) continue; // articles live under /<paper>/<yyyy>/<mm>/<dd>/ only
    const html = readFileSync(join(siteDir, rel), "utf8");
    if (!html.includes(BODY)) continue;
    out.push({ file: rel, day: `${m[1]}-${m[2]}-${m[3]}`, digest: pageDigest(html) });
  }
  return out;
}

/**
 * The article pages grouped into shards of consecutive days, oldest first. `articles` comes from the
 * build's render plan (src/site/render-plan.ts: a digest of what each page shows), which spares reading
 * every page; without it the site is read.
 */
export function planShards(siteDir: string, max = shardMax(), articles: ArticleFile[] = scanArticles(siteDir)): Shard[] {
  const digests = new Map(articles.map((a) => [a.file, a.digest]));
  const shards = groupShards(articles, max);
  for (const shard of shards) keyShard(shard, digests);
  return shards;
}

/**
 * The newest shard of the archive, while it holds fewer than SHARD_MAX articles, is still filling:
 * each new issue adds to it. It is indexed in pieces (`<name>.1`, `<name>.2`, …, openPieces): once it
 * holds more than a quarter of a shard, its newest day alone, and the days before it in pieces of a
 * quarter of a shard (a new piece at the start of a day once the last holds that many). Adding a page
 * to the newest issue, as an editor does page by page while a day's paper comes in, indexes again only
 * that day (52–59 articles in the benchmark's archive of 10,000) rather than the whole shard (up to
 * 1,000: 6.8 s of a 13.7 s add-page build at 10,000 articles here, 3.0 s of 8.2 with quarter pieces);
 * the first page of a new day indexes again the last quarter piece too, which the day before joins.
 * Once the shard is full its pieces become one shard, indexed once. Pieces are ranges of days like
 * shards, so a sorted search stays exact; the first answer of a search (FIRST_ARTICLES) counts
 * articles, not shards.
 */
export const OPEN_SHARD_PIECES = 4;

/**
 * The pieces of the open shard: the days before the newest in runs of a quarter shard, then the newest
 * day; one piece while the shard holds no more than a quarter. Re-indexing that much takes little, and
 * Pagefind ranks each index's results by that index's own statistics, which an index of a few articles
 * skews: in the sample archive (14 articles) a day's three would have outranked a headline's match.
 */
function openPieces(days: DayFiles[], max: number): DayRun[] {
  const quarter = Math.ceil(max / OPEN_SHARD_PIECES);
  if (days.reduce((n, d) => n + d.files.length, 0) <= quarter) return runsOfDays(days, quarter, false);
  const newest = days.at(-1)!;
  return [...runsOfDays(days.slice(0, -1), quarter, false), { days: [newest], files: [...newest.files] }];
}

/** A day's article pages (or those of a day's part, when a day is cut). */
interface DayFiles {
  day: string;
  files: string[];
}
/** Consecutive days' article pages: a shard, or a piece of the open shard. */
interface DayRun {
  days: DayFiles[];
  files: string[];
}

/**
 * Runs of consecutive days: a new run at the start of a day once the run holds `max` or more, and, when
 * `cutDays`, within a day once that day alone fills `max` (a shard's memory is bounded by its size; a
 * piece of the open shard is not cut within a day, so that a page added to the newest day changes one piece).
 */
function runsOfDays(days: DayFiles[], max: number, cutDays: boolean): DayRun[] {
  const runs: DayRun[] = [];
  let cur: DayRun | null = null;
  for (const { day, files } of days) {
    if (!cur || cur.files.length >= max) runs.push((cur = { days: [], files: [] }));
    let part = { day, files: [] as string[] };
    cur.days.push(part);
    for (const file of files) {
      if (cutDays && part.files.length >= max) {
        runs.push((cur = { days: [], files: [] }));
        cur.days.push((part = { day, files: [] }));
      }
      part.files.push(file);
      cur.files.push(file);
    }
  }
  return runs;
}

/**
 * The article pages (file and day) grouped into shards of consecutive days, oldest first, without their
 * keys: a build groups the articles before it renders them, and keys each shard once its pages are
 * written (keyShard). A year is cut at the start of a day once its shard holds `max` articles; the
 * newest shard, while not full, is indexed in pieces (OPEN_SHARD_PIECES). Within a day, by path.
 */
export function groupShards(articles: { file: string; day: string }[], max = shardMax()): Shard[] {
  const byDay = new Map<string, string[]>();
  for (const a of [...articles].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0))) {
    (byDay.get(a.day) ?? byDay.set(a.day, []).get(a.day)!).push(a.file);
  }
  const byYear = new Map<string, DayFiles[]>();
  for (const day of [...byDay.keys()].sort()) {
    const year = day.slice(0, 4);
    (byYear.get(year) ?? byYear.set(year, []).get(year)!).push({ day, files: byDay.get(day)! });
  }
  const shard = (name: string, run: DayRun): Shard => ({ name, from: run.days[0]!.day, to: run.days.at(-1)!.day, files: run.files, key: "" });
  const shards: Shard[] = [];
  const years = [...byYear.keys()];
  for (const year of years) {
    const runs = runsOfDays(byYear.get(year)!, max, true);
    runs.forEach((run, i) => {
      const name = i === 0 ? year : `${year}-${i + 1}`;
      const open = year === years.at(-1) && i === runs.length - 1 && run.files.length < max;
      if (!open) shards.push(shard(name, run));
      else openPieces(run.days, max).forEach((piece, k) => shards.push(shard(`${name}.${k + 1}`, piece)));
    });
  }
  if (!shards.length) shards.push({ name: "none", from: "", to: "", files: [], key: "" });
  return shards;
}

/** Sets a shard's key from the digests of its pages (by file). */
export function keyShard(shard: Shard, digests: Map<string, string | undefined>): void {
  const hash = createHash("sha256").update(indexerVersion()).update(shard.name);
  for (const f of shard.files) hash.update(`\0${f}\0${digests.get(f)}`);
  shard.key = hash.digest("hex");
}

let version: string | null = null;
/** This file and Pagefind's version: a new indexer is a new cache. */
function indexerVersion(): string {
  if (version) return version;
  const pkg = JSON.parse(readFileSync(new URL("../node_modules/pagefind/package.json", import.meta.url), "utf8")) as { version: string };
  return (version = createHash("sha256").update(readFileSync(fileURLToPath(import.meta.url))).update(pkg.version).digest("hex"));
}

/** Where indexed shards are kept between builds (`<GAZETTE_CACHE or .cache>/search/<key>/`), or null. */
function shardCache(): string | null {
  const v = process.env.GAZETTE_CACHE;
  if (v === "off" || v === "0") return null;
  return join(resolve(v || ".cache"), "search");
}

function shardMax(): number {
  const n = Number(process.env.GAZETTE_SHARD_MAX);
  return Number.isInteger(n) && n > 0 ? n : SHARD_MAX;
}

/**
 * How many pages are sent to Pagefind before the answer to the first of them is awaited: enough that
 * reading and preparing the next page overlaps Pagefind's indexing of the last (a shard of 1,000
 * articles: 3.6 s to add them one by one, 2.8 s with 8 in flight), few enough to hold little memory.
 */
const PAGES_IN_FLIGHT = 8;

/**
 * Indexes one shard's articles into `out` with the Pagefind Node API (in this process). Each page is
 * read from the first of `roots` that has it: the folder being built, then the previous build's.
 */
export async function indexShard(roots: string[], files: string[], out: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ writePlayground: false, forceLanguage: INDEX_LANGUAGE });
  if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
  // Pagefind's service takes its messages one at a time, in the order they were written, so pages
  // sent ahead are indexed in the same order (the same index) while this process reads the next ones.
  const inFlight: Promise<void>[] = [];
  for (const rel of files) {
    const root = roots.find((r) => existsSync(join(r, rel))) ?? roots[0]!;
    const html = readFileSync(join(root, rel), "utf8");
    const url = `/${rel.replace(/(^|\/)index\.html$/, "$1")}`;
    inFlight.push(
      index.addHTMLFile({ url, content: separateUnits(indexedPart(html)) }).then((res) => {
        if (res.errors.length) throw new Error(`pagefind: ${rel}: ${res.errors.join("; ")}`);
      }),
    );
    if (inFlight.length >= PAGES_IN_FLIGHT) await inFlight.shift();
  }
  await Promise.all(inFlight);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const written = await index.writeFiles({ outputPath: out });
  if (written.errors.length) throw new Error(`pagefind: ${written.errors.join("; ")}`);
  await index.deleteIndex();
  await pagefind.close();
  // A shard keeps the search library and its index; the UI's scripts and styles live once, in pagefind/.
  for (const f of readdirSync(out)) if (/-ui\.(?:js|css)$|^pagefind-highlight\.js$/.test(f)) rmSync(join(out, f));
}

const SELF = fileURLToPath(import.meta.url);

/** The largest shard indexed in the build's own process when it is the only one left: a child costs about a second. */
export const IN_PROCESS_MAX = 50;

/** A shard's job, one line of JSON on an index worker's stdin. */
interface ShardJob {
  name: string;
  roots: string[];
  files: string[];
  out: string;
}

/**
 * An index worker: a child process (its own Node) that indexes the shards it is sent on stdin, one
 * JSON line each, one after the other, each with a Pagefind service of its own that is closed after
 * it (memory bounded by one shard), and writes `done <name>` on stdout after each. It ends once its
 * stdin has ended and its jobs are done. The jobs come through a pipe, not files: a build killed
 * meanwhile leaves nothing behind.
 */
async function runWorker(): Promise<void> {
  const jobs: ShardJob[] = [];
  let ended = false;
  let wake: (() => void) | null = null;
  createInterface({ input: process.stdin })
    .on("line", (line) => {
      jobs.push(JSON.parse(line) as ShardJob);
      wake?.();
    })
    .on("close", () => {
      ended = true;
      wake?.();
    });
  for (;;) {
    const job = jobs.shift();
    if (job) {
      event("shard-start", job.name);
      await indexShard(job.roots, job.files, job.out);
      event("shard-end", job.name);
      process.stdout.write(`done ${job.name}\n`);
    } else if (ended) return;
    else await new Promise<void>((ok) => (wake = ok));
  }
}

/** An index worker as the build sees it: the shards sent to it and not done yet, the one it indexes first. */
interface IndexWorker {
  child: ChildProcess;
  held: Shard[];
  exited: Promise<void>;
}

function firstArticles(): number {
  const n = Number(process.env.GAZETTE_SEARCH_FIRST);
  return Number.isInteger(n) && n > 0 ? n : FIRST_ARTICLES;
}

/** The public manifest the browser reads: the shards, oldest first, and the first answer's budget. */
function writeManifest(pfDir: string, shards: Shard[]): void {
  const list = shards.map((s) => ({ name: s.name, from: s.from, to: s.to, articles: s.files.length }));
  writeFileSync(join(pfDir, "shards.json"), `${JSON.stringify({ firstArticles: firstArticles(), shards: list }, null, 1)}\n`);
}

export interface IndexOptions {
  /** Index this shard only (a CI matrix job). */
  only?: string;
  jobs?: number;
  /** The article pages, from the render plan (else the site is read). */
  articles?: ArticleFile[];
  /**
   * The previous build's folder and its shards (name: key). A shard whose key is unchanged and whose
   * folder is there is not written at all: scripts/build.ts keeps it. Its pages are read from there too.
   */
  base?: { dir: string; shards: Record<string, string> };
}

/**
 * Indexes shards into `<site>/pagefind/shards/` as they are handed in, at most `jobs` at a time: a build
 * hands in each shard as soon as its pages are written, and indexes while it renders the rest
 * (scripts/build.ts). A shard the previous build has with the same key stays where it is; one whose
 * pages are unchanged since a build that cached it is linked from the cache (Pagefind writes the same
 * bytes for the same input); only the others are indexed.
 */
export class ShardIndexer {
  private readonly pfDir: string;
  private readonly cache = shardCache();
  /** Pagefind's scripts and styles, written first (it uses Pagefind in this process). */
  private readonly bundle: Promise<void>;
  /** Shards handed in and not yet sent to a worker. */
  private readonly queue: Shard[] = [];
  /** One promise per shard being indexed, settled when its index is written (and cached). */
  private readonly running: Promise<void>[] = [];
  private readonly settle = new Map<Shard, { ok: () => void; fail: (e: Error) => void }>();
  private readonly workers: IndexWorker[] = [];
  /** Where a shard's pages are read: the folder being built, then the previous build's. */
  private readonly roots: string[];
  private inProcess = false;
  /** The shards indexed (not kept from the previous build or the cache). */
  readonly indexed: Shard[] = [];

  constructor(
    siteDir: string,
    private readonly base: IndexOptions["base"],
    /** How many shards are indexed at once, each by a worker (a child process) of its own. */
    private jobs: number,
    /**
     * How many more shards a worker is sent while it indexes one. This process answers a worker that
     * is done only when its event loop runs, and while Eleventy renders it does not: Eleventy renders
     * a run's pages as one chain of promises, so a worker done mid-run would wait for the run's end
     * (measured at 10,000 articles: the second shard waited 10 s, and the render's last run, the
     * longest, had half a core idle). A shard sent ahead starts at once. 0 once nothing renders, so that
     * the last shards go to whichever worker is free.
     */
    private ahead = 0,
  ) {
    this.pfDir = join(siteDir, "pagefind");
    mkdirSync(join(this.pfDir, "shards"), { recursive: true });
    this.bundle = writeBundle(this.pfDir);
    this.roots = base ? [siteDir, base.dir] : [siteDir];
  }

  /** Where a shard's index is written. */
  private outOf(shard: Shard): string {
    return join(this.pfDir, "shards", shard.name);
  }

  /** A shard whose pages are all written, with its key. */
  add(shard: Shard): void {
    const base = this.base;
    // scripts/build.ts keeps the previous build's folder of a shard whose key is unchanged.
    if (base && base.shards[shard.name] === shard.key && existsSync(join(base.dir, "pagefind", "shards", shard.name, "pagefind-entry.json"))) return;
    const cached = this.cache ? join(this.cache, shard.key) : null;
    if (cached && existsSync(join(cached, "pagefind-entry.json"))) {
      shareTree(cached, this.outOf(shard));
      return;
    }
    this.queue.push(shard);
    const done = new Promise<void>((ok, fail) => this.settle.set(shard, { ok, fail }));
    done.catch(() => {}); // reported by finish()
    this.running.push(done);
    event("shard-ready", shard.name);
    this.pump();
  }

  /**
   * Starts `count` workers now, before any shard is handed in, even those that wait for `jobs` to grow:
   * a worker takes about half a second to start, which a build spends while the render's first slice
   * runs (leaving a core idle), not when a shard is ready or the last shards are to be indexed at once.
   */
  startWorkers(count: number): void {
    while (this.workers.length < count) this.spawnWorker();
  }

  /** Changes how many shards are indexed at once and sent ahead (a build indexes on every core once it has rendered). */
  setJobs(jobs: number, ahead: number): void {
    this.jobs = Math.max(1, jobs);
    this.ahead = ahead;
    this.pump();
  }

  /** Sends queued shards to workers: an idle one first, then a new one (up to `jobs`), then one with room ahead. */
  private pump(): void {
    while (this.queue.length) {
      // The largest shard first: the last ones indexed are then the small ones, and the workers end together.
      const at = this.queue.reduce((best, s, i) => (s.files.length > this.queue[best]!.files.length ? i : best), 0);
      const shard = this.queue[at]!;
      // The jobs running: the workers indexing a shard, and the shard indexed in this process.
      const running = this.workers.filter((w) => w.held.length).length + (this.inProcess ? 1 : 0);
      // A small shard alone (the tests, an edit to a small archive) is indexed here: a worker costs a second.
      if (shard.files.length <= IN_PROCESS_MAX && this.queue.length === 1 && running === 0) {
        this.queue.splice(at, 1);
        this.indexHere(shard);
        return;
      }
      const idle = this.workers.find((w) => !w.held.length);
      const room = this.workers.filter((w) => w.held.length && w.held.length <= this.ahead).sort((a, b) => a.held.length - b.held.length)[0];
      const worker = running < this.jobs ? (idle ?? this.spawnWorker()) : room;
      if (!worker) return;
      this.queue.splice(at, 1);
      worker.held.push(shard);
      const job: ShardJob = { name: shard.name, roots: this.roots, files: shard.files, out: this.outOf(shard) };
      worker.child.stdin!.write(`${JSON.stringify(job)}\n`);
    }
  }

  private indexHere(shard: Shard): void {
    this.inProcess = true;
    this.bundle
      .then(async () => {
        event("shard-start", shard.name);
        await indexShard(this.roots, shard.files, this.outOf(shard));
        event("shard-end", shard.name);
      })
      .then(
        () => this.done(shard),
        (e: Error) => this.settle.get(shard)!.fail(e),
      )
      .finally(() => {
        this.inProcess = false;
        this.pump();
      });
  }

  private spawnWorker(): IndexWorker {
    const child = spawn(process.execPath, ["--import", "tsx", SELF, "--worker"], { stdio: ["pipe", "pipe", "inherit"] });
    const worker: IndexWorker = { child, held: [], exited: new Promise((ok) => child.on("close", () => ok())) };
    this.workers.push(worker);
    child.stdin!.on("error", () => {}); // a worker that died: its exit says so
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const name = /^done (.+)$/.exec(line)?.[1];
      const i = worker.held.findIndex((s) => s.name === name);
      if (i >= 0) this.done(worker.held.splice(i, 1)[0]!);
      this.pump();
    });
    // A worker that ends, or cannot start, fails the shards it still holds (none when it ended as asked).
    const gone = (why: string) => {
      if (this.workers.includes(worker)) this.workers.splice(this.workers.indexOf(worker), 1);
      for (const s of worker.held.splice(0)) this.settle.get(s)!.fail(new Error(`pagefind: shard ${s.name} failed (${why})`));
      this.pump();
    };
    child.on("error", (e) => gone(e.message));
    child.on("close", (code, signal) => gone(signal ?? `exit ${code}`));
    return worker;
  }

  /** A shard's index is written: it goes into the cache too. */
  private done(shard: Shard): void {
    this.indexed.push(shard);
    try {
      if (this.cache) {
        const out = this.outOf(shard);
        const tmp = join(this.cache, `${shard.key}.${process.pid}.tmp`);
        rmSync(tmp, { recursive: true, force: true });
        shareTree(out, tmp);
        rmSync(join(this.cache, shard.key), { recursive: true, force: true });
        renameSync(tmp, join(this.cache, shard.key));
      }
      this.settle.get(shard)!.ok();
    } catch (e) {
      this.settle.get(shard)!.fail(e as Error);
    }
  }

  /** A failed build: nothing more is started, and the workers are stopped and waited for (they write into the build's folder). */
  async abandon(): Promise<void> {
    for (const s of this.queue.splice(0)) this.settle.get(s)!.fail(new Error(`pagefind: shard ${s.name} not indexed: the build failed`));
    for (const w of this.workers) w.child.kill();
    await Promise.allSettled([this.bundle, ...this.running, ...this.workers.map((w) => w.exited)]);
  }

  /** Waits for every shard handed in, and for the workers to end; then writes the manifest of `shards` (every shard of the site). */
  async finish(shards: Shard[]): Promise<void> {
    await this.bundle;
    // Shards handed in while waiting are appended, so the list is read as it grows.
    for (let i = 0; i < this.running.length; i++) await this.running[i];
    const workers = [...this.workers];
    for (const w of workers) w.child.stdin!.end();
    await Promise.all(workers.map((w) => w.exited));
    writeManifest(this.pfDir, shards);
  }
}

/**
 * `from`'s files at `to`, hard-linked: an indexed shard's files are never changed in place (a build
 * writes a new folder), so the cache and the site can share them; a shard of 10,000 articles is about
 * 10,000 files, and copying them took 3 s of adding one page at 100,000 articles. Copied where links
 * cannot be made (the cache on another file system).
 */
function shareTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, e.name);
    const dst = join(to, e.name);
    if (e.isDirectory()) shareTree(src, dst);
    else {
      try {
        linkSync(src, dst);
      } catch {
        copyFileSync(src, dst);
      }
    }
  }
}

/** Indexes the site's articles into pagefind/shards/; returns the shards (name: key) the site now has. */
export async function buildSearchIndex(siteDir: string, log: (s: string) => void = (s) => console.log(s), options: IndexOptions = {}): Promise<Record<string, string>> {
  // pagefind/ is written in place: the manifest of the build that made the site (its shards' keys) no
  // longer describes it, and the next build renders and indexes everything (src/site/render-plan.ts).
  forgetManifest(siteDir);
  const shards = planShards(siteDir, shardMax(), options.articles);
  const pfDir = join(siteDir, "pagefind");
  const todo = options.only ? shards.filter((s) => s.name === options.only) : shards;
  if (options.only && !todo.length) throw new Error(`no shard named ${options.only} (shards: ${shards.map((s) => s.name).join(", ")})`);
  if (!options.only) rmSync(pfDir, { recursive: true, force: true });
  const indexer = new ShardIndexer(siteDir, options.base, options.jobs ?? availableParallelism());
  for (const shard of todo) indexer.add(shard);
  await indexer.finish(shards);
  log(describeIndex(todo, indexer.indexed.length, pfDir));
  return Object.fromEntries(shards.map((s) => [s.name, s.key]));
}

/** The build's line about the search index. */
export function describeIndex(shards: Shard[], indexed: number, pfDir: string): string {
  const count = shards.reduce((n, s) => n + s.files.length, 0);
  return `[gazette] search index: ${count} article(s) in ${shards.length} shard(s) (${shards.map((s) => `${s.name}: ${s.files.length}`).join(", ")}), ${indexed} indexed, ${shards.length - indexed} unchanged, in ${relative(process.cwd(), pfDir) || pfDir}`;
}

/** shards.json and Pagefind's scripts, without indexing (the last job of a CI matrix, README "Scale"). */
export async function writeManifestAndBundle(siteDir: string): Promise<void> {
  forgetManifest(siteDir); // as buildSearchIndex
  const pfDir = join(siteDir, "pagefind");
  mkdirSync(join(pfDir, "shards"), { recursive: true });
  await writeBundle(pfDir);
  writeManifest(pfDir, planShards(siteDir));
}

/** Pagefind's own scripts and styles, from an empty index, into pagefind/ (the index files are dropped). */
async function writeBundle(pfDir: string): Promise<void> {
  if (existsSync(join(pfDir, "pagefind.js"))) return;
  const tmp = join(tmpdir(), `gazette-pf-bundle-${process.pid}-${Date.now()}`);
  const { index, errors } = await pagefind.createIndex({ writePlayground: false });
  if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
  const written = await index.writeFiles({ outputPath: tmp });
  if (written.errors.length) throw new Error(`pagefind: ${written.errors.join("; ")}`);
  await index.deleteIndex();
  await pagefind.close();
  for (const f of readdirSync(tmp)) if (/\.(?:js|css)$/.test(f)) copyFileSync(join(tmp, f), join(pfDir, f));
  rmSync(tmp, { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  if (argv[0] === "--worker") {
    await runWorker(); // the jobs come from ShardIndexer on stdin
  } else {
    const site = argv.find((a, i) => !a.startsWith("--") && argv[i - 1] !== "--only") ?? "_site";
    const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : undefined;
    if (argv.includes("--plan")) console.log(JSON.stringify(planShards(site).map((s) => ({ name: s.name, from: s.from, to: s.to, articles: s.files.length }))));
    else if (argv.includes("--manifest")) await writeManifestAndBundle(site);
    else await buildSearchIndex(site, undefined, { only });
  }
}
