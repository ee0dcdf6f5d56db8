// The sharded search index against one unsharded index, in Chromium: a small generated archive (three
// papers over three years, scripts/bench/archive.ts) is built twice, once with every article in one
// shard and once in shards of at most 25 articles; Chinese queries (headlines, runs of 2–4 characters
// of the text) must return the same articles, with the same filter counts, the same articles under a
// filter, and the same dates in the same order when sorted by date (both ways).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { generateArchive, rng } from "../../scripts/bench/archive.ts";
import { launch } from "../helpers/browser.ts";
import { serveStatic } from "../helpers/static-server.ts";

const root = mkdtempSync(join(tmpdir(), "gazette-shards-"));
let browser: Browser;

function build(out: string, shardMax: number): void {
  const res = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", out], {
    env: { ...process.env, GAZETTE_CONTENT: join(root, "content"), GAZETTE_QUIET: "1", GAZETTE_SHARD_MAX: String(shardMax) },
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

async function ask(site: string, queries: string[], paper: string): Promise<{ answers: Record<string, Answer>; filters: unknown }> {
  const server = await serveStatic(site);
  const page = await browser.newPage();
  try {
    await page.goto(`${server.url}/search/`);
    return await page.evaluate(
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
  } finally {
    await page.close();
    await server.close();
  }
}

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
});
