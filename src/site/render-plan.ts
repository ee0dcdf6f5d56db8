// Incremental rendering: render only the pages whose content changed since the previous build.
//
// Every page of the site that shows archive content belongs to one node (an issue, a page, an article,
// a source, a month, a year, a paper, an author, a rubric, a year of an author's or rubric's list, a
// month's page of a long build report, a sitemap file). Each node gets a fingerprint of everything
// its page shows: the records of the articles and pages it lists (text, fields, diagnostics, image
// renditions), the URLs it links to, its neighbours (previous/next), and the global key (templates,
// code, site.yml and paper.yml files, the lockfile). A build's manifest, kept beside its output folder
// (`.<name>.render.json`), holds each node's fingerprint and files, the shared files (pages of no node,
// always rendered: home, search, lists, feeds, sitemap index, export, report), the image files and the search
// shards. The next build renders only the nodes whose fingerprint changed into a folder of its own, and
// scripts/build.ts moves those files over the previous site and removes what the new manifest no longer
// lists. tests/site/incremental.test.ts checks that incremental builds equal full builds byte for byte.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Article, ArticleList, Issue, ListAlias, ListMonth, ListYear, Month, Page, Paper, Person, Rubric, Source, Year } from "../archive/types.js";
import { hashFiles } from "../archive/parse-cache.js";
import type { Written } from "./build-context.js";
import type { ExportRanges, ReportPart, SiteData, SitemapFile } from "./data.js";

/** The paginated collections the templates render (layouts/pages/*.njk paginate `gz.render.<name>`). */
export interface RenderSet {
  papers: Paper[];
  years: Year[];
  months: Month[];
  issues: Issue[];
  pages: Page[];
  sources: Source[];
  articles: Article[];
  authors: Person[];
  rubrics: Rubric[];
  /** The authors' and rubrics' older years (layouts/pages/list-year.njk). */
  listYears: ListYear[];
  /** The months of the authors' and rubrics' long years (layouts/pages/list-month.njk). */
  listMonths: ListMonth[];
  /** The own URLs of the lists' newest years and months, which send the reader on (layouts/pages/list-alias.njk). */
  listAliases: ListAlias[];
  /** A long build report's pages of a paper's month (layouts/pages/report-part.njk). */
  reportParts: ReportPart[];
  /** The sitemap's files (layouts/pages/sitemaps.njk). */
  sitemaps: SitemapFile[];
}

interface ManifestNode {
  fp: string;
  /** Output files, relative to the output folder, `/`-separated. */
  files: string[];
  /** An article's: the sha256 of its page, which is what the search index reads. */
  html?: string;
}
export interface Manifest {
  version: 3;
  global: string;
  nodes: Record<string, ManifestNode>;
  /** Files of no node, written by every build: home, lists, feeds, sitemap, export, report; assets/ and pagefind/'s own files. */
  shared: string[];
  /** Files written outside Eleventy: the export, image renditions in img/ (written when missing), Markdown images. */
  extra: string[];
  /** The search shards in pagefind/shards/, by name: the key of each (scripts/search-index.ts). */
  shards: Record<string, string>;
  /** Where each issue's lines are in the export (src/site/data.ts writeExport); an older manifest has none. */
  exportRanges?: ExportRanges;
}

/** Every file a manifest says its folder holds, shard folders as `pagefind/shards/<name>/`. */
export function manifestFiles(m: Manifest): Set<string> {
  const out = new Set<string>([...m.shared, ...m.extra, ...Object.keys(m.shards).map((n) => `pagefind/shards/${n}/`)]);
  for (const n of Object.values(m.nodes)) for (const f of n.files) out.add(f);
  return out;
}

/** A render set with nothing in it. */
export function emptyRenderSet(): RenderSet {
  return { papers: [], years: [], months: [], issues: [], pages: [], sources: [], articles: [], authors: [], rubrics: [], listYears: [], listMonths: [], listAliases: [], reportParts: [], sitemaps: [] };
}

/** The dev server writes _site/ in place: no manifest may then claim to describe it. */
export function forgetManifest(outDir: string): void {
  rmSync(manifestPath(outDir), { force: true });
}

/** The render set cut into slices of at most `max` nodes, in order (one Eleventy run each). */
export function sliceRenderSet(set: RenderSet, max: number): RenderSet[] {
  const slices: RenderSet[] = [];
  let cur: RenderSet | null = null;
  let size = 0;
  for (const kind of Object.keys(set) as (keyof RenderSet)[]) {
    for (const node of set[kind]) {
      if (!cur || size >= max) {
        cur = emptyRenderSet();
        slices.push(cur);
        size = 0;
      }
      (cur[kind] as unknown[]).push(node);
      size++;
    }
  }
  return slices.length ? slices : [emptyRenderSet()];
}

/**
 * The render set cut into slices for a build that indexes while it renders (scripts/build.ts): the
 * articles first, shard by shard in the order of `shardOf`, so that a shard is indexed as soon as its
 * last page is written; then the other nodes. A slice ends at `max` nodes, and at the end of a shard
 * once it holds `min` (a run costs about a second to start). The first shard and the last one end a
 * slice whatever its size: the first so that the index begins early (until it does, a core is idle),
 * the last so that it is indexed while the other nodes render, not after them (at 10,000 articles they
 * take some 8 s to render).
 */
export function sliceRenderSetByShard(set: RenderSet, shardOf: (a: Article) => number, max: number, min: number): RenderSet[] {
  const articles = set.articles.map((a) => ({ a, shard: shardOf(a) })).sort((x, y) => x.shard - y.shard);
  const slices: RenderSet[] = [];
  let cur: RenderSet | null = null;
  let size = 0;
  /** Adds a node, in a new slice when the current one is full or holds at least `cut` nodes (0: no cut here). */
  const add = (kind: keyof RenderSet, node: unknown, cut: number) => {
    if (!cur || size >= max || (cut > 0 && size >= cut)) {
      cur = emptyRenderSet();
      slices.push(cur);
      size = 0;
    }
    (cur[kind] as unknown[]).push(node);
    size++;
  };
  let shard = -1;
  for (const { a, shard: s } of articles) {
    add("articles", a, s === shard ? 0 : shard === articles[0]!.shard ? 1 : min);
    shard = s;
  }
  let first = true;
  for (const kind of Object.keys(set) as (keyof RenderSet)[]) {
    if (kind === "articles") continue;
    for (const node of set[kind]) {
      add(kind, node, first ? 1 : 0);
      first = false;
    }
  }
  return slices.length ? slices : [emptyRenderSet()];
}

export function readManifest(outDir: string): Manifest | null {
  try {
    const m = JSON.parse(readFileSync(manifestPath(outDir), "utf8")) as Manifest;
    return m.version === 3 ? m : null;
  } catch {
    return null; // none, or unreadable: render everything
  }
}

export function writeManifest(outDir: string, m: Manifest): void {
  const path = manifestPath(outDir);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(m));
  renameSync(tmp, path);
}

/** The project files whose change changes every page: templates, code, styles, dependencies' versions. */
const GLOBAL_INPUTS = ["layouts", "src", "assets", ".eleventy.ts", "package-lock.json"];
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export function manifestPath(outDir: string): string {
  const out = resolve(outDir);
  return join(dirname(out), `.${basename(out)}.render.json`);
}

/** What every page depends on: the project's templates and code, and the site's and papers' settings. */
function globalKey(site: SiteData, contentDir: string): string {
  const hash = createHash("sha256");
  hashFiles(hash, ROOT, GLOBAL_INPUTS);
  hash.update(`\0content:${contentDir}\0`).update(JSON.stringify(site.site));
  for (const p of site.papers) hash.update(JSON.stringify([p.id, p.name, p.lang, p.timezone, p.description, p.url, p.feedUrl]));
  return hash.digest("hex");
}

const img = (r: { base: string } | null | undefined) => r?.base ?? null;

/**
 * A node's fingerprint: SHA-1 of the UTF-16 code units of what its page shows. It detects change and
 * need not resist forgery (the content is the editors' own). So it hashed the JSON of every record (37 M
 * characters at 10,000 articles, when parsed articles' records were hashed too) in 0.1 s, against
 * 0.35–0.45 s as SHA-256 of its UTF-8 (which has to be encoded first).
 */
export class Fingerprint {
  private readonly hash = createHash("sha1");
  add(text: string): this {
    this.hash.update(text, "utf16le");
    return this;
  }
  digest(): string {
    return this.hash.digest("hex");
  }
}

/** Everything an issue's own pages (issue, pages, sources, articles, their JSON) show. */
function issueFingerprint(issue: Issue, global: string, mdImages: Map<string, string>): string {
  const hash = new Fingerprint().add(global).add(issue.url);
  const near = (i: Issue | null) => (i ? [i.url, i.date] : null);
  hash.add(JSON.stringify([issue.date, issue.dateEstimated, issue.dateEvidence, near(issue.prev), near(issue.next)]));
  for (const page of issue.pages) {
    const f = page.facsimile;
    hash.add(JSON.stringify([page.record, page.inputs, page.url, f ? [img(f.image), f.zones.map((z) => [z.article.url, z.style])] : null]));
    // A source page shows the page file's lines (their text is its bytes: page.file.sha256 in the
    // record), each with the role and article its records give it (hashed with the records, or with
    // the page's inputs they are made from), and the articles' anchors.
    if (page.source) hash.add(JSON.stringify([page.source.url, page.source.encoding, page.source.lineCount, [...page.source.anchors]]));
  }
  for (const a of issue.articles) {
    hash.add(
      JSON.stringify([
        a.url,
        // A parsed article's record, and the summary and lines made from it, come from its page's inputs
        // (hashed with the page above) through the code (the global key): its id stands for them. Their
        // JSON was most of the plan (1.7–2.0 s adding a page at 10,000 articles, 0.8–1.2 s without).
        a.kind === "text" && a.page.inputs ? a.id : [a.record, a.html, a.summary],
        a.sourceUrl,
        a.prev?.url ?? null,
        a.next?.url ?? null,
        a.authors.map((p) => [p.name, p.url]),
        a.rubricNode?.url ?? null,
        a.photos.map((p) => [img(p.image), p.alt, p.caption]),
        // A page's article shows its page file's lines, hashed with the page above: the URL is enough.
        // A Markdown article's lines are its own file's.
        a.source ? [a.source.url, a.kind !== "markdown" && a.page?.source === a.source ? null : a.source.lines] : null,
      ]),
    );
  }
  for (const [url, digest] of [...mdImages].filter(([u]) => u.startsWith(issue.url))) hash.add(`${url}\0${digest}`);
  return hash.digest();
}

const digestOf = (parts: unknown[]) => new Fingerprint().add(JSON.stringify(parts)).digest();

/** The output file of a URL: `/a/b/` is a/b/index.html, `/a/b.json` is a/b.json. */
export function fileOf(url: string): string {
  const rel = decodeURI(url).replace(/^\/+/, "");
  return rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel;
}

interface PlannedNode {
  fp: string;
  /** The URLs of its files as the templates write them. */
  urls: string[];
  render: () => void;
}

/** An article page for the search index: its file, its day, and a digest of what the page shows. */
export interface ArticleFile {
  file: string;
  day: string;
  digest: string;
}

/** The page file and day of an article node's key (`article /<paper>/<yyyy>/<mm>/<dd>/…`), or null. */
function articlePage(key: string): { file: string; day: string } | null {
  const m = /^article (\/[^/]+\/(\d{4})\/(\d{2})\/(\d{2})\/.*)$/s.exec(key);
  return m ? { file: fileOf(m[1]!), day: `${m[2]}-${m[3]}-${m[4]}` } : null;
}

/** The article pages a manifest lists (the search index plans its shards from them without reading them). */
export function articlesOf(m: Pick<Manifest, "nodes">): ArticleFile[] {
  const out: ArticleFile[] = [];
  for (const [key, node] of Object.entries(m.nodes)) {
    const page = articlePage(key);
    if (page && node.html) out.push({ ...page, digest: node.html });
  }
  return out;
}

export interface RenderPlan {
  render: RenderSet;
  /** Every article page of the site, rendered or kept: its file and day (the search index's shards). */
  articles: { file: string; day: string }[];
  /** The previous build's manifest when it is used (it matches the templates and code), else null. */
  previous: Manifest | null;
  /** Nodes rendered / kept from the previous build. */
  rendered: number;
  kept: number;
  /** Whether an issue's node is kept from the previous build: its fingerprint (which covers its records) is unchanged. */
  issueKept(issue: Issue): boolean;
  /** The manifest of the new output folder, from what the Eleventy runs wrote and the files written beside them. */
  commit(written: Written[], extra: string[]): Manifest;
}

/**
 * Plans the render of `site` into `outDir`. `base` is the previous build's folder, left as it is: a
 * node whose fingerprint its manifest holds, with its files there, is not rendered (scripts/build.ts
 * moves the new files over it). Without a base, or with one whose manifest does not match the
 * templates and code, everything is rendered.
 */
export function planRender(site: SiteData, options: { contentDir: string; outDir: string; base: string | null }): RenderPlan {
  const out = resolve(options.outDir);
  const base = options.base ? resolve(options.base) : null;
  const global = globalKey(site, options.contentDir);
  const before = base ? readManifest(base) : null;
  const previous = before?.global === global ? before : null;

  const mdImages = new Map<string, string>();
  for (const i of site.archive.images) mdImages.set(i.url, createHash("sha256").update(readFileSync(i.from)).digest("hex"));

  const render = emptyRenderSet();
  const nodes = new Map<string, PlannedNode>();
  const issueFp = new Map<Issue, string>();
  for (const issue of site.issues) {
    const fp = issueFingerprint(issue, global, mdImages);
    issueFp.set(issue, fp);
    nodes.set(`issue ${issue.url}`, { fp, urls: [issue.url], render: () => render.issues.push(issue) });
    for (const page of issue.pages) {
      nodes.set(`page ${page.url}`, { fp, urls: [page.url, page.jsonUrl], render: () => render.pages.push(page) });
      if (page.source) {
        const src = page.source;
        nodes.set(`source ${src.url}`, { fp, urls: [src.url], render: () => render.sources.push(src) });
      }
    }
    for (const a of issue.articles) {
      nodes.set(`article ${a.url}`, { fp, urls: [a.url, a.jsonUrl], render: () => render.articles.push(a) });
      if (a.source && a.kind === "markdown") {
        const src = a.source;
        nodes.set(`source ${src.url}`, { fp, urls: [src.url], render: () => render.sources.push(src) });
      }
    }
  }
  // A source of no issue (there is none today) would be rendered every time.
  for (const src of site.sources) if (!nodes.has(`source ${src.url}`)) nodes.set(`source ${src.url}`, { fp: "always", urls: [src.url], render: () => render.sources.push(src) });

  const listFp = (list: Article[]) => list.map((a) => [a.url, issueFp.get(a.issue) ?? ""]);
  for (const m of site.months) {
    const fp = digestOf([global, m.url, m.prev?.url, m.next?.url, m.issues.map((i) => [i.url, issueFp.get(i)])]);
    nodes.set(`month ${m.url}`, { fp, urls: [m.url], render: () => render.months.push(m) });
  }
  for (const y of site.years) {
    const fp = digestOf([global, y.url, y.prev?.url, y.next?.url, y.months.map((m) => [m.url, m.issues.map((i) => [i.url, issueFp.get(i)])])]);
    nodes.set(`year ${y.url}`, { fp, urls: [y.url], render: () => render.years.push(y) });
  }
  for (const p of site.papers) {
    const fp = digestOf([global, p.url, p.issues.map((i) => [i.url, issueFp.get(i)])]);
    nodes.set(`paper ${p.url}`, { fp, urls: [p.url], render: () => render.papers.push(p) });
  }
  // A list's page shows the articles it lists and, when split by year, every year with its count; a
  // year's page what it lists, its own count and the years (not their counts, so that an issue added
  // this year leaves the pages of the other years alone); a year split by month (its page and its
  // months' pages) also lists its months, without their counts; a month's page lists its articles.
  const yearsFp = (list: ArticleList, counts: boolean) => list.years.map((y) => [y.year, y.url, counts ? y.articles.length : null]);
  const monthsFp = (year: ListYear | undefined) => (year ? year.months.map((m) => [m.month, m.url]) : []);
  const listPageFp = (list: ArticleList) => digestOf([global, list.url, list.name, list.articles.length, listFp(list.listed), yearsFp(list, true), monthsFp(list.years[0])]);
  for (const p of site.authors) nodes.set(`author ${p.url}`, { fp: listPageFp(p), urls: [p.url], render: () => render.authors.push(p) });
  for (const r of site.rubrics) nodes.set(`rubric ${r.url}`, { fp: listPageFp(r), urls: [r.url], render: () => render.rubrics.push(r) });
  for (const y of site.archive.listYears) {
    const fp = digestOf([global, y.url, y.kind, y.of.name, y.articles.length, listFp(y.listed), yearsFp(y.of, false), monthsFp(y)]);
    nodes.set(`${y.kind}-year ${y.url}`, { fp, urls: [y.url], render: () => render.listYears.push(y) });
  }
  for (const m of site.archive.listMonths) {
    const fp = digestOf([global, m.url, m.kind, m.of.name, m.year.year, m.year.url, m.month, listFp(m.articles), yearsFp(m.of, false), monthsFp(m.year)]);
    nodes.set(`${m.kind}-month ${m.url}`, { fp, urls: [m.url], render: () => render.listMonths.push(m) });
  }
  // An alias page shows its list's name and the URL it sends the reader to.
  for (const a of site.archive.listAliases) {
    nodes.set(`${a.kind}-alias ${a.url}`, { fp: digestOf([global, a.url, a.to, a.of.name, a.year, a.month]), urls: [a.url], render: () => render.listAliases.push(a) });
  }
  // A month's page of a long build report lists that month's problems; a sitemap file, its URLs (a new
  // issue's are near the end: src/site/data.ts sitemapOf).
  for (const part of site.report.parts) nodes.set(`report ${part.url}`, { fp: digestOf([global, part.url, part.label, part.counts, part.rows]), urls: [part.url], render: () => render.reportParts.push(part) });
  for (const file of site.sitemaps) nodes.set(`sitemap ${file.url}`, { fp: digestOf([global, file.url, file.entries]), urls: [file.url], render: () => render.sitemaps.push(file) });

  const keptFiles = new Map<string, string[]>();
  for (const [key, node] of nodes) {
    const was = previous?.nodes[key];
    if (base && was && was.fp === node.fp && node.fp !== "always" && was.files.every((f) => existsSync(join(base, ...f.split("/"))))) keptFiles.set(key, was.files);
    else node.render();
  }

  const articles = [...nodes.keys()].map(articlePage).filter((p) => p !== null);

  return {
    render,
    articles,
    previous,
    rendered: nodes.size - keptFiles.size,
    kept: keptFiles.size,
    issueKept: (issue) => keptFiles.has(`issue ${issue.url}`),
    commit(results, extra) {
      const byUrl = new Map<string, string>();
      for (const [key, node] of nodes) for (const u of node.urls) byUrl.set(u, key);
      const written = new Map<string, string[]>();
      const html = new Map<string, string>();
      const shared: string[] = [];
      for (const r of results) {
        if (!r.outputPath) continue;
        const rel = relative(out, resolve(r.outputPath)).split(sep).join("/");
        const key = byUrl.get(r.url);
        if (!key) shared.push(rel);
        else {
          (written.get(key) ?? written.set(key, []).get(key)!).push(rel);
          if (r.digest) html.set(key, r.digest);
        }
      }
      const manifest: Manifest = { version: 3, global, nodes: {}, shared: shared.sort(), extra: [...extra].sort(), shards: {} };
      for (const [key, node] of nodes) {
        const kept = keptFiles.get(key);
        manifest.nodes[key] = { fp: node.fp, files: kept ?? (written.get(key) ?? []).sort() };
        const digest = kept ? previous?.nodes[key]?.html : html.get(key);
        if (digest) manifest.nodes[key]!.html = digest;
      }
      return manifest;
    },
  };
}
