// How a build that indexes while it renders cuts its render set (src/site/render-plan.ts): articles
// first, shard by shard, so that each shard can be indexed as soon as its last page is written.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { emptyRenderSet, sliceRenderSetByShard, type RenderSet } from "../../src/site/render-plan.ts";
import type { Article, Issue } from "../../src/archive/types.ts";

/** A render set of articles (their shard in the url) and issues; nothing else is read by the slicer. */
function renderSet(shardsOfArticles: number[], issues: number): RenderSet {
  const set = emptyRenderSet();
  set.articles = shardsOfArticles.map((s, i) => ({ url: `/p/${s}/${i}/` }) as unknown as Article);
  set.issues = Array.from({ length: issues }, (_, i) => ({ url: `/p/issue/${i}/` }) as unknown as Issue);
  return set;
}
const shardOf = (a: Article) => Number(a.url.split("/")[2]);
const urls = (slices: RenderSet[]) => slices.map((s) => [...s.articles, ...s.issues].map((n) => n.url));

describe("the render slices of a build that indexes while it renders", () => {
  it("put the articles first, shard by shard, and end a slice at a shard's end once it holds the minimum", () => {
    // Shards given out of order: 1, 0, 1, 0, 2, 0, 1, 2, 2.
    const slices = sliceRenderSetByShard(renderSet([1, 0, 1, 0, 2, 0, 1, 2, 2], 2), shardOf, 100, 3);
    assert.deepEqual(urls(slices), [
      ["/p/0/1/", "/p/0/3/", "/p/0/5/"],
      ["/p/1/0/", "/p/1/2/", "/p/1/6/"],
      ["/p/2/4/", "/p/2/7/", "/p/2/8/"],
      ["/p/issue/0/", "/p/issue/1/"],
    ]);
  });

  it("end a slice after the first shard and after the last, whatever they hold", () => {
    // The first shard is indexed while the rest renders, the last while the other nodes render.
    const slices = sliceRenderSetByShard(renderSet([1, 0, 1, 2, 1, 3, 2], 2), shardOf, 100, 3);
    assert.deepEqual(urls(slices), [
      ["/p/0/1/"],
      ["/p/1/0/", "/p/1/2/", "/p/1/4/"],
      ["/p/2/3/", "/p/2/6/", "/p/3/5/"],
      ["/p/issue/0/", "/p/issue/1/"],
    ]);
  });

  it("never exceed the maximum, and hold every node once", () => {
    const shards = Array.from({ length: 50 }, (_, i) => (i * 7) % 4);
    const slices = sliceRenderSetByShard(renderSet(shards, 13), shardOf, 8, 5);
    for (const s of slices) assert.ok(s.articles.length + s.issues.length <= 8);
    const all = urls(slices).flat();
    assert.equal(all.length, 63);
    assert.equal(new Set(all).size, 63);
    // Articles come in shard order, and no slice mixes two shards once it holds the minimum before the second.
    const order = slices.flatMap((s) => s.articles.map(shardOf));
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
    for (const s of slices) {
      const kinds = s.articles.map(shardOf);
      for (let i = 1; i < kinds.length; i++) if (kinds[i] !== kinds[i - 1]) assert.ok(i < 5, `a slice of ${i} articles went on into the next shard`);
      assert.ok(!s.articles.length || !s.issues.length, "an article and another node in one slice");
    }
  });

  it("give one empty slice for an empty set (the run that writes the shared pages)", () => {
    assert.deepEqual(urls(sliceRenderSetByShard(emptyRenderSet(), shardOf, 10, 2)), [[]]);
  });
});
