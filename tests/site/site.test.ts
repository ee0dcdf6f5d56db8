// The built site: pages, escaping of hostile text (markup and bidi controls), feeds, sitemap, JSON
// records, the bulk export, the build report, and byte-identical output from a rebuild of the same input.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { HOSTILE_HEADLINE, makeContent } from "../helpers/site-fixture.ts";
import { addHostilePaper, BIDI, BIDI_CHARS, BIDI_HEADLINE, HOSTILE_PAGE_NAME, HOSTILE_PAPER, HOSTILE_PAPER_NAME, MD_BYLINE_NAME, MD_HEADLINE, MD_KICKER, MD_RUBRIC, TITLE_HEADLINE } from "../helpers/hostile-content.ts";
import { balanceBidi, bidiState } from "../../src/site/filters.ts";
import { slugOf } from "../../src/archive/index.ts";
import * as pagefind from "pagefind";
import { INDEX_LANGUAGE, indexShard, separateUnits } from "../../scripts/search-index.ts";

let out1 = "";
let out2 = "";
let content = "";

function files(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p, root) : [relative(root, p)];
  });
}
const read = (rel: string) => readFileSync(join(out1, rel), "utf8");
/** The sitemap index (/sitemap.xml) and the text of each file it lists, in its order. */
const sitemapFiles = () => {
  const index = read("sitemap.xml");
  return { index, files: [...index.matchAll(/<loc>https:\/\/gazette\.example\.org\/(sitemaps\/\d+\.xml)<\/loc>/g)].map((m) => read(m[1]!)) };
};
const records = () =>
  read("export/records.jsonl")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));

before(async () => {
  content = makeContent();
  addHostilePaper(content);
  process.env.GAZETTE_CONTENT = content;
  process.env.GAZETTE_QUIET = "1";
  // Sitemap files of 25 URLs: the sample's sitemap is an index of several (SITEMAP_MAX).
  process.env.GAZETTE_SITEMAP_MAX = "25";
  // A report of more than five problems: split by paper and year (REPORT_SPLIT).
  process.env.GAZETTE_REPORT_SPLIT = "5";
  const { build } = await import("../../scripts/build.ts");
  const tmp = mkdtempSync(join(tmpdir(), "gazette-out-"));
  out1 = join(tmp, "a");
  out2 = join(tmp, "b");
  await build(out1, { quiet: true });
  await build(out2, { quiet: true });
});

after(() => {
  for (const d of [out1, out2, content]) if (d) rmSync(dirname(d), { recursive: true, force: true });
});

describe("pages", () => {
  it("writes home, paper, year, month, issue, page, article, source, authors, rubrics, search, report and 404", () => {
    for (const p of [
      "index.html",
      "glrb/index.html",
      "glrb/2023/index.html",
      "glrb/2023/01/index.html",
      "glrb/2023/01/13/index.html",
      "glrb/2023/01/13/01/index.html",
      "glrb/2023/01/13/01/source/index.html",
      "authors/index.html",
      "rubrics/index.html",
      "search/index.html",
      "report/index.html",
      "404.html",
      "sitemap.xml",
      "sitemaps/1.xml",
      "robots.txt",
      "glrb/feed.xml",
      "gsrb/feed.xml",
      "export/records.jsonl",
      "pagefind/pagefind.js",
      "pagefind/pagefind-component-ui.js",
      "assets/search/pagefind.js",
    ])
      assert.ok(existsSync(join(out1, p)), p);
  });

  it("gives every article a page and its record as JSON next to it", () => {
    const recs = records();
    assert.ok(recs.length >= 14, `${recs.length} records`);
    for (const r of recs) {
      assert.match(r.url, /^\/[a-z0-9-]+\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/[0-9a-f]+(?:-\d+)?\/$/);
      assert.ok(existsSync(join(out1, r.url, "index.html")), r.url);
      const json = JSON.parse(read(`${r.url.replace(/\/$/, "")}.json`));
      assert.deepEqual(json, r);
    }
    assert.equal(new Set(recs.map((r) => r.url)).size, recs.length);
  });

  it("sets the sample article as a newspaper sets it, with its date marked as estimated", () => {
    const rec = records().find((r) => r.headline.text === "创新品牌赋动能");
    assert.ok(rec);
    const html = read(`${rec.url}index.html`);
    assert.match(html, /<html lang="zh-CN">/);
    assert.match(html, /class="subheadline"[^>]*>——象山区“五基三化”攻坚年行动释放强劲“红色效能”/);
    assert.match(html, /日期为推定/);
    assert.match(html, /韦莎妮娜, 李康生, 李佳利\. 创新品牌赋动能: 象山区“五基三化”攻坚年行动释放强劲“红色效能”\[N\]\. 桂林日报, 2023-01-13\(01\)\./);
    assert.match(html, /href="\/glrb\/2023\/01\/13\/01\/source\/#a-[0-9a-f]+"/);
    assert.match(html, /<h2 class="section-heading" id="s-\d+"><span class="half">夯实基础以贯之<\/span> <span class="half">全域党建全面加强<\/span><\/h2>/);
    assert.match(read("glrb/2023/01/13/index.html"), /日期为推定/);
  });

  it("applies sidecar corrections: a column banner read as a kicker becomes the rubric", () => {
    const rec = records().find((r) => r.headline.text === "社保卡可在银行网点即时补换");
    assert.equal(rec.rubric?.text, "民生速递");
    assert.equal(rec.kicker, null);
    assert.ok(existsSync(join(out1, "rubrics", "民生速递", "index.html")));
  });

  it("renders the Markdown article with its figure and reserves the image's box", () => {
    const rec = records().find((r) => r.kind === "markdown" && r.headline.text === "漓江渔火四十年");
    assert.ok(rec);
    const html = read(`${rec.url}index.html`);
    assert.match(html, /<figure class="figure"><img src="\/gsrb\/2023\/01\/13\/02\/lijiang-route.svg" alt="[^"]+" width="640" height="320"/);
    assert.ok(existsSync(join(out1, "gsrb/2023/01/13/02/lijiang-route.svg")));
    assert.match(html, /<h2 id="s-1">从打鱼到“守江”<\/h2>/);
  });

  it("puts the search contract on articles only", () => {
    for (const f of files(out1).filter((f) => f.endsWith(".html"))) {
      const html = read(f);
      const n = (html.match(/data-pagefind-body/g) ?? []).length;
      const isArticle = /^[a-z0-9-]+\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/[0-9a-f]+(?:-\d+)?\/index\.html$/.test(f);
      assert.equal(n, isArticle ? 1 : 0, f);
      if (isArticle) {
        assert.match(html, /data-pagefind-filter="paper\[data-paper\], year\[data-year\], month\[data-month\], page\[data-page\]/);
        assert.match(html, /data-pagefind-sort="date\[data-date\]"/);
        assert.match(html, /data-pagefind-meta="title\[data-title\], date\[data-date-label\], paper\[data-paper\], page\[data-page-label\]/);
        assert.match(html, /<h1 class="headline" data-pagefind-weight="10">/);
      }
    }
  });

  it("gets the same search index from the articles alone as from the whole pages", async () => {
    // indexShard hands Pagefind only each page's <article>, without the parts it ignores (indexedPart): the layouts must keep every
    // filter, sort and metadata in it, or this index would lose them.
    const articles = files(out1).filter((f) => /^[a-z0-9-]+\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/[0-9a-f]+(?:-\d+)?\/index\.html$/.test(f)).sort();
    assert.ok(articles.length > 10);
    const tmp = mkdtempSync(join(tmpdir(), "gazette-pf-"));
    const { index } = await pagefind.createIndex({ writePlayground: false, forceLanguage: INDEX_LANGUAGE });
    for (const f of articles) await index!.addHTMLFile({ url: `/${dirname(f)}/`, content: separateUnits(read(f)) });
    await index!.writeFiles({ outputPath: join(tmp, "whole") });
    await pagefind.close();
    await indexShard([out1], articles, join(tmp, "shard"));
    const indexFiles = (dir: string) => files(dir).filter((f) => /^(?:fragment|index|filter)\/|\.pf_meta$|^pagefind-entry\.json$/.test(f)).sort();
    assert.ok(indexFiles(join(tmp, "shard")).length > articles.length);
    assert.deepEqual(indexFiles(join(tmp, "shard")), indexFiles(join(tmp, "whole")));
    for (const f of indexFiles(join(tmp, "whole"))) assert.ok(readFileSync(join(tmp, "shard", f)).equals(readFileSync(join(tmp, "whole", f))), f);
    rmSync(tmp, { recursive: true, force: true });
  });
});

describe("hostile text", () => {
  it("is escaped everywhere: no markup or template syntax from page text, sidecars or front matter runs", () => {
    for (const f of files(out1).filter((f) => /\.(html|xml)$/.test(f))) {
      const text = read(f);
      assert.doesNotMatch(text, /<script>(?:alert|x<)/, f);
      assert.doesNotMatch(text, /<img src=x/, f);
      assert.doesNotMatch(text, /<b>坏人/, f);
      assert.doesNotMatch(text, /href="javascript:/i, f);
    }
    const rec = records().find((r) => r.paper.id === "evil" && r.kind === "text");
    assert.equal(rec.headline.text, HOSTILE_HEADLINE);
    const html = read(`${rec.url}index.html`);
    assert.match(html, /<h1 class="headline" data-pagefind-weight="10"><span class="half">新公园&lt;script&gt;x&lt;\/script&gt;开放<\/span><\/h1>/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /\{\{ 7\*7 \}\}、\{% raw %\}模板\{% endraw %\}/);
    assert.match(html, /&amp;amp;实体/);
    assert.match(html, /&lt;b&gt;坏人&lt;\/b&gt;/);
    assert.match(read("evil/feed.xml"), /<title>新公园&lt;script&gt;x&lt;\/script&gt;开放<\/title>/);
  });

  it("keeps `</title>` and `\"><img …>` in headlines, names and rubrics inert: titles, meta tags, attributes, lists, feeds, sitemap, JSON", () => {
    const site = "Gazette 报纸档案";
    for (const f of files(out1).filter((f) => f.endsWith(".html"))) {
      const html = read(f);
      // One <title>, closed once: the headline's </title> is text.
      assert.equal((html.match(/<title>/g) ?? []).length, 1, f);
      assert.equal((html.match(/<\/title>/g) ?? []).length, 1, f);
      for (const tag of tags(html)) {
        assert.ok(!tag.attrs.some(([k]) => /^on/i.test(k)), `${f}: an event handler attribute on <${tag.name}>`);
        assert.ok(tag.name !== "script" || tag.attrs.some(([k]) => k === "src"), `${f}: an inline <script>`);
        if (tag.name === "img") assert.match(tag.attrs.find(([k]) => k === "src")?.[1] ?? "", /^\//, `${f}: an <img> from page text`);
      }
    }
    const recs = records().filter((r) => r.paper.id === HOSTILE_PAPER);
    const byHeadline = (h: string) => {
      const r = recs.find((r) => r.headline.text === h);
      assert.ok(r, `no record with the headline ${JSON.stringify(h)}`);
      return r;
    };
    for (const h of [TITLE_HEADLINE, MD_HEADLINE, BIDI_HEADLINE]) {
      const r = byHeadline(h);
      const html = read(`${r.url}index.html`);
      const shown = balanceBidi(h);
      assert.equal(unescape(/<title>([^<]*)<\/title>/.exec(html)![1]!), `${shown} · ${site}`, `the <title> of ${r.url}`);
      const attr = (name: string) => unescape(new RegExp(`${name}="([^"]*)"`).exec(html)?.[1] ?? "");
      assert.equal(attr("data-title"), shown);
      assert.equal(attr("data-paper"), balanceBidi(HOSTILE_PAPER_NAME));
      assert.ok(attr('<meta name="description" content').startsWith([...r.body[0].text].slice(0, 24).join("")), `the description of ${r.url}`);
      assert.ok(textOf(html).includes(h), `${r.url} shows the headline as text`);
      // Its record, as JSON next to the page, in the page's JSON and in the export: the same strings.
      assert.equal(JSON.parse(read(`${r.url.replace(/\/$/, "")}.json`)).headline.text, h);
      assert.ok(JSON.parse(read(`${r.url.replace(/\/[^/]+\/$/, "")}.json`)).articles.includes(r.id), `the page JSON of ${r.url}`);
      assert.ok(read("export/records.jsonl").split("\n").some((l) => l.includes(`"headline":{"text":${JSON.stringify(h)}`)), `the export line of ${r.url}`);
      // The lists that name it: home, paper, month, issue, page, its authors and rubric.
      const lists = ["index.html", `${HOSTILE_PAPER}/index.html`, `${HOSTILE_PAPER}/2022/11/index.html`, `${HOSTILE_PAPER}/2022/11/30/index.html`, `${r.url.replace(/[^/]+\/$/, "")}index.html`];
      for (const p of r.bylines.flatMap((b: { names: string[] }) => b.names)) lists.push(`authors/${slugOf(p)}/index.html`);
      if (r.rubric) lists.push(`rubrics/${slugOf(r.rubric.text)}/index.html`);
      for (const l of lists) assert.ok(textOf(read(l)).includes(h), `${l} lists ${JSON.stringify(h)} as text`);
    }
    // The paper's, the page's and the rubric's names: text in lists and attributes, and in the records as written.
    const md = byHeadline(MD_HEADLINE);
    assert.equal(md.paper.name, HOSTILE_PAPER_NAME);
    assert.equal(md.rubric.text, MD_RUBRIC);
    assert.equal(md.kicker.text, MD_KICKER);
    assert.deepEqual(md.bylines[0].names, [MD_BYLINE_NAME]);
    assert.equal(byHeadline(BIDI_HEADLINE).page.name, HOSTILE_PAGE_NAME);
    assert.equal(JSON.parse(read(`${HOSTILE_PAPER}/2022/11/30/02.json`)).name, HOSTILE_PAGE_NAME);
    assert.ok(textOf(read("rubrics/index.html")).includes(MD_RUBRIC));
    assert.ok(textOf(read("authors/index.html")).includes(MD_BYLINE_NAME));
    assert.ok(textOf(read("index.html")).includes(HOSTILE_PAPER_NAME));
    // The Atom feed: every entry's title, author and category as text, the whole well formed.
    const feed = read(`${HOSTILE_PAPER}/feed.xml`);
    assertBalanced(feed);
    const titles = [...feed.matchAll(/<entry>\s*<title>([^<]*)<\/title>/g)].map((m) => unescape(m[1]!));
    assert.deepEqual(titles.sort(), [TITLE_HEADLINE, MD_HEADLINE, BIDI_HEADLINE].map(balanceBidi).sort());
    assert.equal(unescape(/<feed[^>]*>\s*<title>([^<]*)<\/title>/.exec(feed)![1]!), balanceBidi(HOSTILE_PAPER_NAME));
    assert.ok(feed.includes(`<category term="${escape(balanceBidi(MD_RUBRIC))}"/>`));
    assert.ok(feed.includes(`<name>${escape(balanceBidi(MD_BYLINE_NAME))}</name>`));
    // The sitemap, its index and its files: URLs only, every one a plain URL of the site.
    const { index, files: sitemaps } = sitemapFiles();
    for (const sitemap of [index, ...sitemaps]) {
      assertBalanced(sitemap);
      for (const m of sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)) assert.match(m[1]!, /^https:\/\/gazette\.example\.org\/[^\s"'<>&]*$/);
    }
  });

  it("keeps bidi controls in the records and contains them in the pages: nothing left open in titles, attributes and feeds", () => {
    const recs = records().filter((r) => r.paper.id === HOSTILE_PAPER);
    const bidiRec = recs.find((r) => r.headline.text === BIDI_HEADLINE);
    assert.ok(bidiRec);
    // Every control of the page file is in the record, where the file had it.
    const file = readFileSync(join(content, HOSTILE_PAPER, "2022/11/30/02.txt"), "utf8");
    const inRecord = [bidiRec.headline.text, ...bidiRec.body.map((b: { text: string }) => b.text)].join("");
    assert.deepEqual(inRecord.match(BIDI_CHARS), file.match(BIDI_CHARS));
    assert.ok(bidiRec.body.some((b: { text: string }) => b.text === `第二段${BIDI.PDI}${BIDI.RLO}孤立的结束符之后是覆盖${BIDI.LRE}。`));
    assert.ok(read("export/records.jsonl").includes(JSON.stringify(BIDI_HEADLINE)));
    // Where markup cannot isolate, the value closes what it opened: <title>, every attribute, the feeds.
    for (const f of files(out1).filter((f) => f.endsWith(".html"))) {
      const html = read(f);
      const title = unescape(/<title>([^<]*)<\/title>/.exec(html)![1]!);
      assert.ok(isBalanced(title), `${f}: <title> ${JSON.stringify(title)}`);
      for (const tag of tags(html)) for (const [k, v] of tag.attrs) assert.ok(isBalanced(v), `${f}: <${tag.name} ${k}=${JSON.stringify(v)}>`);
    }
    for (const f of files(out1).filter((f) => f.endsWith(".xml"))) {
      for (const m of read(f).matchAll(/>([^<]+)</g)) assert.ok(isBalanced(unescape(m[1]!)), `${f}: ${JSON.stringify(m[1])}`);
      for (const tag of tags(read(f))) for (const [k, v] of tag.attrs) assert.ok(isBalanced(v), `${f}: ${k}=${JSON.stringify(v)}`);
    }
    // Where page text meets other text in one element, it is a <bdi> of its own (site.css isolates the rest).
    assert.ok(read("index.html").includes(`<bdi>${escape(balanceBidi(HOSTILE_PAPER_NAME))}</bdi> · `));
    assert.ok(read(`${HOSTILE_PAPER}/2022/11/index.html`).includes(`<bdi>${escape(balanceBidi(HOSTILE_PAPER_NAME))}</bdi> · `));
    const css = read("assets/css/site.css");
    assert.match(css, /\.main a,[^{]*\.byline__name,[^{]*\{\s*unicode-bidi: isolate;/);
  });

  it("reports bad files with file and line, and still builds the rest", () => {
    // /report/ and the pages of the papers' months it links to, each problem on one of them.
    const main = read("report/index.html");
    const parts = [...main.matchAll(/<a href="(\/report\/[^/"]+\/\d{4}\/\d{2}\/)">/g)].map((m) => m[1]!);
    assert.ok(parts.includes("/report/evil/2022/12/") && parts.includes("/report/glrb/2023/01/"), parts.join(" "));
    const report = [main, ...parts.map((u) => read(`${u.slice(1)}index.html`))].join("\n");
    // A paper's own file is reported on /report/, a day's on its month's page.
    assert.ok(main.includes("content/evil/paper.yml:4") && !main.includes("content/evil/2022/12/31/01.yml:2"));
    // Every problem the build counted is a row on one of them.
    const counted = ["错误", "警告", "提示"].reduce((n, label) => n + Number(new RegExp(`· ${label} (\\d+)`).exec(main)?.[1] ?? NaN), 0);
    assert.equal(report.split('<tr class="report__').length - 1, counted);
    for (const needle of [
      "content/evil/paper.yml:4",
      "unknown key &quot;colour&quot;",
      "content/evil/2022/12/31/01.yml:2",
      "content/evil/2022/12/31/01.yml:3",
      "content/evil/2022/12/31/01.yml:4",
      "content/evil/2023/02/30:1",
      "impossible-date",
      "content/evil/2022/12/31/page-two.txt:1",
      "content/evil/2021:1",
      "symlink",
      "content/evil/2022/12/31/note.md:",
      "bad-image",
      "content/glrb/2023/01/13/01.txt:93",
    ])
      assert.ok(report.includes(needle), needle);
    assert.ok(!existsSync(join(out1, "evil/2023/02/30")));
  });
});

describe("for machines", () => {
  it("writes an Atom feed per paper with the paper's time zone", () => {
    const feed = read("glrb/feed.xml");
    assert.ok(feed.startsWith('<?xml version="1.0" encoding="utf-8"?>'));
    assert.match(feed, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="zh-CN">/);
    assert.match(feed, /<updated>2023-01-14T00:00:00\+08:00<\/updated>/);
    assert.equal((feed.match(/<entry>/g) ?? []).length, records().filter((r) => r.paper.id === "glrb").length);
    assert.match(feed, /<link rel="alternate" type="text\/html" href="https:\/\/gazette.example.org\/glrb\/2023\/01\/14\/01\/[0-9a-f]+\/"\/>/);
    assertBalanced(feed);
  });

  it("writes a sitemap index whose files list every page of the site once, SITEMAP_MAX (here 25) a file", () => {
    const { index, files: sitemaps } = sitemapFiles();
    assertBalanced(index);
    assert.match(index, /^<\?xml[^>]*\?>\s*<sitemapindex xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/);
    assert.ok(sitemaps.length >= 2, `${sitemaps.length} sitemap file(s)`);
    const urls: string[] = [];
    for (const sitemap of sitemaps) {
      assertBalanced(sitemap);
      assert.match(sitemap, /^<\?xml[^>]*\?>\s*<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/);
      const mine = [...sitemap.matchAll(/<loc>https:\/\/gazette.example.org([^<]*)<\/loc>/g)].map((m) => decodeURI(m[1]!));
      assert.ok(mine.length > 0 && mine.length <= 25, `${mine.length} URLs in a file`);
      urls.push(...mine);
    }
    assert.equal(new Set(urls).size, urls.length, "each URL once");
    assert.ok(urls.length > 30);
    for (const u of urls) assert.ok(existsSync(join(out1, u, "index.html")), u);
    for (const r of records()) assert.ok(urls.includes(r.url), r.url);
  });

  it("exports every record once as JSON Lines", () => {
    const recs = records();
    const articles = files(out1).filter((f) => /^[a-z0-9-]+\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/[0-9a-f]+(?:-\d+)?\/index\.html$/.test(f));
    assert.equal(recs.length, articles.length);
    for (const r of recs) {
      assert.equal(r.type, "article");
      assert.ok(r.headline.text.length > 0);
      assert.ok(Array.isArray(r.body));
      assert.ok(r.source.path.startsWith("content/"));
    }
  });
});

describe("content security policy", () => {
  it("puts the policy on every page and in _headers: no inline script, no third-party origin", () => {
    const html = files(out1).filter((f) => f.endsWith(".html"));
    assert.ok(html.length > 10);
    for (const f of html) {
      const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(read(f));
      assert.ok(meta, `${f} has no CSP meta`);
      const policy = meta[1]!.replace(/&#39;/g, "'");
      assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'(;|$)/, f);
      assert.match(policy, /default-src 'self'/, f);
      assert.doesNotMatch(policy, /https?:|\*|'unsafe-eval'|script-src[^;]*'unsafe-inline'/, f);
      assert.doesNotMatch(read(f), /<script(?![^>]*\bsrc=)[^>]*>/, `${f} has an inline script`);
    }
    const headers = read("_headers");
    assert.match(headers, /^\/\*\n {2}Content-Security-Policy: default-src 'self';[^\n]*frame-ancestors 'self'\n/);
  });
});

describe("reproducible", () => {
  it("gives byte-identical output for the same input", () => {
    const a = files(out1).sort();
    const b = files(out2).sort();
    assert.deepEqual(a, b);
    for (const f of a) assert.ok(readFileSync(join(out1, f)).equals(readFileSync(join(out2, f))), f);
  });
});

/** Text as an HTML/XML attribute or element holds it (the escapes of Nunjucks' autoescape). */
function unescape(s: string): string {
  return s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[e]!);
}
function escape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
/** The text of a page: tags removed, escapes undone. */
function textOf(html: string): string {
  return unescape(html.replace(/<[^>]*>/g, ""));
}
/** The start tags of a file with their attributes, values unescaped (the site quotes every value). */
function tags(html: string): { name: string; attrs: [string, string][] }[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attrs: [...m[2]!.matchAll(/([^\s"'>/=]+)(?:="([^"]*)")?/g)].map((a): [string, string] => [a[1]!.toLowerCase(), unescape(a[2] ?? "")]),
  }));
}
/** Opens no bidi embedding, override or isolate it does not close, and closes none it did not open. */
function isBalanced(s: string): boolean {
  const st = bidiState(s);
  return !st.open.length && !st.strayPdf && !st.strayPdi;
}

/** A light well-formedness check for the XML we write: every tag closed in order. */
function assertBalanced(xml: string) {
  const stack: string[] = [];
  for (const m of xml.matchAll(/<(\/?)([a-zA-Z][\w:.-]*)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) assert.equal(stack.pop(), m[2]);
    else stack.push(m[2]!);
  }
  assert.deepEqual(stack, []);
  assert.doesNotMatch(xml.replace(/&(amp|lt|gt|quot|#39|apos);/g, ""), /&/);
}
