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
export const chars = (text: string) => [...text].length;
