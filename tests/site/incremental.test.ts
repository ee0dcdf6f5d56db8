// Incremental and atomic builds. With the caches and the render manifest of an earlier build (parsed
// pages, indexed search shards, the fingerprint of every page), adding, changing or removing a page
// file renders only the pages that show it, indexes only its shard, and gives output byte-identical to
// a full build of the same content without any cache. A build killed midway leaves the previous site
// whole, and the next build recovers; a second build into a folder another is writing stops.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deserialize } from "node:v8";
import { addPage, generateArchive } from "../../scripts/bench/archive.ts";

const root = mkdtempSync(join(tmpdir(), "gazette-incr-"));
const content = join(root, "content");
const cache = join(root, "cache");
// Small slices: every build is several Eleventy runs (scripts/build.ts), except "first", one run. Short
// lists: the authors' and rubrics' of more than four articles are split by year, and such a year by
// month (LIST_SPLIT); the sitemap is several files (SITEMAP_MAX) and the build report a page a paper's
// month (REPORT_SPLIT).
const env = (cacheDir: string, slice = "37") => ({
  ...process.env,
  GAZETTE_CONTENT: content,
  GAZETTE_QUIET: "1",
  GAZETTE_SHARD_MAX: "15",
  GAZETTE_CACHE: cacheDir,
  GAZETTE_SLICE: slice,
  GAZETTE_LIST_SPLIT: "4",
  GAZETTE_SITEMAP_MAX: "40",
  GAZETTE_REPORT_SPLIT: "3",
});

interface Built {
  /** The index step's log line. */
  index: string;
  /** Archive nodes rendered and kept. */
  rendered: number;
  kept: number;
}

/** Builds content/ into root/<name>. */
function build(name: string, cacheDir: string, slice?: string): Built {
  const res = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", join(root, name)], { env: env(cacheDir, slice), encoding: "utf8" });
  assert.equal(res.status, 0, res.stderr);
  const lines = res.stdout.split("\n");
  const render = /render: (\d+) of \d+ archive node\(s\) changed, (\d+) kept/.exec(lines.find((l) => l.includes("[gazette] render:")) ?? "");
  assert.ok(render, res.stdout);
  return { index: lines.find((l) => l.includes("search index:")) ?? "", rendered: Number(render[1]), kept: Number(render[2]) };
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/** sha256 of every file of a tree, by path. */
function treeHash(dir: string): string {
  const hash = createHash("sha256");
  for (const f of files(dir)) hash.update(`${f}\0`).update(readFileSync(join(dir, f)));
  return hash.digest("hex");
}

function assertSameTree(a: string, b: string): void {
  const fa = files(join(root, a));
  assert.deepEqual(files(join(root, b)), fa);
  for (const f of fa) assert.ok(readFileSync(join(root, a, f)).equals(readFileSync(join(root, b, f))), f);
}

/** A month's page of an author's or a rubric's year split by month. */
const LIST_MONTH = /^(authors|rubrics)\/[^/]+\/\d{4}\/\d{2}\/index\.html$/;
const shardsOf = (line: string) => Number(/in (\d+) shard/.exec(line)?.[1]);
const indexedOf = (line: string) => Number(/(\d+) indexed/.exec(line)?.[1]);

let first: Built;
before(() => {
  generateArchive(root, 90, 11);
  // Two more issues of one paper, a month and two after its first, of the same pages: their authors'
  // and rubrics' lists then hold more than four articles of one year over three months (split by month).
  for (const month of ["02", "03"]) cpSync(join(content, "gxrb/2021/01/04"), join(content, `gxrb/2021/${month}/04`), { recursive: true });
  first = build("site", cache);
  build("first", "off", "100000");
});

after(() => rmSync(root, { recursive: true, force: true }));

describe("an incremental build", () => {
  it("caches every parsed page on disk", () => {
    const pages = files(content).filter((f) => f.endsWith(".txt")).length;
    assert.equal(files(join(cache, "parse")).length, pages);
    assert.equal(first.kept, 0);
    // The lists split by year are part of what every build below compares.
    assert.ok(files(join(root, "site")).some((f) => /^(authors|rubrics)\/[^/]+\/\d{4}\/index\.html$/.test(f)), "a year's page of a list");
    assert.ok(files(join(root, "site")).some((f) => LIST_MONTH.test(f)), "a month's page of a list's year");
  });

  it("sends a list's newest year's and month's own URLs on to the pages that show them", () => {
    const site = join(root, "site");
    const aliases = files(site).filter((f) => /^(authors|rubrics)\/.+\/index\.html$/.test(f) && readFileSync(join(site, f), "utf8").includes('http-equiv="refresh"'));
    assert.ok(aliases.some((f) => LIST_MONTH.test(f)) && aliases.some((f) => !LIST_MONTH.test(f)), `aliases: ${aliases.join(" ")}`);
    for (const f of aliases) {
      const to = /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(readFileSync(join(site, f), "utf8"))?.[1];
      // A year's own URL goes to its list's page, a month's to its year's (the list's, for the newest year).
      const from = `/${f.replace(/index\.html$/, "")}`;
      const up = from.replace(/[^/]+\/$/, "");
      assert.ok(to === up || (LIST_MONTH.test(f) && to === up.replace(/[^/]+\/$/, "")), `${from} -> ${to}`);
      const target = readFileSync(join(site, decodeURIComponent(to!), "index.html"), "utf8");
      assert.ok(!target.includes('http-equiv="refresh"'), `${to} is a page`);
    }
    const sitemap = files(site).filter((f) => f.startsWith("sitemaps/")).map((f) => readFileSync(join(site, f), "utf8")).join("");
    for (const f of aliases) {
      const url = `/${f.replace(/index\.html$/, "")}`;
      assert.ok(!sitemap.includes(`${url}<`) && !sitemap.includes(`${encodeURI(url)}<`), `${url} in the sitemap`);
    }
    assert.ok(sitemap.includes("/authors/"), "the sitemap lists the authors' pages");
  });

  it("renders and re-indexes nothing when nothing changed, and writes the site a single Eleventy run writes", () => {
    const again = build("site", cache);
    assert.ok(shardsOf(again.index) >= 4, again.index);
    assert.equal(indexedOf(again.index), 0, again.index);
    assert.equal(again.rendered, 0);
    assert.equal(again.kept, first.rendered);
    assertSameTree("first", "site");
  });

  it("after adding a page, renders what shows it, re-indexes its shard only and equals a full build", () => {
    // The sitemap's files, the report's months and the lists' months, by inode: a file rendered again is a new one.
    const listed = files(join(root, "site")).filter((f) => /^sitemaps\/\d+\.xml$|^report\/.+\/index\.html$/.test(f) || LIST_MONTH.test(f));
    const inodes = new Map(listed.map((f) => [f, statSync(join(root, "site", f)).ino]));
    const added = addPage(content, 11);
    assert.match(added, /\.txt$/);
    const built = build("site", cache);
    const kept = listed.filter((f) => existsSync(join(root, "site", f)) && statSync(join(root, "site", f)).ino === inodes.get(f));
    assert.ok(kept.some((f) => f.startsWith("sitemaps/")) && kept.some((f) => f.startsWith("report/")) && kept.some((f) => LIST_MONTH.test(f)), `kept: ${kept.join(" ")}`);
    assert.ok(kept.length < listed.length, "the sitemap file with the new page's URLs is written again");
    assert.equal(indexedOf(built.index), 1, built.index);
    // Its issue's own pages, its month, year and paper, the authors and rubrics of that issue: a few
    // dozen of the archive's hundreds of nodes.
    assert.ok(built.rendered > 0 && built.rendered < (built.rendered + built.kept) / 4, JSON.stringify(built));
    build("added-full", "off");
    assertSameTree("added-full", "site");
  });

  it("after changing and removing pages, equals a full build", () => {
    const txt = files(content).filter((f) => f.endsWith(".txt"));
    appendFileSync(join(content, txt[0]!), "\n新增的一段文字，记者补充报道。\n");
    rmSync(join(content, txt[txt.length - 1]!));
    const built = build("site", cache);
    assert.ok(indexedOf(built.index) >= 1 && indexedOf(built.index) <= 2, built.index);
    assert.ok(built.rendered > 0 && built.kept > 0, JSON.stringify(built));
    build("changed-full", "off");
    assertSameTree("changed-full", "site");
  });

  it("after a sidecar corrects a line, renders what shows it and equals a full build", () => {
    // The plan fingerprints a parsed article by its page's inputs (the page file's bytes and sidecar),
    // not by its record: a correction changes the article's record, and nothing else of its page.
    const pageJson = files(join(root, "site")).find((f) => /^gxrb\/\d{4}\/\d{2}\/\d{2}\/\d{2}\.json$/.test(f))!;
    const page = JSON.parse(readFileSync(join(root, "site", pageJson), "utf8")) as { articles: string[] };
    const articleJson = join(root, "site", pageJson.replace(/\.json$/, ""), `${page.articles[0]}.json`);
    const article = JSON.parse(readFileSync(articleJson, "utf8")) as { body: { lines: number[] }[] };
    const line = article.body.at(-1)!.lines[0]!;
    const sidecar = join(content, pageJson.replace(/\.json$/, ".yml"));
    assert.ok(!existsSync(sidecar), sidecar);
    writeFileSync(sidecar, `corrections:\n  - line: ${line}\n    text: 这一段经编辑校对后改写。\n`);
    const built = build("site", cache);
    assert.ok(built.rendered > 0 && built.kept > 0, JSON.stringify(built));
    assert.match(readFileSync(articleJson, "utf8"), /这一段经编辑校对后改写。/);
    build("sidecar-full", "off");
    assertSameTree("sidecar-full", "site");
  });

  it("after an issue of a later month, a list month's own URL turns from an alias into its page, and equals a full build", () => {
    const site = join(root, "site");
    const isAlias = (f: string) => readFileSync(join(site, f), "utf8").includes('http-equiv="refresh"');
    const aliases = files(site).filter((f) => LIST_MONTH.test(f) && isAlias(f));
    // The copied issue's authors and rubrics get a newer month in 2021: the month shown on their
    // year's page until now gets a page of its own, at the URL its alias had.
    const day = "gxrb/2021/12/31";
    assert.ok(!existsSync(join(content, day)), day);
    cpSync(join(content, "gxrb/2021/01/04"), join(content, day), { recursive: true });
    build("site", cache);
    const pages = aliases.filter((f) => existsSync(join(site, f)) && !isAlias(f));
    assert.ok(pages.length > 0, `aliases before: ${aliases.join(" ")}`);
    build("later-full", "off");
    assertSameTree("later-full", "site");
  });

  it("after the site was indexed apart (scripts/search-index.ts), in other shards, equals a full build", () => {
    // The indexer rewrites pagefind/ in place: the previous build's manifest no longer describes it.
    const res = spawnSync(process.execPath, ["--import", "tsx", "scripts/search-index.ts", join(root, "site")], { env: { ...env(cache), GAZETTE_SHARD_MAX: "5" }, encoding: "utf8" });
    assert.equal(res.status, 0, res.stderr);
    assert.ok(shardsOf(res.stdout) > shardsOf(build("changed-full", "off").index), res.stdout);
    build("site", cache);
    assertSameTree("changed-full", "site");
  });
});

describe("a full build", () => {
  it("hands each shard to the indexer, oldest first, as soon as its last page is written, while the rest renders", () => {
    const out = join(root, "overlap");
    const res = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", out], { env: { ...env("off"), GAZETTE_STAGES: "1" }, encoding: "utf8" });
    assert.equal(res.status, 0, res.stderr);
    const slices = [...res.stderr.matchAll(/^@@event slice-rendered \S+ (\d+)$/gm)].map((m) => Number(m[1]));
    assert.ok(slices.length >= 3, `${slices.length} Eleventy runs`);
    const renderEnded = slices.at(-1)!;
    const ready = [...res.stderr.matchAll(/^@@event shard-ready (\S+) (\d+)$/gm)].map((m) => ({ name: m[1]!, ms: Number(m[2]) }));
    const shards = (JSON.parse(readFileSync(join(out, "pagefind", "shards.json"), "utf8")) as { shards: { name: string }[] }).shards.map((x) => x.name);
    assert.ok(shards.length >= 4, `${shards.length} shards`);
    // Every shard once, oldest first: the articles are rendered shard by shard.
    assert.deepEqual(
      ready.map((r) => r.name),
      shards,
    );
    // The first shard ends the first slice, and the next slices (37 articles) hold whole shards (15
    // articles at most): at least two are indexed while the other slices render.
    assert.ok(ready.filter((r) => r.ms < renderEnded).length >= 2, res.stderr);
  });
});

describe("the caches", () => {
  it("lose, once a day, the entries no build used for 30 days, and keep the ones this build used", () => {
    const days = (n: number) => (Date.now() - n * 24 * 3600 * 1000) / 1000;
    const parse = join(cache, "parse");
    // An entry of a page file as it is now (the tests above left entries of pages changed or removed).
    const current = new Set(files(content).filter((f) => f.endsWith(".txt")).map((f) => createHash("sha256").update(readFileSync(join(content, f))).digest("hex")));
    const usedFile = readdirSync(parse, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .find((f) => f.endsWith(".v8") && current.has((deserialize(readFileSync(f)) as { parsed: { source: { sha256: string } } }).parsed.source.sha256))!;
    assert.ok(usedFile, "an entry of a current page");
    utimesSync(usedFile, days(40), days(40));
    mkdirSync(join(parse, "zz"), { recursive: true });
    writeFileSync(join(parse, "zz", "stale.json"), "{}");
    utimesSync(join(parse, "zz", "stale.json"), days(40), days(40));
    writeFileSync(join(parse, "zz", "young.json"), "{}");
    mkdirSync(join(cache, "search", "stale-shard"), { recursive: true });
    utimesSync(join(cache, "search", "stale-shard"), days(40), days(40));
    rmSync(join(cache, "pruned"), { force: true });
    build("site", cache);
    assert.ok(!existsSync(join(parse, "zz", "stale.json")) && !existsSync(join(cache, "search", "stale-shard")), "old unused entries go");
    assert.ok(existsSync(usedFile), "an old entry this build used stays");
    assert.ok(existsSync(join(parse, "zz", "young.json")), "a young entry stays");
    // Once a day: a second stale entry waits for tomorrow.
    writeFileSync(join(parse, "zz", "stale2.json"), "{}");
    utimesSync(join(parse, "zz", "stale2.json"), days(40), days(40));
    build("site", cache);
    assert.ok(existsSync(join(parse, "zz", "stale2.json")));
  });
});

describe("an atomic build", () => {
  it("killed midway leaves the previous site whole, and the next build recovers", async () => {
    const before = treeHash(join(root, "site"));
    appendFileSync(join(content, files(content).filter((f) => f.endsWith(".txt"))[1]!), "\n又一段补充的文字。\n");
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/build.ts", join(root, "site")], {
      env: { ...env(cache), GAZETTE_STAGES: "1", GAZETTE_CACHE: "off" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const closed = new Promise((ok) => child.on("close", ok));
    let stderr = "";
    let timer: NodeJS.Timeout | undefined;
    const killed = await new Promise<boolean>((ok) => {
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
        if (/@@stage render /.test(stderr) && !timer) {
          // Killed as soon as the render has begun to write the new folder.
          timer = setInterval(() => {
            if (existsSync(join(root, "site.next", "index.html")) && !child.killed) {
              clearInterval(timer);
              ok(child.kill("SIGKILL"));
            }
          }, 5);
        }
      });
      void closed.then(() => {
        clearInterval(timer);
        ok(false);
      });
    });
    assert.ok(killed, `the build ended before it could be killed:\n${stderr}`);
    await closed;
    assert.ok(existsSync(join(root, "site.next")), "the build was writing its own folder");
    assert.equal(treeHash(join(root, "site")), before, "the previous site is unchanged");
    assert.ok(existsSync(join(root, ".site.lock")), "the killed build's lock is left behind (stale: its process is gone)");
    // The next build takes the stale lock, cleans up what the killed one left and equals a full build.
    build("site", cache);
    assert.ok(!existsSync(join(root, "site.next")));
    build("recovered-full", "off");
    assertSameTree("recovered-full", "site");
  });

  it("is one at a time: a build into a folder another process holds stops, naming it", async () => {
    // The lock as a running build leaves it (scripts/build-lock.ts): its pid, here a process that waits.
    const holder = spawn("sleep", ["60"], { stdio: "ignore" });
    const gone = new Promise((ok) => holder.on("close", ok));
    writeFileSync(join(root, ".site.lock"), String(holder.pid));
    try {
      const blocked = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", join(root, "site")], { env: env(cache), encoding: "utf8" });
      assert.notEqual(blocked.status, 0, "the build stopped");
      assert.match(blocked.stderr, new RegExp(`another build \\(process ${holder.pid}\\) is writing`));
      assert.ok(!existsSync(join(root, "site.next")), "it wrote nothing");
    } finally {
      holder.kill();
      await gone;
    }
    // Its process gone, the lock is stale: the next build takes it, and lets it go when done.
    build("site", cache);
    assert.ok(!existsSync(join(root, ".site.lock")));
  });

  it("builds into a folder whose parent does not exist yet", () => {
    build("new/parent/site", cache);
    assert.ok(existsSync(join(root, "new", "parent", "site", "index.html")));
    assert.ok(!existsSync(join(root, "new", "parent", ".site.lock")), "its lock is let go");
  });

  it("killed after writing its journal is finished by the next build, which then has nothing to render", () => {
    const before = treeHash(join(root, "site"));
    appendFileSync(join(content, files(content).filter((f) => f.endsWith(".txt"))[2]!), "\n再补充一段文字。\n");
    const dead = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", join(root, "site")], { env: { ...env(cache), GAZETTE_DIE_AFTER_JOURNAL: "1" }, encoding: "utf8" });
    assert.equal(dead.status, 75, dead.stderr);
    assert.equal(treeHash(join(root, "site")), before, "the journal is not applied yet");
    const built = build("site", cache);
    assert.equal(built.rendered, 0, "the journal carried the pages: nothing is left to render");
    build("journal-full", "off");
    assertSameTree("journal-full", "site");
  });
});

describe("a build on a CI matrix", () => {
  it("renders the site in parts, each into its own folder; merged and indexed, they equal a full build", () => {
    build("parts-full", "off");
    const merged = join(root, "parts-merged");
    for (const part of ["1/3", "2/3", "3/3"]) {
      const dir = join(root, `part-${part[0]}`);
      const res = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", dir, "--part", part], { env: env("off"), encoding: "utf8" });
      assert.equal(res.status, 0, res.stderr);
      assert.ok(files(dir).length > 0, `part ${part} rendered nothing`);
      // Parts never write the same file.
      for (const f of files(dir)) assert.ok(!existsSync(join(merged, f)), `${f} is in two parts`);
      cpSync(dir, merged, { recursive: true });
    }
    const index = spawnSync(process.execPath, ["--import", "tsx", "scripts/search-index.ts", merged], { env: env("off"), encoding: "utf8" });
    assert.equal(index.status, 0, index.stderr);
    assertSameTree("parts-full", "parts-merged");
  });
});
