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
  /** Numbered lead-in at the head of a paragraph, or heading level. */
  leadIn?: string;
  level?: number;
  /** Why a decision was made, for diagnostics and debugging. */
  note?: string;
}

export type PageStyle = "blocks" | "printed-lines";

/** Joins the text of the lines of one unit: no space between Han characters, one between Latin words. */
const isLatin = (c: string | undefined) => !!c && /[A-Za-z]/.test(c);

export function joinTexts(parts: string[]): string {
  let out = "";
  let last: string | undefined;
  for (const p of parts) {
    if (!p) continue;
    // Only the characters at the seam are read: a regex anchored at the end would rescan the whole text.
    out += isLatin(last) && isLatin(p[0]) ? ` ${p}` : p;
    last = p[p.length - 1];
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

/** The width of the column each line was set in: the most common width of the lines near it. */
export function columnWidths(text: Line[]): number[] {
  // Widths in half-ems as small integers, counted in a sliding window (this runs on every page).
  const MAX = 255;
  const keys = text.map((l) => Math.min(MAX, Math.round(l.width * 2)));
  const counts = new Uint16Array(MAX + 1);
  const MIN_KEY = 12; // lines under 6 ems (names, short titles) say nothing about the column
  // The window's most common width (the widest of equals), kept as the window moves: a line that
  // comes in can only raise its own count; only the loss of a line of that width needs a new look at
  // every width (which was done for every line, 244 widths a line).
  let best = 0;
  let bestCount = 0;
  const rescan = () => {
    best = 0;
    bestCount = 0;
    for (let k = MIN_KEY; k <= MAX; k++) if (counts[k]! >= bestCount && counts[k]! > 0) [best, bestCount] = [k, counts[k]!];
  };
  const add = (j: number) => {
    const k = keys[j]!;
    if (k < MIN_KEY) return;
    const n = ++counts[k]!;
    if (n > bestCount || (n === bestCount && k > best)) [best, bestCount] = [k, n];
  };
  const remove = (j: number) => {
    const k = keys[j]!;
    if (k < MIN_KEY) return;
    counts[k]!--;
    if (k === best) rescan();
  };
  let lo = 0;
  let hi = 0; // window is [lo, hi)
  return text.map((_, i) => {
    while (hi < Math.min(text.length, i + COLUMN_WINDOW + 1)) add(hi++);
    while (lo < i - COLUMN_WINDOW) remove(lo++);
    return bestCount ? best / 2 : text[i]!.width;
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
  /** Brackets the unit being built has opened and not closed. */
  unitOpenBrackets: number;
}

/** Bracket depth after reading `text`, starting from `depth`; a stray closing bracket is ignored. */
export function bracketDepth(depth: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xff08 || c === 0x28) depth++;
    else if ((c === 0xff09 || c === 0x29) && depth > 0) depth--;
  }
  return depth;
}

export function toUnits(
  lines: Line[],
  style: PageStyle,
  kindOfLine: (l: Line) => Kind,
  startsUnit: (ctx: LineContext, i: number) => boolean,
): Unit[] {
  const text = lines.filter((l) => !l.blank);
  if (style === "blocks") return text.map((l) => makeUnit([l]));
  const ctx: LineContext = { lines: text, kinds: text.map(kindOfLine), columns: columnWidths(text), unitStart: 0, unitOpenBrackets: 0 };
  const units: Unit[] = [];
  let current: Line[] = [];
  for (let i = 0; i < text.length; i++) {
    const line = text[i]!;
    if (current.length && startsUnit(ctx, i)) {
      units.push(makeUnit(current));
      current = [];
      ctx.unitStart = i;
      ctx.unitOpenBrackets = 0;
    }
    current.push(line);
    ctx.unitOpenBrackets = bracketDepth(ctx.unitOpenBrackets, line.text);
  }
  if (current.length) units.push(makeUnit(current));
  return units;
}

/** Punctuation that prose has and titles lack (quotes and the space between halves are a title's too). */
const PROSE_PUNCTUATION = /[，,、。；;：:！？!?（）()…]/;
/** At most this many unpunctuated printed lines stack up as titles (rubric, kicker, two-line headline). */
const TITLE_STACK_MAX = 4;

/**
 * Printed lines of kicker and headline often run together by width; no paragraph runs over several
 * lines without a single comma or stop, so such a stack is split back into one title a line.
 */
export function splitTitleStacks(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  for (const u of units) {
    if (u.lines.length >= 2 && u.lines.length <= TITLE_STACK_MAX && u.lines.every((l) => !PROSE_PUNCTUATION.test(l.text))) {
      for (const l of u.lines) out.push(makeUnit([l]));
    } else out.push(u);
  }
  return out;
}
