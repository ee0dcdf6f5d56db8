// The sharded search index against one unsharded index, in Chromium: a small generated archive (three
// papers over three years, scripts/bench/archive.ts) is built twice, once with every article in one
// shard and once in shards of at most 25 articles; Chinese queries (headlines, runs of 2–4 characters
// of the text) must return the same articles, with the same filter counts, the same articles under a
// filter, and the same dates in the same order when sorted by date (both ways). A progressive search
// (the UI's) answers from the newest shards first, then with the same articles as one index.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { generateArchive, rng } from "../../scripts/bench/archive.ts";
import { launch } from "../helpers/browser.ts";
import { serveStatic } from "../helpers/static-server.ts";

const root = mkdtempSync(join(tmpdir(), "gazette-shards-"));
let browser: Browser;

/** The newest shards holding at most this many articles answer a progressive search first. */
const FIRST = 30;

function build(out: string, shardMax: number): void {
  const res = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", out], {
    env: { ...process.env, GAZETTE_CONTENT: join(root, "content"), GAZETTE_QUIET: "1", GAZETTE_SHARD_MAX: String(shardMax), GAZETTE_SEARCH_FIRST: String(FIRST) },
    encoding: "utf8",
  });
  assert.equal(res.status, 0, res.stderr);
}

interface Answer {
  urls: string[];
  counts: unknown;
  filtered: string[];
  desc: string[];
  asc: string[];
}

/**
 * Each query's answers from the site's search bundle, served with Pagefind's gzipped files as such
 * (Content-Encoding: gzip) or, with `pagefindEncoding: false`, as plain bytes; and the first index
 * chunk's first bytes as the page's fetch sees them (the browser inflated them, or not).
 */
async function ask(site: string, queries: string[], paper: string, serve: { pagefindEncoding?: boolean } = {}): Promise<{ answers: Record<string, Answer>; filters: unknown; chunkStart: string }> {
  const server = await serveStatic(site, serve);
  const page = await browser.newPage();
  try {
    await page.goto(`${server.url}/search/`);
    const shard = (JSON.parse(readFileSync(join(site, "pagefind/shards.json"), "utf8")) as { shards: { name: string }[] }).shards[0]!.name;
    const chunk = readdirSync(join(site, "pagefind/shards", shard, "index"))[0]!;
    const chunkStart = await page.evaluate(async (url) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      return Array.from(bytes.slice(0, 12), (b) => String.fromCharCode(b)).join("");
    }, `/pagefind/shards/${shard}/index/${chunk}`);
    const found = await page.evaluate(
      async ([qs, paper]) => {
        const bundle: string = "/assets/search/pagefind.js";
        const pf = await import(bundle);
        const instance = pf.createInstance({});
        type R = { results: { data(): Promise<{ url: string }> }[]; filters: unknown };
        // (No named arrow functions in here: the test's transpiler would wrap them in a helper the page lacks.)
        const answers: Record<string, unknown> = {};
        for (const q of qs as string[]) {
          const plain: R = await instance.search(q);
          const filtered: R = await instance.search(q, { filters: { paper: [paper] } });
          const desc: R = await instance.search(q, { sort: { date: "desc" } });
          const asc: R = await instance.search(q, { sort: { date: "asc" } });
          const got: string[][] = [];
          for (const r of [plain, filtered, desc, asc]) {
            const list: string[] = [];
            for (const x of r.results) list.push((await x.data()).url);
            got.push(list);
          }
          answers[q] = {
            urls: got[0]!.sort(),
            counts: plain.filters,
            filtered: got[1]!.sort(),
            desc: got[2]!.map((u) => /\/(\d{4})\/(\d{2})\/(\d{2})\//.exec(u)!.slice(1).join("-")),
            asc: got[3]!.map((u) => /\/(\d{4})\/(\d{2})\/(\d{2})\//.exec(u)!.slice(1).join("-")),
          };
        }
        return { answers: answers as Record<string, Answer>, filters: await instance.filters() };
      },
      [queries, paper] as const,
    );
    return { ...found, chunkStart };
  } finally {
    await page.close();
    await server.close();
  }
}

const dayOf = (url: string) => /\/(\d{4})\/(\d{2})\/(\d{2})\//.exec(url)!.slice(1).join("-");

let years = 0;
before(async () => {
  years = generateArchive(root, 160, 7).years.length;
  build(join(root, "one"), 1_000_000);
  build(join(root, "sharded"), 25);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("a sharded search index", () => {
  it("is written as several shards listed oldest first", () => {
    const one = JSON.parse(readFileSync(join(root, "one/pagefind/shards.json"), "utf8")).shards;
    const many = JSON.parse(readFileSync(join(root, "sharded/pagefind/shards.json"), "utf8")).shards as { name: string; from: string; to: string; articles: number }[];
    assert.equal(one.length, years); // one a year
    assert.ok(many.length >= 6, `${many.length} shards`);
    for (let i = 1; i < many.length; i++) assert.ok(many[i - 1]!.to <= many[i]!.from, `${many[i - 1]!.name} before ${many[i]!.name}`);
    assert.ok(many.every((s) => s.articles <= 25));
    assert.equal(
      many.reduce((n, s) => n + s.articles, 0),
      one.reduce((n: number, s: { articles: number }) => n + s.articles, 0),
    );
  });

  it("returns the same articles for Chinese queries as one unsharded index, filtered and sorted alike", async () => {
    const records = readFileSync(join(root, "one/export/records.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { headline: { text: string }; body: { text: string }[]; paper: { name: string } });
    const rand = rng(99);
    const queries = new Set<string>();
    for (let k = 0; k < 30; k++) {
      const r = records[Math.floor(rand() * records.length)]!;
      queries.add(r.headline.text);
      const runs = r.body.flatMap((b) => b.text.split(/[^\p{Script=Han}\p{Nd}]+/u)).filter((s) => [...s].length >= 4);
      const run = runs.length ? [...runs[Math.floor(rand() * runs.length)]!] : [];
      const len = 2 + Math.floor(rand() * 3);
      if (run.length >= len) {
        const at = Math.floor(rand() * (run.length - len + 1));
        queries.add(run.slice(at, at + len).join(""));
      }
    }
    queries.add("发展 建设"); // two parts: articles holding both
    for (const q of ["的", "发展", "工作"]) queries.add(q); // many hits, from every paper and year
    const paper = records[0]!.paper.name;
    const one = await ask(join(root, "one"), [...queries], paper);
    const sharded = await ask(join(root, "sharded"), [...queries], paper);
    assert.deepEqual(sharded.filters, one.filters);
    let hits = 0;
    for (const q of queries) {
      const a = one.answers[q]!;
      const b = sharded.answers[q]!;
      hits += a.urls.length;
      assert.deepEqual(b.urls, a.urls, q);
      assert.deepEqual(b.counts, a.counts, q);
      assert.deepEqual(b.filtered, a.filtered, q);
      assert.deepEqual(b.desc, a.desc, `${q} by date, newest first`);
      assert.deepEqual(b.asc, a.asc, `${q} by date, oldest first`);
      assert.deepEqual(b.desc, [...b.desc].sort().reverse(), q);
    }
    assert.ok(hits > queries.size, `${hits} hits for ${queries.size} queries`);
    assert.ok(one.answers["的"]!.urls.length > 50, `${one.answers["的"]!.urls.length} hits for 的`);
  });

  it("answers alike whether the host sends Pagefind's gzipped files as gzip-encoded or as they are", async () => {
    // README "Publish": a host sends them with Content-Encoding: gzip and the browser inflates them;
    // one that does not (GitHub Pages) leaves that to Pagefind's own JavaScript.
    const queries = ["的", "发展", "发展 建设", "工作"];
    const paper = (JSON.parse(readFileSync(join(root, "one/export/records.jsonl"), "utf8").split("\n")[0]!) as { paper: { name: string } }).paper.name;
    const encoded = await ask(join(root, "sharded"), queries, paper);
    const plain = await ask(join(root, "sharded"), queries, paper, { pagefindEncoding: false });
    assert.equal(encoded.chunkStart, "pagefind_dcd", "the browser inflated the chunk");
    assert.equal(plain.chunkStart.charCodeAt(0), 0x1f, "the chunk came gzipped");
    assert.equal(plain.chunkStart.charCodeAt(1), 0x8b, "the chunk came gzipped");
    assert.deepEqual(plain.filters, encoded.filters);
    assert.deepEqual(plain.answers, encoded.answers);
    assert.ok(encoded.answers["的"]!.urls.length > 50, `${encoded.answers["的"]!.urls.length} hits for 的`);
  });
});

describe("a progressive search (the search UI's)", () => {
  type Shard = { name: string; from: string; to: string; articles: number };
  const shards = () => JSON.parse(readFileSync(join(root, "sharded/pagefind/shards.json"), "utf8")) as { firstArticles: number; shards: Shard[] };
  /** The newest shards within the budget (at least one), as assets/search/pagefind.js picks them. */
  function firstCover(manifest: ReturnType<typeof shards>): { newest: Shard[]; k: number; covered: number } {
    const newest = [...manifest.shards].reverse();
    let covered = 0;
    let k = 0;
    while (k < newest.length && (k === 0 || covered + newest[k]!.articles <= manifest.firstArticles)) covered += newest[k++]!.articles;
    return { newest, k, covered };
  }

  it("answers first from the newest shards, then from every shard as one index does", async () => {
    const manifest = shards();
    assert.equal(manifest.firstArticles, FIRST);
    const { newest, k, covered } = firstCover(manifest);
    assert.ok(k < manifest.shards.length, "the first answer leaves shards out");
    const expected = (await ask(join(root, "one"), ["的"], "")).answers["的"]!.urls;

    const server = await serveStatic(join(root, "sharded"));
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/search/`);
      const got = await page.evaluate(async () => {
        const bundle: string = "/assets/search/pagefind.js";
        const pf = await import(bundle);
        const instance = pf.createInstance({ progressive: true });
        let completed = 0;
        addEventListener("gazette:search-complete", () => completed++);
        type R = { results: { data(): Promise<{ url: string }> }[]; partial?: { articles: number; from: string; to: string; complete(): Promise<void> } };
        const first: R = await instance.search("的");
        const firstUrls: string[] = [];
        for (const r of first.results) firstUrls.push((await r.data()).url);
        // Nothing more is loaded until the caller asks for it.
        const before = completed;
        await first.partial?.complete();
        const all: R = await instance.search("的");
        const allUrls: string[] = [];
        for (const r of all.results) allUrls.push((await r.data()).url);
        const partial = first.partial ? { articles: first.partial.articles, from: first.partial.from, to: first.partial.to } : null;
        // Newest first, the first answer begins the complete list; oldest first, a cold search waits.
        const desc: R = await pf.createInstance({ progressive: true }).search("的", { sort: { date: "desc" } });
        const asc: R = await pf.createInstance({ progressive: true }).search("的", { sort: { date: "asc" } });
        const descUrls: string[] = [];
        for (const r of desc.results) descUrls.push((await r.data()).url);
        return { partial, firstUrls, before, completed, allPartial: all.partial ?? null, allUrls, descPartial: Boolean(desc.partial), descUrls, ascPartial: Boolean(asc.partial), ascCount: asc.results.length };
      });
      assert.equal(got.before, 0, "nothing more loaded before the caller asks");
      assert.equal(got.completed, 1);
      assert.ok(got.partial, "the first answer says it is partial");
      assert.equal(got.partial.articles, covered);
      assert.equal(got.partial.to, manifest.shards.at(-1)!.to);
      assert.equal(got.partial.from, newest[k - 1]!.from);
      assert.ok(got.firstUrls.length > 0 && got.firstUrls.length < got.allUrls.length, `${got.firstUrls.length} first, ${got.allUrls.length} in all`);
      for (const u of got.firstUrls) assert.ok(dayOf(u) >= got.partial.from && dayOf(u) <= got.partial.to, u);
      assert.equal(got.allPartial, null);
      assert.deepEqual([...got.allUrls].sort(), expected);
      assert.ok(got.firstUrls.every((u) => got.allUrls.includes(u)));
      assert.equal(got.descPartial, true);
      const newestFirst = (await ask(join(root, "one"), ["的"], "")).answers["的"]!.desc;
      assert.deepEqual(got.descUrls.map(dayOf), newestFirst.slice(0, got.descUrls.length), "the first answer begins the list sorted newest first");
      assert.equal(got.ascPartial, false);
      assert.equal(got.ascCount, expected.length);
    } finally {
      await page.close();
      await server.close();
    }
  });

  /** The filter counts one index gives a query, every filter chunk loaded (as the search page does). */
  async function countsOf(site: string, q: string): Promise<unknown> {
    const server = await serveStatic(site);
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/search/`);
      return await page.evaluate(async (q) => {
        const bundle: string = "/assets/search/pagefind.js";
        const instance = (await import(bundle)).createInstance({});
        await instance.filters();
        return (await instance.search(q)).filters;
      }, q);
    } finally {
      await page.close();
      await server.close();
    }
  }

  for (const [where, path, name] of [
    ["the search page", "/search/", "default"],
    ["the header's search box", "/", "header"],
  ] as const) {
    it(`shows the first answer in ${where}, then the complete one in its place`, async () => {
      const expected = (await ask(join(root, "one"), ["的"], "")).answers["的"]!.urls.length;
      const counts = await countsOf(join(root, "one"), "的");
      const server = await serveStatic(join(root, "sharded"));
      const page = await browser.newPage();
      const filterChunks: string[] = [];
      page.on("request", (r) => {
        if (/\/pagefind\/shards\/[^/]+\/filter\//.test(r.url())) filterChunks.push(r.url());
      });
      try {
        await page.goto(`${server.url}${path}`);
        const seen = await page.evaluate(async (name) => {
          const w = window as unknown as { PagefindComponents: { getInstanceManager(): { getInstance(n: string): { on(e: string, f: (r: { results: unknown[]; partial?: unknown; filters?: unknown }) => void): void; triggerSearch(t: string): void } } } };
          const instance = w.PagefindComponents.getInstanceManager().getInstance(name);
          const out: { partial: boolean; results: number; filters: unknown; coverage: string | null; status: string | null }[] = [];
          (window as unknown as { seen: typeof out }).seen = out;
          instance.on("results", (r) => {
            const status = document.getElementById("search-coverage");
            out.push({ partial: Boolean(r.partial), results: r.results.length, filters: r.filters, coverage: document.getElementById("search")?.dataset.coverage ?? null, status: status && !status.hidden ? status.textContent : null });
          });
          instance.triggerSearch("的");
          for (let i = 0; i < 500 && !out.some((x) => !x.partial); i++) await new Promise((r) => setTimeout(r, 20));
          return out;
        }, name);
        assert.ok(seen.length >= 2, JSON.stringify(seen));
        assert.equal(seen[0]!.partial, true);
        const last = seen.at(-1)!;
        assert.equal(last.partial, false);
        assert.equal(last.results, expected);
        assert.ok(seen[0]!.results < last.results);
        if (name === "default") {
          assert.equal(seen[0]!.coverage, "partial");
          assert.ok((seen[0]!.status ?? "").includes(String(firstCover(shards()).covered)), seen[0]!.status ?? "no status");
          const to = shards().shards.at(-1)!.to.split("-").map(Number);
          assert.ok((seen[0]!.status ?? "").includes(`至 ${to[0]}年${to[1]}月${to[2]}日`), seen[0]!.status ?? "no status");
          assert.equal(last.coverage, "complete");
          assert.equal(last.status, null);
          // The filter chunks wait for a reader who turns to the filters; then every shard's are loaded,
          // and the answer counts every shard's articles in its filters.
          assert.deepEqual(filterChunks, [], "no filter chunk fetched before the filters are used");
          const shown = seen.length;
          await page.locator(".search__filters pagefind-filter-dropdown").first().locator("button").first().focus();
          const counted = await page.evaluate(async (shown) => {
            const out = (window as unknown as { seen: { filters: unknown }[] }).seen;
            for (let i = 0; i < 500 && out.length <= shown; i++) await new Promise((r) => setTimeout(r, 20));
            return out.at(-1)?.filters;
          }, shown);
          assert.deepEqual(counted, counts, "once the filters are used, the answer counts every shard's articles in its filters");
          assert.equal(new Set(filterChunks.map((u) => /shards\/([^/]+)\//.exec(u)![1])).size, shards().shards.length, "every shard's filter chunks");
          assert.match((await page.locator("pagefind-summary").textContent()) ?? "", new RegExp(String(expected)));
        }
      } finally {
        await page.close();
        await server.close();
      }
    });
  }
});

describe("the search page's list of results", () => {
  it("shows twenty results at a time and the next twenty on request, in the order of the answer", async () => {
    const total = (await ask(join(root, "one"), ["的"], "")).answers["的"]!.urls.length;
    assert.ok(total > 40, `${total} results`);
    const server = await serveStatic(join(root, "one"));
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/search/?q=${encodeURIComponent("的")}`);
      const items = page.locator("#search-list > li.result");
      await items.nth(19).waitFor();
      await page.waitForTimeout(200);
      assert.equal(await items.count(), 20);
      assert.match((await page.locator("pagefind-summary").textContent()) ?? "", new RegExp(String(total)));
      const more = page.locator("#search-more");
      assert.equal(await more.isVisible(), true);
      const firstTwenty = await page.locator("#search-list .result__link").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      await more.click();
      await items.nth(39).waitFor();
      assert.equal(await items.count(), 40);
      // The next page follows the first (nothing shown twice), and the first new result has the focus.
      const forty = await page.locator("#search-list .result__link").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      assert.deepEqual(forty.slice(0, 20), firstTwenty);
      assert.equal(new Set(forty).size, 40);
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("href")), forty[20]);
      // Another answer to the same query (here: sorted by date) replaces the list whole, as many results
      // as were shown, instead of starting again from twenty.
      await page.locator("#search-sort").selectOption("date:desc");
      await page.waitForFunction((before) => document.querySelector("#search-list .result__link")?.getAttribute("href") !== before, forty[0]);
      await page.waitForTimeout(200);
      const sorted = await page.locator("#search-list .result__link").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
      assert.equal(sorted.length, 40);
      const days = sorted.map((u) => dayOf(u));
      assert.deepEqual(days, [...days].sort().reverse());
      for (let shown = 40; shown < total; shown = Math.min(total, shown + 20)) {
        await more.click();
        await items.nth(Math.min(total, shown + 20) - 1).waitFor();
      }
      await page.waitForTimeout(200);
      assert.equal(await items.count(), total);
      assert.equal(await more.isVisible(), false);
    } finally {
      await page.close();
      await server.close();
    }
  });
});
