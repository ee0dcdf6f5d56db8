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
  // Letter counts per span, computed once: a span may cover thousands of lines.
  const spans = spansOf(p);
  const counts = spans.map((s) => {
    const m = new Map<string, number>();
    for (const c of letters(s.text)) m.set(c, (m.get(c) ?? 0) + 1);
    return m;
  });
  const claims = new Map<number, number[]>();
  spans.forEach((s, k) => {
    for (const l of s.lines) claims.set(l, [...(claims.get(l) ?? []), k]);
  });
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const no = i + 1;
    const want = letters(raw.replace(/\u0000/g, ""));
    if (!want.length && !raw.replace(/[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff\u0000-\u001f]/g, "")) return;
    const owners = claims.get(no);
    if (!owners) {
      problems.push(`line ${no} is claimed by no span: ${raw.slice(0, 40)}`);
      return;
    }
    const need = new Map<string, number>();
    for (const c of want) need.set(c, (need.get(c) ?? 0) + 1);
    for (const [c, n] of need) {
      const have = owners.reduce((sum, k) => sum + (counts[k]!.get(c) ?? 0), 0);
      if (have < n) {
        problems.push(`line ${no} loses "${c}"`);
        return;
      }
    }
  });
  return problems;
}
