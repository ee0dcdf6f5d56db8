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

/** A CJK character or digit: the search index is given a space on each side of one (scripts/search-index.ts). */
const UNIT = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Nd}]$/u;
const isUnit = (c) => c !== undefined && UNIT.test(c);
const isSpace = (c) => c === undefined || /^\s$/u.test(c);

/** What the index sets after text that a space of the page's own follows (scripts/search-index.ts REAL_SPACE). */
const REAL_SPACE = "\u2063";

/**
 * Pagefind's excerpt (text with <mark>s) as DOM nodes: marks kept, anything else flattened to text.
 * The index was given a space between every unit and the character next to it (scripts/search-index.ts),
 * and the excerpt is cut from that text: such a space is taken out again, across the marks too
 * (<mark>象</mark> <mark>山</mark> reads 象山, one mark). A space next to REAL_SPACE was the page's own
 * and stays; REAL_SPACE goes.
 */
export function excerptNodes(html) {
  const tpl = document.createElement("template");
  tpl.innerHTML = String(html ?? "");
  const pieces = [...tpl.content.childNodes].map((node) => ({
    chars: [...(node.textContent ?? "").replace(/\u200b/g, "")],
    isMark: node.nodeType === 1 && node.nodeName === "MARK",
  }));
  const all = pieces.flatMap((p) => p.chars);
  let at = 0;
  const out = [];
  for (const { chars, isMark } of pieces) {
    const text = chars
      .filter(() => {
        const i = at++;
        if (all[i] === REAL_SPACE) return false;
        if (all[i] !== " ") return true;
        const [before, after] = [all[i - 1], all[i + 1]];
        if (before === REAL_SPACE || after === REAL_SPACE) return true;
        return !((isUnit(before) && !isSpace(after)) || (!isSpace(before) && isUnit(after)));
      })
      .join("");
    const last = out[out.length - 1];
    if (!text) continue;
    if (isMark && last && last.nodeName === "MARK") last.textContent += text;
    else if (isMark) {
      const m = document.createElement("mark");
      m.textContent = text;
      out.push(m);
    } else if (last && last.nodeType === 3) last.textContent += text;
    else out.push(document.createTextNode(text));
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
