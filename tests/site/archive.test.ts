// src/archive: discovery of content/, sidecar validation and corrections, Markdown articles, the
// search-index text transform, and `gazette add`.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { linesOf, loadArchive, slugOf, splitLines } from "../../src/archive/index.ts";
import { decodeAs } from "../../src/parse/decode.ts";
import { addPages } from "../../src/archive/add.ts";
import { startParseHelpers } from "../../src/archive/warm-parse.ts";
import { markParserUsed } from "../../src/archive/parse-cache.ts";
import { parseCacheLikelyEmpty } from "../../scripts/build.ts";
import { indexedPart, separateUnits } from "../../scripts/search-index.ts";
import { citation, dateLong, isoInstant } from "../../src/site/filters.ts";

const SAMPLE = "content/glrb/2023/01/13/01.txt";

/** Temporary folders of this file's tests, removed when they are done. */
const temporary: string[] = [];
const tempDir = (prefix: string) => temporary[temporary.push(mkdtempSync(join(tmpdir(), prefix))) - 1]!;
after(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A content folder with one paper and the sample page, and the given sidecar. */
function withSample(sidecar: string | null, extra: Record<string, string> = {}): string {
  const content = join(tempDir("gazette-archive-"), "content");
  const day = join(content, "glrb", "2023", "01", "13");
  mkdirSync(day, { recursive: true });
  writeFileSync(join(content, "glrb", "paper.yml"), "name: 桂林日报\nlang: zh-CN\ntimezone: Asia/Shanghai\n");
  copyFileSync(SAMPLE, join(day, "01.txt"));
  if (sidecar !== null) writeFileSync(join(day, "01.yml"), sidecar);
  for (const [rel, text] of Object.entries(extra)) {
    mkdirSync(join(content, rel, ".."), { recursive: true });
    writeFileSync(join(content, rel), text);
  }
  return content;
}

const byHeadline = (a: ReturnType<typeof loadArchive>, h: string) => a.articles.find((x) => x.headline.text === h);

describe("content discovery", () => {
  it("builds papers > issues > pages > articles from the sample page, with the estimated date", () => {
    const a = loadArchive({ contentDir: withSample("date_estimated: true\ndate_evidence: 去年\nname: 要闻\neditor: 张三\n") });
    assert.equal(a.papers.length, 1);
    assert.equal(a.issues.length, 1);
    assert.equal(a.pages.length, 1);
    assert.equal(a.articles.length, 3);
    const page = a.pages[0]!;
    assert.equal(page.name, "要闻");
    assert.equal(page.editor, "张三");
    assert.ok(a.issues[0]!.dateEstimated);
    assert.equal(page.url, "/glrb/2023/01/13/01/");
    const first = a.articles[0]!;
    assert.equal(first.url, `/glrb/2023/01/13/01/${first.id}/`);
    assert.equal(first.prev, null);
    assert.equal(first.next, a.articles[1]);
    assert.deepEqual(first.authors.map((p) => p.name), ["韦莎妮娜", "李康生", "李佳利"]);
    assert.equal(first.sourceUrl, `/glrb/2023/01/13/01/source/#a-${first.id}`);
    // The source view's lines are read from the page file when it renders; the archive keeps their count.
    const lines = linesOf(page.source!);
    assert.equal(lines.length, page.source!.lineCount);
    assert.equal(lines[2]!.role, "headline");
    assert.equal(lines[2]!.anchor, `a-${first.id}`);
    assert.deepEqual(page.source!.lines, []);
    // Parser diagnostics become build warnings that name the file and line.
    assert.ok(a.warnings.some((w) => w.file === "content/glrb/2023/01/13/01.txt" && w.line === 93 && w.code === "paragraph-ends-mid-sentence"));
    assert.equal(a.rubrics[0]!.name, "深入学习贯彻党的二十大精神");
    assert.equal(a.months[0]!.weeks[2]![4]!.issue, a.issues[0]);
  });

  it("reads a source view's lines from the bytes that were parsed, and names a page file changed since", () => {
    const content = withSample(null);
    const page = loadArchive({ contentDir: content }).pages[0]!;
    const file = join(content, "glrb", "2023", "01", "13", "01.txt");
    assert.deepEqual(linesOf(page.source!).map((l) => l.text), readFileSync(file, "utf8").replace(/\r?\n$/, "").split(/\r?\n/));
    writeFileSync(file, "改过的一版\n");
    assert.throws(() => linesOf(page.source!), /content\/glrb\/2023\/01\/13\/01\.txt: changed while the site was being built/);
  });

  it("warns about unknown keys and wrong types with their line, and keeps the rest", () => {
    const a = loadArchive({ contentDir: withSample("name: 要闻\ncolour: red\neditor:\n  - 甲\ndate_estimated: yes please\n") });
    const w = (code: string) => a.warnings.filter((x) => x.code === code).map((x) => `${x.file}:${x.line}`);
    assert.deepEqual(w("unknown-key"), ["content/glrb/2023/01/13/01.yml:2"]);
    assert.deepEqual(w("wrong-type"), ["content/glrb/2023/01/13/01.yml:4", "content/glrb/2023/01/13/01.yml:5"]);
    assert.equal(a.pages[0]!.name, "要闻");
  });

  it("skips impossible dates and misnamed files with a warning", () => {
    const a = loadArchive({
      contentDir: withSample(null, { "glrb/2023/02/29/01.txt": "标题\n", "glrb/2023/1/05/01.txt": "标题\n", "glrb/2023/01/13/front.txt": "x\n", "Bad Paper/paper.yml": "name: x\n" }),
    });
    const codes = a.warnings.map((w) => `${w.code} ${w.file}`);
    assert.ok(codes.includes("impossible-date content/glrb/2023/02/29"));
    assert.ok(codes.includes("bad-path content/glrb/2023/1"));
    assert.ok(codes.includes("bad-page-name content/glrb/2023/01/13/front.txt"));
    assert.ok(codes.includes("bad-paper-id content/Bad Paper"));
    assert.equal(a.issues.length, 1);
  });

  it("reads a paper without paper.yml with defaults and a warning", () => {
    const content = withSample(null, { "nopaper/2023/01/01/01.txt": readFileSync(SAMPLE, "utf8") });
    const a = loadArchive({ contentDir: content });
    const p = a.papers.find((x) => x.id === "nopaper")!;
    assert.equal(p.name, "nopaper");
    assert.equal(p.timezone, "Asia/Shanghai");
    assert.ok(a.warnings.some((w) => w.code === "no-paper-yml"));
  });
});

describe("authors' and rubrics' lists", () => {
  it("split a list longer than LIST_SPLIT by year, and such a year by month: the newest on the page above, each other on its own", async () => {
    const { generateArchive } = await import("../../scripts/bench/archive.ts");
    const root = tempDir("gazette-lists-");
    generateArchive(root, 300, 5);
    const before = process.env.GAZETTE_LIST_SPLIT;
    process.env.GAZETTE_LIST_SPLIT = "4";
    let archive: ReturnType<typeof loadArchive>;
    try {
      archive = loadArchive({ contentDir: join(root, "content") });
    } finally {
      if (before === undefined) delete process.env.GAZETTE_LIST_SPLIT;
      else process.env.GAZETTE_LIST_SPLIT = before;
    }
    const lists = [...archive.authors, ...archive.rubrics];
    const split = lists.filter((l) => l.years.length);
    assert.ok(split.length > 0, "some list is split");
    for (const list of lists) {
      if (!list.years.length) {
        // Not split: short, or all of one month of one year.
        assert.deepEqual(list.listed, list.articles);
        assert.ok(list.articles.length <= 4 || new Set(list.articles.map((a) => `${a.issue.year}-${a.issue.month}`)).size === 1, list.url);
        continue;
      }
      assert.ok(list.articles.length > 4, list.url);
      // One year only when it is split by month.
      assert.ok(list.years.length > 1 || list.years[0]!.months.length > 1, list.url);
      // Every article in exactly one year, in the list's order (newest first), the years newest first.
      assert.deepEqual(list.years.flatMap((y) => y.articles), list.articles);
      assert.deepEqual(list.years.map((y) => y.year), [...new Set(list.articles.map((a) => String(a.issue.year)))]);
      for (const y of list.years) assert.ok(y.articles.every((a) => String(a.issue.year) === y.year), y.url);
      assert.equal(list.listed, list.years[0]!.listed);
      assert.equal(list.years[0]!.url, list.url);
      for (const y of list.years.slice(1)) assert.equal(y.url, `${list.url}${y.year}/`);
      for (const y of list.years) {
        const monthOf = (a: (typeof y.articles)[number]) => a.issue.month;
        if (!y.months.length) {
          // Not split: short, or all of one month.
          assert.equal(y.listed, y.articles);
          assert.ok(y.articles.length <= 4 || new Set(y.articles.map(monthOf)).size === 1, y.url);
          continue;
        }
        // A long year by month: every article in exactly one month, in order, the newest on the year's page.
        assert.ok(y.articles.length > 4, y.url);
        assert.deepEqual(y.months.flatMap((m) => m.articles), y.articles);
        assert.deepEqual(y.months.map((m) => m.month), [...new Set(y.articles.map(monthOf))]);
        for (const m of y.months) assert.ok(m.articles.every((a) => monthOf(a) === m.month && String(a.issue.year) === y.year) && m.year === y && m.of === list, m.url);
        assert.equal(y.listed, y.months[0]!.articles);
        assert.equal(y.months[0]!.url, y.url);
        for (const m of y.months.slice(1)) assert.equal(m.url, `${list.url}${y.year}/${String(m.month).padStart(2, "0")}/`);
      }
    }
    // The pages to render: every year but the newest of each split list, and every month but the
    // newest of each split year, once.
    assert.deepEqual(
      archive.listYears.map((y) => y.url).sort(),
      split.flatMap((l) => l.years.slice(1).map((y) => y.url)).sort(),
    );
    assert.ok(archive.listYears.some((y) => y.kind === "author") && archive.listYears.every((y) => (y.kind === "author" ? archive.authors : archive.rubrics).includes(y.of as never)));
    const splitYears = split.flatMap((l) => l.years).filter((y) => y.months.length);
    assert.ok(splitYears.some((y) => y.url === y.of.url) && splitYears.some((y) => y.url !== y.of.url), "a newest year and an older one are split by month");
    assert.deepEqual(
      archive.listMonths.map((m) => m.url).sort(),
      splitYears.flatMap((y) => y.months.slice(1).map((m) => m.url)).sort(),
    );
    // The newest year's and each split year's newest month's own URLs send the reader to the page that
    // shows them; no alias is the URL of a page.
    const mm = (m: number) => String(m).padStart(2, "0");
    const aliases = new Map(archive.listAliases.map((a) => [a.url, a.to]));
    assert.equal(aliases.size, archive.listAliases.length, "one alias a URL");
    for (const list of split) {
      assert.equal(aliases.get(`${list.url}${list.years[0]!.year}/`), list.url, list.url);
      for (const y of list.years.filter((x) => x.months.length)) assert.equal(aliases.get(`${list.url}${y.year}/${mm(y.months[0]!.month)}/`), y.url, y.url);
    }
    assert.equal(archive.listAliases.length, split.length + splitYears.length);
    const pages = new Set([...archive.listYears, ...archive.listMonths, ...split].map((p) => p.url));
    for (const a of archive.listAliases) assert.ok(!pages.has(a.url), `${a.url} is an alias and a page`);
  });
});

describe("corrections in the sidecar", () => {
  it("sets a line's role: the rubric above an article, a heading that is a paragraph", () => {
    const a = loadArchive({
      contentDir: withSample(`corrections:
  - line: 119
    role: paragraph
  - line: 81
    role: rubric
    article: 从“政协委员在行动”活动的有效开展谈基层政协委员履职主体作用的发挥
`),
    });
    const third = byHeadline(a, "从“政协委员在行动”活动的有效开展谈基层政协委员履职主体作用的发挥")!;
    assert.equal(third.rubric?.text, "深入学习贯彻党的二十大精神");
    const block = third.body.find((b) => b.lines.includes(119))!;
    assert.equal(block.type, "paragraph");
    assert.equal(byHeadline(a, "以党的二十大精神为引领 推动政协协商走深走实")!.rubric, null);
    assert.deepEqual(a.warnings.filter((w) => w.code === "correction-failed"), []);
  });

  it("sets a headline (the id follows it), merges and splits articles", () => {
    const a = loadArchive({
      contentDir: withSample(`corrections:
  - article: 创新品牌赋动能
    headline: 创新品牌赋动能（修订）
  - merge: [以党的二十大精神为引领 推动政协协商走深走实, 从“政协委员在行动”活动的有效开展谈基层政协委员履职主体作用的发挥]
  - split: 创新品牌赋动能（修订）
    at: 53
`),
    });
    assert.deepEqual(a.warnings.filter((w) => w.code === "correction-failed"), []);
    const renamed = byHeadline(a, "创新品牌赋动能（修订）")!;
    assert.ok(renamed);
    assert.deepEqual(renamed.headline.lines, [3]);
    assert.equal(byHeadline(a, "创新品牌赋动能"), undefined);
    const split = byHeadline(a, "服务基层靠前行 城市惠民更有温度")!;
    assert.ok(split, a.articles.map((x) => x.headline.text).join(" | "));
    assert.ok(split.body.every((b) => (b.lines[0] ?? 0) > 55));
    assert.ok(renamed.body.every((b) => (b.lines[0] ?? 0) < 53));
    const merged = byHeadline(a, "以党的二十大精神为引领 推动政协协商走深走实")!;
    assert.ok(merged.body.some((b) => b.type === "heading" && b.text.startsWith("从“政协委员在行动”")));
    assert.deepEqual(merged.authors.map((p) => p.name), ["苏绍坤", "张超群"]);
    assert.equal(a.articles.length, 3);
    // No line is lost by the corrections.
    const lines = new Set(a.articles.flatMap((x) => x.lines));
    for (const l of [3, 5, 7, 53, 55, 81, 83, 107, 109, 159]) assert.ok(lines.has(l), `line ${l}`);
  });

  it("names the sidecar line of a correction that cannot apply, and builds the rest", () => {
    const a = loadArchive({
      contentDir: withSample(`corrections:
  - line: 2
    role: heading
  - line: 3
    role: paragraph
  - line: 9
    role: teaser
  - article: no-such-article
    headline: x
  - split: 创新品牌赋动能
    at: 17
  - frobnicate: 1
`),
    });
    const failed = a.warnings.filter((w) => w.code === "correction-failed" || w.code === "bad-correction").map((w) => w.line);
    assert.deepEqual(failed.sort((x, y) => x - y), [2, 4, 6, 8, 10, 12]);
    assert.equal(a.articles.length, 3);
  });
});

describe("Markdown articles", () => {
  it("reads front matter, renders the body without raw HTML, and files it on its page", () => {
    const a = loadArchive({
      contentDir: withSample(null, {
        "glrb/2023/01/13/editor-note.md": "---\nheadline: 编者按\nkicker: 写在前面\nbyline: 本报记者 李明\npage: 2\nrubric: 编者的话\ncredit: 本版责编：张三\n---\n# 第一部分\n\n正文<script>alert(1)</script>一段。\n",
        "glrb/2023/01/13/broken.md": "no front matter\n",
        "glrb/2023/01/13/headless.md": "---\nkicker: x\n---\nbody\n",
      }),
    });
    const md = byHeadline(a, "编者按")!;
    assert.equal(md.kind, "markdown");
    assert.equal(md.page.no, "02");
    assert.equal(md.kicker?.text, "写在前面");
    assert.equal(md.rubric?.text, "编者的话");
    assert.deepEqual(md.bylines.map((b) => [b.role, b.names]), [["本报记者", ["李明"]]]);
    assert.match(md.html ?? "", /<h2 id="s-1">第一部分<\/h2>/);
    assert.match(md.html ?? "", /正文&lt;script&gt;alert\(1\)&lt;\/script&gt;一段。/);
    assert.deepEqual(md.body.map((b) => [b.type, b.lines]), [["heading", [9]], ["paragraph", [11]]]);
    assert.equal(md.sourceUrl, `${md.url}source/#L2`);
    const codes = a.warnings.map((w) => `${w.code} ${w.file}`);
    assert.ok(codes.includes("no-front-matter content/glrb/2023/01/13/broken.md"));
    assert.ok(codes.includes("no-headline content/glrb/2023/01/13/headless.md"));
    assert.equal(a.issues[0]!.pages.map((p) => p.no).join(","), "01,02");
  });
});

describe("site helpers", () => {
  it("cites an article in GB/T 7714 form and reads dates in the paper's zone", () => {
    const a = loadArchive({ contentDir: withSample(null) });
    assert.equal(citation(a.articles[0]!), "韦莎妮娜, 李康生, 李佳利. 创新品牌赋动能: 象山区“五基三化”攻坚年行动释放强劲“红色效能”[N]. 桂林日报, 2023-01-13(01).");
    assert.equal(dateLong("2023-01-13", "zh-CN", "Asia/Shanghai"), "2023年1月13日 星期五");
    assert.equal(isoInstant("2023-01-13", "Asia/Shanghai"), "2023-01-13T00:00:00+08:00");
    assert.equal(isoInstant("2023-01-13", "America/New_York"), "2023-01-13T00:00:00-05:00");
  });

  it("makes URL parts of names without leaving the folder", () => {
    assert.equal(slugOf("韦莎妮娜"), "韦莎妮娜");
    assert.equal(slugOf("../../etc"), "etc");
    assert.match(slugOf("///"), /^[0-9a-f]{8}$/);
  });

  it("separates CJK characters for the index inside text only", () => {
    const html = '<html><head><title>标题</title></head><body><p data-x="象山">象山区2022年</p><script>const s = "中文";</script><p>GDP增长</p></body></html>';
    const out = separateUnits(html);
    assert.ok(out.includes('<p data-x="象山">象 山 区 2 0 2 2 年</p>'));
    assert.ok(out.includes('<script>const s = "中文";</script>'));
    assert.ok(out.includes("<p> GDP 增 长</p>"), "a unit before the tag is separated from the word after it");
    assert.ok(out.includes("<title>标题</title>"));
  });

  it("separates units across the tags between them, where Pagefind joins the text", () => {
    const out = separateUnits('<body><p><span>记者</span><a href="/a/">冯华</a> <b>GDP</b>增长<i>x</i></p></body>');
    assert.ok(out.includes('<span>记 者</span><a href="/a/"> 冯 华\u2063</a> <b>GDP</b> 增 长<i> x</i>'), out);
    // The text's own spaces are marked, and get no second one.
    assert.ok(separateUnits("<body><p>GDP 增长\n 12</p></body>").includes("<p>GDP\u2063 增 长\u2063\n 1 2</p>"));
  });

  it("separates as the rules written as regular expressions do, on any text", () => {
    // The rules of separateUnits (scripts/search-index.ts) as regular expressions: slow, plain to read.
    const unit = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{Nd}";
    const boundary = new RegExp(`(?<=[${unit}])(?=[^\\s\u2063])|(?<=[^\\s\u2063])(?=[${unit}])`, "gu");
    const reference = (html: string): string => {
      const start = html.search(/<body[\s>]/i);
      if (start < 0) return html;
      const parts = html.slice(start).split(/(<[^>]*>)/);
      let raw = false;
      let last = -1;
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i]!;
        if (p.startsWith("<")) {
          const m = /^<(\/?)(script|style|textarea)\b/i.exec(p);
          if (m) raw = !m[1];
          continue;
        }
        if (raw || !p) continue;
        if (last >= 0 && /^\s/.test(p) && /[^\s\u2063]$/.test(parts[last]!)) parts[last] += "\u2063";
        const before = last >= 0 ? /.$/su.exec(parts[last]!)![0] : "";
        parts[i] = (before + p.replace(/(?<=[^\s\u2063])(?=\s)/g, "\u2063")).replace(boundary, " ").slice(before.length);
        last = i;
      }
      return html.slice(0, start) + parts.join("");
    };
    const pieces = ["<b>", "</b>", "<script>", "</script>", "<STYLE x>", "</style>", "<textarea>", "</textarea>", " ", "\n", "\u3000", "\u00a0", "中", "文", "か", "한", "1", "a", "é", "\u2063", "𠀀", "😀", "\ud800", "\udc00", "<", ">", "&amp;"];
    let seed = 20231; // a fixed sequence of random texts
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let n = 0; n < 20000; n++) {
      let html = next() < 0.5 ? "<p>前</p><body>" : "x<body class=a>";
      for (let k = Math.floor(next() * 30); k > 0; k--) html += pieces[Math.floor(next() * pieces.length)];
      assert.equal(separateUnits(html), reference(html), JSON.stringify(html));
    }
  });

  it("hands Pagefind the element marked data-pagefind-body with the page's <html> tag, or the whole page when unsure", () => {
    const page = (body: string) => `<!doctype html><html lang="zh-CN" dir="ltr"><head><title>标题</title></head><body><nav>导航</nav>${body}<footer>页脚</footer></body></html>`;
    const article = '<article class="a" data-pagefind-body\n  data-pagefind-filter="paper[data-paper]"><article>内文</article><p>正文</p><ARTICLE class=x>大写</ARTICLE></article>';
    assert.equal(indexedPart(page(`${article}<article>另一篇</article>`)), `<!DOCTYPE html><html lang="zh-CN" dir="ltr"><body>${article}</body></html>`);
    for (const body of [
      "<article>没有标记</article>",
      "<article data-pagefind-body>两个</article><div data-pagefind-body>标记</div>",
      "<article data-pagefind-body><p>没有结束",
      "<p>正文说 data-pagefind-body 这个词</p>",
      '<p title="说 data-pagefind-body 的标题">值里</p>',
    ]) {
      assert.equal(indexedPart(page(body)), page(body), body);
    }
  });

  it("leaves out of what Pagefind is handed the parts marked data-pagefind-ignore that hold nothing else for it", () => {
    const wrap = (inner: string) => `<article data-pagefind-body>${inner}</article>`;
    const handed = (inner: string) => indexedPart(`<html><body>${wrap(inner)}</body></html>`);
    const expect = (inner: string) => `<!DOCTYPE html><html><body>${wrap(inner)}</body></html>`;
    // Gone: with or without a value, nested elements of the same name and all.
    assert.equal(handed('<h1>标题</h1><p class="meta" data-pagefind-ignore>日期<p>里面</p>版次</p><p>正文</p><footer data-pagefind-ignore="all"><a href="/x">引用</a></footer>'), expect("<h1>标题</h1><p>正文</p>"));
    // Kept: what holds a filter, sort or metadata (in its own tag or within), a void element, the
    // attribute's name as text or inside another attribute's value, and an element never closed.
    for (const inner of [
      '<p data-pagefind-ignore><a data-pagefind-filter="author[data-a]" data-a="甲">甲</a></p>',
      '<p data-pagefind-ignore data-pagefind-meta="x">元</p>',
      '<img src="a.jpg" data-pagefind-ignore />',
      "<p>正文说 data-pagefind-ignore 这个词</p>",
      '<p title="a data-pagefind-ignore b">标题里</p>',
      "<div data-pagefind-ignore><p>没有结束</p>",
    ]) {
      assert.equal(handed(inner), expect(inner), inner);
    }
  });
});

describe("gazette add", () => {
  it("files loose page texts as consecutive pages and refuses to overwrite", () => {
    const content = withSample(null);
    const loose = tempDir("gazette-loose-");
    writeFileSync(join(loose, "a.txt"), "第一页\n");
    writeFileSync(join(loose, "b.txt"), "第二页\n");
    const ok = addPages([join(loose, "a.txt"), join(loose, "b.txt"), "--paper", "glrb", "--date", "2023-01-14", "--page", "3", "--content", content]);
    assert.equal(ok.code, 0, ok.messages.join("\n"));
    assert.equal(readFileSync(join(content, "glrb/2023/01/14/03.txt"), "utf8"), "第一页\n");
    assert.equal(readFileSync(join(content, "glrb/2023/01/14/04.txt"), "utf8"), "第二页\n");
    const again = addPages([join(loose, "b.txt"), join(loose, "a.txt"), "--paper=glrb", "--date=2023-01-14", "--page=4", `--content=${content}`]);
    assert.equal(again.code, 1);
    assert.match(again.messages.join("\n"), /exists already/);
    assert.equal(readFileSync(join(content, "glrb/2023/01/14/04.txt"), "utf8"), "第二页\n");
    assert.ok(!existsSync(join(content, "glrb/2023/01/14/05.txt")), "nothing written when one target exists");
  });

  it("checks the paper, the date and the page", () => {
    const content = withSample(null);
    const file = join(tempDir("gazette-loose-"), "a.txt");
    writeFileSync(file, "x\n");
    const run = (...args: string[]) => addPages([file, "--content", content, ...args]);
    assert.match(run("--paper", "nope", "--date", "2023-01-14", "--page", "1").messages.join(), /no paper "nope"/);
    assert.match(run("--paper", "glrb", "--date", "2023-02-30", "--page", "1").messages.join(), /not a date/);
    assert.match(run("--paper", "glrb", "--date", "2023-02-03", "--page", "0").messages.join(), /not a page number/);
    assert.match(run("--paper", "../x", "--date", "2023-02-03", "--page", "1").messages.join(), /paper's id/);
    assert.equal(run("--paper", "glrb", "--date", "2023-02-03").code, 2);
  });
});

describe("the page files' digests kept in the cache (files.json)", () => {
  it("are taken for a file unchanged since, and a file changed since is read again, even with its old size and times", async () => {
    const content = withSample(null);
    const page = join(content, "glrb", "2023", "01", "13", "01.txt");
    // Bytes of its own: a page parsed by another test of this process would come from the load's memory.
    appendFileSync(page, "\n（本报记者 文件摘要测试）\n");
    const cache = tempDir("gazette-digests-");
    const before = process.env.GAZETTE_CACHE;
    const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
    const entries = () => readdirSync(join(cache, "parse"), { recursive: true }).filter((f) => String(f).endsWith(".v8")).length;
    const digestsFile = join(cache, "files.json");
    type Digests = { savedAt: number; files: Record<string, (number | string)[]> };
    try {
      process.env.GAZETTE_CACHE = cache;
      // A digest counts for a file that had last changed two seconds (RACY_MS) before it was saved.
      await new Promise((ok) => setTimeout(ok, 2_100));
      const first = loadArchive({ contentDir: content });
      const saved = JSON.parse(readFileSync(digestsFile, "utf8")) as Digests;
      assert.equal(saved.files[page]?.[5], sha(page));
      assert.equal(entries(), 1);
      // Taken: with another digest in files.json the load looks for that page's parse, does not find
      // it, and only then reads the file (a second entry, under the digest it was told).
      saved.files[page]![5] = "0".repeat(64);
      writeFileSync(digestsFile, JSON.stringify(saved));
      const told = loadArchive({ contentDir: content });
      assert.equal(entries(), 2, "the digest in files.json was used");
      assert.deepEqual(told.articles.map((a) => a.record.headline), first.articles.map((a) => a.record.headline));
      // Changed: the same bytes' length, the old modification time; its change time is new.
      const stat = statSync(page);
      const text = readFileSync(page, "utf8");
      const headline = first.articles[0]!.headline.text;
      const edited = headline.replace(/.$/u, headline.endsWith("站") ? "局" : "站");
      assert.notEqual(edited, headline);
      writeFileSync(page, text.replace(headline, edited));
      utimesSync(page, stat.atime, stat.mtime);
      assert.equal(statSync(page).size, stat.size);
      const changed = loadArchive({ contentDir: content });
      assert.equal(changed.pages[0]!.file?.sha256, sha(page));
      assert.ok(changed.articles.some((a) => a.headline.text === edited), "the changed file was read");
    } finally {
      if (before === undefined) delete process.env.GAZETTE_CACHE;
      else process.env.GAZETTE_CACHE = before;
    }
  });
});

describe("the parse cache filled on every core (startParseHelpers)", () => {
  it("is filled so by a build with no site, a full build and the first build with a new parser", () => {
    const cache = tempDir("gazette-parsers-");
    const site = tempDir("gazette-site-");
    const before = process.env.GAZETTE_CACHE;
    try {
      process.env.GAZETTE_CACHE = cache;
      assert.equal(parseCacheLikelyEmpty(site, false), true, "no build has used this parser");
      markParserUsed();
      assert.equal(parseCacheLikelyEmpty(site, false), false, "a site and a cache this parser filled");
      assert.equal(parseCacheLikelyEmpty(site, true), true, "--full");
      assert.equal(parseCacheLikelyEmpty(join(site, "missing"), false), true, "no site to build on");
    } finally {
      if (before === undefined) delete process.env.GAZETTE_CACHE;
      else process.env.GAZETTE_CACHE = before;
    }
  });

  it("holds every page file the load parses, filled by the helpers alone or beside the load, and the archive loaded from it is the archive", async () => {
    const before = process.env.GAZETTE_CACHE;
    try {
      process.env.GAZETTE_CACHE = "off";
      const parsed = loadArchive({ contentDir: "content" });
      const pageFiles = parsed.papers.flatMap((p) => p.issues.flatMap((i) => i.pages.filter((pg) => pg.file))).length;
      assert.ok(pageFiles >= 3, `${pageFiles} page files`);
      for (const beside of [false, true]) {
        const cache = tempDir("gazette-warm-");
        const entries = () => readdirSync(join(cache, "parse"), { recursive: true }).filter((f) => String(f).endsWith(".v8")).length;
        process.env.GAZETTE_CACHE = cache;
        // Two helpers (three cores), alone or while this process loads the archive.
        const helpers = startParseHelpers("content", 3);
        const loaded = beside ? loadArchive({ contentDir: "content" }) : null;
        await helpers;
        assert.equal(entries(), pageFiles, beside ? "helpers and load" : "helpers alone");
        const fromCache = loadArchive({ contentDir: "content" });
        assert.equal(entries(), pageFiles, "the load parsed nothing more");
        for (const archive of [fromCache, loaded ?? fromCache]) {
          assert.deepEqual(JSON.stringify(archive.articles.map((a) => a.record)), JSON.stringify(parsed.articles.map((a) => a.record)));
          // The line counts the entries keep are those of the pages' text.
          const lineCounts = (a: typeof parsed) => a.pages.map((p) => p.source?.lineCount);
          assert.deepEqual(lineCounts(archive), lineCounts(parsed));
          assert.deepEqual(
            lineCounts(archive),
            archive.pages.map((p) => (p.source ? splitLines(decodeAs(readFileSync(p.source.abs), p.source.encoding)).length : undefined)),
          );
        }
      }
    } finally {
      if (before === undefined) delete process.env.GAZETTE_CACHE;
      else process.env.GAZETTE_CACHE = before;
    }
  });
});
