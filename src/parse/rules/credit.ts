import { CREDIT_PATTERNS } from "../config.js";
import { charsAtMost, type KindRule } from "./types.js";

export const credit: KindRule = {
  kind: "credit",
  why: "editors, designers, photo sources and continuations (本版责编, 下转第2版, （图片由…提供）)",
  test: ({ text }) => charsAtMost(text, 80) && CREDIT_PATTERNS.some((p) => p.test(text)),
};
