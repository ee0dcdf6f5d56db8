import { BYLINE_MARKS, BYLINE_MAX_CHARS, BYLINE_ROLES, RUBRIC_WORDS } from "../config.js";
import { chars, type KindRule } from "./types.js";

const ROLE_ALT = BYLINE_ROLES.map((r) => r.replace(/[/／]/g, "[/／]")).join("|");
/** Roles and names only: 本报记者 张三 李四, 记者 X、Y, 文/图 X, 本报记者韦莎妮娜 通讯员李康生 李佳利. */
const ROLE_AND_NAMES = new RegExp(
  `^[(（]?(?:${ROLE_ALT})[\\s：:]*[\\p{Script=Han}·A-Za-z]{2,8}(?:[\\s、，,]+(?:(?:${ROLE_ALT})[\\s：:]*)?[\\p{Script=Han}·A-Za-z]{2,8})*[)）]?$`,
  "u",
);
/** After a mark (□苏绍坤, ◎张三): names, maybe with roles. */
const NAMES = new RegExp(
  `^(?:(?:${ROLE_ALT})[\\s：:]*)?[\\p{Script=Han}·A-Za-z]{2,8}(?:[\\s、，,]+(?:(?:${ROLE_ALT})[\\s：:]*)?[\\p{Script=Han}·A-Za-z]{2,8})*$`,
  "u",
);

/**
 * Two-character names are set with a space to the width of three (陈 静): fold "陈 静" back into one
 * name, where both halves are single Han characters standing alone.
 */
export function foldSpacedNames(text: string): string {
  return text.replace(/(^|[\s、，,：:]|[□◎■●◆○☆★])(\p{Script=Han}) (\p{Script=Han})(?=$|[\s、，,）)])/gu, "$1$2$3");
}

export function looksLikeByline(raw: string): boolean {
  const text = foldSpacedNames(raw);
  if (chars(text) > BYLINE_MAX_CHARS || /[。！？!?；;]/.test(text)) return false;
  const mark = BYLINE_MARKS.exec(text);
  if (mark) {
    const rest = text.slice(mark[0].length);
    return NAMES.test(rest) && !RUBRIC_WORDS.some((w) => rest.includes(w) && !BYLINE_ROLES.some((r) => rest.includes(r)));
  }
  if (!ROLE_AND_NAMES.test(text)) return false;
  // 记者手记, 本报评论员 are rubrics that open with a role word.
  return !/^(?:记者手记|记者观察|记者调查|记者来信|本报评论员|评论员)/.test(text);
}

export const byline: KindRule = {
  kind: "byline",
  why: "roles and names only (本报记者 X, 记者 X Y, 文/图 X), or a marked name (□苏绍坤)",
  test: ({ text }) => looksLikeByline(text),
};
