// The losslessness contract (DESIGN.md section 2): every non-blank line of the file is claimed by some
// span, and every letter and digit of the line survives in the text of the spans that claim it.
import type { ParsedPage, Span } from "../../src/model/types.js";

export function spansOf(p: ParsedPage): Span[] {
  const spans: Span[] = [...p.page.rubrics, ...p.unassigned];
  for (const a of p.articles) {
    for (const s of [a.kicker, a.headline, a.subheadline, a.rubric]) if (s) spans.push(s);
    spans.push(...a.body, ...a.captions, ...a.credits, ...a.authorNotes, ...a.bylines);
  }
  return spans;
}

const letters = (s: string) => [...s].filter((c) => /[\p{L}\p{N}]/u.test(c));

/** Problems found, one string each; an empty list means the page is lossless. */
export function losslessProblems(text: string, p: ParsedPage): string[] {
  const problems: string[] = [];
  const textOn = new Map<number, string>();
  for (const s of spansOf(p)) for (const l of s.lines) textOn.set(l, (textOn.get(l) ?? "") + s.text);
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const no = i + 1;
    const want = letters(raw.replace(/\u0000/g, ""));
    if (!want.length && !raw.replace(/[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff\u0000-\u001f]/g, "")) return;
    const have = textOn.get(no);
    if (have === undefined) {
      problems.push(`line ${no} is claimed by no span: ${raw.slice(0, 40)}`);
      return;
    }
    const pool = new Map<string, number>();
    for (const c of letters(have)) pool.set(c, (pool.get(c) ?? 0) + 1);
    for (const c of want) {
      const n = pool.get(c) ?? 0;
      if (n === 0) {
        problems.push(`line ${no} loses "${c}"`);
        return;
      }
      pool.set(c, n - 1);
    }
  });
  return problems;
}
