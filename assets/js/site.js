// Small scripts of every page: the header's search box, progressive search, the copy button of
// citations, the marking of a search hit on the article it opened, and the marking of an article's
// lines in a page's source.
import { searchboxItem } from "./results.js";

function headerSearch() {
  const components = window.PagefindComponents;
  const box = document.querySelector('pagefind-searchbox[instance="header"]');
  if (!components || !box) return;
  const instance = components.getInstanceManager().getInstance("header");
  box.resultTemplate = (data) => searchboxItem(data, instance.searchTerm);
  // A first answer from the newest shards only (progressiveSearch): once it is drawn, load the others.
  instance.on("results", (r) => {
    const complete = r?.partial?.complete;
    if (complete) requestAnimationFrame(() => setTimeout(complete, 0));
  });
  const all = document.getElementById("search-all");
  instance.on("search", (term) => {
    if (all) all.href = term ? `/search/?q=${encodeURIComponent(term)}` : "/search/";
  });
}

/**
 * Every search instance of the page (the header's box, the search page) answers a cold query from the
 * newest shards first (assets/search/pagefind.js); what shows the answer then asks for the other shards
 * (headerSearch below, assets/js/search.js), and once they are loaded a search still shown is asked
 * again: its complete answer replaces the first.
 */
function progressiveSearch() {
  const manager = window.PagefindComponents?.getInstanceManager();
  if (!manager) return;
  const instances = manager.getInstanceNames().map((name) => manager.getInstance(name));
  for (const instance of instances) instance.applyOptions({ progressive: true });
  const askAgain = () => {
    for (const instance of instances) {
      if (instance.searchTerm) instance.triggerSearchWithFilters(instance.searchTerm, instance.searchFilters);
    }
  };
  addEventListener("gazette:search-complete", askAgain);
  // Every shard's filter chunks loaded (a reader turned to the filters): the answers now count them.
  addEventListener("gazette:filters-loaded", askAgain);
}

function copyButtons() {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    button.addEventListener("click", async () => {
      const source = document.getElementById(button.dataset.copy ?? "");
      const status = button.parentElement?.querySelector(".copy-status");
      const text = source?.textContent?.trim() ?? "";
      let ok = false;
      try {
        await navigator.clipboard.writeText(text);
        ok = true;
      } catch {
        const range = document.createRange();
        if (source) {
          range.selectNodeContents(source);
          const sel = getSelection();
          sel?.removeAllRanges();
          sel?.addRange(range);
          ok = document.execCommand?.("copy") ?? false;
        }
      }
      if (status) status.textContent = ok ? button.dataset.copied ?? "" : button.dataset.failed ?? "";
    });
  }
}

async function highlightHit() {
  const params = new URLSearchParams(location.search);
  if (!params.has("highlight") || !document.querySelector("[data-pagefind-body]")) return;
  try {
    await import("/pagefind/pagefind-highlight.js");
    new window.PagefindHighlight({ highlightParam: "highlight", addStyles: false });
    document.querySelector("mark.pagefind-highlight")?.scrollIntoView({ block: "center" });
  } catch {
    // No index yet (a build without the search step): the article reads as it is.
  }
}

/**
 * Source pages: #a-<id> marks every line of that article, #L3 or #L3-L9 the lines named. Only the row
 * that starts a run of an article's lines names it (data-article): its run is that row and the rows
 * after it up to the next that names an article (or none), without the blank rows (empty) that end it.
 * A line's number is drawn by the stylesheet in the row's gutter: a click there links to the line, a
 * shift-click to the lines from the one linked to this one. From the keyboard, one row at a time is
 * in the tab order (the first marked one, else the first): the up and down arrows (Home, End) move
 * the focus and that place from row to row, Enter links to the focused row, Shift+Enter to the lines
 * from the one linked to it; Tab leaves the list. The rows have no link of their own: a page holds
 * hundreds of lines, and the source views are most of the site's bytes.
 */
function sourceLines() {
  const list = document.querySelector(".source-lines");
  if (!list) return;
  // The script marks the lines from here on (the stylesheet's :target would keep a line it no longer names).
  list.classList.add("is-scripted");
  const mark = (scroll = true) => {
    for (const li of list.querySelectorAll(".is-marked")) li.classList.remove("is-marked");
    const hash = decodeURIComponent(location.hash.slice(1));
    let lines = [];
    const article = /^a-([\w-]+)$/.exec(hash);
    const range = /^L(\d+)(?:-L?(\d+))?$/.exec(hash);
    if (article) {
      for (const start of list.querySelectorAll(`li[data-article="${article[1]}"]`)) {
        const run = [start];
        for (let li = start.nextElementSibling; li && !li.hasAttribute("data-article"); li = li.nextElementSibling) run.push(li);
        while (run.at(-1).textContent === "") run.pop();
        lines.push(...run);
      }
    } else if (range) {
      const from = Number(range[1]);
      const to = Number(range[2] ?? range[1]);
      for (let n = from; n <= to; n++) {
        const li = document.getElementById(`L${n}`);
        if (li) lines.push(li);
      }
      if (scroll) lines[0]?.scrollIntoView({ block: "start" });
    }
    for (const li of lines) li.classList.add("is-marked");
  };
  // The one row in the tab order.
  let current = null;
  const enter = (li, focus) => {
    if (!li) return;
    if (current) current.removeAttribute("tabindex");
    current = li;
    li.tabIndex = 0;
    if (focus) li.focus();
  };
  addEventListener("hashchange", () => {
    mark();
    enter(list.querySelector(".is-marked"), false);
  });
  mark();
  enter(list.querySelector(".is-marked") ?? list.firstElementChild, false);
  // The keys, said once they work.
  const keys = document.getElementById("source-keys");
  if (keys) {
    keys.hidden = false;
    list.setAttribute("aria-describedby", keys.id);
  }
  // Links to the row `li`, or with `extend` to the lines from the one linked to it. The address changes
  // without a jump: the row is where the reader is.
  const linkTo = (li, extend) => {
    const from = /^#L(\d+)$/.exec(location.hash);
    const no = Number(li.id.slice(1));
    history.replaceState(null, "", extend && from ? `#L${Math.min(no, Number(from[1]))}-L${Math.max(no, Number(from[1]))}` : `#${li.id}`);
    mark(false);
  };
  list.addEventListener("click", (event) => {
    const li = event.target;
    // A click on a row's number lands on the row itself, left of its text (its padding).
    if (!(li instanceof HTMLLIElement) || li.parentElement !== list) return;
    if (event.clientX - li.getBoundingClientRect().left > parseFloat(getComputedStyle(li).paddingLeft)) return;
    enter(li, false);
    linkTo(li, event.shiftKey);
  });
  list.addEventListener("keydown", (event) => {
    const li = event.target;
    if (!(li instanceof HTMLLIElement) || li.parentElement !== list || event.altKey || event.ctrlKey || event.metaKey) return;
    const moves = { ArrowDown: li.nextElementSibling, ArrowUp: li.previousElementSibling, Home: list.firstElementChild, End: list.lastElementChild };
    if (Object.hasOwn(moves, event.key)) {
      event.preventDefault();
      enter(moves[event.key] ?? li, true);
    } else if (event.key === "Enter") {
      event.preventDefault();
      linkTo(li, event.shiftKey);
    }
  });
}

progressiveSearch();
headerSearch();
copyButtons();
sourceLines();
highlightHit();
