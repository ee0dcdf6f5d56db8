import { charsAtMost, type KindRule } from "./types.js";

/** A dash at the head of a line: the 副题 under a headline (——记…). */
const LEADING_DASH = /^(?:——|──|－－|--|—|―|─)/;

export const subheadline: KindRule = {
  kind: "subheadline",
  why: "a line opening with —— under a headline",
  test: ({ text }) => charsAtMost(text, 64) && LEADING_DASH.test(text) && !/[。！？]./.test(text),
};
