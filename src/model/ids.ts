import { createHash } from "node:crypto";

/**
 * An article's id: a short hash of the paper, date, page and headline. It does not depend on the
 * article's position, so adding or re-splitting other articles on the page leaves it unchanged.
 */
export function articleId(paper: string, date: string, page: string, headline: string): string {
  const key = [paper, date, page, headline.replace(/\s+/g, "")].join("\u001f");
  return createHash("sha256").update(key).digest("hex").slice(0, 10);
}

/** Two articles with one headline on one page: the later ones get -2, -3, … in reading order. */
export function uniqueIds(ids: string[]): string[] {
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}-${n}`;
  });
}
