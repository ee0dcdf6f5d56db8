// A realistic archive for the benchmark: N articles' worth of page files in the content layout
// (content/<paper>/<yyyy>/<mm>/<dd>/<NN>.txt), several papers over several years, and the same articles
// as plain Markdown for the baseline site.
//
// The page text is real newspaper text in real layouts: each page is a few runs of consecutive lines cut
// from the golden pages (tests/golden) of one extraction style, shuffled, about as long as a real page
// (the same recombination as scripts/bench-parse.ts). Every page is parsed once here, to count its
// articles (the archive stops at N) and to write the baseline's Markdown from the same records.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parsePage } from "../../src/parse/index.js";

/** mulberry32: a small seeded generator, so that every run builds the same archive. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Golden {
  name: string;
  style: "a" | "b";
  lines: string[];
  chars: number;
  eol: string;
  column: number;
  /** Lines before the first article: the page's own furniture (section name, page number). */
  lead: number;
  /** Its articles as line ranges (0-based, end exclusive): the head (rubric, kicker, headline, byline) and the body. */
  articles: { head: [number, number]; body: [number, number] }[];
}

function modalLength(lines: string[]): number {
  const counts = new Map<number, number>();
  for (const l of lines) {
    const n = [...l.trim()].length;
    if (n >= 6) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [n, c] of counts) if (c > bestCount) [best, bestCount] = [n, c];
  return best;
}

/** The head and body line ranges of a page's articles, from its parse (record lines are 1-based). */
function articleRanges(text: string, name: string): Golden["articles"] {
  const ranges: Golden["articles"] = [];
  for (const a of parsePage(text, { path: name }).articles) {
    const body = a.body.flatMap((b) => b.lines);
    if (!body.length) continue;
    const first = Math.min(...body);
    const head = [a.rubric, a.kicker, a.headline, a.subheadline, ...a.bylines].flatMap((r) => r?.lines ?? []).filter((l) => l < first);
    if (!a.headline.lines.length || !head.length) continue;
    ranges.push({ head: [Math.min(...head) - 1, first - 1], body: [first - 1, Math.max(...body)] });
  }
  return ranges;
}

export function loadGolden(): Golden[] {
  const root = fileURLToPath(new URL("../../tests/golden/", import.meta.url));
  const pages: Golden[] = [];
  for (const d of readdirSync(root, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    for (const f of readdirSync(join(root, d.name)).filter((x) => x.endsWith(".txt")).sort()) {
      const text = readFileSync(join(root, d.name, f), "utf8");
      const lines = text.split(/\r\n|\r|\n/);
      const blanks = lines.filter((l) => !l.trim()).length;
      const articles = articleRanges(text, `${d.name}/${f}`);
      pages.push({
        name: `${d.name}/${f}`,
        style: blanks / Math.max(1, lines.length) > 0.25 ? "a" : "b",
        lines,
        chars: text.length,
        eol: text.includes("\r\n") ? "\r\n" : "\n",
        column: modalLength(lines),
        lead: Math.min(lines.length, ...articles.map((a) => a.head[0])),
        articles,
      });
    }
  }
  return pages.sort((x, y) => x.name.localeCompare(y.name));
}

/**
 * How long an article's body is drawn, in characters: uniform between these, 1,500 on average. A daily's
 * news articles run to about 1,500 characters (the issue's measurements; the real page in the shared
 * corpus has three of 1,100 to 2,400); the golden pages' own articles are shorter (430 on average), as
 * they were cut to show the phenomena, so the bodies are lengthened with other articles' body lines.
 */
export const BODY_CHARS = { min: 400, max: 2600 };
/** How many articles a page holds: uniform between these (the real page has three). */
export const PAGE_ARTICLES = { min: 2, max: 6 };

/**
 * One page's text, recombined from the golden pages of one extraction style (and, for printed lines,
 * one column width): the furniture of one page, then articles, each the head of a golden article and
 * a body of BODY_CHARS made of golden articles' body lines (its own first, then others', with their
 * captions and breaks), in runs of whole bodies cut at a line.
 */
export function pageText(golden: Golden[], random: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const between = (r: { min: number; max: number }) => r.min + random() * (r.max - r.min);
  const model = pick(golden.filter((g) => g.articles.length));
  const pool = (model.style === "a" ? golden.filter((x) => x.style === "a") : golden.filter((x) => x.style === "b" && Math.abs(x.column - model.column) <= 1))
    .flatMap((page) => page.articles.map((article) => ({ page, article })));
  const sep = model.style === "a" ? [""] : [];
  const out = model.lines.slice(0, model.lead);
  const count = Math.round(between({ min: PAGE_ARTICLES.min - 0.5, max: PAGE_ARTICLES.max + 0.49 }));
  for (let i = 0; i < count; i++) {
    let { page, article } = pick(pool);
    if (out.length) out.push(...(random() < 0.5 ? sep : []));
    out.push(...page.lines.slice(...article.head));
    const target = between(BODY_CHARS);
    let size = 0;
    for (let run = 0; size < target; run++) {
      if (run) {
        ({ page, article } = pick(pool));
        out.push(...sep);
      }
      for (const line of page.lines.slice(...article.body)) {
        if (size >= target) break;
        out.push(line);
        size += line.length;
      }
    }
  }
  return out.join(model.eol) + model.eol;
}

export const PAPERS = [
  { id: "glrb", name: "桂林日报", description: "中共桂林市委机关报。" },
  { id: "gxrb", name: "广西日报", description: "中共广西壮族自治区委员会机关报。" },
  { id: "lzwb", name: "柳州晚报", description: "柳州的都市晚报。" },
];

export interface Generated {
  articles: number;
  pages: number;
  issues: number;
  bytes: number;
  years: string[];
  /** A short Chinese query that finds some articles (two characters of a headline). */
  query: string;
}

const PAGES_PER_ISSUE = 8;

/**
 * Writes `content/` (Gazette) and `markdown/` (the baseline) under root, with at least `articles` articles
 * (the last page may overshoot by a few). Papers take turns day by day; the days are spread so that even
 * a small archive spans three years.
 */
export function generateArchive(root: string, articles: number, seed = 20230112): Generated {
  const random = rng(seed);
  const golden = loadGolden();
  const content = join(root, "content");
  const markdown = join(root, "markdown");
  mkdirSync(content, { recursive: true });
  mkdirSync(join(markdown, "_includes"), { recursive: true });
  writeFileSync(join(content, "site.yml"), "title: Gazette 基准档案\nurl: https://bench.example.org\nlang: zh-CN\ndescription: 基准测试生成的档案。\n");
  for (const p of PAPERS) {
    mkdirSync(join(content, p.id), { recursive: true });
    writeFileSync(join(content, p.id, "paper.yml"), `name: ${p.name}\nlang: zh-CN\ntimezone: Asia/Shanghai\ndescription: ${p.description}\n`);
  }
  writeFileSync(
    join(markdown, "_includes", "article.njk"),
    '<!doctype html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"><title>{{ title }}</title></head>\n<body>\n<main data-pagefind-body>\n<p>{{ paper }} {{ date }}</p>\n{{ content | safe }}\n</main>\n</body>\n</html>\n',
  );
  // About 4 articles a page (PAGE_ARTICLES) and 8 pages an issue: the days needed, spread over three years.
  const issuesWanted = Math.max(PAPERS.length, Math.ceil(articles / (4 * PAGES_PER_ISSUE)));
  const perPaper = Math.ceil(issuesWanted / PAPERS.length);
  const step = Math.max(1, Math.floor((3 * 365) / perPaper));
  const start = Date.UTC(2021, 0, 4);
  let count = 0;
  let pages = 0;
  let issues = 0;
  let bytes = 0;
  let query = "";
  const years = new Set<string>();
  for (let day = 0; count < articles; day++) {
    const paper = PAPERS[day % PAPERS.length]!;
    const date = new Date(start + Math.floor(day / PAPERS.length) * step * 86400000).toISOString().slice(0, 10);
    const [yyyy, mm, dd] = date.split("-") as [string, string, string];
    years.add(yyyy);
    const dir = join(content, paper.id, yyyy, mm, dd);
    mkdirSync(dir, { recursive: true });
    issues++;
    for (let no = 1; no <= PAGES_PER_ISSUE && count < articles; no++) {
      const nn = String(no).padStart(2, "0");
      const text = pageText(golden, random);
      const bytesOf = Buffer.from(text, "utf8");
      writeFileSync(join(dir, `${nn}.txt`), bytesOf);
      pages++;
      bytes += bytesOf.length;
      const parsed = parsePage(bytesOf, { path: `${paper.id}/${date}/${nn}.txt`, paper: paper.id, date, page: no });
      const mdDir = join(markdown, paper.id, yyyy, mm, dd, nn);
      mkdirSync(mdDir, { recursive: true });
      parsed.articles.forEach((a, k) => {
        const body = a.body.map((b) => (b.type === "heading" ? `## ${b.text}` : b.text)).join("\n\n");
        const extra = [a.kicker?.text, a.subheadline?.text, ...a.bylines.map((b) => b.text), ...a.captions.map((c) => c.text)].filter(Boolean).join("\n\n");
        const md = `---\nlayout: article.njk\ntitle: ${JSON.stringify(a.headline.text)}\npaper: ${paper.name}\ndate: "${date}"\n---\n# ${mdEscape(a.headline.text)}\n\n${mdEscape(extra)}\n\n${mdEscape(body)}\n`;
        writeFileSync(join(mdDir, `${String(k + 1).padStart(2, "0")}.md`), md);
        if (!query) {
          const han = [...a.headline.text].filter((c) => /\p{Script=Han}/u.test(c));
          if (han.length >= 4) query = han.slice(2, 4).join("");
        }
      });
      count += parsed.articles.length;
    }
  }
  return { articles: count, pages, issues, bytes, years: [...years].sort(), query: query || "发展" };
}

/** Page text as Markdown text: no template syntax, no raw HTML, no list or heading markers by accident. */
function mdEscape(s: string): string {
  return s.replace(/[{}<>&]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/^([#>*+\-=])/gm, "\\$1").replace(/^(\d+)\./gm, "$1\\.");
}

/** Adds one page (the next page number) to the newest issue of the archive; returns its path. */
export function addPage(content: string, seed: number): string {
  const days: [string, string][] = [];
  for (const p of PAPERS)
    for (const y of readdirSync(join(content, p.id)).filter((n) => /^\d{4}$/.test(n)))
      for (const m of readdirSync(join(content, p.id, y)))
        for (const d of readdirSync(join(content, p.id, y, m))) days.push([`${y}${m}${d}${p.id}`, join(content, p.id, y, m, d)]);
  const newest = days.sort((a, b) => (a[0] < b[0] ? -1 : 1)).at(-1)![1];
  const pages = readdirSync(newest).filter((n) => /^\d+\.txt$/.test(n));
  const no = String(pages.length + 1).padStart(2, "0");
  const file = join(newest, `${no}.txt`);
  writeFileSync(file, pageText(loadGolden(), rng(seed + 1)));
  return file.slice(content.length + 1);
}
