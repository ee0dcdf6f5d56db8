// Shows, line by line, where a parse of a golden page differs from its gold annotation:
//   node --import tsx scripts/quality/diff.ts tests/golden/<case> [--all]
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parsePage } from "../../src/parse/index.js";

const dir = process.argv[2]!;
const all = process.argv.includes("--all");
const name = basename(dir);
const text = readFileSync(join(dir, `${name}.txt`), "utf8");
const gold = JSON.parse(readFileSync(join(dir, `${name}.gold.json`), "utf8"));
const parsed = parsePage(readFileSync(join(dir, `${name}.txt`)));
const pred = new Map<number, { role: string; art: number | null; unit: string }>();
const put = (role: string, art: number | null, lines: number[]) => {
  for (const l of lines) if (!pred.has(l)) pred.set(l, { role, art, unit: lines.join(",") });
};
parsed.page.rubrics.forEach((r) => put("rubric", null, r.lines));
parsed.unassigned.forEach((u) => put(u.type, null, u.lines));
parsed.articles.forEach((a, i) => {
  for (const [k, v] of [["kicker", a.kicker], ["headline", a.headline], ["subheadline", a.subheadline], ["rubric", a.rubric]] as const)
    if (v) put(k, i + 1, v.lines);
  a.body.forEach((b) => put(b.type, i + 1, b.lines));
  a.captions.forEach((b) => put("caption", i + 1, b.lines));
  a.credits.forEach((b) => put("credit", i + 1, b.lines));
  a.authorNotes.forEach((b) => put("authorNote", i + 1, b.lines));
  a.bylines.forEach((b) => put("byline", i + 1, b.lines));
});
const lines = text.split(/\r\n|\r|\n/);
console.log(`style=${parsed.style} articles=${parsed.articles.length}`);
for (const u of gold.units) {
  for (const l of u.lines) {
    const p = pred.get(l);
    const roles = Array.isArray(u.role) ? u.role : [u.role];
    const bad = !p || !roles.includes(p.role) || p.unit !== u.lines.join(",");
    if (!bad && !all) continue;
    console.log(
      `${bad ? "✗" : " "} L${String(l).padEnd(4)} gold ${roles.join("|").padEnd(11)} a${u.article ?? "-"} [${u.lines.join(",")}]`.padEnd(60) +
        ` pred ${(p?.role ?? "NONE").padEnd(11)} a${p?.art ?? "-"} [${p?.unit}]  ${lines[l - 1]!.trim().slice(0, 30)}`,
    );
  }
}
