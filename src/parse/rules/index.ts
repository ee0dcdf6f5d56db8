// The ordered table of rules that say what a block is by itself. The first rule that matches wins,
// so the more specific constructs come first (a credit such as 下转第2版 before a page header's 第N版,
// a page header before a title).
import type { Kind } from "../units.js";
import { authorNote } from "./author-note.js";
import { byline } from "./byline.js";
import { caption } from "./caption.js";
import { credit } from "./credit.js";
import { dateline } from "./dateline.js";
import { numbered } from "./numbered.js";
import { pageHeader } from "./page-header.js";
import { subheadline } from "./subheadline.js";
import { title } from "./title.js";
import type { Candidate, KindRule } from "./types.js";

export const KIND_RULES: readonly KindRule[] = [
  credit,
  pageHeader,
  authorNote,
  subheadline,
  dateline,
  caption,
  byline,
  numbered,
  title,
];

export function kindOf(c: Candidate): Kind {
  for (const rule of KIND_RULES) if (rule.test(c)) return rule.kind;
  return "text";
}

/** Kinds that a line announces by its own marks, so that it always opens a new unit. */
export const MARKED_KINDS: ReadonlySet<Kind> = new Set<Kind>([
  "pageHeader", "authorNote", "credit", "subheadline", "dateline", "caption", "byline", "numbered",
]);
