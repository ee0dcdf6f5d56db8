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
// merged indexes (the newest shard is the primary index, mergeIndex adds the others), so the results
// come back in one list sorted by relevance and the filters count across every shard. Sorted by a
// field (date), Pagefind scores each shard's results by their place in that shard's own order, which
// cannot be compared across shards; but the shards are disjoint ranges of days, so the exact order is
// each shard's order, shard after shard. Each shard's results carry a hidden filter naming the shard
// (Pagefind's mergeFilter), so a sorted search asks for each shard's results in turn (one search each,
// on index chunks already loaded) and puts them one after another in the direction of the sort. The
// search UI asks for a progressive instance: the newest shards answer first (sharded() below).
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
/** The shards, oldest first ([{ name, from, to, articles, path }]), and the first answer's budget. */
function shardList() {
  manifest ??= fetch(`${ROOT}shards.json`)
    .then((r) => (r.ok ? r.json() : { shards: [] }))
    .then((m) => ({ shards: m.shards.map((s) => ({ ...s, path: `${ROOT}shards/${s.name}/` })), firstArticles: m.firstArticles ?? Infinity }));
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

/** Whether the page asked for every shard's filter counts (the event gazette:load-filters, see sharded()). */
let filtersWanted = false;
if (typeof addEventListener === "function") addEventListener("gazette:load-filters", () => (filtersWanted = true));

/** Whether the page has filter controls (the search page; not the header's box on other pages). */
const showsFilters = () => typeof document === "undefined" || document.querySelector("pagefind-filter-dropdown, pagefind-filter-pane") !== null;

/**
 * The newest shards a progressive search answers from first (newest first): added while they hold at
 * most `budget` articles together, at least one (shards.json's firstArticles, scripts/search-index.ts);
 * and the others, newest first.
 */
export function firstShards(shards, budget) {
  const newest = [...shards].reverse();
  let n = 0;
  let k = 0;
  while (k < newest.length && (k === 0 || n + (newest[k].articles ?? 0) <= budget)) n += newest[k++].articles ?? 0;
  return { first: newest.slice(0, k), rest: newest.slice(k) };
}

/**
 * One Pagefind instance over the shards: the newest is the primary index, mergeIndex adds the others.
 * With `progressive: true` (the search UI, assets/js/site.js), a cold search answers from the newest
 * shards (firstShards), marked `partial: { articles, from, to, complete }`, unless they hold no result
 * or the search is sorted oldest first (whose list the newest shards do not begin).
 * Whoever shows that answer calls `partial.complete()` once its first results are on screen (so that
 * the other shards do not compete with them): the other shards are merged, and the event
 * `gazette:search-complete` on window tells the UI to ask again; from then on every answer is complete.
 * Without `progressive`, every shard is merged before the first search.
 */
function sharded(options) {
  const { basePath: _ignored, progressive = false, ...opts } = options;
  const merge = (instance, s) => instance.mergeIndex(s.path, { ...opts, mergeFilter: { [SHARD]: s.name } });
  // All at once: Pagefind adds each index to its list when asked, in the order asked (so the same
  // instance as one by one), then loads its entry and metadata; one by one, a shard's loading waited
  // for the last one's (20–35 ms a shard here; the complete answer over the 99 shards of 100,000
  // articles took 3.5–4.0 s merged at once, 4.1–4.7 s one by one).
  const mergeAll = (instance, list) => Promise.all(list.map((s) => merge(instance, s)));
  let begun = null;
  let finished = null;
  // The instance with the first answer's shards merged.
  const begin = () =>
    (begun ??= shardList().then(async ({ shards, firstArticles }) => {
      const { first, rest } = firstShards(shards, firstArticles);
      // The primary's shard filter goes with its creation: Pagefind applies it as the index loads,
      // where options() would wait for the loaded index (polled every 50 ms) before the others are merged.
      const primary = first.length ? { basePath: first[0].path, mergeFilter: { [SHARD]: first[0].name } } : { basePath: ROOT };
      const instance = pagefind.createInstance({ ...opts, ...primary });
      await mergeAll(instance, first.slice(1));
      return { instance, shards: first, rest, all: shards };
    }));
  // The same instance with every shard merged.
  const finish = () =>
    (finished ??= begin().then(async ({ instance, shards, rest, all }) => {
      await mergeAll(instance, rest);
      // The filter counts of a complete answer count every shard: Pagefind counts the filter chunks it
      // has loaded. A progressive instance loads them when a reader turns to the filters (loadFilters).
      if (!progressive && rest.length && showsFilters()) await instance.filters();
      return { instance, shards: [...shards, ...rest], rest: [], all };
    }));
  // Every shard's filter chunks (about 110 kB a shard of 10,000 articles: 1.1 MB of the 3 MB a complete
  // answer fetched at 100,000 articles), loaded by a progressive instance only when the page asks
  // (the event gazette:load-filters: a reader turned to the filters, or the URL holds one); then
  // gazette:filters-loaded tells the UI to ask again, and the answers count every shard.
  let filtersLoaded = null;
  const loadFilters = () =>
    (filtersLoaded ??= finish().then(async ({ instance }) => {
      await instance.filters();
      if (typeof dispatchEvent === "function") dispatchEvent(new CustomEvent("gazette:filters-loaded"));
    }));
  // An instance in use loads them when asked; one that begins later, once its answer is complete.
  if (progressive && typeof addEventListener === "function") addEventListener("gazette:load-filters", () => begun && void loadFilters());
  const current = () => (finished ?? (progressive ? begin() : finish()));
  let told = false;
  const complete = () =>
    finish().then(() => {
      if (filtersWanted) void loadFilters();
      if (!told && typeof dispatchEvent === "function") dispatchEvent(new CustomEvent("gazette:search-complete"));
      told = true;
    });

  async function searchIn(state, term, o) {
    const { instance } = state;
    const dir = directionOf(o);
    const base = await instance.search(term, o);
    if (!base || !base.results) return base;
    const out = { ...base, filters: hideShard(base.filters), totalFilters: hideShard(base.totalFilters) };
    if (state.rest.length) {
      const covered = state.shards.map((s) => s.name);
      const inFirst = state.all.filter((s) => covered.includes(s.name));
      out.partial = { articles: inFirst.reduce((n, s) => n + (s.articles ?? 0), 0), from: inFirst[0]?.from ?? "", to: inFirst.at(-1)?.to ?? "", complete };
    }
    if (!dir || state.shards.length < 2) return out;
    // Sorted: each shard's results in Pagefind's order for that shard, shard after shard in the
    // direction of the sort (the shards are consecutive ranges of days).
    const names = state.all.map((s) => s.name).filter((n) => state.shards.some((s) => s.name === n));
    const order = dir === "desc" ? [...names].reverse() : names;
    const parts = await Promise.all(order.map((n) => instance.search(term, { ...o, filters: { ...(o.filters || {}), [SHARD]: [n] } })));
    return { ...out, results: parts.flatMap((p) => (p && p.results) || []) };
  }
  async function search(term, o = {}) {
    // Oldest first, the newest shards' results are not the beginning of the list: wait for every shard.
    if (directionOf(o) === "asc") return searchIn(await finish(), term, o);
    const state = await current();
    const answer = await searchIn(state, term, o);
    if (!state.rest.length) return answer;
    // Nothing in the newest shards is not "nothing found": such a search waits for every shard.
    if (answer && answer.results && !answer.results.length) return searchIn(await finish(), term, o);
    return answer;
  }
  return {
    options: async (o) => {
      Object.assign(opts, o);
      await (await current()).instance.options(o);
    },
    init: async () => (await current()).instance.init(),
    destroy: async () => {
      if (begun) await (await begun).instance.destroy();
      begun = finished = filtersLoaded = null;
      told = false;
    },
    mergeIndex: async (path, o) => (await finish()).instance.mergeIndex(path, o),
    search,
    debouncedSearch: async (term, o = {}, ms) => {
      await new Promise((r) => setTimeout(r, ms ?? 300));
      return search(term, o);
    },
    preload: async (term, o = {}) => (await current()).instance.preload(term, o),
    // Pagefind loads every shard's filter chunks for filters() (about 110 kB a shard of 10,000 articles),
    // and the search UI asks for them as it loads, before its first search, even for the header's search
    // box, which shows none: a page without filter controls gets no filters and fetches none. A
    // progressive instance gives none until it is complete, so that the first answer does not wait for
    // them; the complete answer brings every shard's counts (finish() loads them).
    filters: async () => {
      if (!showsFilters()) return {};
      const state = await current();
      if (progressive && !filtersLoaded) return {};
      return state.rest.length ? {} : hideShard(await state.instance.filters());
    },
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
