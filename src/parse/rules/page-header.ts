import { PAGE_HEADER_MAX_CHARS, PAGE_HEADER_PATTERNS } from "../config.js";
import { charsAtMost, hasStops, type KindRule } from "./types.js";

export const pageHeader: KindRule = {
  kind: "pageHeader",
  why: "the page's running head: date with weekday, 第N版, a bare page number",
  test: ({ text }) =>
    charsAtMost(text, PAGE_HEADER_MAX_CHARS) && !hasStops(text) && PAGE_HEADER_PATTERNS.some((p) => p.test(text)),
};
