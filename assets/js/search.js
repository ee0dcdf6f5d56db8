// The search page: Pagefind's Component UI does the searching and filtering; this script lists the
// results a page at a time, keeps the query, the sort and the filters in the URL
// (?q=象山区&sort=date:desc&paper=桂林日报) so that a search can be shared, reads them back on load, and
// offers sorting by date besides relevance.
import { resultItem } from "./results.js";

const FILTERS = ["paper", "year", "month", "page", "rubric", "author"];

/** A label with its [PLACEHOLDERS] filled from `values` (one pass: a value is never read as a placeholder). */
const fill = (label, values) => (label ?? "").replace(/\[([A-Z]+)\]/g, (m, k) => (k in values ? String(values[k]) : m));

/** What Pagefind's filter dropdown tells screen readers while the filters load (replaced by the page's own label). */
const PAGEFIND_LOADING = "Loading filter options...";

/**
 * Results shown at a time. Pagefind's <pagefind-results> puts a placeholder and an observer in the page
 * for every result at once, and a common word in a large archive has tens of thousands (发展: 47,000 at
 * 100,000 articles), which froze the page for a minute; a reader looks at the first few dozen.
 */
const PAGE = 20;

/**
 * The results in `list`, PAGE at a time: their fragments are fetched together and each is drawn, in
 * order, as soon as it and those before it are in. `more` shows the next PAGE. Another answer to the
 * query already shown (the complete one after the first, another sort or filter) is swapped in whole,
 * as many results as were shown, so that the page does not jump under the reader.
 */
function resultList(instance, list, more) {
  let results = [];
  let shown = 0;
  let term = null; // the query the list shows
  let answer = 0; // which answer is being drawn: the fragments of an earlier one are dropped
  const fragments = (from, to) => results.slice(from, to).map((r) => r.data().catch(() => null));
  const item = (data) => (data ? resultItem(data, term) : null);

  async function showMore(mine) {
    const first = list.children.length;
    const pending = fragments(shown, shown + PAGE);
    shown += pending.length;
    more.hidden = true;
    list.setAttribute("aria-busy", "true");
    for (const p of pending) {
      const li = item(await p);
      if (mine !== answer) return null;
      if (li) list.append(li);
    }
    list.setAttribute("aria-busy", "false");
    more.hidden = shown >= results.length;
    return list.children[first] ?? null;
  }

  async function draw(r) {
    const mine = ++answer;
    results = r?.results ?? [];
    const again = term === instance.searchTerm && list.children.length > 0;
    term = instance.searchTerm;
    if (again) {
      const data = await Promise.all(fragments(0, Math.max(PAGE, shown)));
      if (mine !== answer) return;
      shown = data.length;
      list.replaceChildren(...data.map(item).filter(Boolean));
      list.setAttribute("aria-busy", "false");
      more.hidden = shown >= results.length;
    } else {
      shown = 0;
      list.replaceChildren();
      await showMore(mine);
    }
    // A first answer from the newest shards only: its results are on screen, now load the others.
    r?.partial?.complete?.();
  }

  instance.on("loading", () => {
    answer++;
    list.setAttribute("aria-busy", "true");
  });
  instance.on("results", draw);
  more.addEventListener("click", async () => {
    const first = await showMore(answer);
    first?.querySelector("a")?.focus();
  });
}

const components = window.PagefindComponents;
const root = document.getElementById("search");

if (components && root) {
  const instance = components.getInstanceManager().getInstance("default");
  try {
    instance.setTranslations(JSON.parse(root.dataset.labels ?? "{}"));
  } catch {
    // keep Pagefind's own labels
  }
  const list = document.getElementById("search-list");
  const more = document.getElementById("search-more");
  if (list && more) resultList(instance, list, more);

  // Pagefind's filter dropdowns speak English where the page cannot configure them: the trigger's
  // name once values are chosen ("报纸, 1 filter selected"), the options' names ("桂林日报, 5 results"),
  // the text read while the filters load, and an alert "No filter "paper" found", visible, for a
  // dropdown without values, which is what every dropdown is until a reader turns to the filters and
  // they load (assets/search/pagefind.js). Each is put in the page's language (the labels on
  // .search__filters), and the empty dropdown says whether the values are loading or there are none.
  // A trigger, a button with role=combobox, gets its label as its name in any case (axe-core asks).
  const group = root.querySelector(".search__filters");
  const say = (key, values) => fill(group?.dataset[key], values);
  let filtersReady = false;
  const localizers = [];
  addEventListener("gazette:filters-loaded", () => {
    filtersReady = true;
    for (const localize of localizers) localize();
  });
  for (const dropdown of root.querySelectorAll("pagefind-filter-dropdown")) {
    const label = dropdown.getAttribute("label") ?? "";
    const set = (el, attr, value) => value && el.getAttribute(attr) !== value && el.setAttribute(attr, value);
    const localize = () => {
      const trigger = dropdown.querySelector(".pf-dropdown-trigger");
      const badge = dropdown.querySelector(".pf-dropdown-selected-badge:not([data-pf-hidden])");
      const count = Number(badge?.textContent) || 0;
      if (trigger && label) set(trigger, "aria-label", count ? say("selected", { LABEL: label, COUNT: count }) || label : label);
      for (const option of dropdown.querySelectorAll(".pf-dropdown-option[data-value]")) {
        const n = option.querySelector(".pf-dropdown-option-count")?.textContent ?? "";
        set(option, "aria-label", say("option", { VALUE: option.dataset.value, COUNT: n }));
      }
      for (const el of dropdown.querySelectorAll("[data-pf-sr-hidden]")) if (el.textContent === PAGEFIND_LOADING) el.textContent = say("loading", {});
      for (const el of dropdown.querySelectorAll(".pf-dropdown-error")) {
        const text = filtersReady ? say("none", {}) : say("loading", {});
        if (text && el.textContent !== text) el.textContent = text;
        set(el, "role", "status");
      }
    };
    localizers.push(localize);
    localize();
    new MutationObserver(localize).observe(dropdown, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-label", "data-pf-hidden", "role"] });
  }

  // A first answer from the newest shards only (assets/search/pagefind.js) says so until the complete
  // one replaces it.
  const coverage = document.getElementById("search-coverage");
  instance.on("results", (answer) => {
    const partial = answer?.partial;
    root.dataset.coverage = partial ? "partial" : "complete";
    if (!coverage) return;
    coverage.hidden = !partial;
    const lang = document.documentElement.lang || undefined;
    const day = (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00`).toLocaleDateString(lang, { dateStyle: "long" }) : iso);
    coverage.textContent = partial
      ? fill(coverage.dataset.partial, { COUNT: partial.articles.toLocaleString(lang), FROM: day(partial.from), TO: day(partial.to) })
      : "";
  });

  const params = new URLSearchParams(location.search);
  const sortSelect = document.getElementById("search-sort");
  const setSort = (value) => {
    const [key, dir] = (value ?? "").split(":");
    instance.searchSort = key ? { [key]: dir === "asc" ? "asc" : "desc" } : {};
  };
  const sort = params.get("sort") ?? "";
  if (sortSelect && [...sortSelect.options].some((o) => o.value === sort)) sortSelect.value = sort;
  setSort(sortSelect?.value);

  const writeUrl = (term, filters) => {
    const next = new URLSearchParams();
    if (term) next.set("q", term);
    if (sortSelect?.value) next.set("sort", sortSelect.value);
    for (const key of FILTERS) for (const v of [].concat(filters?.[key] ?? [])) next.append(key, v);
    const query = next.toString();
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
  };
  instance.on("search", (term, filters) => writeUrl(term, filters));

  sortSelect?.addEventListener("change", () => {
    setSort(sortSelect.value);
    writeUrl(instance.searchTerm, instance.searchFilters);
    if (instance.searchTerm) instance.triggerSearchWithFilters(instance.searchTerm, instance.searchFilters);
  });

  const filters = {};
  for (const key of FILTERS) {
    const values = params.getAll(key);
    if (values.length) filters[key] = values;
  }
  // The filters' counts need every shard's filter chunks (assets/search/pagefind.js): loaded once a
  // reader turns to the filters (a pointer or the focus on them), or at once when the URL holds one.
  const loadFilters = () => dispatchEvent(new CustomEvent("gazette:load-filters"));
  for (const type of ["pointerdown", "focusin"]) group?.addEventListener(type, loadFilters, { once: true });
  if (Object.keys(filters).length) loadFilters();
  const q = params.get("q");
  if (q) instance.triggerSearchWithFilters(q, filters);
}
