// The bad-input suite (tests/site/bad-inputs.ts): every case written into one content folder beside
// the sample archive, built once with the real build and checked once with `gazette check`. For each
// case: the build exits 0 and prints exactly the expected findings (file, line, severity, code), the
// /report/ page lists them, `gazette check` reports the same without building, the text of a page is
// published whole (every letter and digit, through the built records and pages), and what is skipped
// is not published. The sample archive is still built around them.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ParsedPage } from "../../src/model/types.ts";
import { losslessProblems } from "../helpers/lossless.ts";
import { badInputs, findingText, markdownTable, shownPath, writeCases, type BadInput, type Finding } from "./bad-inputs.ts";

const cases = badInputs();
const root = mkdtempSync(join(tmpdir(), "gazette-bad-"));
const content = join(root, "content");
const out = join(root, "site");

/** Findings the build's image step adds (src/site/images.ts, src/site/data.ts): `check` does not decode pictures. */
const IMAGE_STEP_CODES = new Set(["image-damaged", "image-note", "image-too-large", "image-unreadable", "pdf-no-renderer", "bad-zone"]);
const LINE = /^(content\/.+):(\d+): (error|warning|info) ([a-z][a-z0-9-]*) (.*)$/;

interface Printed extends Finding {
  message: string;
  text: string;
}

function findings(output: string): Printed[] {
  return output
    .split("\n")
    .map((l) => LINE.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => {
      const f = { file: m[1]!.slice("content/".length), line: Number(m[2]), severity: m[3] as Finding["severity"], code: m[4]!, message: m[5]! };
      return { ...f, text: findingText(f) };
    });
}

type Run = SpawnSyncReturns<string>;
let build: Run;
let check: Run;
let checkSample: Run;
let checkSampleStrict: Run;
let buildSeconds = 0;
const RUN = { encoding: "utf8" as const, maxBuffer: 256 * 1024 * 1024, timeout: 15 * 60_000 };

before(() => {
  cpSync("content", content, { recursive: true });
  writeCases(cases, content, join(root, "outside"));
  // The parse and search caches off for the build: everything is parsed and indexed here. The checks
  // share a cache of their own: the first parses every page again, the two on the sample read it back.
  const env: NodeJS.ProcessEnv = { ...process.env, GAZETTE_CONTENT: content, GAZETTE_CACHE: "off" };
  delete env.GAZETTE_QUIET;
  const started = Date.now();
  build = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", out], { ...RUN, env });
  buildSeconds = (Date.now() - started) / 1000;
  // Without GAZETTE_CONTENT: `check` finds the content folder from the path it is given (site.yml,
  // or the paper.yml of the paper around it).
  const checkEnv: NodeJS.ProcessEnv = { ...env, GAZETTE_CACHE: join(root, "check-cache") };
  delete checkEnv.GAZETTE_CONTENT;
  check = spawnSync(process.execPath, ["bin/gazette.js", "check", content], { ...RUN, env: checkEnv });
  checkSample = spawnSync(process.execPath, ["bin/gazette.js", "check", join(content, "glrb")], { ...RUN, env: checkEnv });
  checkSampleStrict = spawnSync(process.execPath, ["bin/gazette.js", "check", "--strict", join(content, "glrb")], { ...RUN, env: checkEnv });
});

after(() => rmSync(root, { recursive: true, force: true }));

/** The findings that name a case's files, or a folder above one of them. */
function ofCase(c: BadInput, all: Printed[]): Printed[] {
  const paths = c.files.map((f) => shownPath(f.path));
  return all.filter((f) => paths.some((p) => p === f.file || p.startsWith(`${f.file}/`)));
}
const sorted = (xs: { text: string }[]) => xs.map((x) => x.text).sort();

const read = (rel: string) => readFileSync(join(out, rel), "utf8");
/** HTML text back to text: the templates escape & < > " ' and \ (Nunjucks). */
const unescape = (s: string) =>
  s.replace(/&(#\d+|amp|lt|gt|quot);/g, (_, e: string) => (e[0] === "#" ? String.fromCharCode(Number(e.slice(1))) : { amp: "&", lt: "<", gt: ">", quot: '"' }[e]!));
/** Letters and digits with their counts. */
function letters(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of s) if (/[\p{L}\p{N}]/u.test(c)) m.set(c, (m.get(c) ?? 0) + 1);
  return m;
}
/** The letters of `text` that `pages` do not hold as often (none: every letter and digit is there). */
function missing(text: string, pages: string[]): string[] {
  const have = letters(pages.map((p) => p.replace(/<[^>]*>/g, " ")).join("\n"));
  return [...letters(text)].filter(([c, n]) => (have.get(c) ?? 0) < n).map(([c, n]) => `${c}×${n - (have.get(c) ?? 0)}`);
}
let recordsCache: { url: string; source: { path: string } }[] | null = null;
const records = () => (recordsCache ??= read("export/records.jsonl").split("\n").filter(Boolean).map((l) => JSON.parse(l)));

describe("the build of an archive full of bad inputs", () => {
  it("exits 0 and prints every finding as file:line: severity code message", () => {
    assert.equal(build.status, 0, `${build.stderr.slice(-3000)}\n${build.error ?? ""}`);
    assert.ok(findings(build.stderr).length > cases.length, build.stderr.slice(0, 2000));
    console.log(`# build of the bad-input archive: ${buildSeconds.toFixed(1)} s`);
  });

  it("still builds the sample archive: its pages, articles, feeds and search", () => {
    for (const p of [
      "index.html",
      "glrb/2023/01/13/01/index.html",
      "glrb/2023/01/13/01/source/index.html",
      "glrb/2023/01/14/01/index.html",
      "gsrb/2023/01/13/01/index.html",
      "gsrb/2023/01/12/01/index.html",
      "glrb/feed.xml",
      "gsrb/feed.xml",
      "sitemap.xml",
      "report/index.html",
      "pagefind/pagefind.js",
    ])
      assert.ok(existsSync(join(out, p)), p);
    const sample = records().filter((r) => /^\/(glrb|gsrb)\//.test(r.url));
    assert.ok(sample.length >= 14, `${sample.length} sample articles`);
    for (const r of sample) assert.ok(existsSync(join(out, r.url, "index.html")), r.url);
    assert.ok(records().some((r) => r.source.path === "content/glrb/2023/01/13/01.txt"));
  });

  it("adds no finding that no case expects", () => {
    const stray = findings(build.stderr).filter((f) => !cases.some((c) => ofCase(c, [f]).length) && !/^(glrb|gsrb)\//.test(f.file));
    assert.deepEqual(stray.map((f) => f.text), []);
  });

  it("withholds what is skipped: no record or page holds the text of a skipped file or of a file out of content/", () => {
    const markers = cases.map((c) => c.withheld).filter((m): m is string => !!m);
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = join(dir, e.name);
        if (e.isDirectory()) return e.name === "pagefind" ? [] : walk(p);
        return /\.(html|json|jsonl|xml)$/.test(e.name) && statSync(p).size < 4 * 1024 * 1024 ? [p] : [];
      });
    for (const f of walk(out)) {
      const text = readFileSync(f, "utf8");
      for (const m of markers) assert.ok(!text.includes(m), `${m} in ${f}`);
    }
  });
});

describe("gazette check on the same archive", () => {
  it("reports exactly the build's findings (but for the image step's), and fails on the binary file's error", () => {
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stderr, /^1 error\(s\), \d+ warning\(s\)$/m);
    const built = findings(build.stderr).filter((f) => !IMAGE_STEP_CODES.has(f.code));
    assert.deepEqual(sorted(findings(check.stdout)), sorted(built));
    // The same lines, messages and all.
    const line = (f: Printed) => `${f.text} ${f.message}`;
    assert.deepEqual(findings(check.stdout).map(line).sort(), built.map(line).sort());
  });

  it("exits 0 on warnings only, and 1 with --strict (the sample paper has a warning and no error)", () => {
    assert.equal(checkSample.status, 0, checkSample.stdout + checkSample.stderr);
    const sample = findings(checkSample.stdout);
    assert.ok(sample.some((f) => f.severity === "warning"));
    assert.ok(sample.every((f) => f.file.startsWith("glrb/")), checkSample.stdout);
    assert.match(checkSample.stderr, /^0 error\(s\), [1-9]\d* warning\(s\)$/m);
    assert.equal(checkSampleStrict.status, 1);
    assert.deepEqual(findings(checkSampleStrict.stdout).map((f) => f.text), sample.map((f) => f.text));
  });
});

describe("each bad input", () => {
  for (const c of cases) {
    it(`${c.name}: ${c.input}`, () => {
      const expected = c.expect.map((f) => findingText(f)).sort();
      // The console of the build: exactly these findings name the case's files.
      const printed = ofCase(c, findings(build.stderr));
      assert.deepEqual(sorted(printed), expected, "build console");
      for (const f of c.expect)
        if (f.message) assert.ok(printed.some((p) => p.text === findingText(f) && p.message.includes(f.message!)), `${findingText(f)}: "${f.message}"`);
      // The report page: a row for each, with its file:line, severity and code.
      const rows = read("report/index.html").split("<tr").slice(1).map(unescape);
      for (const f of c.expect) {
        const row = rows.find((r) => r.includes(`<code>content/${f.file}:${f.line}</code>`) && r.includes(`<code>${f.code}</code>`));
        assert.ok(row, `no row for ${findingText(f)} on /report/`);
        assert.ok(row.startsWith(` class="report__${f.severity}"`), `${findingText(f)}: ${row.slice(0, 80)}`);
      }
      // gazette check: the same findings.
      assert.deepEqual(sorted(ofCase(c, findings(check.stdout))), expected, "gazette check");
      for (const a of c.absent ?? []) assert.ok(!existsSync(join(out, a)), `${a} is published`);
      if (c.published) assertPublished(c.published.file, c.published.text);
    });
  }
});

/** Every letter and digit of the page is in the site: in its records, its page and articles, and its source page. */
function assertPublished(file: string, text: string) {
  if (file.endsWith(".md")) {
    const rec = records().find((r) => r.source.path === `content/${file}`);
    assert.ok(rec, `no article from ${file}`);
    const body = text.split("\n").slice(text.split("\n").indexOf("---", 1) + 1).join("\n");
    assert.deepEqual(missing(body, [read(`${rec.url}index.html`)]), [], "letters missing from the article");
    assert.deepEqual(missing(text, [read(`${rec.url}source/index.html`)]), [], "letters missing from the source page");
    return;
  }
  const pageUrl = `/${file.replace(/\.txt$/, "")}/`;
  const page = JSON.parse(read(`${pageUrl.slice(0, -1)}.json`)) as { rubrics: ParsedPage["page"]["rubrics"]; articles: string[]; unassigned: ParsedPage["unassigned"]; source: { path: string } };
  assert.equal(page.source.path, `content/${file}`);
  const articles = page.articles.map((id) => JSON.parse(read(`${pageUrl}${id}.json`)) as ParsedPage["articles"][number]);
  // The records: every non-blank line claimed, every letter and digit of it kept (tests/helpers/lossless.ts).
  const parsed = { source: { path: file, sha256: "", encoding: "" }, page: { rubrics: page.rubrics }, articles, unassigned: page.unassigned, diagnostics: [] };
  assert.deepEqual(losslessProblems(text, parsed).slice(0, 5), [], "records");
  // The pages a reader sees: the page (its rubrics, article cards and unassigned text) and its articles.
  const shown = [read(`${pageUrl}index.html`), ...page.articles.map((id) => read(`${pageUrl}${id}/index.html`))];
  assert.deepEqual(missing(text, shown).slice(0, 5), [], "letters missing from the page and its articles");
  if (text) assert.deepEqual(missing(text, [read(`${pageUrl}source/index.html`)]).slice(0, 5), [], "letters missing from the source page");
}

describe("docs/bad-inputs.md", () => {
  it("holds the table of these cases", () => {
    const doc = readFileSync("docs/bad-inputs.md", "utf8");
    assert.ok(doc.includes(markdownTable(cases)), "docs/bad-inputs.md is out of date: node --import tsx tests/site/bad-inputs.ts prints the table");
  });
});
