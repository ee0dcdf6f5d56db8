// The site in a browser (Debian's Chromium through playwright-core) over the built _site/ (npm run
// build), served on 127.0.0.1: a reader's way through the archive, search with filters and the
// highlighted hit, Chinese substring search over the whole sample archive, axe-core, 360 px phones,
// console errors.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import type { Browser } from "playwright-core";
import { launch, openPage } from "../helpers/browser.ts";
import { rng } from "../../scripts/bench/archive.ts";
import { serveStatic, type StaticServer } from "../helpers/static-server.ts";
import { readRecords, SAMPLE_HEADLINE } from "../helpers/site-records.ts";

const SITE = "_site";
const ARTIFACTS = "test-artifacts";
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let server: StaticServer;
let browser: Browser;

interface Rec {
  id: string;
  url: string;
  paper: { id: string; name: string };
  headline: { text: string };
  kicker: { text: string } | null;
  subheadline: { text: string } | null;
  body: { type: string; text: string }[];
  captions: { text: string }[];
  credits: { text: string }[];
  authorNotes: { text: string }[];
  bylines: { role: string | null; text: string; names: string[] }[];
  source: { path: string; lines: number[] };
}
const records = readRecords<Rec>(SITE);
const sample = () => records.find((r) => r.headline.text === SAMPLE_HEADLINE)!;

before(async () => {
  assert.ok(existsSync(join(SITE, "pagefind", "pagefind.js")), "run `npm run build` first: the browser tests read _site/");
  server = await serveStatic(SITE);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page that records console errors and uncaught exceptions. */
const open = (width = 1280, height = 900) => openPage(browser, width, height);

describe("a reader", () => {
  it("goes home → calendar → issue → page → article, and back by the breadcrumb", async () => {
    const { page, errors } = await open();
    await page.goto(`${server.url}/`);
    await page.locator(".paper-list__item", { hasText: "桂林日报" }).getByRole("link", { name: "2023年", exact: true }).click();
    await page.waitForURL("**/glrb/2023/");
    await page.getByRole("link", { name: "2023年1月13日" }).click();
    await page.waitForURL("**/glrb/2023/01/13/");
    assert.match(await page.locator("h1").innerText(), /2023年1月13日/);
    assert.ok(await page.getByText("日期为推定").first().isVisible());
    await page.locator(".issue-page__title a", { hasText: "第01版" }).click();
    await page.waitForURL("**/glrb/2023/01/13/01/");
    // The page's news list (the facsimile's zone for the article is another way in, tested below).
    await page.locator(".page-news").getByRole("link", { name: "创新品牌赋动能" }).click();
    await page.waitForURL(`**${sample().url}`);
    assert.equal((await page.locator("h1.headline").innerText()).trim(), "创新品牌赋动能");
    assert.equal(await page.locator("html").getAttribute("lang"), "zh-CN");
    const crumbs = page.getByRole("navigation", { name: "位置" });
    assert.deepEqual(
      (await crumbs.locator("li").allInnerTexts()).map((s) => s.trim()),
      ["首页", "桂林日报", "2023年", "1月", "13日", "第01版", "创新品牌赋动能"],
    );
    await crumbs.getByRole("link", { name: "第01版" }).click();
    await page.waitForURL("**/glrb/2023/01/13/01/");
    await page.getByRole("navigation", { name: "位置" }).getByRole("link", { name: "13日" }).click();
    await page.waitForURL("**/glrb/2023/01/13/");
    await page.getByRole("navigation", { name: "位置" }).getByRole("link", { name: "首页" }).click();
    await page.waitForURL(`${server.url}/`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("follows an article to its source lines, marked, and marks a range of lines named in the address", async () => {
    const { page, errors } = await open();
    await page.goto(`${server.url}${sample().url}`);
    await page.locator(".article__links a", { hasText: "原文行" }).click();
    await page.waitForURL(`**/source/#a-${sample().id}`);
    const rows = () =>
      page.locator(".source-lines > li").evaluateAll((lis) => lis.map((li) => ({ no: Number(li.id.slice(1)), blank: li.textContent === "", marked: li.classList.contains("is-marked") })));
    // Only the row that starts a run names its article; the page's script marks the whole runs.
    const all = await rows();
    const mine = new Set(sample().source.lines);
    assert.ok(mine.size > 10);
    assert.deepEqual(all.filter((r) => r.marked && !r.blank).map((r) => r.no), [...mine].sort((a, b) => a - b));
    for (const r of all.filter((x) => x.marked && x.blank)) {
      const before = all.filter((x) => x.no < r.no && !x.blank).at(-1);
      const after = all.find((x) => x.no > r.no && !x.blank);
      assert.ok(before?.marked && after?.marked, `blank line ${r.no} marked between lines of the article`);
    }
    assert.ok(all.filter((r) => !r.marked && !r.blank).length > 0, "the page's other lines stay unmarked");
    await page.goto(`${server.url}${sample().url.replace(/[^/]+\/$/, "")}source/#L3-L5`);
    assert.deepEqual((await rows()).filter((r) => r.marked).map((r) => r.no), [3, 4, 5]);
    // A row's number is the stylesheet's counter, drawn in the gutter left of its text: it counts every
    // row from 1, so it is the line's number when the rows are the lines in order (their ids).
    const counted = await page.locator(".source-lines").evaluate((list) => ({
      reset: getComputedStyle(list).counterReset,
      rows: [...list.children].map((li, i) => li.id === `L${i + 1}` && getComputedStyle(li).counterIncrement === "line 1" && getComputedStyle(li, "::before").content === "counter(line)"),
    }));
    assert.equal(counted.reset, "line 0");
    assert.ok(counted.rows.length > 12 && counted.rows.every(Boolean), "every row counted, in order");
    // A click on it links to that line, a shift-click to the lines from there; a click on the text does not.
    await page.locator("#L12").click({ position: { x: 12, y: 8 } });
    assert.ok(page.url().endsWith("/source/#L12"), page.url());
    assert.deepEqual((await rows()).filter((r) => r.marked).map((r) => r.no), [12]);
    await page.locator("#L8").click({ position: { x: 12, y: 8 }, modifiers: ["Shift"] });
    assert.ok(page.url().endsWith("/source/#L8-L12"), page.url());
    assert.deepEqual((await rows()).filter((r) => r.marked).map((r) => r.no), [8, 9, 10, 11, 12]);
    const headline = page.locator("#L3"); // its role above, its text below
    await headline.click({ position: { x: 100, y: (await headline.boundingBox())!.height - 8 } });
    assert.ok(page.url().endsWith("/source/#L8-L12"), page.url());
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("moves through the source lines and links to them from the keyboard, one row in the tab order", async () => {
    const { page, errors } = await open();
    await page.goto(`${server.url}${sample().url.replace(/[^/]+\/$/, "")}source/#L5`);
    const focused = () => page.evaluate(() => document.activeElement?.id ?? "");
    const tabbable = () => page.locator(".source-lines > li[tabindex='0']").evaluateAll((lis) => lis.map((li) => li.id));
    // The hint is shown once the script can act on it, and describes the list.
    await page.locator("#source-keys").waitFor({ state: "visible" });
    assert.equal(await page.locator(".source-lines").getAttribute("aria-describedby"), "source-keys");
    // The marked line is the one row Tab reaches; Tab from it leaves the list, Shift+Tab comes back.
    assert.deepEqual(await tabbable(), ["L5"]);
    await page.locator("#L5").focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    assert.equal(await focused(), "L7");
    await page.keyboard.press("ArrowUp");
    assert.equal(await focused(), "L6");
    assert.deepEqual(await tabbable(), ["L6"]);
    await page.keyboard.press("Enter");
    assert.ok(page.url().endsWith("/source/#L6"), page.url());
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Shift+Enter");
    assert.ok(page.url().endsWith("/source/#L6-L8"), page.url());
    const marked = await page.locator(".source-lines > .is-marked").evaluateAll((lis) => lis.map((li) => li.id));
    assert.deepEqual(marked, ["L6", "L7", "L8"]);
    await page.keyboard.press("Home");
    assert.equal(await focused(), "L1");
    await page.keyboard.press("End");
    const last = await page.locator(".source-lines > li").last().getAttribute("id");
    assert.equal(await focused(), last);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.closest(".source-lines") === null), true, "Tab leaves the list");
    await page.keyboard.press("Shift+Tab");
    assert.equal(await focused(), last, "Shift+Tab comes back to the row");
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe("search", () => {
  it("finds the sample article for 象山区 from an article page, narrows it with a filter and marks the hit", async () => {
    const { page, errors } = await open();
    const other = records.find((r) => r.paper.id === "gsrb")!;
    const fetched: string[] = [];
    page.on("request", (r) => fetched.push(r.url()));
    await page.goto(`${server.url}${other.url}`);
    const box = page.locator('pagefind-searchbox[instance="header"] input');
    await box.fill("象山区");
    const option = page.locator(".pf-searchbox-result", { hasText: "创新品牌赋动能" });
    await option.waitFor();
    assert.match(await option.innerText(), /2023年1月13日 · 桂林日报 · 第01版/);
    // The header's box shows no filters: none of the shards' filter chunks is fetched for it.
    assert.ok(fetched.some((u) => u.includes("/pagefind/shards/")), "the search ran on the shards");
    assert.deepEqual(fetched.filter((u) => /\.pf_filter$/.test(u)), []);
    await page.getByRole("link", { name: "高级搜索" }).click();
    await page.waitForURL(/\/search\/\?q=/);
    assert.equal(new URL(page.url()).searchParams.get("q"), "象山区");
    const results = page.locator(".search__list .result");
    await page.locator(".search__list .result", { hasText: "创新品牌赋动能" }).waitFor();
    const before = await results.count();
    const papers = new Set(await page.locator(".search__list .result__meta").allInnerTexts());
    assert.ok(before >= 2 && [...papers].some((m) => m.includes("桂山晨报")), `results of both papers: ${[...papers]}`);
    // The first result shows its excerpt with the hit marked.
    assert.ok((await page.locator(".search__list .result mark").first().innerText()).includes("象山区"));
    // The excerpts read as the text does: without the spaces the index has between characters, with
    // the text's own (between the headline's halves, the byline and the body).
    for (const excerpt of await page.locator(".search__list .result__excerpt").allInnerTexts()) {
      assert.doesNotMatch(excerpt, /[\p{Script=Han}\p{Nd}] [\p{Script=Han}\p{Nd}] [\p{Script=Han}\p{Nd}]/u, excerpt);
      assert.match(excerpt, /\p{Script=Han}{8}/u, excerpt);
      assert.doesNotMatch(excerpt, /\u2063/, excerpt);
    }
    assert.match(await page.locator(".search__list .result__excerpt").first().innerText(), /象山区二塘乡：冬闲变冬忙 大棚蔬菜俏销 本报记者覃春燕 冬日清晨/);

    // The filters load when the reader turns to them: held back a moment here, so that the dropdown
    // is seen loading. It says so in Chinese (Pagefind's own alert is English: No filter "paper" found),
    // and its options are named in Chinese once they come.
    await page.route(/\.pf_filter$/, async (route) => {
      await new Promise((ok) => setTimeout(ok, 1000));
      await route.continue();
    });
    await page.locator('pagefind-filter-dropdown[filter="paper"] button.pf-dropdown-trigger').click();
    const empty = page.locator('pagefind-filter-dropdown[filter="paper"] .pf-dropdown-error');
    assert.equal(await empty.textContent(), "正在载入筛选项……");
    assert.equal(await empty.getAttribute("role"), "status");
    const paperOption = page.locator('pagefind-filter-dropdown[filter="paper"] .pf-dropdown-option', { hasText: "桂林日报" });
    await paperOption.waitFor();
    assert.match((await paperOption.getAttribute("aria-label")) ?? "", /^桂林日报，\d+ 篇$/);
    await page.locator('pagefind-filter-dropdown[filter="paper"] .pf-dropdown-option', { hasText: "桂林日报" }).click();
    await page.keyboard.press("Escape");
    // The trigger names the filter and how many values are chosen, in Chinese (Pagefind's own name is English).
    const trigger = page.locator('pagefind-filter-dropdown[filter="paper"] .pf-dropdown-trigger');
    await page.waitForFunction(() => document.querySelector('pagefind-filter-dropdown[filter="paper"] .pf-dropdown-trigger')?.getAttribute("aria-label")?.includes("已选"), null, { timeout: 5000 }).catch(() => {});
    assert.equal(await trigger.getAttribute("aria-label"), "报纸，已选 1 项");
    // The list is redrawn in steps: wait until it has settled on the filtered results (or time out).
    await page.waitForFunction((n) => {
      const shown = [...document.querySelectorAll(".search__list .result__meta")].map((e) => e.textContent ?? "");
      return shown.length > 0 && shown.length < n && shown.every((m) => m.includes("桂林日报"));
    }, before);
    const metas = await page.locator(".search__list .result__meta").allInnerTexts();
    assert.ok(metas.length > 0 && metas.every((m) => m.includes("桂林日报")), metas.join(" | "));
    assert.deepEqual(new URL(page.url()).searchParams.getAll("paper"), ["桂林日报"]);

    // The query and filter live in the URL: opening it again gives the same results.
    const shared = page.url();
    await page.goto(shared);
    await page.locator(".search__list .result", { hasText: "创新品牌赋动能" }).waitFor();
    assert.equal(await page.locator(".search__list .result").count(), metas.length);

    // Sorting by date puts the newest first.
    await page.locator("#search-sort").selectOption("date:desc");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("sort") === "date:desc");
    await page.waitForTimeout(300);
    const dates = (await page.locator(".search__list .result__meta").allInnerTexts()).map((m) => m.split(" · ")[0]!);
    assert.deepEqual(dates, [...dates].sort((a, b) => dayOf(b) - dayOf(a)));

    await page.locator(".search__list .result a", { hasText: "创新品牌赋动能" }).click();
    await page.waitForURL(/highlight=/);
    const mark = page.locator("[data-pagefind-body] mark.pagefind-highlight").first();
    await mark.waitFor();
    assert.equal(await mark.innerText(), "象山区");
    assert.ok(await mark.isVisible());
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("finds every article for each of its headings and for random runs of 2–4 characters of its text", async () => {
    const { page, errors } = await open();
    await page.goto(`${server.url}/search/`);
    const rand = rng(20230113);
    const han = /^[\p{Script=Han}\p{Nd}]+$/u;
    // The text of an article as its page shows it, block by block (a phrase never runs across blocks).
    const blocksOf = (r: Rec) =>
      [r.kicker?.text, r.headline.text, r.subheadline?.text, r.bylines.map((b) => (b.role ?? "") + (b.names.length ? b.names.join("") : b.role ? "" : b.text)).join(""), ...r.body.map((b) => b.text), ...r.captions.map((c) => c.text), ...r.credits.map((c) => c.text), ...r.authorNotes.map((c) => c.text)]
        .filter((s): s is string => !!s)
        .map((s) => s.replace(/\s+/g, ""));
    const textOf = (r: Rec) => blocksOf(r).join("\n");
    const queries = new Map<string, string>(); // query -> url of the article it was taken from
    for (const r of records) {
      queries.set(r.headline.text, r.url);
      for (const b of r.body) if (b.type === "heading") queries.set(b.text, r.url);
      const runs = textOf(r).split(/[^\p{Script=Han}\p{Nd}]+/u).filter((s) => [...s].length >= 2);
      for (let k = 0; k < 12 && runs.length; k++) {
        const run = [...runs[Math.floor(rand() * runs.length)]!];
        const len = 2 + Math.floor(rand() * 3);
        if (run.length < len) continue;
        const at = Math.floor(rand() * (run.length - len + 1));
        const q = run.slice(at, at + len).join("");
        if (han.test(q)) queries.set(q, r.url);
      }
    }
    assert.ok(queries.size > 150, `${queries.size} queries`);
    const found: Record<string, string[]> = await page.evaluate(async (qs) => {
      const bundle: string = "/assets/search/pagefind.js";
      const pf = await import(bundle);
      const instance = pf.createInstance({});
      const out: Record<string, string[]> = {};
      for (const q of qs) {
        const res = await instance.search(q);
        out[q] = await Promise.all(res.results.map(async (x: { data(): Promise<{ url: string }> }) => (await x.data()).url));
      }
      return out;
    }, [...queries.keys()]);
    const misses: string[] = [];
    for (const [q, url] of queries) {
      const urls = found[q] ?? [];
      if (!urls.includes(url)) misses.push(`${q} → ${url}`);
      // Every article that holds a plain run of characters comes back, and only those.
      if (han.test(q)) {
        const expected = records.filter((r) => blocksOf(r).some((b) => b.includes(q))).map((r) => r.url).sort();
        const got = [...new Set(urls)].sort();
        if (JSON.stringify(got) !== JSON.stringify(expected)) misses.push(`${q}: got ${got.length}, expected ${expected.length}`);
      }
    }
    assert.deepEqual(misses, []);
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe("accessibility", () => {
  for (const [name, path] of [
    ["home", "/"],
    ["issue", "/glrb/2023/01/13/"],
    ["page", "/glrb/2023/01/13/01/"],
    ["article", () => sample().url],
    ["search", "/search/?q=%E8%B1%A1%E5%B1%B1%E5%8C%BA"],
  ] as const) {
    it(`axe-core finds no serious or critical violation on the ${name} page`, async () => {
      const { page } = await open();
      await page.goto(`${server.url}${typeof path === "function" ? path() : path}`);
      if (name === "search") await page.locator(".search__list .result").first().waitFor();
      await page.waitForTimeout(200);
      // Through the DevTools protocol, as a tool outside the page: the site's CSP allows no inline script.
      await page.evaluate(axeSource);
      const violations: { id: string; impact: string; nodes: { target: string[] }[] }[] = await page.evaluate(async () => {
        const r = await (window as unknown as { axe: { run(): Promise<{ violations: never[] }> } }).axe.run();
        return r.violations;
      });
      const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      assert.deepEqual(bad, []);
      await page.close();
    });
  }
});

describe("every page", () => {
  it("fits a 360 px phone without horizontal scrolling and logs no console error", async () => {
    const pages = htmlFiles(SITE).map((f) => `/${f.replace(/index\.html$/, "")}`);
    pages.push("/search/?q=%E8%B1%A1%E5%B1%B1%E5%8C%BA", "/no/such/page/");
    const { page, errors } = await open(360, 740);
    const wide: string[] = [];
    for (const path of pages) {
      await page.goto(`${server.url}${path}`);
      if (path.startsWith("/search/?")) await page.locator(".search__list .result").first().waitFor();
      const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      if (scroll > inner) wide.push(`${path}: ${scroll} > ${inner}`);
    }
    await page.goto(`${server.url}${sample().url}`);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "article-360.png"), fullPage: true });
    assert.deepEqual(wide, []);
    // The missing page answers 404 with the site's 404 page; that one error is the server's, not a page's.
    assert.deepEqual(errors.filter((e) => !(e.includes("/no/such/page/") && e.includes("404"))), []);
    assert.ok(existsSync(join(ARTIFACTS, "article-360.png")));
    await page.close();
  });
});

function htmlFiles(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === "pagefind" ? [] : htmlFiles(p, root);
    return n.endsWith(".html") ? [relative(root, p)] : [];
  });
}

function dayOf(label: string): number {
  const m = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(label);
  return m ? Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]) : 0;
}

