// The article records of a built site (its JSON Lines export), for the browser tests that read _site/.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Every record of `site`/export/records.jsonl, or none when the site is not built yet (the tests' before() says so). */
export function readRecords<T>(site: string): T[] {
  const file = join(site, "export/records.jsonl");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

/** The headline of the real sample page's first article, the one the browser tests open. */
export const SAMPLE_HEADLINE = "创新品牌赋动能";
