// Property tests of the parser's scans that were rewritten for speed, each against its plain definition:
// measure (src/parse/lines.ts), each line's width, length, stops and commas in one pass, on random text
// with surrogate pairs and lone surrogates among CJK, ASCII, half-width forms and punctuation;
// columnWidths (src/parse/units.ts), the most common width around each line, kept as its window
// moves; and the title rule (src/parse/rules/title.ts), one pass instead of regular expressions.
//
// Run: node --import tsx --test tests/property/*.test.ts
import { strict as assert } from "node:assert";
import { test } from "node:test";
import fc from "fast-check";
import { COLUMN_WINDOW, SENTENCE_STOPS, TITLE_MAX_CHARS } from "../../src/parse/config.js";
import { measure, type Line } from "../../src/parse/lines.js";
import { columnWidths } from "../../src/parse/units.js";
import { title } from "../../src/parse/rules/title.js";
import { chars } from "../../src/parse/rules/types.js";

const SEED = Number(process.env.PROPERTY_SEED ?? 20230112);

/** Width by code point: half for ASCII, the halfwidth forms and general punctuation but — and …. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += c < 0x1100 || (c >= 0xff61 && c <= 0xffdc) || (c >= 0x2000 && c <= 0x206f && c !== 0x2014 && c !== 0x2026) ? 0.5 : 1;
  }
  return w;
}

const text = fc.string({
  unit: fc.constantFrom("字", "报", "a", "1", " ", "。", "！", "？", "!", "?", "…", "，", ",", "、", "；", ";", "—", "“", "ｱ", "\u2014", "\u2026", "\u2018", "😀", "\ud800", "\udc00", "\u3000"),
  maxLength: 40,
});

test("measure gives the width, code points, stops and commas of a line", () => {
  fc.assert(
    fc.property(text, (t) => {
      const count = (set: string) => [...t].filter((c) => set.includes(c)).length;
      assert.deepEqual(measure(t), {
        width: width(t),
        chars: t.length - [...t].filter((c) => /[\ud800-\udbff]/.test(c)).length,
        stops: count(SENTENCE_STOPS),
        commas: count("，,、；;"),
      });
    }),
    { seed: SEED, numRuns: 500 },
  );
});

/** The column widths as first written: every width scanned again for every line. */
function columnWidthsScanned(widths: number[], window: number): number[] {
  const MAX = 255;
  const MIN_KEY = 12;
  const keys = widths.map((w) => Math.min(MAX, Math.round(w * 2)));
  return widths.map((w, i) => {
    const counts = new Uint16Array(MAX + 1);
    for (let j = Math.max(0, i - window); j <= Math.min(widths.length - 1, i + window); j++) if (keys[j]! >= MIN_KEY) counts[keys[j]!]!++;
    let best = 0;
    let bestCount = 0;
    for (let k = MIN_KEY; k <= MAX; k++) if (counts[k]! >= bestCount && counts[k]! > 0) [best, bestCount] = [k, counts[k]!];
    return bestCount ? best / 2 : w;
  });
}

test("columnWidths is the most common width in the window around each line", () => {
  // Few distinct widths, so that ties and changes of the most common one are frequent.
  const widths = fc.array(fc.oneof(fc.constantFrom(3, 6, 6.5, 12, 12.5, 13, 20, 200), fc.integer({ min: 0, max: 300 }).map((n) => n / 2)), { minLength: 30, maxLength: 120, size: "max" });
  fc.assert(
    fc.property(widths, (ws) => {
      const lines = ws.map((width) => ({ width }) as Line);
      assert.deepEqual(columnWidths(lines), columnWidthsScanned(ws, COLUMN_WINDOW));
    }),
    { seed: SEED, numRuns: 500 },
  );
});

/** The title rule as first written, with regular expressions. */
function titleByPatterns(text: string, endsClause: boolean): boolean {
  const n = chars(text);
  if (n < 2 || n > TITLE_MAX_CHARS) return false;
  if (/[。！？!?；;]./.test(text) || /[。；;]$/.test(text)) return false;
  if (endsClause) return false;
  const commas = text.match(/[，,、]/g)?.length ?? 0;
  if (commas > (n > 20 ? 1 : 2)) return false;
  const count = (c: string) => text.split(c).length - 1;
  if (count("“") > count("”") || count("《") > count("》")) return false;
  return /\p{Script=Han}/u.test(text);
}

test("the title rule says what its regular expressions said", () => {
  const line = fc.string({
    unit: fc.constantFrom("字", "报", "a", "1", " ", "。", "！", "？", "!", "?", "；", ";", "，", ",", "、", "“", "”", "《", "》", "\n", "\u2028", "😀", "\ud800"),
    maxLength: 45,
  });
  fc.assert(
    fc.property(line, fc.boolean(), (text, endsClause) => {
      assert.equal(title.test({ text, lines: [{ endsClause } as Line] }), titleByPatterns(text, endsClause), JSON.stringify(text));
    }),
    { seed: SEED, numRuns: 2000 },
  );
});
