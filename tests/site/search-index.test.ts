// The search index's workers (ShardIndexer, scripts/search-index.ts) on a site of small generated
// article pages: shards sent ahead to a worker are indexed one after the other; a worker that fails
// fails its shards, the build's wait for them ends with an error naming the shard, and abandoning the
// index stops every worker, the shards still queued included.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ShardIndexer, planShards, type Shard } from "../../scripts/search-index.ts";

const root = mkdtempSync(join(tmpdir(), "gazette-index-"));
// Every shard is indexed here, none taken from a cache of indexed shards.
process.env.GAZETTE_CACHE = "off";
after(() => rmSync(root, { recursive: true, force: true }));

/** A site of `days` days of `perDay` article pages each, in shards of `max` (more than a build indexes in its own process). */
function site(name: string, days: number, perDay: number, max: number): { dir: string; shards: Shard[] } {
  const dir = join(root, name);
  for (let d = 1; d <= days; d++) {
    for (let i = 0; i < perDay; i++) {
      const page = join(dir, "p", "2023", "01", String(d).padStart(2, "0"), "01", `a${i}`);
      mkdirSync(page, { recursive: true });
      writeFileSync(join(page, "index.html"), `<!doctype html><html lang="zh-CN"><head><title>t</title></head><body><article data-pagefind-body><h1>第${d}日 文章${i}</h1><p>报道${d}号${i}</p></article></body></html>`);
    }
  }
  return { dir, shards: planShards(dir, max) };
}

/** This process's index workers still running. */
function workers(): string[] {
  const ps = spawnSync("ps", ["-o", "args=", "--ppid", String(process.pid)], { encoding: "utf8" }).stdout.split("\n");
  return ps.filter((l) => l.includes("search-index.ts --worker"));
}

describe("the index workers", () => {
  it("index every shard, several sent to one worker ahead", async () => {
    const { dir, shards } = site("ok", 3, 60, 60);
    assert.equal(shards.length, 3);
    const indexer = new ShardIndexer(dir, undefined, 1, 2);
    for (const s of shards) indexer.add(s);
    await indexer.finish(shards);
    assert.deepEqual(workers(), [], "the workers end with the index");
    assert.deepEqual(indexer.indexed.map((s) => s.name).sort(), shards.map((s) => s.name).sort());
    for (const s of shards) assert.ok(existsSync(join(dir, "pagefind", "shards", s.name, "pagefind-entry.json")), s.name);
  });

  it("fail the build naming the shard when a worker fails, and stop when abandoned, queued shards included", async () => {
    const { dir, shards } = site("bad", 3, 60, 60);
    // A page that is not there: the worker indexing the first shard fails on it.
    shards[0]!.files.push("p/2023/01/01/01/missing/index.html");
    const indexer = new ShardIndexer(dir, undefined, 1, 0);
    for (const s of shards) indexer.add(s);
    await assert.rejects(indexer.finish(shards), new RegExp(`shard ${shards[0]!.name} failed`));
    await indexer.abandon();
    assert.deepEqual(workers(), []);
  });
});
