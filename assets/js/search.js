// The search page: Pagefind's Component UI does the searching, filtering and listing; this script keeps
// the query, the sort and the filters in the URL (?q=象山区&sort=date:desc&paper=桂林日报) so that a
// search can be shared, reads them back on load, and offers sorting by date besides relevance.
import { resultItem } from "./results.js";

const FILTERS = ["paper", "year", "month", "page", "rubric", "author"];
const components = window.PagefindComponents;
const root = document.getElementById("search");

if (components && root) {
  const instance = components.getInstanceManager().getInstance("default");
  try {
    instance.setTranslations(JSON.parse(root.dataset.labels ?? "{}"));
  } catch {
    // keep Pagefind's own labels
  }
  const results = root.querySelector("pagefind-results");
  if (results) results.resultTemplate = (data) => resultItem(data, instance.searchTerm);

  // A dropdown's trigger is a button with role=combobox, whose name does not come from its content:
  // give it the label it shows, so that screen readers announce 报纸, 年份, … (and axe-core agrees).
  for (const dropdown of root.querySelectorAll("pagefind-filter-dropdown")) {
    const name = () => {
      const trigger = dropdown.querySelector(".pf-dropdown-trigger");
      const label = dropdown.getAttribute("label");
      if (trigger && label && trigger.getAttribute("aria-label") !== label) trigger.setAttribute("aria-label", label);
    };
    name();
    new MutationObserver(name).observe(dropdown, { childList: true, subtree: true });
  }

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
  const q = params.get("q");
  if (q) instance.triggerSearchWithFilters(q, filters);
}
