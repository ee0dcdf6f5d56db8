// Hostile text in a browser (Debian's Chromium through playwright-core): a small site built from a paper
// of hostile text alone (tests/helpers/hostile-content.ts: markup that closes <title> and attributes,
// bidi controls left open in headlines, names and text), served on 127.0.0.1. Searching for a phrase of
// each article in Pagefind's UI shows its headline, names and excerpt as text; opening the article and
// every other page fires no dialog, logs no error, creates no element from the text, and no page text
// turns round the text around it.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launch, openPage } from "../helpers/browser.ts";
import { serveStatic, type StaticServer } from "../helpers/static-server.ts";
import { addHostilePaper, BIDI_HEADLINE, BIDI_QUERY, HOSTILE_PAPER_NAME, MD_HEADLINE, MD_QUERY, MD_RUBRIC, TITLE_HEADLINE, TITLE_QUERY } from "../helpers/hostile-content.ts";
import { balanceBidi, bidiState } from "../../src/site/filters.ts";

const SITE_TITLE = "Gazette 报纸档案";
const root = mkdtempSync(join(tmpdir(), "gazette-hostile-"));
const site = join(root, "site");
let server: StaticServer;
let browser: Browser;

before(async () => {
  const content = join(root, "content");
  mkdirSync(content);
  copyFileSync("content/site.yml", join(content, "site.yml"));
  addHostilePaper(content);
  const res = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", site], {
    env: { ...process.env, GAZETTE_CONTENT: content, GAZETTE_QUIET: "1" },
    encoding: "utf8",
  });
  assert.equal(res.status, 0, res.stderr);
  server = await serveStatic(site);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

/** A page that records console errors, uncaught exceptions and dialogs (alert, confirm, prompt), dismissing them. */
async function open(): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
  const { page, errors } = await openPage(browser, 1280, 900);
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(`${page.url()}: ${d.type()} ${d.message()}`);
    void d.dismiss();
  });
  return { page, errors, dialogs };
}

/** Elements the hostile text would have made if it ran as markup, anywhere in the document. */
function madeFromText(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[onerror], [onload], img[src="x"], b, script:not([src])')].map((e) => e.outerHTML.slice(0, 120)),
  );
}

/**
 * Page text that turned round: letters and digits laid out right to left, on a site whose every text runs
 * left to right. Text nodes without bidi controls are checked whole; in a node holding some (page text),
 * the dates, page labels and counts the templates set after it. A search hit (<mark>) is a piece of page
 * text cut out of it, under the text's own controls: it is not checked.
 */
function turnedRound(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const control = /[\u202A-\u202E\u2066-\u2069]/u;
    const strong = /[\p{L}\p{Nd}]/u;
    const known = /\d{4}年\d{1,2}月(?:\d{1,2}日)?|第\d+版|\d+ 篇/gu;
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const data = (n as Text).data;
      if (n.parentElement?.closest("mark")) continue;
      const spans: [number, number][] = control.test(data) ? [...data.matchAll(known)].map((m): [number, number] => [m.index ?? 0, (m.index ?? 0) + m[0].length]) : [[0, data.length]];
      for (const [from, to] of spans) {
        let prev: DOMRect | null = null;
        for (let i = from; i < to; i++) {
          if (!strong.test(data[i]!)) continue;
          const range = document.createRange();
          range.setStart(n, i);
          range.setEnd(n, i + 1);
          const rect = range.getBoundingClientRect();
          if (!rect.width) continue;
          if (prev && Math.abs(prev.y - rect.y) < 2 && rect.x < prev.x) {
            out.push(`${JSON.stringify(data.slice(from, to))} in ${n.parentElement?.outerHTML.slice(0, 160)}`);
            break;
          }
          prev = rect;
        }
      }
    }
    return out;
  });
}

const balanced = (s: string) => {
  const st = bidiState(s);
  return !st.open.length && !st.strayPdf && !st.strayPdi;
};

describe("hostile text in search results", () => {
  it("shows each article's headline, names and excerpt as text on the search page", async () => {
    const { page, errors, dialogs } = await open();
    const paper = balanceBidi(HOSTILE_PAPER_NAME);
    for (const [query, headline, meta, excerpt] of [
      [TITLE_QUERY, TITLE_HEADLINE, ["2022年11月30日", paper, "第01版"], `</title>"><img src=x onerror=f()> 本报记者周敏 近日，湖畔新区正式开放</title>`],
      [MD_QUERY, MD_HEADLINE, ["2022年11月30日", paper, "第01版", balanceBidi(MD_RUBRIC)], "写信给编辑部"],
      [BIDI_QUERY, BIDI_HEADLINE, null, "漓江两岸灯火通明"],
    ] as const) {
      await page.goto(`${server.url}/search/?q=${encodeURIComponent(query)}`);
      const result = page.locator(".search__list .result");
      await result.first().waitFor();
      assert.equal(await result.count(), 1, query);
      assert.equal(await result.locator(".result__link").textContent(), balanceBidi(headline));
      if (meta) assert.deepEqual(await result.locator(".result__meta bdi").allTextContents(), meta);
      const shown = (await result.locator(".result__excerpt").textContent()) ?? "";
      assert.ok(shown.includes(excerpt), `${query}: ${JSON.stringify(shown)}`);
      assert.equal(await result.locator(".result__excerpt mark").first().textContent(), query);
      assert.deepEqual(await madeFromText(page), [], query);
      assert.deepEqual(await turnedRound(page), [], query);
    }
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("shows it as text in the header's search box, and the article it opens fires nothing", async () => {
    const { page, errors, dialogs } = await open();
    await page.goto(`${server.url}/`);
    await page.locator('pagefind-searchbox[instance="header"] input').fill(TITLE_QUERY);
    const option = page.locator(".pf-searchbox-result").first();
    await option.waitFor();
    assert.equal(await option.locator(".result__title").textContent(), TITLE_HEADLINE);
    assert.ok(((await option.locator(".result__excerpt").textContent()) ?? "").includes("</title>"));
    assert.deepEqual(await madeFromText(page), []);
    await option.click();
    await page.waitForURL(/highlight=/);
    await page.locator("[data-pagefind-body] mark.pagefind-highlight").first().waitFor();
    assert.equal(await page.title(), `${TITLE_HEADLINE} · ${SITE_TITLE}`);
    assert.equal((await page.locator("h1.headline").innerText()).trim(), TITLE_HEADLINE);
    assert.ok(((await page.locator(".article__body").textContent()) ?? "").includes(`<script>alert(13)</script>和{{ 7*7 }}、{% raw %}模板{% endraw %}`));
    assert.deepEqual(await madeFromText(page), []);
    assert.deepEqual(await turnedRound(page), []);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe("hostile text on every page", () => {
  it("runs nothing, logs no error, and turns nothing round around it", async () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
    const urls = files(site)
      .filter((f) => f.endsWith(".html") && !f.includes(`${join(site, "pagefind")}`))
      .map((f) => `/${relative(site, f)}`.replace(/index\.html$/, ""));
    assert.ok(urls.length >= 20, `${urls.length} pages`);
    const { page, errors, dialogs } = await open();
    const titles = new Set<string>();
    for (const url of urls) {
      await page.goto(`${server.url}${url}`);
      await page.waitForLoadState("load");
      assert.deepEqual(await madeFromText(page), [], url);
      assert.deepEqual(await turnedRound(page), [], url);
      const title = await page.title();
      assert.ok(balanced(title), `${url}: ${JSON.stringify(title)}`);
      titles.add(title);
    }
    for (const h of [TITLE_HEADLINE, MD_HEADLINE, BIDI_HEADLINE]) assert.ok(titles.has(`${balanceBidi(h)} · ${SITE_TITLE}`), h);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
