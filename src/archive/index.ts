// content/ -> the archive: papers > years > months > issues > pages > articles, with the source of every
// page, the indexes of authors and rubrics, and every problem found on the way (DESIGN.md section 3).
//
//   content/site.yml                              title, url, lang, description of the site (optional)
//   content/<paper>/paper.yml                     name, lang, timezone, description
//   content/<paper>/<yyyy>/<mm>/<dd>/<NN>.txt     page NN of that day's issue, as extracted
//   content/<paper>/<yyyy>/<mm>/<dd>/<NN>.yml     sidecar: name, editor, date_estimated, date_evidence, corrections
//   content/<paper>/<yyyy>/<mm>/<dd>/*.md         an article written by an editor (see markdown.ts)
//   content/<paper>/<yyyy>/<mm>/<dd>/<NN>.jpg     the page's facsimile (.jpg .png .webp .tif .pdf; see media.ts)
//   content/<paper>/<yyyy>/<mm>/<dd>/<NN>/        the page's photos, matched to its captions (media.ts)
//
// Nothing here stops the build: a bad file or key is a warning naming the file and line, and the rest
// of the archive is still built. Paths never leave content/ (symbolic links are not followed), and
// every URL is made of checked parts only (paper ids, digits, hex ids).
import { createHash } from "node:crypto";
import { lstatSync, readFileSync, readdirSync, type Stats } from "node:fs";
import { basename, join, resolve } from "node:path";
import { DateTime, IANAZone } from "luxon";
import type { Span } from "../model/types.js";
import { articleId } from "../model/ids.js";
import { decodeAs } from "../parse/decode.js";
import { knownDigest, parseCached, rememberDigest, saveDigests, warmCached, type CachedParse, type PageIdentity } from "./parse-cache.js";
import { applyCorrections, readCorrections, type Correction } from "./corrections.js";
import { readMarkdownArticle, type MarkdownArticle } from "./markdown.js";
import { attachMedia, FACSIMILE_FILE, readMediaSpecs, type PhotoSpec, type ZoneSpec } from "./media.js";
import {
  Article,
  ArticleList,
  Issue,
  ListAlias,
  ListMonth,
  ListYear,
  Month,
  Node,
  Page,
  Paper,
  Person,
  Rubric,
  Source,
  Year,
  type ArticleRecord,
  type CalendarDay,
  type SiteConfig,
  type SourceLine,
  type Warning,
} from "./types.js";
import { fields, items, readYaml, str } from "./yaml.js";

export * from "./types.js";

export class Archive extends Node {
  site: SiteConfig = { title: "Gazette", url: "http://localhost:8080", lang: "zh-CN", description: "" };
  papers: Paper[] = [];
  years: Year[] = [];
  months: Month[] = [];
  /** Every issue, newest first (then by paper). */
  issues: Issue[] = [];
  pages: Page[] = [];
  articles: Article[] = [];
  sources: Source[] = [];
  authors: Person[] = [];
  rubrics: Rubric[] = [];
  /** The pages of the authors' and rubrics' older years (ListYear): every year but each list's newest. */
  listYears: ListYear[] = [];
  /** The pages of the months of a list's year split by month (ListMonth): every month but each such year's newest. */
  listMonths: ListMonth[] = [];
  /** The URLs of each list's newest year and each split year's newest month, shown on the page above (ListAlias). */
  listAliases: ListAlias[] = [];
  warnings: Warning[] = [];
  /** Images used by Markdown articles: copied to the same path under the output folder. */
  images: { from: string; url: string }[] = [];
  /** Facsimiles and photos processed by the image step (src/site/images.ts): written to /img/. */
  renditions: import("./types.js").Rendition[] = [];
}

export interface LoadOptions {
  /** The content folder (default "content"). */
  contentDir?: string;
  /**
   * Only fill the parse cache, as parse helper `helper` of `helpers` (src/archive/warm-parse.ts): the
   * page files from the last one backwards, every `helpers`-th from the helper's own, stopping at the
   * first one already cached (the load, going forwards, has been there). Nothing else is read, and
   * the archive returned is empty.
   */
  warm?: { helper: number; helpers: number };
}

const PAPER_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const PAGE_FILE = /^(\d{1,3})\.(txt|yml)$/;
const ARTICLE_ID = /^[0-9a-f]{6,64}(?:-\d+)?$/;
/** Names the archive does not read: hidden files and folders (.git, .DS_Store), drafts (_x), READMEs. */
const IGNORED = /^(?:\.|README|readme|_)/;
/**
 * …but a hidden name that looks like a page file (.01.txt), or that starts with "..", was meant to be
 * read: it is skipped with a warning, not in silence. macOS's "._" shadow files stay silent.
 */
const HIDDEN_BUT_MEANT = /^\.(?:\.|(?!_).*\.(?:txt|ya?ml|md)$)/i;
/** Files of the page kinds (page text, sidecar, Markdown article), whatever the case of the extension. */
const PAGE_KIND = /\.(?:txt|ya?ml|md)$/i;

/** Parsed pages by content hash and identity: a page is parsed once per process (e.g. across rebuilds). */
const parseCache = new Map<string, CachedParse>();

/** LoadOptions.warm, with the page files found, in the order the load reads them. */
type Warm = NonNullable<LoadOptions["warm"]> & { found: { abs: string; who: PageIdentity }[] };

export function loadArchive(options: LoadOptions = {}): Archive {
  const contentDir = resolve(options.contentDir ?? "content");
  const warm: Warm | null = options.warm ? { ...options.warm, found: [] } : null;
  const archive = new Archive();
  const w = archive.warnings;
  const display = (abs: string) => `content/${abs.slice(contentDir.length + 1).split("\\").join("/")}`;

  const siteFile = join(contentDir, "site.yml");
  const siteText = isFile(siteFile) ? readText(siteFile, display(siteFile), w) : null;
  if (siteText !== null) {
    const y = readYaml(display(siteFile), siteText);
    const f = fields(y, y.root, { title: "string", url: "string", lang: "string", description: "string" }, "site.yml");
    w.push(...y.warnings);
    const url = str(f.get("url"));
    if (url !== undefined && !/^https?:\/\/[^\s"'<>]+$/.test(url))
      w.push({ file: display(siteFile), line: f.get("url")!.line, severity: "warning", code: "bad-url", message: `url should be an http(s) address, not "${url}"` });
    archive.site = {
      title: str(f.get("title")) ?? archive.site.title,
      url: (url && /^https?:\/\/[^\s"'<>]+$/.test(url) ? url : archive.site.url).replace(/\/+$/, ""),
      lang: langOf(str(f.get("lang"))) ?? archive.site.lang,
      description: str(f.get("description")) ?? "",
    };
  }

  for (const name of list(contentDir, w, display)) {
    const abs = join(contentDir, name);
    const st = lstatSync(abs);
    if (st.isSymbolicLink()) {
      w.push({ file: display(abs), line: 1, severity: "warning", code: "symlink", message: "symbolic links are not followed; the entry is skipped" });
      continue;
    }
    if (!st.isDirectory()) {
      if (name !== "site.yml") w.push(strayFile(display(abs), name, "content/ holds site.yml and one folder per paper; this file is ignored"));
      continue;
    }
    if (!PAPER_ID.test(name)) {
      w.push({ file: display(abs), line: 1, severity: "warning", code: "bad-paper-id", message: `a paper's folder is named with lower-case letters, digits and -, like "glrb"; "${name}" is skipped` });
      continue;
    }
    archive.papers.push(loadPaper(archive, contentDir, name, display, warm));
  }
  if (warm) {
    fillCache(warm, w);
    return new Archive();
  }
  // A file name may hold a newline or other control characters: shown escaped, so that every
  // finding stays one `file:line: severity code message` line for the console and editors' CI.
  for (const x of w) {
    x.file = visible(x.file);
    x.message = visible(x.message);
  }
  link(archive);
  saveDigests();
  return archive;
}

function visible(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/** The entries of a folder that the archive reads, in name order; hidden page files are named in `w`. */
function list(dir: string, w: Warning[], display: (abs: string) => string): string[] {
  return readdirSync(dir)
    .filter((n) => {
      if (!IGNORED.test(n)) return true;
      if (HIDDEN_BUT_MEANT.test(n))
        w.push({ file: display(join(dir, n)), line: 1, severity: "warning", code: "hidden-name", message: `names starting with "." are hidden and not read; "${n}" is skipped` });
      return false;
    })
    .sort();
}

/** A file where the layout has folders: a page file (or sidecar, or Markdown article) there is lost to the site, so it is a warning. */
function strayFile(file: string, name: string, note: string): Warning {
  if (PAGE_KIND.test(name))
    return { file, line: 1, severity: "warning", code: "misplaced-file", message: `a page file belongs in <paper>/<yyyy>/<mm>/<dd>/; "${name}" is skipped` };
  return { file, line: 1, severity: "info", code: "unexpected-file", message: note };
}

/** The bytes of a file, or null with a warning when it cannot be read (permissions, a vanished file). */
function readBytes(abs: string, file: string, w: Warning[]): Buffer | null {
  try {
    return readFileSync(abs);
  } catch (e) {
    w.push({ file, line: 1, severity: "warning", code: "unreadable", message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); skipped` });
    return null;
  }
}

function readText(abs: string, file: string, w: Warning[]): string | null {
  return readBytes(abs, file, w)?.toString("utf8") ?? null;
}

function isFile(p: string): boolean {
  try {
    return lstatSync(p).isFile();
  } catch {
    return false;
  }
}

function langOf(s: string | undefined): string | undefined {
  return s && /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/.test(s) ? s : undefined;
}

/** A parse helper's share of the page files, parsed into the cache from the last one backwards (LoadOptions.warm). */
function fillCache(warm: Warm, w: Warning[]): void {
  for (let k = warm.helper; k < warm.found.length; k += warm.helpers) {
    const { abs, who } = warm.found[warm.found.length - 1 - k]!;
    const bytes = readBytes(abs, who.path, w);
    if (!bytes) continue;
    if (!warmCached(bytes, who, createHash("sha256").update(bytes).digest("hex"))) return;
  }
}

function loadPaper(archive: Archive, contentDir: string, id: string, display: (abs: string) => string, warm: Warm | null): Paper {
  const w = archive.warnings;
  const dir = join(contentDir, id);
  const paper = new Paper();
  paper.id = id;
  paper.name = id;
  paper.url = `/${id}/`;
  paper.feedUrl = `/${id}/feed.xml`;
  const yml = join(dir, "paper.yml");
  const ymlText = isFile(yml) ? readText(yml, display(yml), w) : null;
  if (ymlText !== null) {
    const y = readYaml(display(yml), ymlText);
    const f = fields(y, y.root, { name: "string", lang: "string", timezone: "string", description: "string" }, "paper.yml");
    w.push(...y.warnings);
    paper.name = str(f.get("name"))?.trim() || id;
    const lang = str(f.get("lang"));
    if (lang !== undefined && !langOf(lang))
      w.push({ file: display(yml), line: f.get("lang")!.line, severity: "warning", code: "bad-lang", message: `lang should be a language tag like zh-CN, not "${lang}"` });
    paper.lang = langOf(lang) ?? paper.lang;
    const zone = str(f.get("timezone"));
    if (zone !== undefined && !IANAZone.isValidZone(zone))
      w.push({ file: display(yml), line: f.get("timezone")!.line, severity: "warning", code: "bad-timezone", message: `timezone should be an IANA zone like Asia/Shanghai, not "${zone}"` });
    paper.timezone = zone && IANAZone.isValidZone(zone) ? zone : paper.timezone;
    paper.description = str(f.get("description")) ?? "";
  } else {
    w.push({ file: display(dir), line: 1, severity: "warning", code: "no-paper-yml", message: `no paper.yml: the paper is called "${id}", in zh-CN, on Asia/Shanghai time` });
  }

  for (const yyyy of list(dir, w, display)) {
    const yDir = join(dir, yyyy);
    if (yyyy === "paper.yml") continue;
    if (!isDir(yDir, w, display)) continue;
    if (!/^\d{4}$/.test(yyyy)) {
      w.push({ file: display(yDir), line: 1, severity: "warning", code: "bad-path", message: `expected a year folder (yyyy), found "${yyyy}"; skipped` });
      continue;
    }
    for (const mm of list(yDir, w, display)) {
      const mDir = join(yDir, mm);
      if (!isDir(mDir, w, display)) continue;
      if (!/^\d{2}$/.test(mm)) {
        w.push({ file: display(mDir), line: 1, severity: "warning", code: "bad-path", message: `expected a month folder (mm), found "${mm}"; skipped` });
        continue;
      }
      for (const dd of list(mDir, w, display)) {
        const dDir = join(mDir, dd);
        if (!isDir(dDir, w, display)) continue;
        if (!/^\d{2}$/.test(dd)) {
          w.push({ file: display(dDir), line: 1, severity: "warning", code: "bad-path", message: `expected a day folder (dd), found "${dd}"; skipped` });
          continue;
        }
        const dt = DateTime.fromObject({ year: +yyyy, month: +mm, day: +dd }, { zone: paper.timezone });
        if (!dt.isValid) {
          w.push({ file: display(dDir), line: 1, severity: "warning", code: "impossible-date", message: `${yyyy}-${mm}-${dd} is not a date (${dt.invalidExplanation ?? dt.invalidReason}); the folder is skipped` });
          continue;
        }
        const issue = loadIssue(archive, paper, contentDir, dDir, `${yyyy}-${mm}-${dd}`, display, warm);
        if (issue) paper.issues.push(issue);
      }
    }
  }
  return paper;
}

function isDir(p: string, w: Warning[], display: (abs: string) => string): boolean {
  const st = lstatSync(p);
  if (st.isSymbolicLink()) {
    w.push({ file: display(p), line: 1, severity: "warning", code: "symlink", message: "symbolic links are not followed; the entry is skipped" });
    return false;
  }
  if (!st.isDirectory()) {
    w.push(strayFile(display(p), basename(p), "not where the content layout expects a file; ignored"));
    return false;
  }
  return true;
}

interface Sidecar {
  name: string;
  editor: string;
  dateEstimated: boolean;
  dateEvidence: string;
  corrections: Correction[];
  photos: PhotoSpec[] | null;
  zones: ZoneSpec[];
  file: string;
}

function readSidecar(file: string, text: string, w: Warning[]): Sidecar {
  const y = readYaml(file, text);
  const f = fields(
    y,
    y.root,
    { name: "string", editor: "string", date_estimated: "boolean", date_evidence: "string", corrections: "list", photos: "list", zones: "list" },
    "the sidecar",
  );
  const corrections = readCorrections(y, items(y, f.get("corrections")));
  const media = readMediaSpecs(y, f);
  w.push(...y.warnings);
  return {
    name: str(f.get("name"))?.trim() ?? "",
    editor: str(f.get("editor"))?.trim() ?? "",
    dateEstimated: f.get("date_estimated")?.value === true,
    dateEvidence: str(f.get("date_evidence")) ?? "",
    corrections,
    photos: media.photos,
    zones: media.zones,
    file,
  };
}

function loadIssue(archive: Archive, paper: Paper, contentDir: string, dir: string, date: string, display: (abs: string) => string, warm: Warm | null): Issue | null {
  const w = archive.warnings;
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const texts = new Map<string, string>();
  const textStats = new Map<string, Stats>();
  const sidecars = new Map<string, string>();
  const markdown: string[] = [];
  const facsimiles = new Map<string, string>();
  const photoDirs = new Map<string, string>();
  for (const name of list(dir, w, display)) {
    const abs = join(dir, name);
    const st = lstatSync(abs);
    if (st.isSymbolicLink()) {
      w.push({ file: display(abs), line: 1, severity: "warning", code: "symlink", message: "symbolic links are not followed; the entry is skipped" });
      continue;
    }
    if (st.isDirectory()) {
      if (!/^\d{1,3}$/.test(name)) w.push({ file: display(abs), line: 1, severity: "info", code: "unexpected-file", message: "a day's folder holds page files and <NN>/ folders of photos; ignored" });
      else photoDirs.set(name.padStart(2, "0"), abs);
      continue;
    }
    // A named pipe, socket or device: reading one would block the build or read forever.
    if (!st.isFile()) {
      w.push({ file: display(abs), line: 1, severity: "warning", code: "not-a-file", message: "not a regular file (a named pipe, socket or device); not read" });
      continue;
    }
    const m = PAGE_FILE.exec(name);
    if (m) {
      const no = m[1]!.padStart(2, "0");
      if (Number(no) === 0) {
        w.push({ file: display(abs), line: 1, severity: "warning", code: "bad-page-number", message: "pages are numbered from 1; skipped" });
        continue;
      }
      const target = m[2] === "txt" ? texts : sidecars;
      if (target.has(no)) {
        w.push({ file: display(abs), line: 1, severity: "warning", code: "duplicate-page", message: `page ${no} is given twice (${name}); this file is skipped` });
        continue;
      }
      target.set(no, abs);
      if (target === texts) textStats.set(no, st);
    } else if (name.endsWith(".md")) markdown.push(abs);
    else if (FACSIMILE_FILE.test(name)) {
      const no = FACSIMILE_FILE.exec(name)![1]!.padStart(2, "0");
      if (facsimiles.has(no)) w.push({ file: display(abs), line: 1, severity: "warning", code: "duplicate-facsimile", message: `page ${no} has two facsimiles; ${display(facsimiles.get(no)!)} is shown, this file is skipped` });
      else facsimiles.set(no, abs);
    } else if (/\.(jpe?g|png|webp|gif|svg|tiff?)$/i.test(name)) continue; // images of Markdown articles
    else if (PAGE_KIND.test(name))
      // Any case of the extension (01.TXT, 01.yaml, NOTE.MD): a page file with a name the layout does not take.
      w.push({ file: display(abs), line: 1, severity: "warning", code: "bad-page-name", message: `page files are named by their page number, like 01.txt and 01.yml (Markdown articles: <name>.md); "${name}" is skipped` });
    else w.push({ file: display(abs), line: 1, severity: "info", code: "unexpected-file", message: "not a page file, sidecar or Markdown article; ignored" });
  }
  // A parse helper (LoadOptions.warm) takes the page files only: no sidecar, Markdown article or media.
  if (warm) {
    for (const [no, abs] of texts) warm.found.push({ abs, who: { path: display(abs), paper: paper.id, date, page: no } });
    return null;
  }

  const issue = new Issue();
  Object.assign(issue, { paper, date, year, month, day, url: `/${paper.id}/${date.replaceAll("-", "/")}/` });
  const pages = new Map<string, Page>();
  const pageFor = (no: string): Page => {
    let page = pages.get(no);
    if (!page) {
      page = new Page();
      Object.assign(page, { paper, issue, no, num: Number(no), url: `${issue.url}${no}/`, jsonUrl: `${issue.url}${no}.json` });
      pages.set(no, page);
    }
    return page;
  };

  const sidecarOf = new Map<string, Sidecar>();
  for (const [no, abs] of sidecars) {
    const text = readText(abs, display(abs), w);
    if (text === null) continue;
    const sc = readSidecar(display(abs), text, w);
    sidecarOf.set(no, sc);
    if (!texts.has(no) && !sc.corrections.length) pageFor(no);
    if (!texts.has(no) && sc.corrections.length)
      w.push({ file: sc.file, line: 1, severity: "warning", code: "orphan-corrections", message: `corrections for page ${no}, which has no ${no}.txt` });
  }

  for (const [no, abs] of texts) {
    const file = display(abs);
    const st = textStats.get(no)!;
    // A file unchanged since a build hashed it is not read, unless its parse is not in the cache.
    let bytes: Buffer | null = null;
    let sha = knownDigest(abs, st);
    if (!sha) {
      bytes = readBytes(abs, file, w);
      if (!bytes) continue;
      sha = createHash("sha256").update(bytes).digest("hex");
      rememberDigest(abs, st, sha);
    }
    const page = pageFor(no);
    const key = `${sha}\u001f${paper.id}\u001f${date}\u001f${no}\u001f${file}`;
    let cached = parseCache.get(key);
    if (!cached) {
      const parsed = parseCached(bytes ?? (() => readBytes(abs, file, w)), { path: file, paper: paper.id, date, page: no }, sha);
      if (!parsed) continue; // unreadable now: readBytes said why
      parseCache.set(key, (cached = parsed));
    }
    page.inputs = `${key}\0${JSON.stringify(sidecarOf.get(no) ?? null)}`;
    let parsed = cached.parsed;
    for (const d of parsed.diagnostics) page.diagnostics.push({ file, line: d.line, severity: d.severity, code: d.code, message: d.message });
    const sc = sidecarOf.get(no);
    if (sc?.corrections.length) {
      parsed = applyCorrections(parsed, sc.corrections, {
        paper: paper.id,
        date,
        page: no,
        warn: (line, message) => page.diagnostics.push({ file: sc.file, line, severity: "warning", code: "correction-failed", message }),
      });
    }
    page.rubrics = parsed.page.rubrics;
    page.unassigned = parsed.unassigned;
    // A binary file has no text to show: its bytes are not rendered as a source page (they would be
    // control characters and mojibake, megabytes of them for a PDF named .txt). The page record still
    // names the file, and the error names it on /report/.
    if (!parsed.diagnostics.some((d) => d.code === "binary-file")) {
      const source = new Source();
      source.path = file;
      source.url = `${page.url}source/`;
      source.encoding = parsed.source.encoding;
      source.page = page;
      source.abs = abs;
      source.lineCount = cached.lineCount;
      page.source = source;
    }
    const source = page.source;
    for (const a of parsed.articles) {
      if (!ARTICLE_ID.test(a.id)) continue;
      const article = new Article();
      Object.assign(article, {
        id: a.id,
        kind: "text",
        paper,
        issue,
        page,
        kicker: a.kicker,
        headline: a.headline,
        subheadline: a.subheadline,
        rubric: a.rubric,
        bylines: a.bylines,
        body: a.body.map((b, i) => (b.type === "heading" ? { ...b, anchor: `s-${i + 1}` } : b)),
        captions: a.captions,
        credits: a.credits,
        authorNotes: a.authorNotes,
        source,
      });
      page.articles.push(article);
    }
    page.file = parsed.source;
  }

  for (const abs of markdown) {
    const file = display(abs);
    const text = readText(abs, file, w);
    if (text === null) continue;
    const md = readMarkdownArticle(file, abs, contentDir, text, w);
    if (!md) continue;
    if (!Number.isInteger(md.page) || md.page < 1 || md.page > 999) {
      w.push({ file, line: 1, severity: "warning", code: "bad-page-number", message: `page ${md.page} is not a page number; the article is skipped` });
      continue;
    }
    const no = String(md.page).padStart(2, "0");
    const page = pageFor(no);
    addMarkdownArticle(archive, page, md, file);
  }

  if (!pages.size) {
    w.push({ file: display(dir), line: 1, severity: "info", code: "empty-issue", message: "no page files in this day's folder" });
    return null;
  }
  issue.pages = [...pages.values()].sort((a, b) => a.num - b.num);
  for (const [no, abs] of facsimiles)
    if (!pages.has(no)) w.push({ file: display(abs), line: 1, severity: "warning", code: "orphan-facsimile", message: `a facsimile of page ${no}, which has no ${no}.txt (nor sidecar or Markdown article); not shown` });
  for (const [no, abs] of photoDirs)
    if (!pages.has(no)) w.push({ file: display(abs), line: 1, severity: "warning", code: "orphan-photos", message: `photos of page ${no}, which has no ${no}.txt; not shown` });
  const taken = new Set(archive.images.map((i) => i.from));
  for (const page of issue.pages) {
    const sc = sidecarOf.get(page.no);
    const mediaWarnings: Warning[] = [];
    attachMedia(
      page,
      { dir, display, facsimile: facsimiles.get(page.no) ?? null, photoDir: photoDirs.get(page.no) ?? null, sidecar: sc ? { file: sc.file, photos: sc.photos, zones: sc.zones } : null, taken },
      mediaWarnings,
    );
    page.diagnostics.push(...mediaWarnings);
    if (sc) {
      page.name = sc.name;
      page.editor = sc.editor;
      page.dateEstimated = sc.dateEstimated;
      page.dateEvidence = sc.dateEvidence;
      if (sc.dateEstimated) {
        issue.dateEstimated = true;
        if (sc.dateEvidence) issue.dateEvidence.push(sc.dateEvidence);
      }
    }
    page.articles = dedupe(page.articles);
    for (const a of page.articles) {
      a.url = `${page.url}${a.id}/`;
      a.jsonUrl = `${page.url}${a.id}.json`;
      a.lines = articleLines(a);
      if (a.kind === "markdown" && a.source) {
        a.source.url = `${a.url}source/`;
        for (const l of a.source.lines) l.article = a.id;
      }
      if (a.source) {
        a.sourceUrl = a.kind === "markdown" ? `${a.source.url}#L${a.lines[0] ?? 1}` : `${a.source.url}#a-${a.id}`;
      }
      a.summary = summaryOf(a);
    }
    if (page.source) placeAnchors(page);
    archive.pages.push(page);
    archive.articles.push(...page.articles);
    if (page.source) archive.sources.push(page.source);
    for (const a of page.articles) if (a.kind === "markdown" && a.source) archive.sources.push(a.source);
    archive.warnings.push(...page.diagnostics);
  }
  issue.articles = issue.pages.flatMap((p) => p.articles);
  issue.articles.forEach((a, i) => {
    a.prev = issue.articles[i - 1] ?? null;
    a.next = issue.articles[i + 1] ?? null;
  });
  return issue;
}

/** Two articles with one id on a page (a Markdown article with a parsed one's headline): -2, -3, … */
function dedupe(articles: Article[]): Article[] {
  const seen = new Map<string, number>();
  for (const a of articles) {
    const base = a.id.replace(/-\d+$/, "");
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    if (n > 1 && a.id === base) a.id = `${base}-${n}`;
  }
  return articles;
}

function addMarkdownArticle(archive: Archive, page: Page, md: MarkdownArticle, file: string) {
  const article = new Article();
  const id = articleId(page.paper.id, page.issue.date, page.no, md.headline.text);
  Object.assign(article, {
    id,
    kind: "markdown",
    paper: page.paper,
    issue: page.issue,
    page,
    kicker: md.kicker,
    headline: md.headline,
    subheadline: md.subheadline,
    rubric: md.rubric,
    bylines: md.bylines,
    body: md.body,
    captions: md.captions,
    credits: md.credits,
    authorNotes: md.authorNotes,
    html: md.html,
  });
  const source = new Source();
  source.path = file;
  source.page = page;
  source.article = article;
  source.lines = md.lines.map((text, i) => ({ no: i + 1, text, role: "", article: id, anchor: null, label: false }));
  while (source.lines.length && !source.lines[source.lines.length - 1]!.text) source.lines.pop();
  labelRuns(source.lines, new Map());
  article.source = source;
  page.articles.push(article);
  archive.images.push(...md.images);
}

/** A page file's text as its lines (a final line end ends the last line, it does not start another). */
export function splitLines(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * The lines of a source view, each with its role and article; the first line of an article is its
 * anchor. A Markdown article's are kept; a page file's are read again from the file (the archive keeps
 * its text once, in its records), and must be the bytes that were parsed.
 */
export function linesOf(source: Source): SourceLine[] {
  if (source.article) return source.lines;
  const bytes = readFileSync(source.abs);
  if (createHash("sha256").update(bytes).digest("hex") !== source.page.file?.sha256) throw new Error(`${source.path}: changed while the site was being built; build again`);
  const lines: SourceLine[] = splitLines(decodeAs(bytes, source.encoding)).map((text, i) => ({ no: i + 1, text, role: "", article: null, anchor: null, label: false }));
  const page = source.page;
  // The record each line belongs to, numbered (labelRuns).
  const recordOf = new Map<number, number>();
  let records = 0;
  const mark = (span: { lines: number[] }, role: string, article: string | null) => {
    const record = records++;
    for (const no of span.lines) {
      const l = lines[no - 1];
      if (!l || l.role) continue;
      Object.assign(l, { role, article });
      recordOf.set(no, record);
    }
  };
  for (const r of page.rubrics) mark(r, "rubric", null);
  for (const a of page.articles) if (a.kind === "text") for (const [role, s] of spansOf(a)) mark(s, role, a.id);
  for (const u of page.unassigned) mark(u, `unassigned ${u.type}`, null);
  for (const [no, anchor] of source.anchors) lines[no - 1]!.anchor = anchor;
  labelRuns(lines, recordOf);
  return lines;
}

/**
 * Labels the lines that start a run (SourceLine.label): each line of text whose record (`recordOf`, by
 * line number; for a line of none, its article) is not that of the line of text before it. Blank lines
 * are never labelled: a run goes on across them. So an article's rows are its labelled rows and the
 * rows after each up to the next labelled one (assets/js/site.js marks them so).
 */
function labelRuns(lines: SourceLine[], recordOf: Map<number, number>): void {
  let last: number | string | null = null;
  for (const l of lines) {
    if (!l.text) continue;
    const run = recordOf.get(l.no) ?? `article ${l.article}`;
    l.label = run !== last;
    last = run;
  }
}

function spansOf(a: Article): [string, { lines: number[] }][] {
  const out: [string, { lines: number[] }][] = [];
  if (a.rubric) out.push(["rubric", a.rubric]);
  if (a.kicker) out.push(["kicker", a.kicker]);
  out.push(["headline", a.headline]);
  if (a.subheadline) out.push(["subheadline", a.subheadline]);
  for (const b of a.bylines) out.push(["byline", b]);
  for (const b of a.body) out.push([b.type, b]);
  for (const c of a.captions) out.push(["caption", c]);
  for (const c of a.credits) out.push(["credit", c]);
  for (const c of a.authorNotes) out.push(["authorNote", c]);
  return out;
}

/** The article's line numbers, ascending, each once (sorted as numbers in a typed array: a build does this for every article). */
function articleLines(a: Article): number[] {
  const spans = spansOf(a);
  let n = 0;
  for (const [, s] of spans) n += s.lines.length;
  const all = new Int32Array(n);
  let i = 0;
  for (const [, s] of spans) for (const l of s.lines) all[i++] = l;
  all.sort();
  const out: number[] = [];
  for (let k = 0; k < n; k++) if (k === 0 || all[k] !== all[k - 1]) out.push(all[k]!);
  return out;
}

/**
 * Where each article's anchor goes in its page's source view: its first line, or, when another article
 * has that one, its first free line; an article with none links to its first line instead.
 */
function placeAnchors(page: Page) {
  const source = page.source!;
  const anchors = source.anchors;
  const exists = (no: number) => no >= 1 && no <= source.lineCount;
  for (const a of page.articles) {
    const first = a.lines[0] ?? 0;
    if (a.kind === "text" && exists(first) && !anchors.has(first)) anchors.set(first, `a-${a.id}`);
  }
  const placed = new Set(anchors.values());
  for (const a of page.articles) {
    if (a.kind !== "text" || placed.has(`a-${a.id}`)) continue;
    const free = a.lines.find((no) => exists(no) && !anchors.has(no));
    if (free) anchors.set(free, `a-${a.id}`);
    else a.sourceUrl = `${source.url}#L${a.lines[0] ?? 1}`;
  }
}

function summaryOf(a: Article): string {
  const first = a.body.find((b) => b.type === "paragraph")?.text ?? a.subheadline?.text ?? "";
  const chars = [...first];
  return chars.length > 90 ? `${chars.slice(0, 90).join("")}……` : first;
}

function record(a: Article): ArticleRecord {
  const strip = <T extends object>(b: T): T => {
    const { anchor: _anchor, ...rest } = b as T & { anchor?: string };
    return rest as T;
  };
  return {
    type: "article",
    id: a.id,
    url: a.url,
    paper: { id: a.paper.id, name: a.paper.name, lang: a.paper.lang },
    date: a.issue.date,
    dateEstimated: a.page.dateEstimated,
    page: { no: a.page.no, name: a.page.name },
    kind: a.kind,
    kicker: a.kicker,
    headline: a.headline,
    subheadline: a.subheadline,
    rubric: a.rubric,
    bylines: a.bylines,
    body: a.body.map(strip),
    captions: a.captions,
    credits: a.credits,
    authorNotes: a.authorNotes,
    source: { path: a.source?.path ?? "", lines: a.lines },
  };
}

const collator = new Intl.Collator("zh-Hans-CN-u-co-pinyin");

/** A URL part for a name: letters and digits kept, anything else a hyphen. */
export function slugOf(name: string): string {
  const s = name
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return s || createHash("sha256").update(name).digest("hex").slice(0, 8);
}

function byDateDesc(a: Article, b: Article): number {
  return b.issue.date.localeCompare(a.issue.date) || a.paper.id.localeCompare(b.paper.id) || a.page.num - b.page.num || a.issue.articles.indexOf(a) - b.issue.articles.indexOf(b);
}

/** Years, months and calendars; neighbours; the author and rubric indexes; records. */
function link(archive: Archive) {
  for (const paper of archive.papers) {
    paper.issues.sort((a, b) => a.date.localeCompare(b.date));
    paper.issues.forEach((issue, i) => {
      issue.prev = paper.issues[i - 1] ?? null;
      issue.next = paper.issues[i + 1] ?? null;
    });
    const years = [...new Set(paper.issues.map((i) => i.year))];
    for (const y of years) {
      const year = new Year();
      Object.assign(year, { paper, year: y, url: `${paper.url}${y}/` });
      for (let m = 1; m <= 12; m++) {
        const month = new Month();
        const mm = String(m).padStart(2, "0");
        Object.assign(month, { paper, yearNode: year, year: y, month: m, key: `${y}-${mm}`, url: `${year.url}${mm}/` });
        month.issues = paper.issues.filter((i) => i.year === y && i.month === m);
        for (const issue of month.issues) issue.monthNode = month;
        month.weeks = calendar(y, m, paper.timezone, month.issues);
        year.months.push(month);
      }
      year.issueCount = paper.issues.filter((i) => i.year === y).length;
      paper.years.push(year);
    }
    paper.years.forEach((y, i) => {
      y.prev = paper.years[i - 1] ?? null;
      y.next = paper.years[i + 1] ?? null;
    });
    const months = paper.years.flatMap((y) => y.months).filter((m) => m.issues.length);
    months.forEach((m, i) => {
      m.prev = months[i - 1] ?? null;
      m.next = months[i + 1] ?? null;
    });
    archive.years.push(...paper.years);
    archive.months.push(...months);
    archive.issues.push(...paper.issues);
  }
  archive.issues.sort((a, b) => b.date.localeCompare(a.date) || a.paper.id.localeCompare(b.paper.id));

  const people = new Map<string, Person>();
  const rubrics = new Map<string, Rubric>();
  for (const a of archive.articles) {
    a.record = record(a);
    for (const name of new Set(a.bylines.flatMap((b) => b.names))) {
      let p = people.get(name);
      if (!p) people.set(name, (p = Object.assign(new Person(), { name })));
      p.articles.push(a);
      a.authors.push(p);
    }
    const r = a.rubric?.text.trim();
    if (r) {
      let node = rubrics.get(r);
      if (!node) rubrics.set(r, (node = Object.assign(new Rubric(), { name: r })));
      node.articles.push(a);
      a.rubricNode = node;
    }
  }
  archive.authors = named([...people.values()], "/authors/");
  archive.rubrics = named([...rubrics.values()], "/rubrics/");
  for (const [lists, kind] of [[archive.authors, "author"], [archive.rubrics, "rubric"]] as const) {
    for (const list of lists) {
      const { years, months, aliases } = splitList(list, kind);
      archive.listYears.push(...years);
      archive.listMonths.push(...months);
      archive.listAliases.push(...aliases);
    }
  }

  for (const page of archive.pages) {
    page.record = {
      type: "page",
      url: page.url,
      paper: page.paper.id,
      date: page.issue.date,
      page: page.no,
      name: page.name,
      editor: page.editor,
      source: page.file,
      rubrics: page.rubrics,
      articles: page.articles.map((a) => a.id),
      unassigned: page.unassigned,
      diagnostics: page.diagnostics,
    };
  }
  archive.warnings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.code.localeCompare(b.code));
}

function named<T extends ArticleList>(nodes: T[], base: string): T[] {
  nodes.sort((a, b) => collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const used = new Set<string>();
  for (const n of nodes) {
    let slug = slugOf(n.name);
    for (let k = 2; used.has(slug); k++) slug = `${slugOf(n.name)}-${k}`;
    used.add(slug);
    n.slug = slug;
    n.url = `${base}${slug}/`;
    n.articles.sort(byDateDesc);
  }
  return nodes;
}

/**
 * The most articles one author's or rubric's page lists: a longer list is split by year, and a year
 * longer than this by month. A dated card is about 570 bytes of HTML, so 200 are some 115 kB; the
 * benchmark's busiest author at 10,000 articles had 1,069 on one page (614 kB), and at 100,000 articles
 * about ten times as many, as many in one year as the whole list at 10,000. By year and month, not in
 * pages of a fixed size, so that adding an issue re-renders the page of its month (and the list's) and
 * not every page after it. GAZETTE_LIST_SPLIT=N overrides it (the tests use a small one).
 */
export const LIST_SPLIT = 200;

const listSplit = () => Number(process.env.GAZETTE_LIST_SPLIT) || LIST_SPLIT;

/**
 * Splits a list longer than LIST_SPLIT by year (`list.years`), and each year longer than that by month
 * (`year.months`); returns the years and months with pages of their own (all but the newest of each),
 * and the newest ones' own URLs (aliases of the page above that shows them).
 * A list of one year is split only when that year is split by month (its page then names the year).
 */
function splitList(list: ArticleList, kind: ListYear["kind"]): { years: ListYear[]; months: ListMonth[]; aliases: ListAlias[] } {
  const none = { years: [], months: [], aliases: [] };
  if (list.articles.length <= listSplit()) return none;
  const years = runsOf(list.articles, (a) => String(a.issue.year), (year, first) => Object.assign(new ListYear(), { kind, of: list, year, url: first ? list.url : yearUrl(list, year) }));
  for (const y of years) splitByMonth(y);
  // All of one month of one year: one page, however long.
  if (years.length < 2 && !years[0]!.months.length) return none;
  list.years = years;
  const alias = (url: string, to: string, year: string, month: number) => Object.assign(new ListAlias(), { kind, of: list, url, to, year, month });
  const newest = years[0]!;
  const aliases = [alias(yearUrl(list, newest.year), list.url, newest.year, 0)];
  for (const y of years) if (y.months.length) aliases.push(alias(monthUrl(list, y.year, y.months[0]!.month), y.url, y.year, y.months[0]!.month));
  return { years: years.slice(1), months: years.flatMap((y) => y.months.slice(1)), aliases };
}

/** The URL of a year of a list with a page of its own. */
const yearUrl = (list: ArticleList, year: string) => `${list.url}${year}/`;
/** The URL of a month of a list's year with a page of its own. */
const monthUrl = (list: ArticleList, year: string, month: number) => `${list.url}${year}/${String(month).padStart(2, "0")}/`;

/** Splits a year of a list longer than LIST_SPLIT by month (`year.months`), when it spans more than one. */
function splitByMonth(year: ListYear): void {
  if (year.articles.length <= listSplit()) return;
  const months = runsOf(year.articles, (a) => a.issue.month, (month, first) => Object.assign(new ListMonth(), { year, month, url: first ? year.url : monthUrl(year.of, year.year, month) }));
  if (months.length > 1) year.months = months;
}

/** `articles` (newest first) in runs of one key (a year, a month), each run made by `make` from its key; the first run is the newest. */
function runsOf<K, T extends { articles: Article[] }>(articles: Article[], keyOf: (a: Article) => K, make: (key: K, first: boolean) => T): T[] {
  const runs: T[] = [];
  let key: K | undefined;
  for (const a of articles) {
    const k = keyOf(a);
    if (!runs.length || k !== key) {
      runs.push(make(k, runs.length === 0));
      key = k;
    }
    runs.at(-1)!.articles.push(a);
  }
  return runs;
}

function calendar(year: number, month: number, zone: string, issues: Issue[]): CalendarDay[][] {
  const first = DateTime.fromObject({ year, month, day: 1 }, { zone });
  const days = first.daysInMonth ?? 30;
  const cells: CalendarDay[] = [];
  for (let i = 1; i < first.weekday; i++) cells.push({ day: null, date: "", issue: null });
  for (let d = 1; d <= days; d++) {
    const date = `${year}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    cells.push({ day: d, date, issue: issues.find((i) => i.date === date) ?? null });
  }
  while (cells.length % 7) cells.push({ day: null, date: "", issue: null });
  const weeks: CalendarDay[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

export type { Span };
