// Pruning of the build caches (.cache/parse/ and .cache/search/): they grow with every page and shard
// that changes, so a build removes, now and then, the entries it did not use and no build has written
// for a long time. An entry this build used always stays, however old its file.
import { existsSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Days an entry no build uses stays: long enough for a branch or a content folder left for a month. */
export const CACHE_KEEP_DAYS = 30;
/** Hours between two prunings: a pruning costs a stat per entry (20,000 at 100,000 articles). */
export const PRUNE_EVERY_HOURS = 24;

const DAY = 24 * 3600 * 1000;

/**
 * Removes the entries of `root`/parse (`<xx>/<key>.v8`, or `.json` as earlier builds wrote them) and
 * `root`/search (`<key>/`) that are not in `used` and older than CACHE_KEEP_DAYS, at most once every
 * PRUNE_EVERY_HOURS. Returns how many went.
 */
export function pruneCache(root: string, used: { parse: Set<string>; search: Set<string> }, now = Date.now()): number {
  const stamp = join(root, "pruned");
  if (!existsSync(root)) return 0;
  if (existsSync(stamp) && now - statSync(stamp).mtimeMs < PRUNE_EVERY_HOURS * 3600 * 1000) return 0;
  const old = (p: string) => now - statSync(p).mtimeMs > CACHE_KEEP_DAYS * DAY;
  let removed = 0;
  const parse = join(root, "parse");
  if (existsSync(parse)) {
    for (const sub of readdirSync(parse)) {
      for (const name of readdirSync(join(parse, sub))) {
        const p = join(parse, sub, name);
        if (!used.parse.has(name.replace(/\.(?:v8|json)$/, "")) && old(p)) rmSync(p, { force: true }), removed++;
      }
    }
  }
  const search = join(root, "search");
  if (existsSync(search)) {
    for (const name of readdirSync(search)) {
      const p = join(search, name);
      if (!used.search.has(name) && old(p)) rmSync(p, { recursive: true, force: true }), removed++;
    }
  }
  writeFileSync(stamp, "");
  utimesSync(stamp, now / 1000, now / 1000);
  return removed;
}
