// Golden pages: one folder per case, holding the page text (<case>.txt), its gold annotation
// (<case>.gold.json, scored by `npm run eval`) and the parser's expected records (expected.json).
// A missing expected.json is written on first run; UPDATE=1 rewrites them all after a deliberate change.
import { strict as assert } from "node:assert";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parsePage } from "../../src/parse/index.js";
import { losslessProblems } from "../helpers/lossless.js";

const root = new URL(".", import.meta.url).pathname;
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, d.name, `${d.name}.txt`)))
  .map((d) => d.name)
  .sort();

test("there are golden pages in both extraction styles", () => {
  assert.ok(cases.length >= 20, `only ${cases.length} golden cases`);
});

for (const name of cases) {
  test(`golden page ${name}`, () => {
    const dir = join(root, name);
    const bytes = readFileSync(join(dir, `${name}.txt`));
    const parsed = parsePage(bytes, { path: `${name}.txt`, paper: "golden", date: "2000-01-01", page: name });
    const text = new TextDecoder().decode(bytes);
    assert.deepEqual(losslessProblems(text, parsed), [], "every non-blank line is claimed and keeps its letters");
    const expectedFile = join(dir, "expected.json");
    const actual = JSON.parse(JSON.stringify(parsed));
    if (process.env.UPDATE === "1" || !existsSync(expectedFile)) {
      writeFileSync(expectedFile, `${JSON.stringify(actual, null, 1)}\n`);
      return;
    }
    assert.deepEqual(actual, JSON.parse(readFileSync(expectedFile, "utf8")), `records of ${name} changed (UPDATE=1 to accept)`);
  });
}
