import type { Line } from "../lines.js";
import type { Kind } from "../units.js";

/** What a rule sees: the unit's joined text and its lines with their features. */
export interface Candidate {
  text: string;
  lines: Line[];
}

/** A rule says whether a block of text is, by itself, of one kind. Rules run in table order. */
export interface KindRule {
  kind: Kind;
  /** Why the rule exists, shown in debugging output. */
  why: string;
  test(c: Candidate): boolean;
}

export const hasStops = (text: string) => /[。！？!?]/.test(text);
/** Length in code points, without building an array (this runs for every line of every page). */
export function chars(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00) n--;
  }
  return n;
}

/**
 * Whether `text` is at most `max` code points long. Every rule asks it of every line and unit, and most
 * are paragraphs far longer than any rule's bound: a code point is one or two code units, so the
 * length alone answers unless it lies between `max` and twice `max`.
 */
export function charsAtMost(text: string, max: number): boolean {
  if (text.length <= max) return true;
  if (text.length > 2 * max) return false;
  return chars(text) <= max;
}
