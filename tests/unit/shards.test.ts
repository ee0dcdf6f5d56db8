// How the articles are grouped into search shards (groupShards, scripts/search-index.ts): runs of
// consecutive days of one year, cut at the start of a day once full, and the newest shard, while it
// fills, in pieces (its newest day alone), so that adding a page to the newest issue re-indexes only
// the piece that holds it.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { groupShards, OPEN_SHARD_PIECES, type Shard } from "../../scripts/search-index.ts";

/** For each [day (yyyy-mm-dd), n] pair, n articles of that day, in the site's path layout. */
function articles(days: [string, number][]): { file: string; day: string }[] {
  return days.flatMap(([day, n]) => Array.from({ length: n }, (_, i) => ({ file: `p/${day.replaceAll("-", "/")}/01/a${String(i).padStart(3, "0")}/index.html`, day })));
}
const days = (from: string, count: number, perDay: number): [string, number][] =>
  Array.from({ length: count }, (_, i) => [new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10), perDay]);
const summary = (shards: Shard[]) => shards.map((s) => `${s.name} ${s.from}..${s.to} ${s.files.length}`);

describe("the search shards", () => {
  it("cut a year at the start of a day once the shard is full, never across years, and hold every article once, in order", () => {
    const list = articles([...days("2022-12-28", 4, 30), ...days("2023-01-01", 13, 20)]);
    const shards = groupShards(list, 100);
    // 2022: 120 articles, one full shard (a day is not cut); 2023: 260, two full shards and the open 60 in pieces of 25.
    assert.deepEqual(summary(shards), [
      "2022 2022-12-28..2022-12-31 120",
      "2023 2023-01-01..2023-01-05 100",
      "2023-2 2023-01-06..2023-01-10 100",
      "2023-3.1 2023-01-11..2023-01-12 40",
      "2023-3.2 2023-01-13..2023-01-13 20",
    ]);
    assert.deepEqual(
      shards.flatMap((s) => s.files),
      list.map((a) => a.file),
    );
  });

  it("cut a day larger than a shard within itself, but not one larger than a piece", () => {
    const shards = groupShards(articles([["2023-05-01", 250], ["2023-05-02", 10], ["2023-05-03", 30]]), 100);
    assert.deepEqual(summary(shards), [
      "2023 2023-05-01..2023-05-01 100",
      "2023-2 2023-05-01..2023-05-01 100",
      "2023-3.1 2023-05-01..2023-05-01 50",
      "2023-3.2 2023-05-02..2023-05-02 10",
      "2023-3.3 2023-05-03..2023-05-03 30",
    ]);
  });

  it("leave a past year's last shard whole however small, and piece only the newest, once it holds more than a quarter", () => {
    const shards = groupShards(articles([...days("2022-12-30", 2, 10), ...days("2023-01-01", 3, 10)]), 100);
    assert.deepEqual(summary(shards), ["2022 2022-12-30..2022-12-31 20", "2023.1 2023-01-01..2023-01-02 20", "2023.2 2023-01-03..2023-01-03 10"]);
    // A quarter (25) or less: one piece, its newest day with the others.
    assert.deepEqual(summary(groupShards(articles(days("2023-01-01", 2, 10)), 100)), ["2023.1 2023-01-01..2023-01-02 20"]);
    assert.deepEqual(summary(groupShards(articles([["2023-01-01", 15], ["2023-01-02", 10]]), 100)), ["2023.1 2023-01-01..2023-01-02 25"]);
  });

  it("change only the newest day's piece when a page is added to it, and make one shard of the pieces once full", () => {
    const max = 100;
    assert.equal(OPEN_SHARD_PIECES, 4);
    const before = groupShards(articles(days("2023-03-01", 8, 10)), max);
    assert.deepEqual(summary(before), [
      "2023.1 2023-03-01..2023-03-03 30",
      "2023.2 2023-03-04..2023-03-06 30",
      "2023.3 2023-03-07..2023-03-07 10",
      "2023.4 2023-03-08..2023-03-08 10",
    ]);
    const added = articles(days("2023-03-01", 8, 10));
    added.push({ file: "p/2023/03/08/02/a000/index.html", day: "2023-03-08" });
    const after = groupShards(added, max);
    assert.deepEqual(after.slice(0, -1), before.slice(0, -1));
    assert.equal(after.at(-1)!.name, before.at(-1)!.name);
    assert.equal(after.at(-1)!.files.length, before.at(-1)!.files.length + 1);
    // A new day: the day before joins the last quarter piece, the other pieces stay as they were.
    const nextDay = groupShards(articles(days("2023-03-01", 9, 10)), max);
    assert.deepEqual(nextDay.slice(0, 2), before.slice(0, 2));
    assert.deepEqual(summary(nextDay).slice(2), ["2023.3 2023-03-07..2023-03-08 20", "2023.4 2023-03-09..2023-03-09 10"]);
    // Two more days fill the shard: one shard, no pieces, and the next day opens the next one.
    assert.deepEqual(summary(groupShards(articles(days("2023-03-01", 11, 10)), max)), ["2023 2023-03-01..2023-03-10 100", "2023-2.1 2023-03-11..2023-03-11 10"]);
  });
});
