// The `bidi` filter (src/site/filters.ts): page text keeps every bidi control it holds, and what it
// leaves open (or closes beyond itself) is balanced, so that it cannot turn round the text around it.
import { strict as assert } from "node:assert";
import { describe, test } from "node:test";
import fc from "fast-check";
import { balanceBidi, bidi, bidiState, citation } from "../../src/site/filters.ts";
import type { Article } from "../../src/archive/types.ts";

const LRE = "\u202A", RLE = "\u202B", PDF = "\u202C", LRO = "\u202D", RLO = "\u202E";
const LRI = "\u2066", RLI = "\u2067", FSI = "\u2068", PDI = "\u2069", LRM = "\u200E", RLM = "\u200F";

const balanced = (s: string) => {
  const st = bidiState(s);
  return st.open.length === 0 && st.strayPdf === 0 && st.strayPdi === 0;
};

describe("balanceBidi", () => {
  test("text without explicit controls comes back as it was (marks are not scoped)", () => {
    for (const s of ["", "创新品牌赋动能", "GDP 6.5%", `甲${LRM}乙${RLM}丙`, "<script>alert(1)</script>"]) assert.equal(balanceBidi(s), s);
  });

  test("closes an override, an embedding and an isolate left open, innermost first", () => {
    assert.equal(balanceBidi(`甲${RLO}乙`), `甲${RLO}乙${PDF}`);
    assert.equal(balanceBidi(`甲${RLE}乙${LRO}丙`), `甲${RLE}乙${LRO}丙${PDF}${PDF}`);
    assert.equal(balanceBidi(`雨中${RLO}漓江${RLI}夜色`), `雨中${RLO}漓江${RLI}夜色${PDI}${PDF}`);
    assert.equal(balanceBidi(`${FSI}甲${LRE}乙`), `${FSI}甲${LRE}乙${PDF}${PDI}`);
  });

  test("leaves balanced text alone, however it nests", () => {
    for (const s of [`${RLE}甲${PDF}`, `${LRI}甲${RLO}乙${PDI}`, `${RLI}${LRE}甲${PDF}${PDI}丙`]) assert.equal(balanceBidi(s), s);
  });

  test("a PDI closes the embeddings opened inside its isolate (X6a)", () => {
    assert.deepEqual(bidiState(`${LRI}${RLO}甲${PDI}乙`).open, []);
    assert.deepEqual(bidiState(`${RLO}${LRI}甲${PDI}乙`).open, ["embedding"]);
  });

  test("a PDF inside an isolate closes nothing beyond it (X7)", () => {
    assert.deepEqual(bidiState(`${RLE}${LRI}甲${PDF}`), { open: ["embedding", "isolate"], strayPdf: 0, strayPdi: 0 });
    assert.equal(balanceBidi(`${RLE}${LRI}甲${PDF}`), `${RLE}${LRI}甲${PDF}${PDI}${PDF}`);
  });

  test("a stray PDI (which would close the isolate of its element) is matched by an FSI in front", () => {
    // 第二段⁩‮…: the PDI closes nothing of the text, and the override after it would escape.
    assert.deepEqual(bidiState(`第二段${PDI}${RLO}覆盖`), { open: ["embedding"], strayPdf: 0, strayPdi: 1 });
    assert.equal(balanceBidi(`第二段${PDI}${RLO}覆盖`), `${FSI}${FSI}第二段${PDI}${RLO}覆盖${PDF}${PDI}`);
  });

  test("a stray PDF is absorbed by an isolate around the text", () => {
    assert.equal(balanceBidi(`甲${PDF}乙`), `${FSI}甲${PDF}乙${PDI}`);
  });

  test("never loses a character and always balances (property)", () => {
    const ch = fc.constantFrom(LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, "甲", "a", " ", "1", "<", '"', "\n");
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 40 }).map((a) => a.join("")), (s) => {
        const out = balanceBidi(s);
        assert.ok(out.includes(s), "the text is kept whole");
        assert.ok(balanced(out), JSON.stringify(out));
        assert.equal(balanceBidi(out), out, "idempotent");
      }),
      { numRuns: 2000 },
    );
  });

  test("the filter passes what is not a string", () => {
    assert.equal(bidi(null), null);
    assert.equal(bidi(undefined), undefined);
    assert.equal(bidi(7), 7);
    assert.equal(bidi(`甲${RLO}`), `甲${RLO}${PDF}`);
  });
});

describe("citation", () => {
  test("contains each part: a headline's override does not turn round the paper and the date", () => {
    const a = {
      bylines: [{ names: [`苏${RLO}青`] }],
      headline: { text: `雨中${RLO}漓江` },
      subheadline: { text: `夜色${RLI}` },
      paper: { name: "桂林日报", lang: "zh-CN" },
      issue: { date: "2023-01-13" },
      page: { no: "01" },
    } as unknown as Article;
    assert.equal(citation(a), `苏${RLO}青${PDF}. 雨中${RLO}漓江${PDF}: 夜色${RLI}${PDI}[N]. 桂林日报, 2023-01-13(01).`);
  });
});
