import { TITLE_MAX_CHARS } from "../config.js";
import { chars, type KindRule } from "./types.js";

export const title: KindRule = {
  kind: "title",
  why: "a short line without sentence punctuation: headline, kicker, rubric or section heading",
  test: ({ text, lines }) => {
    const n = chars(text);
    if (n < 2 || n > TITLE_MAX_CHARS) return false;
    // A stop inside the line makes it prose; a headline may end in ？ or ！ but not in 。
    if (/[。！？!?；;]./.test(text) || /[。；;]$/.test(text)) return false;
    if (lines[lines.length - 1]!.endsClause) return false;
    const commas = [...text].filter((c) => "，,、".includes(c)).length;
    return commas <= 2 && /\p{Script=Han}/u.test(text);
  },
};
