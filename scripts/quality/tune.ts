// Coordinate search over the headline evidence weights (config.HEADLINE_EVIDENCE), to see which
// weights the golden pages support. Prints the objective per trial; changes no file.
//   node --import tsx scripts/quality/tune.ts
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HEADLINE_EVIDENCE } from "../../src/parse/config.js";
import { parsePage } from "../../src/parse/index.js";

const root = new URL("../../tests/golden/", import.meta.url).pathname;
const scorer = new URL("./score.py", import.meta.url).pathname;
const cases = readdirSync(root).filter((d) => existsSync(join(root, d, `${d}.gold.json`)));
const tmp = mkdtempSync(join(tmpdir(), "tune-"));
const keys = ["struct_f1", "article_f1", "unit_f1", "headline_f1"];

function objective(): number {
  let total = 0;
  for (const name of cases) {
    const txt = join(root, name, `${name}.txt`);
    const out = join(tmp, `${name}.json`);
    writeFileSync(out, JSON.stringify(parsePage(readFileSync(txt))));
    const s = JSON.parse(execFileSync("python3", [scorer, join(root, name, `${name}.gold.json`), out, "--source", txt], { encoding: "utf8" }));
    const weight = name.startsWith("pdf-") ? 1 : 0.5;
    total += weight * keys.reduce((a, k) => a + s[k], 0);
  }
  return total;
}

const w = HEADLINE_EVIDENCE as Record<string, number>;
let best = objective();
console.log("start", best.toFixed(3), JSON.stringify(w));
for (let round = 0; round < 2; round++) {
  for (const k of Object.keys(w)) {
    for (const delta of [-1, 1]) {
      const old = w[k]!;
      w[k] = old + delta;
      const o = objective();
      if (o > best + 1e-6) {
        best = o;
        console.log(`${k} ${old} -> ${w[k]}: ${o.toFixed(3)}`);
      } else w[k] = old;
    }
  }
}
console.log("best", best.toFixed(3), JSON.stringify(w));
