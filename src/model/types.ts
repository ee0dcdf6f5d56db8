// The records of a parsed page: the contract of `gazette parse --json` (DESIGN.md section 2).
// Every span carries the 1-based physical lines of the source file it came from, in reading order.

export interface Span {
  text: string;
  lines: number[];
}

export interface Byline {
  /** "本报记者", "通讯员", "记者", "作者", "文/图", … or null when the line names nobody's role. */
  role: string | null;
  names: string[];
  text: string;
  lines: number[];
  /** The agency and place of a dateline (电头), e.g. "新华社北京1月12日电". */
  dateline?: string;
}

export type BlockType = "heading" | "paragraph";

export interface Block extends Span {
  type: BlockType;
  /** Heading depth: 1 for 一、, 2 for (一), 3 for 1., 4 for ①; unnumbered headings are 1. */
  level?: number;
  /** A numbered lead-in that opens a paragraph: "(一)紧跟新时代,提高政治站位。" */
  leadIn?: string;
}

export interface Article {
  /** Stable id derived from paper, date, page and headline, never from position. */
  id: string;
  kicker: Span | null;
  headline: Span;
  /** Without the leading ——. */
  subheadline: Span | null;
  rubric: Span | null;
  bylines: Byline[];
  body: Block[];
  captions: Span[];
  credits: Span[];
  authorNotes: Span[];
}

export type UnassignedType =
  | "paragraph"
  | "heading"
  | "caption"
  | "credit"
  | "authorNote"
  | "byline"
  | "rubric"
  | "other";

export interface UnassignedSpan extends Span {
  type: UnassignedType;
}

export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  severity: Severity;
  code: string;
  message: string;
  line: number;
}

export interface ParsedPage {
  source: { path: string; sha256: string; encoding: string };
  page: { rubrics: Span[] };
  articles: Article[];
  unassigned: UnassignedSpan[];
  diagnostics: Diagnostic[];
}

export interface ParseOptions {
  /** Path shown in diagnostics and in source.path. */
  path?: string;
  /** Identity of the page, used for stable article ids. */
  paper?: string;
  date?: string;
  page?: string | number;
}
