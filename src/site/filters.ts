// Template filters. Dates are calendar days of a paper: they are always read in the paper's time zone
// (luxon with an explicit zone), never in the zone of the machine that builds the site.
import { DateTime } from "luxon";
import type { Article, Labels, Person, SourceLine } from "../archive/types.js";

const WEEKDAYS_ZH = ["一", "二", "三", "四", "五", "六", "日"];

// A DateTime is immutable, and an archive has a few thousand days but shows each on many pages: luxon's
// zone arithmetic took 2 s of a 23 s render of 10,000 articles before days were kept.
const days = new Map<string, DateTime>();

function day(date: string, zone: string): DateTime {
  const key = `${zone}\0${date}`;
  const known = days.get(key);
  if (known) return known;
  const dt = DateTime.fromISO(date, { zone });
  if (!dt.isValid) throw new Error(`not a date: ${date}`);
  days.set(key, dt);
  return dt;
}

const isZh = (lang: string) => lang.toLowerCase().startsWith("zh");

/** 2023年1月13日 星期五 / Friday, January 13, 2023 */
export function dateLong(date: string, lang: string, zone: string): string {
  const dt = day(date, zone);
  if (isZh(lang)) return `${dt.year}年${dt.month}月${dt.day}日 星期${WEEKDAYS_ZH[dt.weekday - 1]}`;
  return dt.setLocale("en").toLocaleString(DateTime.DATE_HUGE);
}

/** 2023年1月13日 / January 13, 2023 */
export function dateShort(date: string, lang: string, zone: string): string {
  const dt = day(date, zone);
  if (isZh(lang)) return `${dt.year}年${dt.month}月${dt.day}日`;
  return dt.setLocale("en").toLocaleString(DateTime.DATE_FULL);
}

/** 2023年1月 / January 2023 */
export function monthLabel(year: number, month: number, lang: string): string {
  if (isZh(lang)) return `${year}年${month}月`;
  return DateTime.fromObject({ year, month, day: 1 }, { zone: "UTC" }).setLocale("en").toFormat("LLLL yyyy");
}

/** 1月 / January: a month within its year (a breadcrumb, a list of months). */
export function monthName(month: number, lang: string): string {
  if (isZh(lang)) return `${month}月`;
  return DateTime.fromObject({ year: 2000, month, day: 1 }, { zone: "UTC" }).setLocale("en").toFormat("LLLL");
}

/** Midnight of the paper's day as an instant: 2023-01-13T00:00:00+08:00 (Atom, sitemaps, <time>). */
export function isoInstant(date: string, zone: string): string {
  return day(date, zone).toISO({ suppressMilliseconds: true }) ?? date;
}

/** 第01版 / Page 01 */
export function pageLabel(no: string, t: Labels): string {
  return `${t.pagePrefix}${no}${t.pageSuffix}`;
}

/**
 * The article as a GB/T 7714-2015 reference to a newspaper article:
 * 主要责任者. 题名: 其他题名信息[N]. 报纸名, 出版日期(版次).
 * Up to three authors are named, then 等 (et al.).
 */
export function citation(a: Article): string {
  // Each part is contained (balanceBidi): an override left open in a headline must not turn round the rest.
  const names = [...new Set(a.bylines.flatMap((b) => b.names))].map(balanceBidi);
  const zh = isZh(a.paper.lang);
  const authors = names.length > 3 ? `${names.slice(0, 3).join(", ")}, ${zh ? "等" : "et al"}` : names.join(", ");
  const title = balanceBidi(a.headline.text.replace(/\s+/g, " ").trim()) + (a.subheadline ? `: ${balanceBidi(a.subheadline.text.trim())}` : "");
  return `${authors ? `${authors}. ` : ""}${title}[N]. ${balanceBidi(a.paper.name)}, ${a.issue.date}(${a.page.no}).`;
}

export function absolute(url: string, base: string): string {
  return base.replace(/\/+$/, "") + url;
}

/** JSON for a file of its own (not for inline scripts). */
export function json(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent);
}

export function truncate(text: string, n: number): string {
  const chars = [...text];
  return chars.length > n ? `${chars.slice(0, n).join("")}…` : text;
}

/** Line numbers as ranges: [3,5,7,8,9] -> "3、5、7–9". */
export function lineRanges(lines: number[], sep = "、"): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    out.push(i === j ? `${lines[i]}` : `${lines[i]}–${lines[j]}`);
    i = j + 1;
  }
  return out.join(sep);
}

/** What Nunjucks' autoescape writes for a character (its own table, `\\` included): output stays as it was. */
const ESCAPES: Record<string, string> = { "&": "&amp;", '"': "&quot;", "'": "&#39;", "<": "&lt;", ">": "&gt;", "\\": "&#92;" };
const TO_ESCAPE = /[&"'<>\\]/g;

/** Text for HTML, escaped as Nunjucks' autoescape escapes it. */
export function escapeHtml(text: string): string {
  return text.replace(TO_ESCAPE, (ch) => ESCAPES[ch]!);
}

/**
 * A source view's rows, one `<li>` a line, its text escaped: `{{ lines | sourceRows | safe }}`
 * (layouts/pages/source.njk). A page of 500 lines is 500 rows, and the source views are the largest
 * pages of the site, so a row is the line and little else: `<li id="L12">text</li>`. Its number is
 * the list's counter, set by the stylesheet (assets/css/site.css), and a click on it links to the line
 * (assets/js/site.js), as on GitHub; a blank line is an empty row. A row shows its role and article
 * only where a run of lines starts (SourceLine.label): a record's first line, or where the record
 * changes. Built here, not in a Nunjucks loop (a frame, lookups and escaping for every line: 8 of the
 * render's 21 s at 10,000 articles). The 2,485 source views of the benchmark's 10,000 articles, each row
 * with a number link and a span: 132 MB, rendered in 5.4–7.8 s of CPU; as rows of the line alone:
 * 88 MB, 4.0–4.1 s.
 */
export function sourceRows(lines: SourceLine[]): string {
  let html = "";
  for (const l of lines) {
    html += l.label ? `<li id="L${l.no}" data-article="${escapeHtml(l.article ?? "")}">` : `<li id="L${l.no}">`;
    if (l.anchor) html += `<span class="anchor" id="${escapeHtml(l.anchor)}"></span>`;
    if (l.label) html += `<small>${escapeHtml(l.role)}</small>`;
    html += `${escapeHtml(l.text)}</li>\n`;
  }
  return html;
}

/** The author page of a byline name (the index of authors when the name has none). */
export function personUrl(name: string, people: Person[]): string {
  return people.find((p) => p.name === name)?.url ?? "/authors/";
}

/** A paragraph opened by a numbered lead-in: [lead-in, rest]; otherwise ["", text]. */
export function splitLeadIn(block: { text: string; leadIn?: string }): [string, string] {
  const lead = block.leadIn;
  if (lead && block.text.startsWith(lead)) return [lead, block.text.slice(lead.length)];
  return ["", block.text];
}

/** The HTML heading of a section heading of depth `level` (1 = 一、): h2 … h6, under the h1 headline. */
export function headingLevel(level: number | undefined): number {
  return Math.min(6, Math.max(2, (level ?? 1) + 1));
}

/** The photo of a caption, if it has one (the article's `photos`, matched by src/archive/media.ts). */
export function photoOf<P extends { caption: unknown }>(caption: unknown, photos: P[]): P | null {
  return photos.find((p) => p.caption === caption) ?? null;
}

/*
 * Bidi controls in page text. A page file may hold the explicit controls of Unicode's bidi algorithm:
 * embeddings and overrides (LRE, RLE, LRO, RLO, closed by PDF) and isolates (LRI, RLI, FSI, closed by
 * PDI). They are text and stay in the records, but one left open runs on past the value until its
 * paragraph ends: a headline's RLO would turn round the date after it in a list, the site's name after
 * it in <title>. The pages contain them in two ways. Elements that show page text inline are isolated
 * (`unicode-bidi: isolate` in assets/css/site.css, or <bdi>), and where markup cannot isolate (<title>,
 * meta content, attributes, feeds) or the value sits among other text, the value goes through `bidi`,
 * which closes what it leaves open. Isolation alone is not enough: a PDI the value did not open closes
 * the isolate of its element (Chromium does so), and an override after it escapes; so a value with such
 * a stray closer is opened first with as many FSIs as it closes, and one more that absorbs stray PDFs.
 * Nothing is removed: the value is always a substring of what `bidi` returns.
 */
const EMBEDDING = /[\u202A\u202B\u202D\u202E]/u;
const ISOLATE = /[\u2066-\u2068]/u;
const PDF = "\u202C";
const PDI = "\u2069";
const FSI = "\u2068";
const EXPLICIT = /[\u202A-\u202E\u2066-\u2069]/u;

export interface BidiState {
  /** Embeddings ("embedding", also overrides) and isolates the text leaves open, outermost first. */
  open: ("embedding" | "isolate")[];
  /** PDFs with no embedding of the text to close: they would close one of the text around it. */
  strayPdf: number;
  /** PDIs with no isolate of the text to close: they would close the isolate around it. */
  strayPdi: number;
}

/** What a text leaves open and closes beyond itself, by the explicit rules of the bidi algorithm (X1–X8). */
export function bidiState(text: string): BidiState {
  const open: BidiState["open"] = [];
  let strayPdf = 0;
  let strayPdi = 0;
  for (const ch of text) {
    if (EMBEDDING.test(ch)) open.push("embedding");
    else if (ISOLATE.test(ch)) open.push("isolate");
    else if (ch === PDF) {
      // Inside an isolate of the text a PDF closes nothing beyond it (X7).
      if (open.at(-1) === "embedding") open.pop();
      else if (!open.length) strayPdf++;
    } else if (ch === PDI) {
      const i = open.lastIndexOf("isolate");
      if (i >= 0) open.length = i;
      else strayPdi++;
    }
  }
  return { open, strayPdf, strayPdi };
}

/**
 * The text, contained: what it leaves open is closed at its end (PDF for an embedding or override, PDI
 * for an isolate, innermost first), and a text that closes more than it opened is opened first (FSI).
 * Text without explicit controls (nearly all) comes back as it was.
 */
export function balanceBidi(text: string): string {
  if (!EXPLICIT.test(text)) return text;
  const first = bidiState(text);
  const guards = first.strayPdi + (first.strayPdi || first.strayPdf ? 1 : 0);
  const opened = FSI.repeat(guards) + text;
  const { open } = bidiState(opened);
  return opened + open.reverse().map((k) => (k === "embedding" ? PDF : PDI)).join("");
}

/** The template filter: `{{ a.headline.text | bidi }}` (anything that is not a string passes as it is). */
export function bidi(value: unknown): unknown {
  return typeof value === "string" ? balanceBidi(value) : value;
}

export const filters = { bidi, photoOf, headingLevel, personUrl, splitLeadIn,  dateLong, dateShort, monthLabel, monthName, isoInstant, pageLabel, citation, absolute, json, truncate, lineRanges, sourceRows };
