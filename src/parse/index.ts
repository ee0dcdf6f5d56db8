// parsePage: the bytes of one page text file -> a ParsedPage (DESIGN.md section 2).
// Pipeline: decode -> physical lines with their features -> units (one per block, or regrouped
// printed lines) -> kinds by the rules table -> roles and articles by their neighbours -> records.
import { createHash } from "node:crypto";
import type { Article, Block, Byline, Diagnostic, ParseOptions, ParsedPage, Span, UnassignedSpan } from "../model/types.js";
import { articleId, uniqueIds } from "../model/ids.js";
import { parseBylineText, parseDateline } from "./bylines.js";
import { decode } from "./decode.js";
import { toLines, type Line } from "./lines.js";
import { MARKED_KINDS, kindOf } from "./rules/index.js";
import { assemble, classify } from "./structure.js";
import { detectStyle, isFull, toUnits, type PageStyle, type Unit } from "./units.js";
import { FULL_LINE_SLACK } from "./config.js";

export type { ParsedPage, ParseOptions } from "../model/types.js";

/** In a page of printed lines: does `line` open a new unit after `prev`? */
function startsUnit(prev: Line, line: Line, column: number, next?: Line): boolean {
  if (MARKED_KINDS.has(kindOf({ text: line.text, lines: [line] }))) return true;
  if (line.indented) return true;
  // The first line of a paragraph is indented two ems by position, so it is two ems short of full.
  const runsOn = prev.width >= column - FULL_LINE_SLACK - 2;
  if (!prev.endsSentence) return !runsOn;
  if (!isFull(prev, column)) return true;
  // A full line that ends a sentence: a new paragraph starts if this line is indented by position.
  return line.width <= column - 1.5 && line.width >= column - 2.5 && !!next && isFull(next, column);
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
  const style = detectStyle(lines);
  const units = toUnits(lines, style, startsUnit);
  classify(units, style);
  const assembly = assemble(units, style, diagnostics, path);

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
      if (d) bylines.push(...d.bylines);
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
