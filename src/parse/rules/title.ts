import { TITLE_MAX_CHARS } from "../config.js";
import { chars, charsAtMost, type KindRule } from "./types.js";

/** Beyond this length a title has at most one comma: longer lines with two are sentences. */
const TITLE_COMMA_LONG_CHARS = 20;

/** What `.` in a regular expression does not match: a stop before one of these ends a line. */
const isLineTerminator = (c: number) => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;

export const title: KindRule = {
  kind: "title",
  why: "a short line without sentence punctuation: headline, kicker, rubric or section heading",
  // One pass over the text: in a page of printed lines every line of a column is short enough to be
  // tested whole, and the test as regular expressions and splits was a tenth of the parse.
  test: ({ text, lines }) => {
    if (!charsAtMost(text, TITLE_MAX_CHARS)) return false;
    const n = chars(text);
    if (n < 2) return false;
    if (lines[lines.length - 1]!.endsClause) return false;
    const last = text.length - 1;
    let commas = 0;
    let quotes = 0; // “ opened and not closed
    let works = 0; // 《 opened and not closed
    for (let i = 0; i <= last; i++) {
      switch (text.charCodeAt(i)) {
        // A stop inside the line makes it prose; a headline may end in ？ or ！ but not in 。
        case 0x3002: // 。
        case 0xff1b: // ；
        case 0x3b: // ;
          if (i === last || !isLineTerminator(text.charCodeAt(i + 1))) return false;
          break;
        case 0xff01: // ！
        case 0xff1f: // ？
        case 0x21: // !
        case 0x3f: // ?
          if (i < last && !isLineTerminator(text.charCodeAt(i + 1))) return false;
          break;
        case 0xff0c: // ，
        case 0x2c: // ,
        case 0x3001: // 、
          commas++;
          break;
        case 0x201c: // “
          quotes++;
          break;
        case 0x201d: // ”
          quotes--;
          break;
        case 0x300a: // 《
          works++;
          break;
        case 0x300b: // 》
          works--;
          break;
      }
    }
    if (commas > (n > TITLE_COMMA_LONG_CHARS ? 1 : 2)) return false;
    // A quotation opened and not closed runs on into the next block: prose cut by a column break.
    if (quotes > 0 || works > 0) return false;
    return /\p{Script=Han}/u.test(text);
  },
};
