// Property tests of parsePage (fast-check, fixed seed): on random text built from the characters of a
// Chinese newspaper page, on mutated golden pages, and on random bytes, the parser
//   - never throws,
//   - is lossless (every non-blank line claimed, its letters and digits kept),
//   - is deterministic (two parses are deep-equal),
//   - gives every article on the page its own id,
//   - only points at lines that exist and are not blank.
//
// Run: node --import tsx --test tests/property/*.test.ts
// PROPERTY_SEED=<n> changes the seed, PROPERTY_RUNS=<factor> scales the run counts (e.g. 10 for a soak).
import { strict as assert } from "node:assert";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import type { ParsedPage } from "../../src/model/types.js";
import { decode, decodeAs } from "../../src/parse/decode.js";
import { parsePage } from "../../src/parse/index.js";
import { losslessProblems, spansOf } from "../helpers/lossless.js";
import { splitLines } from "../../src/archive/index.js";
import { countUtf8Lines } from "../../src/archive/parse-cache.js";

const SEED = Number(process.env.PROPERTY_SEED ?? 20230112);
const FACTOR = Number(process.env.PROPERTY_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * FACTOR));

// ---------------------------------------------------------------------------------------------
// The checks every input must pass.

function problemsOf(text: string, p: ParsedPage): string[] {
  const problems: string[] = [];
  const binary = p.diagnostics.some((d) => d.code === "binary-file");
  if (binary) {
    // A file taken for binary is refused with an error and gives no records.
    if (p.articles.length || p.unassigned.length || p.page.rubrics.length) problems.push("records from a binary file");
  } else {
    problems.push(...losslessProblems(text, p));
  }
  const ids = p.articles.map((a) => a.id);
  if (new Set(ids).size !== ids.length) problems.push(`duplicate article ids: ${ids.join(" ")}`);
  const physical = text.split(/\r\n|\r|\n/);
  for (const s of spansOf(p)) {
    for (const no of s.lines) {
      const raw = physical[no - 1];
      if (!Number.isInteger(no) || raw === undefined) problems.push(`span points at line ${no} of ${physical.length}`);
      else if (!/[^\s\u3000\u00a0\u200b-\u200d\u2060\ufeff\u0000-\u001f\u007f]/.test(raw))
        problems.push(`span points at blank line ${no}`);
    }
  }
  for (const d of p.diagnostics)
    if (!Number.isInteger(d.line) || d.line < 1 || d.line > Math.max(1, physical.length))
      problems.push(`diagnostic ${d.code} at line ${d.line} of ${physical.length}`);
  return problems;
}

/** Parse twice, check everything; returns true so that fc.property can use it directly. */
function holds(input: string | Uint8Array): boolean {
  const first = parsePage(input, { paper: "prop", date: "2000-01-01", page: 1 });
  const second = parsePage(input, { paper: "prop", date: "2000-01-01", page: 1 });
  assert.deepEqual(second, first, "deterministic");
  const text = typeof input === "string" ? input : decode(input).text;
  assert.deepEqual(problemsOf(text, first), []);
  return true;
}

function counted<T>(arb: fc.Arbitrary<T>, body: (v: T) => boolean) {
  let cases = 0;
  const property = fc.property(arb, (v) => {
    cases++;
    return body(v);
  });
  return { property, cases: () => cases };
}

// ---------------------------------------------------------------------------------------------
// (a) Random text from a newspaper page's alphabet.

const HAN =
  "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经" +
  "十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平" +
  "形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党" +
  "程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干" +
  "做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单" +
  "风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界" +
  "韦莎妮娜李康生佳苏绍坤桂林漓江象山";
const PUNCT = [..."，。、；：？！“”‘’（）《》【】…·,.;:?!()[]-/%"];
const MARKERS = [
  "▲", "□", "◎", "■", "——", "—", "（", "）", "一、", "二、", "四、", "(一)", "（二）", "1.", "2．", "3、", "①", "②",
  "图为", "摄", "本报记者", "记者", "通讯员", "文/图", "新华社北京1月12日电", "本报讯", "（作者为", "（作者系", "本版责编：",
  "下转第2版", "上接第1版", "第1版", "2023年1月12日 星期四", "评论员观察", "人民时评", "短讯", "（图片均由", "提供）",
  "新华社记者", "本报评论员", "第一书记", "——记", "图①：",
];
const SPACES = [" ", "  ", "\u3000", "\u3000\u3000", "\t", "\u00a0", "\u200b", "\ufeff"];
const BREAKS = ["\n", "\n", "\n", "\r\n", "\r", "\n\n", "\n\n\n\n", "\r\n\r\n"];
const DIGITS = [..."0123456789０１２３４５６７８９"];
const LATIN = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"];

const token: fc.Arbitrary<string> = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...HAN) },
  { weight: 6, arbitrary: fc.constantFrom(...PUNCT) },
  { weight: 3, arbitrary: fc.constantFrom(...MARKERS) },
  { weight: 3, arbitrary: fc.constantFrom(...SPACES) },
  { weight: 4, arbitrary: fc.constantFrom(...BREAKS) },
  { weight: 3, arbitrary: fc.constantFrom(...DIGITS) },
  { weight: 2, arbitrary: fc.constantFrom(...LATIN) },
);
/** Free text: tokens anywhere, line breaks included. */
const freeText = fc.array(token, { maxLength: 400 }).map((ts) => ts.join(""));
/** Line-shaped text: lines of realistic length and make-up, with the separators pages use. */
const lineText = fc
  .tuple(
    fc.array(fc.array(token, { minLength: 0, maxLength: 60 }).map((ts) => ts.join("").replace(/[\r\n]/g, "")), {
      maxLength: 60,
    }),
    fc.constantFrom("\n", "\n\n", "\r\n", "\r\n\r\n", "\r"),
    fc.boolean(),
  )
  .map(([lines, eol, trailing]) => lines.join(eol) + (trailing ? eol : ""));

test("(a) random text from a newspaper page's alphabet", (t) => {
  const free = counted(freeText, holds);
  fc.assert(free.property, { seed: SEED, numRuns: runs(1500) });
  const lines = counted(lineText, holds);
  fc.assert(lines.property, { seed: SEED + 1, numRuns: runs(1000) });
  t.diagnostic(`free text: ${free.cases()} cases, line-shaped text: ${lines.cases()} cases`);
});

// ---------------------------------------------------------------------------------------------
// (b) Mutations of the golden pages.

const goldenRoot = fileURLToPath(new URL("../golden/", import.meta.url));
const GOLDEN: { name: string; text: string }[] = readdirSync(goldenRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(goldenRoot, d.name))
      .filter((f) => f.endsWith(".txt"))
      .sort()
      .map((f) => ({ name: `${d.name}/${f}`, text: readFileSync(join(goldenRoot, d.name, f), "utf8") })),
  )
  .sort((a, b) => a.name.localeCompare(b.name));

type Mutation =
  | { op: "delete" | "duplicate" | "join" | "blank"; at: number; n: number }
  | { op: "swap"; at: number; to: number }
  | { op: "cut"; at: number; pos: number }
  | { op: "insert"; at: number; line: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom("delete", "duplicate", "join", "blank" as const), at: fc.nat(), n: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant("swap" as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant("cut" as const), at: fc.nat(), pos: fc.nat() }),
  fc.record({
    op: fc.constant("insert" as const),
    at: fc.nat(),
    line: fc.array(token, { maxLength: 40 }).map((ts) => ts.join("").replace(/[\r\n]/g, "")),
  }),
);

function mutate(lines: string[], m: Mutation): string[] {
  const out = [...lines];
  if (!out.length) return m.op === "insert" ? [m.line] : out;
  const at = m.at % out.length;
  switch (m.op) {
    case "delete":
      out.splice(at, m.n);
      break;
    case "duplicate":
      out.splice(at, 0, ...out.slice(at, at + m.n));
      break;
    case "join":
      out.splice(at, m.n + 1, out.slice(at, at + m.n + 1).join(""));
      break;
    case "blank":
      out.splice(at, 0, ...Array<string>(m.n).fill(""));
      break;
    case "swap": {
      const to = m.to % out.length;
      [out[at], out[to]] = [out[to]!, out[at]!];
      break;
    }
    case "cut": {
      const chars = [...out[at]!];
      const pos = chars.length ? m.pos % (chars.length + 1) : 0;
      out.splice(at, 1, chars.slice(0, pos).join(""), chars.slice(pos).join(""));
      break;
    }
    case "insert":
      out.splice(at, 0, m.line);
      break;
  }
  return out;
}

const mutatedPage = fc.record({
  page: fc.nat({ max: GOLDEN.length - 1 }),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 8 }),
  eol: fc.constantFrom("keep", "\n", "\r\n", "\r"),
  /** Random bytes put into the file: at a fraction of its length. */
  bytes: fc.option(fc.record({ where: fc.double({ min: 0, max: 1, noNaN: true }), data: fc.uint8Array({ minLength: 1, maxLength: 12 }) }), {
    freq: 4,
  }),
});

type MutatedPage = typeof mutatedPage extends fc.Arbitrary<infer T> ? T : never;

function buildMutated(v: MutatedPage): string | Uint8Array {
  const src = GOLDEN[v.page]!.text;
  const eol = v.eol === "keep" ? (src.includes("\r\n") ? "\r\n" : "\n") : v.eol;
  let lines = src.split(/\r\n|\r|\n/);
  for (const m of v.mutations) lines = mutate(lines, m);
  const text = lines.join(eol);
  if (!v.bytes) return text;
  const raw = new TextEncoder().encode(text);
  const at = Math.floor(v.bytes.where * raw.length);
  const out = new Uint8Array(raw.length + v.bytes.data.length);
  out.set(raw.subarray(0, at), 0);
  out.set(v.bytes.data, at);
  out.set(raw.subarray(at), at + v.bytes.data.length);
  return out;
}

test("(b) mutated golden pages", (t) => {
  assert.ok(GOLDEN.length >= 20, `only ${GOLDEN.length} golden pages`);
  // the unmutated pages first
  for (const g of GOLDEN) holds(g.text);
  const m = counted(mutatedPage, (v) => holds(buildMutated(v)));
  fc.assert(m.property, { seed: SEED + 2, numRuns: runs(900) });
  t.diagnostic(`${GOLDEN.length} golden pages as they are, ${m.cases()} mutated pages`);
});

// ---------------------------------------------------------------------------------------------
// (c) Random bytes.

const PREFIXES = [[], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]];
const bytesInput = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  // bytes that look like text: mostly ASCII and UTF-8 / GB lead bytes, maybe behind a BOM
  fc
    .tuple(
      fc.constantFrom(...PREFIXES),
      fc.array(
        fc.oneof(
          fc.integer({ min: 0x20, max: 0x7e }),
          fc.constantFrom(0x0a, 0x0d, 0x00, 0x09),
          fc.integer({ min: 0x80, max: 0xff }),
        ),
        { maxLength: 2048 },
      ),
    )
    .map(([prefix, body]) => Uint8Array.from([...prefix, ...body])),
  // UTF-16 shaped: a NUL every other byte
  fc
    .array(fc.integer({ min: 0x20, max: 0x7e }), { minLength: 2, maxLength: 600 })
    .chain((ascii) => fc.boolean().map((le) => Uint8Array.from(ascii.flatMap((c) => (le ? [c, 0] : [0, c]))))),
);

test("(c) random bytes: never a throw, and lossless unless refused as binary", (t) => {
  const b = counted(bytesInput, holds);
  fc.assert(b.property, { seed: SEED + 3, numRuns: runs(800) });
  t.diagnostic(`${b.cases()} random byte strings`);
});

test("countUtf8Lines counts the lines splitLines makes, whatever the line ends and marks", () => {
  const piece = fc.constantFrom("\n", "\r", "\r\n", "\uFEFF", "", "a", "桂林", " ", "\n\n", "\r\r\n");
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
      const text = pieces.join("");
      assert.equal(countUtf8Lines(Buffer.from(text)), splitLines(text).length, JSON.stringify(text));
    }),
    { numRuns: 2000 },
  );
});

test("countUtf8Lines counts, from the bytes, the lines of the text they decode to, valid UTF-8 or not", () => {
  // Line ends and a BOM among valid and broken sequences: a lead byte cut short, a stray continuation,
  // an overlong form, a surrogate's encoding.
  const piece = fc.constantFrom([0x0a], [0x0d], [0x0d, 0x0a], [0xef, 0xbb, 0xbf], [0x61], [0xe6, 0xa1, 0x82], [0xe6, 0xa1], [0xe6], [0x80], [0xc0, 0x8a], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98, 0x80], [0xf0, 0x9f]);
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
      const bytes = Uint8Array.from(pieces.flat());
      assert.equal(countUtf8Lines(bytes), splitLines(decodeAs(bytes, "utf-8")).length, JSON.stringify(pieces));
    }),
    { numRuns: 3000 },
  );
});
