// Pagefind for Chinese text: the bundle the search UI loads (<pagefind-config bundle-path="/assets/search/">).
//
// The index holds every CJK character and digit as a word of its own (scripts/search-index.ts). This
// module wraps Pagefind's own pagefind.js and turns a query into the phrase of its characters:
// 传贯彻 -> "传 贯 彻", which Pagefind matches as consecutive words, that is, as a substring of the
// text. A query of several parts (split by spaces or punctuation) finds the articles that hold every
// part; words of other scripts (GDP, Guilin) stay whole. Everything else is Pagefind's.
//
// The index is split into shards, each a run of consecutive days (scripts/search-index.ts), listed
// oldest first in /pagefind/shards.json. An instance made here searches them all as one: Pagefind's
// merged indexes (the oldest shard is the primary index, mergeIndex adds the others), so the results
// come back in one list sorted by relevance and the filters count across every shard. Sorted by a
// field (date), Pagefind scores each shard's results by their place in that shard's own order, which
// cannot be compared across shards; but the shards are disjoint ranges of days, so the exact order is
// each shard's order, shard after shard. Each shard's results carry a hidden filter naming the shard
// (Pagefind's mergeFilter), so a sorted search asks for each shard's results in turn (one search each,
// on index chunks already loaded) and puts them one after another in the direction of the sort.
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

const ROOT = new URL("../../pagefind/", import.meta.url).pathname;
/** The filter each shard's results carry (Pagefind's mergeFilter), never shown to readers. */
const SHARD = "__shard";
let manifest = null;
/** The shards, oldest first: [{ name, path }]. */
function shardList() {
  manifest ??= fetch(`${ROOT}shards.json`)
    .then((r) => (r.ok ? r.json() : { shards: [] }))
    .then((m) => m.shards.map((s) => ({ name: s.name, path: `${ROOT}shards/${s.name}/` })));
  return manifest;
}

/** The direction of a sorted search ("asc" / "desc"), or null for relevance. */
function directionOf(options) {
  const sort = options && options.sort;
  if (!sort || !Object.keys(sort).length) return null;
  return Object.values(sort)[0] === "asc" ? "asc" : "desc";
}

/** Filter counts without the shard filter. */
function hideShard(filters) {
  if (!filters || !(SHARD in filters)) return filters;
  const { [SHARD]: _s, ...rest } = filters;
  return rest;
}

/** Whether the page has filter controls (the search page; not the header's box on other pages). */
const showsFilters = () => typeof document === "undefined" || document.querySelector("pagefind-filter-dropdown, pagefind-filter-pane") !== null;

/** One Pagefind instance over every shard: the oldest is the primary index, mergeIndex adds the others. */
function sharded(options) {
  const { basePath: _ignored, ...opts } = options;
  let made = null;
  const get = () =>
    (made ??= shardList().then(async (shards) => {
      const [first, ...rest] = shards;
      const instance = pagefind.createInstance({ ...opts, basePath: first ? first.path : ROOT });
      if (first) await instance.options({ mergeFilter: { [SHARD]: first.name } });
      for (const s of rest) await instance.mergeIndex(s.path, { ...opts, mergeFilter: { [SHARD]: s.name } });
      return { instance, names: shards.map((s) => s.name) };
    }));
  async function search(term, o = {}) {
    const { instance, names } = await get();
    const dir = directionOf(o);
    const base = await instance.search(term, o);
    if (!base || !base.results) return base;
    const out = { ...base, filters: hideShard(base.filters), totalFilters: hideShard(base.totalFilters) };
    if (!dir || names.length < 2) return out;
    // Sorted: each shard's results in Pagefind's order for that shard, shard after shard in the
    // direction of the sort (the shards are consecutive ranges of days).
    const order = dir === "desc" ? [...names].reverse() : names;
    const parts = await Promise.all(order.map((n) => instance.search(term, { ...o, filters: { ...(o.filters || {}), [SHARD]: [n] } })));
    return { ...out, results: parts.flatMap((p) => (p && p.results) || []) };
  }
  return {
    options: async (o) => {
      Object.assign(opts, o);
      await (await get()).instance.options(o);
    },
    init: async () => (await get()).instance.init(),
    destroy: async () => {
      if (made) await (await made).instance.destroy();
      made = null;
    },
    mergeIndex: async (path, o) => (await get()).instance.mergeIndex(path, o),
    search,
    debouncedSearch: async (term, o = {}, ms) => {
      await new Promise((r) => setTimeout(r, ms ?? 300));
      return search(term, o);
    },
    preload: async (term, o = {}) => (await get()).instance.preload(term, o),
    // Pagefind loads every shard's filter chunks for filters() (about 40 kB a shard at 10,000 articles,
    // 110 kB at 100,000), and the search UI asks for them as it loads, even for the header's search box,
    // which shows none: a page without filter controls gets no filters and fetches none.
    filters: async () => (showsFilters() ? hideShard(await (await get()).instance.filters()) : {}),
  };
}

export function createInstance(options = {}) {
  return wrap(sharded(options));
}

let defaultInstance = null;
const instance = () => (defaultInstance ??= createInstance({}));
export const options = (o) => instance().options(o);
export const init = () => instance().init();
export const destroy = async () => {
  if (defaultInstance) await defaultInstance.destroy();
  defaultInstance = null;
};
export const mergeIndex = (path, o) => instance().mergeIndex(path, o);
export const filters = () => instance().filters();
export const preload = (term, o) => instance().preload(term, o);
export const search = (term, o) => instance().search(term, o);
export const debouncedSearch = (term, o, ms) => instance().debouncedSearch(term, o, ms);
