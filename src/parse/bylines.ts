// Byline text -> records: each role with its own names. "□本报记者韦莎妮娜 通讯员李康生 李佳利" gives
// 本报记者 [韦莎妮娜] and 通讯员 [李康生, 李佳利]; a dateline gives the reporters in its brackets.
import type { Byline } from "../model/types.js";
import { BYLINE_MARKS, DATELINE, DATELINE_REPORTERS } from "./config.js";
import { foldSpacedNames, roleAt } from "./rules/byline.js";

const SEPARATOR = /[\s、，,]+/;

export function parseBylineText(text: string, lines: number[]): Byline[] {
  const body = foldSpacedNames(text).replace(BYLINE_MARKS, "").replace(/^[(（]\s*/, "").replace(/\s*[)）]$/, "");
  const groups: { role: string | null; names: string[]; from: number; to: number }[] = [];
  let at = 0;
  for (const token of body.split(SEPARATOR)) {
    const from = body.indexOf(token, at);
    at = from + token.length;
    if (!token) continue;
    const role = roleAt(token);
    // A one-character role (文, 图) is a role only when it stands alone or before a separator mark.
    const isRole = role !== null && (role.length > 1 || token === role || /^[文图][：:]/.test(token));
    if (isRole) {
      const name = token.slice(role!.length).replace(/^[：:]/, "");
      groups.push({ role: role!.replace("／", "/"), names: name ? [name] : [], from, to: at });
    } else if (groups.length) {
      const g = groups[groups.length - 1]!;
      g.names.push(token.replace(/^[：:]/, ""));
      g.to = at;
    } else groups.push({ role: null, names: [token], from, to: at });
  }
  if (!groups.length) return [{ role: null, names: [], text: text, lines }];
  return groups.map((g, i) => ({
    role: g.role,
    names: g.names.filter((n) => n.length > 0),
    // The first byline keeps any leading mark, the last any closing bracket: no character is lost.
    text: i === 0 && groups.length === 1 ? text : body.slice(g.from, i === groups.length - 1 ? body.length : groups[i + 1]!.from).trim(),
    lines,
  }));
}

/** The dateline at the head of a paragraph, and the bylines it names. */
export function parseDateline(text: string, lines: number[]): { dateline: string; bylines: Byline[] } | null {
  const m = DATELINE.exec(text);
  if (!m) return null;
  const dateline = m[0].replace(/^[(（]|[)）]$/g, "");
  const rest = text.slice(m[0].length);
  const reporters = DATELINE_REPORTERS.exec(rest);
  if (!reporters) return { dateline, bylines: [{ role: null, names: [], text: m[0], lines, dateline }] };
  const bylines = parseBylineText(reporters[1]!, lines).map((b) => ({ ...b, dateline }));
  bylines[0]!.text = `${m[0]}${bylines[0]!.text}`;
  return { dateline, bylines };
}
