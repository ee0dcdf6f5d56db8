// The quality gate: scores every golden page against its gold annotation with the project's scorer
// (scripts/quality/score.py, a copy of shared/corpus/score.py) and fails when a score falls below the
// floor pinned for it in tests/golden/floors.json. Floors only move up: `npm run eval -- --raise`
// lifts each floor to the score reached now, and never lowers one.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePage } from "../src/parse/index.js";

const METRICS = ["coverage", "role_acc", "struct_f1", "article_f1", "unit_f1", "headline_f1"] as const;
type Metric = (typeof METRICS)[number];
type Scores = Record<Metric, number> & { lost_chars: number; dup_lines: number };
type Floors = Record<string, Partial<Record<Metric, number>>>;

const root = new URL("../tests/golden/", import.meta.url).pathname;
const floorsFile = join(root, "floors.json");
const scorer = new URL("./quality/score.py", import.meta.url).pathname;
const raise = process.argv.includes("--raise");

/** Which extraction style a case is in, from its name: the gate also reports a mean per style. */
function setOf(name: string): string {
  if (name.startsWith("sample")) return "sample";
  const source = name.startsWith("pdf-") ? "pdf" : "phenomena";
  return `${source} ${/-b-/.test(name) ? "printed-lines" : "blocks"}`;
}

const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, d.name, `${d.name}.gold.json`)))
  .map((d) => d.name)
  .sort();
const tmp = mkdtempSync(join(tmpdir(), "gazette-eval-"));
const results = new Map<string, Scores>();
try {
  for (const name of cases) {
    const txt = join(root, name, `${name}.txt`);
    const parsed = parsePage(readFileSync(txt), { path: txt });
    const out = join(tmp, `${name}.json`);
    writeFileSync(out, JSON.stringify(parsed));
    const json = execFileSync("python3", [scorer, join(root, name, `${name}.gold.json`), out, "--source", txt], { encoding: "utf8" });
    results.set(name, JSON.parse(json) as Scores);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const floors: Floors = existsSync(floorsFile) ? JSON.parse(readFileSync(floorsFile, "utf8")) : {};
const failures: string[] = [];
const fmt = (n: number) => n.toFixed(3);
console.log(`${"case".padEnd(34)} ${METRICS.map((m) => m.replace("_f1", "").replace("_acc", "").padStart(8)).join(" ")}  lost dup`);
for (const [name, s] of results) {
  console.log(`${name.padEnd(34)} ${METRICS.map((m) => fmt(s[m]).padStart(8)).join(" ")}  ${String(s.lost_chars).padStart(4)} ${String(s.dup_lines).padStart(3)}`);
  // Nothing lost and nothing claimed twice, on every page, always.
  if (s.coverage < 1) failures.push(`${name}: coverage ${s.coverage} < 1`);
  if (s.lost_chars > 0) failures.push(`${name}: ${s.lost_chars} letters lost`);
  if (s.dup_lines > 0) failures.push(`${name}: ${s.dup_lines} lines claimed twice`);
}
const bySet = new Map<string, Scores[]>();
for (const [name, s] of results) bySet.set(setOf(name), [...(bySet.get(setOf(name)) ?? []), s]);
const means = new Map<string, Record<Metric, number>>();
for (const [set, rows] of bySet) {
  const mean = Object.fromEntries(METRICS.map((m) => [m, rows.reduce((a, r) => a + r[m], 0) / rows.length])) as Record<Metric, number>;
  means.set(set, mean);
  console.log(`${`MEAN ${set} (${rows.length})`.padEnd(34)} ${METRICS.map((m) => fmt(mean[m]).padStart(8)).join(" ")}`);
}

function check(key: string, got: Record<Metric, number>): void {
  const floor = floors[key] ?? {};
  for (const m of METRICS) {
    const f = floor[m];
    if (f !== undefined && got[m] + 1e-9 < f) failures.push(`${key}: ${m} ${fmt(got[m])} < floor ${fmt(f)}`);
    if (raise && (f === undefined || got[m] > f)) floor[m] = Math.floor(got[m] * 1000) / 1000;
  }
  floors[key] = floor;
}
for (const [name, s] of results) check(name, s);
for (const [set, mean] of means) check(`MEAN ${set}`, mean);

if (raise) {
  writeFileSync(floorsFile, `${JSON.stringify(floors, null, 1)}\n`);
  console.log(`floors raised where scores rose: ${floorsFile}`);
}
if (failures.length) {
  console.error(`\nquality gate failed:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log(`\nquality gate passed: ${results.size} pages at or above their floors`);
