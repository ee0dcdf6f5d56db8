// Units: the blocks of text the rules classify. A page "one block a line" (the sample) gives one unit
// per non-blank line; a page "one printed line a line" is first regrouped into units by the width of
// its column and the punctuation at line ends.
import {
  BLOCK_STYLE_BLANK_SHARE,
  COLUMN_WINDOW,
  FULL_LINE_SLACK,
  PRINTED_LINE_MAX_COLUMN,
  PRINTED_LINE_MODE_SHARE,
} from "./config.js";
import type { Line } from "./lines.js";

export type Kind =
  | "pageHeader"
  | "authorNote"
  | "credit"
  | "subheadline"
  | "byline"
  | "dateline"
  | "caption"
  | "numbered"
  | "title"
  | "text";

export type Role =
  | "rubric"
  | "kicker"
  | "headline"
  | "subheadline"
  | "byline"
  | "heading"
  | "paragraph"
  | "caption"
  | "credit"
  | "authorNote";

export interface Unit {
  lines: Line[];
  text: string;
  /** What the unit is by itself (rules table). */
  kind: Kind;
  /** Set apart by blank lines like a photo caption (style "blocks" only). */
  floating: boolean;
  /** What the unit is on the page, decided from its neighbours. */
  role: Role | null;
  /** Index of the article it belongs to, or null for page-level / unassigned. */
  article: number | null;
  /** Numbered lead-in at the head of a paragraph, or heading level. */
  leadIn?: string;
  level?: number;
  /** Why a decision was made, for diagnostics and debugging. */
  note?: string;
}

export type PageStyle = "blocks" | "printed-lines";

/** Joins the text of the lines of one unit: no space between Han characters, one between Latin words. */
export function joinTexts(parts: string[]): string {
  let out = "";
  for (const p of parts) {
    if (!p) continue;
    if (out && /[A-Za-z]$/.test(out) && /^[A-Za-z]/.test(p)) {
      out = out.endsWith("-") ? out.slice(0, -1) + p : `${out} ${p}`;
    } else out += p;
  }
  return out;
}

export function makeUnit(lines: Line[]): Unit {
  return {
    lines,
    text: joinTexts(lines.map((l) => l.text)),
    kind: "text",
    floating: false,
    role: null,
    article: null,
  };
}

function modeOf(values: number[]): { value: number; share: number } {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && v > best)) [best, bestCount] = [v, c];
  return { value: best, share: values.length ? bestCount / values.length : 0 };
}

export function detectStyle(lines: Line[]): PageStyle {
  const text = lines.filter((l) => !l.blank);
  if (text.length < 4) return "blocks";
  const followedByBlank = text.filter((l) => l.blanksAfter > 0).length;
  if (followedByBlank / text.length >= BLOCK_STYLE_BLANK_SHARE) return "blocks";
  const widths = text.map((l) => Math.round(l.width));
  const mode = modeOf(widths.filter((w) => w >= 6));
  if (mode.value <= PRINTED_LINE_MAX_COLUMN && mode.share >= PRINTED_LINE_MODE_SHARE) return "printed-lines";
  return "blocks";
}

/** The width of the column each line was set in: the most common width of the full lines near it. */
export function columnWidths(text: Line[]): number[] {
  const widths = text.map((l) => Math.round(l.width * 2) / 2);
  return text.map((_, i) => {
    const lo = Math.max(0, i - COLUMN_WINDOW);
    const hi = Math.min(text.length, i + COLUMN_WINDOW + 1);
    const near = widths.slice(lo, hi).filter((w) => w >= 6);
    return modeOf(near).value || widths[i]!;
  });
}

export function isFull(line: Line, column: number): boolean {
  return line.width >= column - FULL_LINE_SLACK;
}

/** What the boundary rule for printed lines sees at line i of the page's non-blank lines. */
export interface LineContext {
  lines: Line[];
  /** Kind of each line by the rules table, taken alone. */
  kinds: Kind[];
  /** Column width around each line. */
  columns: number[];
  /** Index of the first line of the unit being built. */
  unitStart: number;
}

export function toUnits(
  lines: Line[],
  style: PageStyle,
  kindOfLine: (l: Line) => Kind,
  startsUnit: (ctx: LineContext, i: number) => boolean,
): Unit[] {
  const text = lines.filter((l) => !l.blank);
  if (style === "blocks") return text.map((l) => makeUnit([l]));
  const ctx: LineContext = { lines: text, kinds: text.map(kindOfLine), columns: columnWidths(text), unitStart: 0 };
  const units: Unit[] = [];
  let current: Line[] = [];
  for (let i = 0; i < text.length; i++) {
    const line = text[i]!;
    if (current.length && startsUnit(ctx, i)) {
      units.push(makeUnit(current));
      current = [];
      ctx.unitStart = i;
    }
    current.push(line);
  }
  if (current.length) units.push(makeUnit(current));
  return units;
}
