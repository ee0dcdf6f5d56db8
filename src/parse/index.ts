// parsePage: the bytes of one page text file -> a ParsedPage (DESIGN.md section 2).
// Pipeline: decode -> physical lines with their features -> units (one per block, or regrouped
// printed lines) -> kinds by the rules table -> roles and articles by their neighbours -> records.
import { createHash } from "node:crypto";
import type { Article, Block, Byline, Diagnostic, ParseOptions, ParsedPage, Span, UnassignedSpan } from "../model/types.js";
import { articleId, uniqueIds } from "../model/ids.js";
import { parseBylineText, parseDateline } from "./bylines.js";
import { decode } from "./decode.js";
import { toLines } from "./lines.js";
import { MARKED_KINDS, kindOf } from "./rules/index.js";
import { assemble, classify, isNameLike } from "./structure.js";
import { detectStyle, isFull, splitTitleStacks, toUnits, type Kind, type LineContext, type PageStyle, type Unit } from "./units.js";
import { looksLikeByline } from "./rules/byline.js";
import { FULL_LINE_SLACK, LONG_LINE_CHARS, LONG_PAGE_LINES, PARAGRAPH_INDENT, WIDER_THAN_COLUMN } from "./config.js";
import type { Line } from "./lines.js";

export type { ParsedPage, ParseOptions } from "../model/types.js";

/** A space between two Han characters: titles and bylines have one, prose set in a column does not. */
const HAN_SPACE = /\p{Script=Han}[ ]\p{Script=Han}/u;
/** A caption ends with its photo credit: …摄, （…摄）, 新华社发. */
const PHOTO_CREDIT_END = /(?:摄|(?:新华社|本报|中新社)发)[)）]?$/;
/** Single-line constructs: the line after one of these opens a new unit. */
const ONE_LINE_KINDS: ReadonlySet<Kind> = new Set<Kind>(["pageHeader", "credit", "authorNote"]);

/** In a page of printed lines: does line i open a new unit, or run on from line i-1? */
function startsUnit(ctx: LineContext, i: number): boolean {
  const line = ctx.lines[i]!;
  const prev = ctx.lines[i - 1]!;
  const next = ctx.lines[i + 1];
  const kind = ctx.kinds[i]!;
  const column = ctx.columns[i - 1]!;
  if (MARKED_KINDS.has(kind) || line.indented) return true;
  const unitKind = ctx.kinds[ctx.unitStart]!;
  // A bracket left open runs on: （作者为中央党校（国家行政学院） / 马克思主义学院教授）
  if (ctx.unitOpenBrackets > 0 && !HAN_SPACE.test(line.text)) return false;
  if (ONE_LINE_KINDS.has(unitKind)) return true;
  // A caption is set to its photo's width, not the column's: it runs on until its sentence ends.
  if (unitKind === "caption") return prev.endsSentence || PHOTO_CREDIT_END.test(prev.text);
  // A byline may run over two lines of names.
  if (unitKind === "byline") return !(looksLikeByline(line.text) || isNameLike(line.text));
  // Titles with a space between their halves stand on lines of their own, and so does a bare name.
  if (titleSpace(line.text) || (isNameLike(line.text) && !/[，,、。：:]/.test(prev.text))) return true;
  if (titleSpace(prev.text) && unitKind !== "subheadline" && unitKind !== "dateline") return true;
  // Body text never runs wider than its column: a wider line is a title set across columns.
  if (line.width > column + WIDER_THAN_COLUMN || prev.width > column + WIDER_THAN_COLUMN) return true;
  if (firstLineLike(line, next, column) && !firstLineLike(prev, line, column)) return true;
  // Two short unpunctuated lines before a paragraph's first line or a marked line: a two-line
  // heading, even right after a column break in mid-sentence.
  if (shortTitle(line, column) && shortTitle(next, column) && opensText(ctx, i + 2, column)) return true;
  const runsOn = prev.width >= column - FULL_LINE_SLACK - PARAGRAPH_INDENT;
  if (!prev.endsSentence) return !runsOn;
  if (!isFull(prev, column)) return true;
  // A full line that ends a sentence: a paragraph may end here. A new one starts if this line is
  // indented by position, or is a short unpunctuated line before a marked or indented one (a title).
  const positionalIndent = Math.abs(line.width - (column - PARAGRAPH_INDENT)) <= 0.5;
  if (positionalIndent && (!next || isFull(next, column) || next.indented)) return true;
  // A short unpunctuated line before a paragraph's first line, an indented or a marked line: a title.
  return !/[，,、。；;：:！？!?]/.test(line.text) && (opensText(ctx, i + 1, column) || (shortTitle(next, column) && opensText(ctx, i + 2, column)));
}

// startsUnit's tests of a line against its column, at module level: functions made inside it, once
// per line, were 7% of the parse (tsx names every function it creates).

/** The first line of a paragraph is indented two ems by position: two ems short, then full lines. */
function firstLineLike(l: Line, after: Line | undefined, column: number): boolean {
  return !l.endsSentence && Math.abs(l.width - (column - PARAGRAPH_INDENT)) <= 0.5 && !!after && isFull(after, column);
}

/** A short unpunctuated line: one line of a heading. */
function shortTitle(l: Line | undefined, column: number): boolean {
  return !!l && !/[，,、。；;：:！？!?]/.test(l.text) && l.width < column - FULL_LINE_SLACK - PARAGRAPH_INDENT;
}

/** Whether line k opens text: indented, marked, or a paragraph's first line. */
function opensText(ctx: LineContext, k: number, column: number): boolean {
  const l = ctx.lines[k];
  const kk = ctx.kinds[k];
  return !!l && (l.indented || (kk !== undefined && MARKED_KINDS.has(kk)) || firstLineLike(l, ctx.lines[k + 1], column));
}

/** A space inside a title (两个半句) or between names; not the space after a dateline's 电. */
function titleSpace(text: string): boolean {
  if (!HAN_SPACE.test(text) || /(?:电|讯)[ ]/.test(text)) return false;
  // Justified lines spread single characters apart (断 档 、 不 脱 销); halves of a title are phrases.
  const parts = text.split(" ");
  return parts.length <= 3 && parts.every((p) => [...p].length >= 2);
}

function span(u: Unit): Span {
  return { text: u.text, lines: u.lines.map((l) => l.no) };
}

function stripDash(u: Unit): Span {
  return { text: u.text.replace(/^(?:——|──|－－|--|—|―|─)\s*/, ""), lines: u.lines.map((l) => l.no) };
}

function block(u: Unit): Block {
  const b: Block = { type: u.role === "heading" ? "heading" : "paragraph", text: u.text, lines: u.lines.map((l) => l.no) };
  if (u.role === "heading") b.level = u.level ?? 1;
  if (u.leadIn) b.leadIn = u.leadIn;
  return b;
}

export interface ParseResult extends ParsedPage {
  /** How the page was extracted, as detected: one block a line, or one printed line a line. */
  style: PageStyle;
}

export function parsePage(input: Uint8Array | string, options: ParseOptions = {}): ParseResult {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const path = options.path ?? "<input>";
  const decoded = decode(bytes);
  const diagnostics: Diagnostic[] = [...decoded.diagnostics];
  const source = {
    path,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    encoding: decoded.encoding,
  };
  const empty: ParseResult = { source, page: { rubrics: [] }, articles: [], unassigned: [], diagnostics, style: "blocks" };
  if (diagnostics.some((d) => d.code === "binary-file")) return empty;

  const lines = toLines(decoded.text);
  if (!lines.some((l) => !l.blank)) {
    if (!diagnostics.some((d) => d.code === "empty-file"))
      diagnostics.push({ severity: "warning", code: "no-text", message: "the file holds no text", line: 1 });
    return empty;
  }
  // Sizes no page has: the text is parsed and published all the same, but the editor should look.
  const physical = /(?:\r\n|\r|\n)$/.test(decoded.text) ? lines.length - 1 : lines.length;
  if (physical > LONG_PAGE_LINES)
    diagnostics.push({ severity: "warning", code: "long-page", message: `the file has ${physical} lines, more than a printed page has (over ${LONG_PAGE_LINES}): several pages in one file?`, line: 1 });
  for (const l of lines)
    if (l.chars > LONG_LINE_CHARS)
      diagnostics.push({ severity: "warning", code: "long-line", message: `the line has ${l.chars} characters, more than a paragraph has (over ${LONG_LINE_CHARS}): were its line breaks lost?`, line: l.no });
  const style = detectStyle(lines);
  let units = toUnits(lines, style, (l) => kindOf({ text: l.text, lines: [l] }), startsUnit);
  if (style === "printed-lines") units = splitTitleStacks(units);
  units = classify(units, style);
  const assembly = assemble(units, style, diagnostics);

  const paper = options.paper ?? "";
  const date = options.date ?? "";
  const pageNo = String(options.page ?? "");
  const ids = uniqueIds(assembly.articles.map((a) => articleId(paper, date, pageNo, a.headline.text)));

  const articles: Article[] = assembly.articles.map((a, k) => {
    const bylines: Byline[] = [];
    for (const b of a.bylines) bylines.push(...parseBylineText(b.text, b.lines.map((l) => l.no)));
    for (const p of a.body) {
      if (p.kind !== "dateline" || p.role !== "paragraph") continue;
      const d = parseDateline(p.text, [p.lines[0]!.no]);
      // A dateline that names no reporter adds no byline to an article that has one.
      if (d) bylines.push(...d.bylines.filter((b) => b.names.length > 0 || a.bylines.length === 0));
    }
    return {
      id: ids[k]!,
      kicker: a.kicker ? span(a.kicker) : null,
      headline: span(a.headline),
      subheadline: a.subheadline ? stripDash(a.subheadline) : null,
      rubric: a.rubric ? span(a.rubric) : null,
      bylines,
      body: a.body.map(block),
      captions: a.captions.map(span),
      credits: a.credits.map(span),
      authorNotes: a.authorNotes.map(span),
    };
  });
  const unassigned: UnassignedSpan[] = assembly.unassigned.map((u) => ({
    ...span(u),
    type: (u.role ?? "other") as UnassignedSpan["type"],
  }));
  diagnostics.sort((x, y) => x.line - y.line);
  return {
    source,
    page: { rubrics: assembly.pageRubrics.map(span) },
    articles,
    unassigned,
    diagnostics,
    style,
  };
}
