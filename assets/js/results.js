// How a search result reads, for the header's search box and the search page: headline, then date,
// paper and page, then the excerpt with the hits marked. The link carries ?highlight=… so that the
// article it opens marks the hit (pagefind-highlight.js, loaded by site.js).
// Everything is built with DOM calls: text from the index is never parsed as markup, except the
// <mark> elements of the excerpt, which are rebuilt one by one.

const SEPARATOR = /[\s\p{P}\p{S}]+/u;

/** The parts of a query as a reader typed them: what the article page should mark. */
export function highlightTerms(term) {
  return String(term ?? "").split(SEPARATOR).filter(Boolean);
}

export function resultUrl(url, term) {
  const u = new URL(url, location.origin);
  for (const part of highlightTerms(term)) u.searchParams.append("highlight", part);
  return u.pathname + u.search + u.hash;
}

/** Pagefind's excerpt (text with <mark>s) as DOM nodes: marks kept, anything else flattened to text. */
export function excerptNodes(html) {
  const tpl = document.createElement("template");
  tpl.innerHTML = String(html ?? "");
  const out = [];
  for (const node of tpl.content.childNodes) {
    const text = (node.textContent ?? "").replace(/\u200b/g, "");
    const isMark = node.nodeType === 1 && node.nodeName === "MARK";
    const last = out[out.length - 1];
    if (isMark && last && last.nodeName === "MARK") last.textContent += text;
    else if (isMark) {
      const m = document.createElement("mark");
      m.textContent = text;
      out.push(m);
    } else if (text) {
      if (last && last.nodeType === 3) last.textContent += text;
      else out.push(document.createTextNode(text));
    }
  }
  return out;
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

/** Date · paper · page · rubric, each part a <bdi>: a name from the page may hold bidi controls
 *  (an override left open), and must not turn round the parts after it. */
function metaLine(meta) {
  const out = [];
  for (const part of [meta.date, meta.paper, meta.page, meta.rubric].filter(Boolean)) {
    if (out.length) out.push(document.createTextNode(" · "));
    out.push(el("bdi", null, part));
  }
  return out;
}

function metaElement(tag, meta) {
  const e = el(tag, "result__meta");
  e.append(...metaLine(meta));
  return e;
}

/** A result of the search page (assets/js/search.js): an <li> with a link to the article. */
export function resultItem(data, term) {
  const meta = data.meta ?? {};
  const li = el("li", "result");
  const h = el("p", "result__title");
  const a = el("a", "result__link", meta.title || data.url);
  a.href = resultUrl(data.url, term);
  h.append(a);
  li.append(h, metaElement("p", meta));
  if (data.excerpt) {
    const p = el("p", "result__excerpt");
    p.append(...excerptNodes(data.excerpt));
    li.append(p);
  }
  return li;
}

/** A result of the header's search box (<pagefind-searchbox>): an option of its listbox. */
export function searchboxItem(data, term) {
  const meta = data.meta ?? {};
  const aria = data.aria ?? {};
  const a = el("a", "pf-searchbox-result result result--compact");
  a.href = resultUrl(data.url, term);
  a.setAttribute("role", "option");
  a.setAttribute("aria-selected", "false");
  if (aria.result_id) a.id = aria.result_id;
  const title = el("span", "pf-searchbox-result-title result__title", meta.title || data.url);
  if (aria.title_id) {
    title.id = aria.title_id;
    a.setAttribute("aria-labelledby", aria.title_id);
  }
  a.append(title, metaElement("span", meta));
  if (data.excerpt) {
    const p = el("span", "pf-searchbox-result-excerpt result__excerpt");
    if (aria.excerpt_id) {
      p.id = aria.excerpt_id;
      a.setAttribute("aria-describedby", aria.excerpt_id);
    }
    p.append(...excerptNodes(data.excerpt));
    a.append(p);
  }
  return a;
}
