// Global data of the site (`gz` in templates): the archive built from content/, with what the pages
// need beyond it (labels, latest issues, feeds, sitemap, the bulk export). Problems found while
// building are printed to the console as `file:line: severity code message` and listed on /report/.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { isInside } from "../archive/paths.js";
import { linesOf, loadArchive, type Archive } from "../archive/index.js";
import { Article, ArticleList, Issue, Month, Node, Page, Paper, Person, Rubric, Source, Year, type Labels, type SourceLine, type Warning } from "../archive/types.js";
import { dateShort, isoInstant, monthLabel, monthName, pageLabel, truncate } from "./filters.js";
import { copyImages, processImages, writeRenditions, type ImageJob } from "./images.js";
import { labelsFor } from "./labels.js";
import type { Written } from "./build-context.js";
import { fileOf, type RenderSet } from "./render-plan.js";

export interface Feed {
  paper: Paper;
  url: string;
  updated: string;
  entries: Article[];
}

/** What base.njk puts in a page's <head> and breadcrumb (layouts/base/base.njk lists the keys). */
export interface PageHead {
  lang?: string;
  title?: string;
  description?: string;
  ogImage?: string | null;
  crumbs?: [string, string][];
  redirect?: string;
}

export class SiteData extends Node {
  archive!: Archive;
  site!: Archive["site"];
  /** Labels of the site's own language, for pages of no paper. */
  t!: Labels;
  papers!: Archive["papers"];
  years!: Archive["years"];
  months!: Archive["months"];
  issues!: Archive["issues"];
  pages!: Archive["pages"];
  articles!: Archive["articles"];
  sources!: Archive["sources"];
  authors!: Archive["authors"];
  rubrics!: Archive["rubrics"];
  warnings!: Warning[];
  latestIssues: Issue[] = [];
  feeds: Feed[] = [];
  counts = { papers: 0, issues: 0, pages: 0, articles: 0, errors: 0, warnings: 0, infos: 0 };
  /** The build report's pages: /report/ and, when it would be long, one page a paper's month (reportOf). */
  report: Report = { rows: [], parts: [] };
  /** The sitemap's files (`/sitemaps/<n>.xml`), listed by the sitemap index `/sitemap.xml`. */
  sitemaps: SitemapFile[] = [];
  /** What this build renders of the paginated pages: everything, unless src/site/render-plan.ts keeps some. */
  render!: RenderSet;

  labels(lang: string): Labels {
    return labelsFor(lang);
  }

  /** A month as the site's own pages (an author's, a rubric's) name it: 2023年5月 / May 2023. */
  monthLabel(year: number | string, month: number): string {
    return monthLabel(Number(year), month, this.site.lang);
  }

  /** A month within its year, as they list it: 5月 / May. */
  monthName(month: number): string {
    return monthName(month, this.site.lang);
  }

  /** The breadcrumb of an author's or a rubric's list: home, the authors or rubrics, the list. */
  listCrumbs(list: ArticleList): [string, string][] {
    const all: [string, string] = list instanceof Rubric ? [this.t.rubrics, "/rubrics/"] : [this.t.authors, "/authors/"];
    return this.crumbs(null, all).concat([[list.name, list.url]]);
  }

  /** The breadcrumb of a node: [label, url] pairs from the home page to the node itself. */
  crumbs(node: Node | null, last?: [string, string]): [string, string][] {
    const out: [string, string][] = [];
    let n: Node | null = node;
    while (n) {
      const c = crumbOf(n);
      if (c) out.unshift(c.item);
      n = c?.parent ?? null;
    }
    out.unshift([this.t.home, "/"]);
    if (last) out.push(last);
    return out;
  }

  /**
   * The `head` of an archive node's page (layouts/base/base.njk): its paper's language, its title and
   * its breadcrumb; a paper's and an article's description, an article's picture. The layout asks for
   * it with the page's pagination item: an `eleventyComputed` head makes Eleventy run its function once
   * more per page through proxies to learn what it reads: 3.0–4.7 s of CPU in a render of 10,000
   * articles (`scripts/build.ts --no-index --full`, 49.2 and 57.6 s against 44.5 and 54.6 s).
   */
  head(node: Paper | Year | Month | Issue | Page | Article | Source): PageHead {
    if (node instanceof Article) return { ...this.headOf(node.paper, node), description: node.summary, ogImage: node.photos[0]?.image?.large ?? null };
    if (node instanceof Paper) return { ...this.headOf(node, node), description: node.description };
    return this.headOf(node instanceof Source ? node.page.paper : node.paper, node);
  }

  private headOf(paper: Paper, node: Node): PageHead {
    return { lang: paper.lang, title: this.title(node), crumbs: this.crumbs(node) };
  }

  /** The lines of a source view, with their roles (read from the page file when its view renders). */
  sourceLines(source: Source): SourceLine[] {
    return linesOf(source);
  }

  /** The <title> of a node's page (the site's name is added by the layout). */
  title(node: Node): string {
    if (node instanceof Article) return node.headline.text;
    if (node instanceof Page) return `${node.paper.name} ${dateShort(node.issue.date, node.paper.lang, node.paper.timezone)} ${pageLabel(node.no, node.paper.t)}${node.name ? ` ${node.name}` : ""}`;
    if (node instanceof Issue) return `${node.paper.name} ${dateShort(node.date, node.paper.lang, node.paper.timezone)}`;
    if (node instanceof Month) return `${node.paper.name} ${monthLabel(node.year, node.month, node.paper.lang)}`;
    if (node instanceof Year) return `${node.paper.name} ${node.year}${node.paper.t.yearSuffix}`;
    if (node instanceof Paper) return node.name;
    if (node instanceof Source) return `${node.page.paper.t.sourceText} · ${node.article ? node.article.headline.text : this.title(node.page)}`;
    if (node instanceof Person || node instanceof Rubric) return node.name;
    return "";
  }
}

function crumbOf(n: Node): { item: [string, string]; parent: Node | null } | null {
  if (n instanceof Paper) return { item: [n.name, n.url], parent: null };
  if (n instanceof Year) return { item: [`${n.year}${n.paper.t.yearSuffix}`, n.url], parent: n.paper };
  if (n instanceof Month) {
    return { item: [monthName(n.month, n.paper.lang), n.url], parent: n.yearNode };
  }
  if (n instanceof Issue) return { item: [`${n.day}${n.paper.t.daySuffix}`, n.url], parent: n.monthNode };
  if (n instanceof Page) return { item: [pageLabel(n.no, n.paper.t), n.url], parent: n.issue };
  if (n instanceof Article) return { item: [truncate(n.headline.text, 16), n.url], parent: n.page };
  if (n instanceof Source) return { item: [n.page.paper.t.source, n.url], parent: n.article ?? n.page };
  return null;
}

/** How many articles a paper's feed carries. */
const FEED_SIZE = 50;
/** How many issues the home page lists. */
const LATEST_ISSUES = 12;

export function loadSite(options: { contentDir?: string; quiet?: boolean } = {}): SiteData {
  return siteOf(loadArchive({ contentDir: options.contentDir }), options);
}

/** The site with its facsimiles and photos processed (sharp, through the cache): what the build uses. */
export async function loadSiteWithImages(options: { contentDir?: string; quiet?: boolean; cache?: string; onImages?: () => void; onSite?: () => void } = {}): Promise<SiteData> {
  const archive = loadArchive({ contentDir: options.contentDir });
  options.onImages?.();
  await attachImages(archive, options.cache);
  options.onSite?.();
  return siteOf(archive, options);
}

/** Runs the image step over the archive's facsimiles and photos; a file that cannot be used is dropped with a warning. */
export async function attachImages(archive: Archive, cache?: string) {
  const jobs: ImageJob[] = [];
  for (const page of archive.pages) {
    if (page.facsimile) jobs.push({ from: page.facsimile.from, file: page.facsimile.file, kind: "facsimile" });
    for (const a of page.articles) for (const p of a.photos) jobs.push({ from: p.from, file: p.file, kind: "photo" });
  }
  if (!jobs.length) return;
  const result = await processImages(jobs, { cache });
  const used = new Map<string, NonNullable<ReturnType<typeof result.get>>>();
  const pct = (n: number, of: number) => `${Math.round((n / of) * 100000) / 1000}%`;
  for (const page of archive.pages) {
    const f = page.facsimile;
    if (f) {
      f.image = result.get("facsimile", f.from);
      if (!f.image) page.facsimile = null;
      else {
        used.set(f.image.base, f.image);
        const { width: W, height: H } = f.image.original;
        f.zones = f.zones.filter((z) => {
          if (z.x + z.w <= W + 0.5 && z.y + z.h <= H + 0.5) return true;
          archive.warnings.push({ file: `${page.source?.path.replace(/\.txt$/, ".yml") ?? f.file}`, line: z.line, severity: "warning", code: "bad-zone", message: `the zone [${z.x}, ${z.y}, ${z.w}, ${z.h}] lies outside the ${W}×${H} facsimile; left out` });
          return false;
        });
        for (const z of f.zones) z.style = `left:${pct(z.x, W)};top:${pct(z.y, H)};width:${pct(z.w, W)};height:${pct(z.h, H)}`;
      }
    }
    for (const a of page.articles) {
      for (const p of a.photos) {
        p.image = result.get("photo", p.from);
        if (p.image) used.set(p.image.base, p.image);
      }
      a.photos = a.photos.filter((p) => p.image);
    }
  }
  archive.renditions = [...used.values()].sort((a, b) => a.base.localeCompare(b.base));
  archive.warnings.push(...result.warnings);
  archive.warnings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.code.localeCompare(b.code));
}

function siteOf(archive: Archive, options: { quiet?: boolean }): SiteData {
  const data = new SiteData();
  Object.assign(data, {
    archive,
    site: archive.site,
    t: labelsFor(archive.site.lang),
    papers: archive.papers,
    years: archive.years,
    months: archive.months,
    issues: archive.issues,
    pages: archive.pages,
    articles: archive.articles,
    sources: archive.sources,
    authors: archive.authors,
    rubrics: archive.rubrics,
    warnings: archive.warnings,
  });
  for (const paper of archive.papers) paper.t = labelsFor(paper.lang);
  data.latestIssues = archive.issues.slice(0, LATEST_ISSUES);
  data.counts = {
    papers: archive.papers.length,
    issues: archive.issues.length,
    pages: archive.pages.length,
    articles: archive.articles.length,
    errors: archive.warnings.filter((w) => w.severity === "error").length,
    warnings: archive.warnings.filter((w) => w.severity === "warning").length,
    infos: archive.warnings.filter((w) => w.severity === "info").length,
  };
  data.feeds = archive.papers.map((paper) => {
    const entries = paper.issues
      .slice()
      .reverse()
      .flatMap((i) => i.articles)
      .slice(0, FEED_SIZE);
    const latest = paper.issues[paper.issues.length - 1];
    return { paper, url: paper.feedUrl, updated: latest ? isoInstant(latest.date, paper.timezone) : "1970-01-01T00:00:00Z", entries };
  });
  data.sitemaps = sitemapFiles(sitemapOf(data));
  data.report = reportOf(archive.warnings, archive.papers);
  data.render = {
    papers: archive.papers,
    years: archive.years,
    months: archive.months,
    issues: archive.issues,
    pages: archive.pages,
    sources: archive.sources,
    articles: archive.articles,
    authors: archive.authors,
    rubrics: archive.rubrics,
    listYears: archive.listYears,
    listMonths: archive.listMonths,
    listAliases: archive.listAliases,
    reportParts: data.report.parts,
    sitemaps: data.sitemaps,
  };
  if (!options.quiet) report(archive.warnings);
  return data;
}

interface SitemapEntry {
  url: string;
  lastmod: string | null;
}
export interface SitemapFile {
  url: string;
  /** The newest lastmod of its entries. */
  lastmod: string | null;
  entries: SitemapEntry[];
}

/**
 * The most URLs one sitemap file lists: the protocol's bound (sitemaps.org: 50,000 URLs and 50 MB a
 * file; ours run about 110 bytes a URL). An archive of 10,000 articles has some 15,600 URLs, one of
 * 100,000 about ten times as many, so /sitemap.xml is a sitemap index of files of this many each.
 * GAZETTE_SITEMAP_MAX=N overrides it (the tests use a small one).
 */
export const SITEMAP_MAX = 50_000;

/** The site's URLs cut into sitemap files, in order. */
function sitemapFiles(entries: SitemapEntry[]): SitemapFile[] {
  const max = Number(process.env.GAZETTE_SITEMAP_MAX) || SITEMAP_MAX;
  const files: SitemapFile[] = [];
  for (let i = 0; i < entries.length; i += max) {
    const part = entries.slice(i, i + max);
    const lastmod = part.reduce<string | null>((m, e) => (e.lastmod && (!m || e.lastmod > m) ? e.lastmod : m), null);
    files.push({ url: `/sitemaps/${files.length + 1}.xml`, lastmod, entries: part });
  }
  return files;
}

/**
 * Every page of the site for the sitemap, in an order that keeps its files (SITEMAP_MAX URLs each)
 * unchanged when an issue is added: the issues oldest first, then what a new issue changes (the home
 * page, papers, years, months, authors and rubrics, whose lastmod or list moves with it). A sitemap's
 * order means nothing to a crawler; a file that did not change is not rendered again (render-plan.ts).
 */
function sitemapOf(d: SiteData): SitemapEntry[] {
  const out: SitemapEntry[] = [];
  out.push({ url: "/search/", lastmod: null }, { url: "/authors/", lastmod: null }, { url: "/rubrics/", lastmod: null });
  for (const i of d.issues.slice().reverse()) {
    out.push({ url: i.url, lastmod: i.date });
    for (const p of i.pages) {
      out.push({ url: p.url, lastmod: i.date });
      if (p.source) out.push({ url: p.source.url, lastmod: i.date });
      for (const a of p.articles) {
        out.push({ url: a.url, lastmod: i.date });
        if (a.kind === "markdown" && a.source) out.push({ url: a.source.url, lastmod: i.date });
      }
    }
  }
  out.push({ url: "/", lastmod: d.issues[0]?.date ?? null });
  for (const p of d.papers) out.push({ url: p.url, lastmod: p.issues[p.issues.length - 1]?.date ?? null });
  for (const y of d.years) out.push({ url: y.url, lastmod: null });
  for (const m of d.months) out.push({ url: m.url, lastmod: m.issues[m.issues.length - 1]?.date ?? null });
  for (const a of d.authors) out.push({ url: a.url, lastmod: a.articles[0]?.issue.date ?? null });
  for (const r of d.rubrics) out.push({ url: r.url, lastmod: r.articles[0]?.issue.date ?? null });
  for (const y of d.archive.listYears) out.push({ url: y.url, lastmod: y.articles[0]?.issue.date ?? null });
  for (const m of d.archive.listMonths) out.push({ url: m.url, lastmod: m.articles[0]?.issue.date ?? null });
  return out;
}

export interface ReportPart {
  url: string;
  paper: Paper;
  year: number;
  month: number;
  /** The paper and the month, as the page's title names them. */
  label: string;
  rows: Warning[];
  counts: { error: number; warning: number; info: number };
}
interface Report {
  /** The rows /report/ lists: every problem, or, when split, those of no paper's month (site.yml, paper.yml, stray files). */
  rows: Warning[];
  /** When split: one page a paper's month, in file order. */
  parts: ReportPart[];
}

/**
 * The most rows /report/ lists before it is split by paper and month. A row is about 270 bytes of HTML:
 * the benchmark's archive of 10,000 articles has 15,100 problems (4.1 MB on one page), one of 100,000
 * ten times as many, more than a browser shows with ease, all rendered again by every build. Split,
 * /report/ counts each paper's month (errors, warnings, notes) and links to its page: a month, as a
 * year of a daily held 2,000 of the benchmark's problems (540 kB) at 10,000 articles already.
 * GAZETTE_REPORT_SPLIT=N overrides it (the tests use a small one).
 */
export const REPORT_SPLIT = 2000;

const PAPER_MONTH_FILE = /^content\/([^/]+)\/(\d{4})\/(\d{2})\//;

function reportOf(warnings: Warning[], papers: Paper[]): Report {
  if (warnings.length <= (Number(process.env.GAZETTE_REPORT_SPLIT) || REPORT_SPLIT)) return { rows: warnings, parts: [] };
  const byId = new Map(papers.map((p) => [p.id, p]));
  const rows: Warning[] = [];
  const parts = new Map<string, ReportPart>();
  for (const w of warnings) {
    const m = PAPER_MONTH_FILE.exec(w.file);
    const paper = m ? byId.get(m[1]!) : undefined;
    if (!m || !paper) {
      rows.push(w);
      continue;
    }
    const url = `/report/${paper.id}/${m[2]}/${m[3]}/`;
    let part = parts.get(url);
    if (!part) parts.set(url, (part = { url, paper, year: Number(m[2]), month: Number(m[3]), label: `${paper.name} ${monthLabel(Number(m[2]), Number(m[3]), paper.lang)}`, rows: [], counts: { error: 0, warning: 0, info: 0 } }));
    part.rows.push(w);
    part.counts[w.severity]++;
  }
  return { rows, parts: [...parts.values()] };
}

/** The console half of the build report: one `file:line: severity code message` line per problem. */
function report(warnings: Warning[]) {
  for (const w of warnings) console.warn(`${w.file}:${w.line}: ${w.severity} ${w.code} ${w.message}`);
  const n = (s: string) => warnings.filter((w) => w.severity === s).length;
  if (warnings.length) console.warn(`[gazette] ${n("error")} error(s), ${n("warning")} warning(s), ${n("info")} note(s); see /report/`);
}

/** Where the bulk export goes: every article record, one JSON object a line. */
export const EXPORT_FILE = "export/records.jsonl";

/** Where each issue's lines are in the export, by issue URL: their byte offset and length. */
export type ExportRanges = Record<string, [number, number]>;

/** The previous build's export, whose unchanged issues' lines an incremental build copies rather than writes again. */
export interface ExportBase {
  file: string;
  ranges: ExportRanges;
  /** Whether an issue's records are the previous build's (its node's fingerprint is unchanged). */
  unchanged: (issue: Issue) => boolean;
}

/**
 * Writes the bulk export into the output folder, one record at a time: the archive's text is not held
 * a second time as one string (at 100,000 articles it is some 300 MB). An issue's lines follow one
 * another; those of an issue `base` says is unchanged are copied from the previous export (adding a
 * page to 10,000 articles wrote every record again: 1 s of the build). Returns its site-relative path
 * and where each issue's lines are.
 */
export function writeExport(site: SiteData, outDir: string, base: ExportBase | null = null): { file: string; ranges: ExportRanges } {
  const file = join(outDir, ...EXPORT_FILE.split("/"));
  mkdirSync(dirname(file), { recursive: true });
  const previous = base && openExport(base);
  const ranges: ExportRanges = {};
  let offset = 0;
  const fd = openSync(file, "w");
  try {
    // By paper, then date; an issue's articles are in page order already.
    for (const paper of site.papers.slice().sort((a, b) => a.id.localeCompare(b.id))) {
      for (const issue of paper.issues) {
        const was = previous !== null && base!.unchanged(issue) ? base!.ranges[issue.url] : undefined;
        let length = 0;
        if (was) {
          const bytes = Buffer.allocUnsafe(was[1]);
          if (readSync(previous!, bytes, 0, was[1], was[0]) !== was[1]) throw new Error(`${base!.file}: the previous export was cut short while this build read it; build again`);
          writeSync(fd, bytes);
          length = was[1];
        } else {
          for (const a of issue.articles) {
            const line = `${JSON.stringify(a.record)}\n`;
            writeSync(fd, line);
            length += Buffer.byteLength(line);
          }
        }
        ranges[issue.url] = [offset, length];
        offset += length;
      }
    }
  } finally {
    closeSync(fd);
    if (previous !== null) closeSync(previous);
  }
  return { file: EXPORT_FILE, ranges };
}

/** The previous export opened for reading, or null when it is missing or not the file its ranges describe. */
function openExport(base: ExportBase): number | null {
  let fd: number;
  try {
    fd = openSync(base.file, "r");
  } catch {
    return null;
  }
  const end = Object.values(base.ranges).reduce((m, [at, length]) => Math.max(m, at + length), 0);
  if (fstatSync(fd).size === end) return fd;
  closeSync(fd);
  return null;
}

/**
 * The records of the pages and articles of `set` as JSON next to their pages (`…/NN.json`,
 * `…/NN/<id>.json`), written after each Eleventy run (.eleventy.ts) rather than by a template: they
 * were 12,500 of the 28,000 pages Eleventy rendered at 10,000 articles, one JSON.stringify each, and
 * Eleventy's own cost of a page and memory for it dominated. Written here, the render of 10,000 articles
 * took 1.4 s less (three alternated pairs), and one Eleventy run of every node 300 MB less memory.
 * Returns them as Eleventy's results would be, for the render manifest.
 */
export function writeRecords(set: Pick<RenderSet, "pages" | "articles">, outDir: string): Written[] {
  const root = resolve(outDir);
  const written: Written[] = [];
  const write = (url: string, record: unknown) => {
    const file = join(root, fileOf(url));
    if (!isInside(root, file)) throw new Error(`${url}: a record's URL leads out of the site`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(record, null, 1));
    written.push({ url, outputPath: file, digest: null });
  };
  for (const pg of set.pages) write(pg.jsonUrl, pg.record);
  for (const a of set.articles) write(a.jsonUrl, a.record);
  return written;
}

/**
 * Every file of the site written outside Eleventy: the bulk export (copying from `exportBase` what it
 * can), the Markdown articles' images and the image renditions (those `base`, the previous build's
 * folder, has already are left to it). Returns their site-relative paths (the render manifest's `extra`
 * files) and where the export's issues are.
 */
export function writeExtraFiles(site: SiteData, outDir: string, base: string | null = null, exportBase: ExportBase | null = null): { files: string[]; exportRanges: ExportRanges } {
  const exported = writeExport(site, outDir, exportBase);
  return { files: [exported.file, ...copyImages(site.archive.images, outDir), ...writeRenditions(site.archive.renditions, outDir, base)], exportRanges: exported.ranges };
}
