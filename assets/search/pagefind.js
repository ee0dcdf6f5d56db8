// Pagefind for Chinese text: the bundle the search UI loads (<pagefind-config bundle-path="/assets/search/">).
//
// The index holds every CJK character and digit as a word of its own (scripts/search-index.ts). This
// module wraps Pagefind's own pagefind.js and turns a query into the phrase of its characters:
// 传贯彻 -> "传 贯 彻", which Pagefind matches as consecutive words, that is, as a substring of the
// text. A query of several parts (split by spaces or punctuation) finds the articles that hold every
// part; words of other scripts (GDP, Guilin) stay whole. Everything else is Pagefind's.
import * as pagefind from "../../pagefind/pagefind.js";

const UNIT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Nd}]/u;
const SEPARATOR = /[\s\p{P}\p{S}]+/u;

/** The parts of a query, each a list of words: "象山区 党建" -> [["象","山","区"], ["党","建"]]. */
export function queryParts(term) {
  const parts = [];
  for (const chunk of String(term).split(SEPARATOR)) {
    if (!chunk) continue;
    const words = [];
    let latin = "";
    for (const ch of chunk) {
      if (UNIT.test(ch)) {
        if (latin) words.push(latin), (latin = "");
        words.push(ch);
      } else latin += ch;
    }
    if (latin) words.push(latin);
    if (words.length) parts.push(words);
  }
  return parts;
}

const hasUnit = (term) => typeof term === "string" && UNIT.test(term);
const phrase = (words) => `"${words.join(" ")}"`;

function wrap(instance) {
  async function search(term, options = {}) {
    if (!hasUnit(term)) return instance.search(term, options);
    const parts = queryParts(term);
    if (parts.length === 1) return instance.search(phrase(parts[0]), options);
    // Several parts: each is searched as a phrase, and an article must hold them all. The first
    // part's search gives the order (relevance or the chosen sort), its excerpt and its filter counts.
    const all = await Promise.all(parts.map((p) => instance.search(phrase(p), options)));
    const [first, ...rest] = all;
    if (!first || !first.results) return first;
    const keep = rest.map((r) => new Set((r?.results ?? []).map((x) => x.id)));
    const results = first.results.filter((x) => keep.every((s) => s.has(x.id)));
    return { ...first, results, unfilteredResultCount: results.length };
  }
  return {
    ...instance,
    search,
    debouncedSearch: async (term, options, ms) => {
      await new Promise((r) => setTimeout(r, ms ?? 300));
      return search(term, options);
    },
  };
}

export function createInstance(options = {}) {
  const basePath = new URL("../../pagefind/", import.meta.url).pathname;
  return wrap(pagefind.createInstance({ ...options, basePath }));
}

export const { options, init, destroy, mergeIndex, filters, preload } = pagefind;
const defaultInstance = { search: pagefind.search };
export const search = (term, opts) => wrap(defaultInstance).search(term, opts);
export const debouncedSearch = (term, opts, ms) => wrap(defaultInstance).debouncedSearch(term, opts, ms);
