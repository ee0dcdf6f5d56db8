// Incremental builds: with the caches of an earlier build (parsed pages, indexed search shards), adding,
// changing or removing a page file gives output byte-identical to a full build of the same content
// without any cache, and only the shards whose pages changed are indexed again.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addPage, generateArchive } from "../../scripts/bench/archive.ts";

const root = mkdtempSync(join(tmpdir(), "gazette-incr-"));
const content = join(root, "content");
const cache = join(root, "cache");

/** Builds content/ into root/<name>; returns the index step's log line. */
function build(name: string, cacheDir: string): string {
  const res = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", join(root, name)], {
    env: { ...process.env, GAZETTE_CONTENT: content, GAZETTE_QUIET: "1", GAZETTE_SHARD_MAX: "15", GAZETTE_CACHE: cacheDir },
    encoding: "utf8",
  });
  assert.equal(res.status, 0, res.stderr);
  return res.stdout.split("\n").find((l) => l.includes("search index:")) ?? "";
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

function assertSameTree(a: string, b: string): void {
  const fa = files(join(root, a));
  assert.deepEqual(files(join(root, b)), fa);
  for (const f of fa) assert.ok(readFileSync(join(root, a, f)).equals(readFileSync(join(root, b, f))), f);
}

const shardsOf = (line: string) => Number(/in (\d+) shard/.exec(line)?.[1]);
const indexedOf = (line: string) => Number(/(\d+) indexed/.exec(line)?.[1]);

before(() => {
  generateArchive(root, 90, 11);
  build("first", cache);
});

after(() => rmSync(root, { recursive: true, force: true }));

describe("an incremental build", () => {
  it("caches every parsed page on disk", () => {
    const pages = files(content).filter((f) => f.endsWith(".txt")).length;
    assert.equal(files(join(cache, "parse")).length, pages);
  });

  it("re-indexes nothing when nothing changed, and writes the same site", () => {
    const line = build("again", cache);
    assert.ok(shardsOf(line) >= 4, line);
    assert.equal(indexedOf(line), 0, line);
    assertSameTree("first", "again");
  });

  it("after adding a page, re-indexes its shard only and equals a full build", () => {
    const added = addPage(content, 11);
    assert.match(added, /\.txt$/);
    const line = build("added", cache);
    assert.equal(indexedOf(line), 1, line);
    build("added-full", "off");
    assertSameTree("added-full", "added");
  });

  it("after changing and removing pages, equals a full build", () => {
    const txt = files(content).filter((f) => f.endsWith(".txt"));
    appendFileSync(join(content, txt[0]!), "\n新增的一段文字，记者补充报道。\n");
    rmSync(join(content, txt[txt.length - 1]!));
    const line = build("changed", cache);
    assert.ok(indexedOf(line) >= 1 && indexedOf(line) <= 2, line);
    build("changed-full", "off");
    assertSameTree("changed-full", "changed");
  });
});
