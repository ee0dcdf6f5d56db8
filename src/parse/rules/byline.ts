import { BYLINE_MARKS, BYLINE_MAX_CHARS, BYLINE_ROLES, OUTLET_ROLE, POSTED_ROLE, RUBRIC_WORDS, SURNAMES } from "../config.js";
import { charsAtMost, type KindRule } from "./types.js";

/** Roles that may run straight into a name without a space (本报记者韦莎妮娜, 通讯员李康生). */
export const ATTACHING_ROLES = BYLINE_ROLES.filter((r) => /(?:记者|記者|通讯员|通訊員|实习生|實習生)$/.test(r));
const ROLES_LONGEST_FIRST = [...BYLINE_ROLES].sort((a, b) => b.length - a.length);
const NAME = /^(?:[\p{Script=Han}·]{2,8}|[A-Za-z][A-Za-z.\-]{1,19})$/u;

/**
 * Two-character names are set with a space to the width of three (陈 静): fold "陈 静" back into one
 * name, where both halves are single Han characters standing alone.
 */
export function foldSpacedNames(text: string): string {
  // Most lines have no space at all, and the Unicode-aware replace was 5% of the parse.
  if (!text.includes(" ")) return text;
  return text
    .replace(/(^|[\s、，,：:]|[□◎■●◆○☆★])(\p{Script=Han}) (\p{Script=Han})(?=$|[\s、，,）)])/gu, "$1$2$3")
    .replace(SPACED_AFTER_ROLE, "$1$2$3");
}

/**
 * The same name run into a role that takes its name without a space: 记者王 珂 (in a dateline's
 * brackets, （记者王 珂）) is the reporter 王珂, not 王 and 珂; no name is one character.
 */
const SPACED_AFTER_ROLE = new RegExp(
  `(${[...ATTACHING_ROLES].sort((a, b) => b.length - a.length).join("|")})(\\p{Script=Han}) (\\p{Script=Han})(?=$|[\\s、，,）)])`,
  "gu",
);

type Token = "role" | "name" | "role+name" | null;

/** The role a token opens with: a listed role, or a posted correspondent's (本报驻巴西记者). */
export function roleAt(t: string): string | null {
  let best: string | null = null;
  for (const p of [POSTED_ROLE, OUTLET_ROLE]) {
    const m = p.exec(t);
    if (m && (!best || m[0].length > best.length)) best = m[0];
  }
  for (const role of ROLES_LONGEST_FIRST) if (t.startsWith(role) && (!best || role.length > best.length)) best = role;
  return best;
}

function tokenKind(t: string): Token {
  for (const role of [roleAt(t)].filter((r): r is string => r !== null)) {
    if (!t.startsWith(role)) continue;
    const rest = t.slice(role.length);
    if (!rest) return "role";
    // 文：王五, 摄影：李四 — any role may take its name after a colon.
    if (/^[：:]/.test(rest)) return NAME.test(rest.slice(1)) ? "role+name" : null;
    // 本报记者韦莎妮娜: only reporters' roles run into a name, and the name starts with a surname.
    if ((ATTACHING_ROLES.includes(role) || POSTED_ROLE.test(role) || OUTLET_ROLE.test(role)) && NAME.test(rest) && [...rest].length <= 6 && SURNAMES.includes(rest[0]!)) return "role+name";
  }
  return NAME.test(t) ? "name" : null;
}

/** Roles and names only: 本报记者 张三 李四, 记者 X、Y, 文/图 X, 本报记者韦莎妮娜 通讯员李康生 李佳利. */
export function looksLikeByline(raw: string): boolean {
  if (!charsAtMost(raw, BYLINE_MAX_CHARS + 8) || /[。！？!?；;]/.test(raw)) return false;
  let text = foldSpacedNames(raw).trim();
  if (!charsAtMost(text, BYLINE_MAX_CHARS)) return false;
  const mark = BYLINE_MARKS.exec(text);
  if (mark) text = text.slice(mark[0].length);
  text = text.replace(/^[(（]\s*/, "").replace(/\s*[)）]$/, "");
  const tokens = text.split(/[\s、，,]+/).filter(Boolean);
  if (!tokens.length) return false;
  const kinds = tokens.map(tokenKind);
  if (kinds.some((k) => k === null)) return false;
  const hasRole = kinds.some((k) => k === "role" || k === "role+name");
  const hasName = kinds.some((k) => k === "name" || k === "role+name");
  // A lone role word names nobody; a role must come first, not trail after names.
  if (!hasName || kinds[kinds.length - 1] === "role") return false;
  if (mark) {
    // □苏绍坤: names after a mark, unless the words are a rubric's (■人民时评).
    return hasRole || !RUBRIC_WORDS.some((w) => text.includes(w));
  }
  if (!hasRole || kinds[0] === "name") return false;
  return !/^(?:记者手记|记者观察|记者调查|记者来信)/.test(text);
}

export const byline: KindRule = {
  kind: "byline",
  why: "roles and names only (本报记者 X, 记者 X Y, 文/图 X), or a marked name (□苏绍坤)",
  test: ({ text }) => looksLikeByline(text),
};
