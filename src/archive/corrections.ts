// Corrections to a parse, kept in the page's sidecar (`NN.yml`) so that the source text stays as it
// came. They are applied in order to the parsed records; the source file is never touched.
//
//   corrections:
//     - line: 105                # the span holding line 105 …
//       role: heading            # … plays this role: rubric, kicker, headline, subheadline, byline,
//                                #   heading, paragraph, caption, credit, authorNote
//       article: ad88222aaa      # … in this article (id, or its headline); default: where it is now
//       level: 1                 # heading depth (role heading)
//     - line: 79
//       text: 社区示范单位——猴山社区获评桂林市清廉社区   # replace the text of a span (an OCR slip)
//     - article: 7337290677      # set the text of an article's field
//       headline: 从“政协委员在行动”谈委员履职
//     - merge: [ad88222aaa, 7337290677]   # the later articles join the first one
//     - split: ad88222aaa        # the article's blocks from line `at` on become a new article,
//       at: 99                   #   headed by the heading at that line (or by `headline`)
//
// Nothing is dropped: a headline that gives way becomes the kicker, subheadline or a heading; a
// kicker or subheadline removed with `null` becomes a paragraph; a rubric removed goes to the page.
// Ids follow the headline (paper, date, page, headline), so correcting a headline changes the URL.
import type { Article, Block, Byline, ParsedPage, Span } from "../model/types.js";
import { articleId, uniqueIds } from "../model/ids.js";
import { parseBylineText } from "../parse/bylines.js";
import { fields, items, str, strs, type YamlFile } from "./yaml.js";
import type { Node as YamlNode } from "yaml";

export const ROLES = ["rubric", "kicker", "headline", "subheadline", "byline", "heading", "paragraph", "caption", "credit", "authorNote"] as const;
export type Role = (typeof ROLES)[number];

export type Correction =
  | { kind: "line"; line: number; role?: Role; article?: string; level?: number; text?: string; at: number }
  | { kind: "field"; article: string; set: Partial<Record<"headline" | "kicker" | "subheadline" | "rubric", string | null>>; at: number }
  | { kind: "merge"; articles: string[]; at: number }
  | { kind: "split"; article: string; line: number; headline?: string; at: number };

/** Reads the `corrections:` list of a sidecar; malformed items are warnings and are skipped. */
export function readCorrections(y: YamlFile, list: ReturnType<typeof items>): Correction[] {
  const out: Correction[] = [];
  for (const { node, line } of list) {
    const warn = (message: string) => y.warnings.push({ file: y.file, line, severity: "warning", code: "bad-correction", message });
    const keys = keysOf(node);
    if (keys.includes("merge")) {
      const f = fields(y, node, { merge: "strings" }, "a merge correction");
      const refs = strs(f.get("merge"));
      if (refs.length < 2) warn("merge needs a list of two or more articles");
      else out.push({ kind: "merge", articles: refs, at: line });
    } else if (keys.includes("split")) {
      const f = fields(y, node, { split: "string", at: "integer", headline: "string" }, "a split correction");
      const article = str(f.get("split"));
      const at = Number(str(f.get("at")));
      if (!article || !Number.isInteger(at)) warn("split needs an article and the line `at` where the new article starts");
      else out.push({ kind: "split", article, line: at, headline: str(f.get("headline")), at: line });
    } else if (keys.includes("line")) {
      const f = fields(y, node, { line: "integer", role: "string", article: "string", level: "integer", text: "string" }, "a line correction");
      const n = Number(str(f.get("line")));
      const role = str(f.get("role"));
      if (!Number.isInteger(n)) continue;
      if (role !== undefined && !(ROLES as readonly string[]).includes(role)) {
        warn(`unknown role "${role}" (one of: ${ROLES.join(", ")})`);
        continue;
      }
      const level = f.has("level") ? Number(str(f.get("level"))) : undefined;
      out.push({ kind: "line", line: n, role: role as Role | undefined, article: str(f.get("article")), level, text: str(f.get("text")), at: line });
    } else if (keys.includes("article")) {
      const schema = { article: "string", headline: "string", kicker: "string-or-null", subheadline: "string-or-null", rubric: "string-or-null" } as const;
      const f = fields(y, node, schema, "an article correction");
      const article = str(f.get("article"));
      const set: Extract<Correction, { kind: "field" }>["set"] = {};
      for (const k of ["headline", "kicker", "subheadline", "rubric"] as const) {
        const field = f.get(k);
        if (field) set[k] = field.value === null ? null : String(field.value);
      }
      if (article && Object.keys(set).length) out.push({ kind: "field", article, set, at: line });
      else warn("an article correction names the article and at least one of headline, kicker, subheadline, rubric");
    } else {
      warn("a correction starts with line, article, merge or split");
    }
  }
  return out;
}

function keysOf(node: YamlNode | null): string[] {
  const v = node?.toJSON();
  return v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v) : [];
}

export interface CorrectionContext {
  paper: string;
  date: string;
  page: string;
  /** Where warnings point: the sidecar. */
  warn: (line: number, message: string) => void;
}

type Where =
  | { at: "pageRubric"; index: number }
  | { at: "unassigned"; index: number }
  | { at: "field"; article: Article; field: "kicker" | "headline" | "subheadline" | "rubric" }
  | { at: "list"; article: Article; list: "bylines" | "body" | "captions" | "credits" | "authorNotes"; index: number };

/** Applies the corrections to a copy of the page and returns it; ids are recomputed from headlines. */
export function applyCorrections(parsed: ParsedPage, corrections: Correction[], ctx: CorrectionContext): ParsedPage {
  const page: ParsedPage = structuredClone(parsed);
  for (const c of corrections) {
    try {
      if (c.kind === "line") lineCorrection(page, c, ctx);
      else if (c.kind === "field") fieldCorrection(page, c, ctx);
      else if (c.kind === "merge") merge(page, c, ctx);
      else split(page, c, ctx);
    } catch (e) {
      ctx.warn(c.at, (e as Error).message);
    }
    renumber(page, ctx);
  }
  return page;
}

function findArticle(page: ParsedPage, ref: string): Article {
  const a = page.articles.find((x) => x.id === ref) ?? page.articles.find((x) => x.headline.text.replace(/\s+/g, "") === ref.replace(/\s+/g, ""));
  if (!a) throw new Error(`no article "${ref}" on this page (ids: ${page.articles.map((x) => x.id).join(", ") || "none"})`);
  return a;
}

function locate(page: ParsedPage, line: number): Where | null {
  const has = (s: { lines: number[] } | null) => !!s && s.lines.includes(line);
  let i = page.page.rubrics.findIndex(has);
  if (i >= 0) return { at: "pageRubric", index: i };
  i = page.unassigned.findIndex(has);
  if (i >= 0) return { at: "unassigned", index: i };
  for (const article of page.articles) {
    for (const field of ["kicker", "headline", "subheadline", "rubric"] as const) if (has(article[field])) return { at: "field", article, field };
    for (const list of ["bylines", "body", "captions", "credits", "authorNotes"] as const) {
      const index = (article[list] as { lines: number[] }[]).findIndex(has);
      if (index >= 0) return { at: "list", article, list, index };
    }
  }
  return null;
}

function get(page: ParsedPage, w: Where): Span {
  if (w.at === "pageRubric") return page.page.rubrics[w.index]!;
  if (w.at === "unassigned") return page.unassigned[w.index]!;
  if (w.at === "field") return w.article[w.field]!;
  return (w.article[w.list] as Span[])[w.index]!;
}

/** Takes the span out of its place. A headline cannot leave its article empty-headed. */
function take(page: ParsedPage, w: Where): Span {
  const span = get(page, w);
  if (w.at === "pageRubric") page.page.rubrics.splice(w.index, 1);
  else if (w.at === "unassigned") page.unassigned.splice(w.index, 1);
  else if (w.at === "field") {
    if (w.field === "headline") throw new Error("a headline gives way only to another headline: mark the line that should be the headline instead");
    w.article[w.field] = null;
  } else (w.article[w.list] as Span[]).splice(w.index, 1);
  return { text: span.text, lines: span.lines };
}

const byFirstLine = (a: { lines: number[] }, b: { lines: number[] }) => (a.lines[0] ?? 0) - (b.lines[0] ?? 0);

function insertBlock(article: Article, block: Block) {
  const first = block.lines[0] ?? 0;
  const i = article.body.findIndex((b) => (b.lines[0] ?? 0) > first);
  if (i < 0) article.body.push(block);
  else article.body.splice(i, 0, block);
}

/** Puts a span into an article (or the page) in a role. */
function place(page: ParsedPage, span: Span, role: Role, article: Article | null, level?: number) {
  if (role === "rubric" && !article) {
    page.page.rubrics.push(span);
    page.page.rubrics.sort(byFirstLine);
    return;
  }
  if (!article) throw new Error(`line ${span.lines[0]} belongs to no article: name one with \`article:\``);
  switch (role) {
    case "rubric":
      if (article.rubric) page.page.rubrics.push(article.rubric);
      article.rubric = span;
      return;
    case "kicker":
    case "subheadline": {
      const old = article[role];
      if (old) insertBlock(article, { type: "paragraph", text: old.text, lines: old.lines });
      article[role] = role === "subheadline" ? { text: span.text.replace(/^(?:——|──|--|—)\s*/, ""), lines: span.lines } : span;
      return;
    }
    case "headline": {
      const old = article.headline;
      article.headline = span;
      if (!old.lines.length && !old.text) return;
      const before = (old.lines[0] ?? 0) < (span.lines[0] ?? 0);
      if (before && !article.kicker) article.kicker = old;
      else if (!before && !article.subheadline) article.subheadline = old;
      else insertBlock(article, { type: "heading", level: 1, text: old.text, lines: old.lines });
      return;
    }
    case "byline":
      article.bylines.push(...parseBylineText(span.text, span.lines));
      article.bylines.sort(byFirstLine);
      return;
    case "heading":
      insertBlock(article, { type: "heading", level: level ?? 1, text: span.text, lines: span.lines });
      return;
    case "paragraph":
      insertBlock(article, { type: "paragraph", text: span.text, lines: span.lines });
      return;
    case "caption":
    case "credit":
    case "authorNote": {
      const list = role === "caption" ? article.captions : role === "credit" ? article.credits : article.authorNotes;
      list.push(span);
      list.sort(byFirstLine);
      return;
    }
  }
}

function roleOf(w: Where, page: ParsedPage): Role | "unassigned" {
  if (w.at === "pageRubric") return "rubric";
  if (w.at === "unassigned") return "unassigned";
  if (w.at === "field") return w.field;
  if (w.list === "bylines") return "byline";
  if (w.list === "body") return (get(page, w) as Block).type;
  return w.list === "captions" ? "caption" : w.list === "credits" ? "credit" : "authorNote";
}

function lineCorrection(page: ParsedPage, c: Extract<Correction, { kind: "line" }>, _ctx: CorrectionContext) {
  const w = locate(page, c.line);
  if (!w) throw new Error(`line ${c.line} holds no text of this page`);
  if (c.text !== undefined) {
    const span = get(page, w);
    span.text = c.text;
    if (w.at === "list" && w.list === "bylines") Object.assign(span, parseBylineText(c.text, span.lines)[0] ?? {});
  }
  if (c.role === undefined && c.article === undefined && c.level === undefined) return;
  const current = roleOf(w, page);
  const role: Role = c.role ?? (current === "unassigned" ? "paragraph" : current);
  const target = c.article !== undefined ? findArticle(page, c.article) : w.at === "field" || w.at === "list" ? w.article : null;
  if (role === current && target === (w.at === "field" || w.at === "list" ? w.article : null)) {
    if (role === "heading" && c.level !== undefined && w.at === "list") (get(page, w) as Block).level = c.level;
    return;
  }
  if (w.at === "field" && w.field === "headline") {
    if (role === "headline") {
      if (target && target !== w.article) throw new Error("a headline moves with its article: use merge");
      return;
    }
    throw new Error("a headline gives way only to another headline: mark the line that should be the headline instead");
  }
  const span = take(page, w);
  place(page, span, role, target, c.level);
}

function fieldCorrection(page: ParsedPage, c: Extract<Correction, { kind: "field" }>, _ctx: CorrectionContext) {
  const article = findArticle(page, c.article);
  for (const [field, value] of Object.entries(c.set) as [keyof typeof c.set, string | null][]) {
    const span = article[field];
    if (value !== null) {
      if (span) span.text = value;
      else article[field] = { text: value, lines: [] };
      continue;
    }
    if (field === "headline" || !span) continue;
    article[field] = null;
    if (field === "rubric") {
      page.page.rubrics.push(span);
      page.page.rubrics.sort(byFirstLine);
    } else insertBlock(article, { type: "paragraph", text: span.text, lines: span.lines });
  }
}

function merge(page: ParsedPage, c: Extract<Correction, { kind: "merge" }>, _ctx: CorrectionContext) {
  const [first, ...rest] = c.articles.map((r) => findArticle(page, r));
  if (!first) return;
  for (const other of rest) {
    if (other === first) continue;
    for (const s of [other.kicker, other.headline, other.subheadline]) if (s) first.body.push({ type: "heading", level: 1, text: s.text, lines: s.lines });
    first.body.push(...other.body);
    if (other.rubric) {
      if (first.rubric) page.page.rubrics.push(other.rubric);
      else first.rubric = other.rubric;
    }
    first.bylines.push(...other.bylines);
    first.captions.push(...other.captions);
    first.credits.push(...other.credits);
    first.authorNotes.push(...other.authorNotes);
    page.articles.splice(page.articles.indexOf(other), 1);
  }
}

function split(page: ParsedPage, c: Extract<Correction, { kind: "split" }>, _ctx: CorrectionContext) {
  const article = findArticle(page, c.article);
  const i = article.body.findIndex((b) => b.lines.includes(c.line) || (b.lines[0] ?? 0) >= c.line);
  if (i <= 0 && !c.headline) throw new Error(`line ${c.line} does not start a later block of the article`);
  if (i < 0) throw new Error(`no block of the article starts at or after line ${c.line}`);
  const moved = article.body.splice(i);
  let headline: Span;
  const head = moved[0]!;
  if (c.headline !== undefined) headline = { text: c.headline, lines: head.type === "heading" ? (moved.shift(), head.lines) : [] };
  else if (head.type === "heading") headline = { text: moved.shift()!.text, lines: head.lines };
  else throw new Error(`line ${c.line} is not a heading: give the new article a \`headline\``);
  const after = (s: { lines: number[] }) => (s.lines[0] ?? 0) >= c.line;
  const takeAfter = <T extends { lines: number[] }>(list: T[]): T[] => {
    const keep = list.filter((s) => !after(s));
    const go = list.filter(after);
    list.splice(0, list.length, ...keep);
    return go;
  };
  const created: Article = {
    id: "",
    kicker: null,
    headline,
    subheadline: null,
    rubric: null,
    bylines: takeAfter<Byline>(article.bylines),
    body: moved,
    captions: takeAfter(article.captions),
    credits: takeAfter(article.credits),
    authorNotes: takeAfter(article.authorNotes),
  };
  page.articles.splice(page.articles.indexOf(article) + 1, 0, created);
}

function renumber(page: ParsedPage, ctx: CorrectionContext) {
  const ids = uniqueIds(page.articles.map((a) => articleId(ctx.paper, ctx.date, ctx.page, a.headline.text)));
  page.articles.forEach((a, i) => (a.id = ids[i]!));
}

