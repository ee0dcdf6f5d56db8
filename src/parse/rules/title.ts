import { TITLE_MAX_CHARS } from "../config.js";

/** Beyond this length a title has at most one comma: longer lines with two are sentences. */
const TITLE_COMMA_LONG_CHARS = 20;
const count = (text: string, c: string) => text.split(c).length - 1;
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
    const commas = text.match(/[，,、]/g)?.length ?? 0;
    if (commas > (n > TITLE_COMMA_LONG_CHARS ? 1 : 2)) return false;
    // A quotation opened and not closed runs on into the next block: prose cut by a column break.
    if (count(text, "“") > count(text, "”") || count(text, "《") > count(text, "》")) return false;
    return /\p{Script=Han}/u.test(text);
  },
};
