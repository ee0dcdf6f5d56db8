// The archive: papers > issues > pages > articles, built from content/ (DESIGN.md section 3).
//
// Nodes are class instances, not plain objects: they point at each other (an article knows its page,
// its issue and its paper), and Eleventy's data cascade copies class instances by reference instead of
// deep-merging them. What leaves the site as data (JSON, JSON Lines) is the plain `record` of a node,
// never the node itself.
import type { Article as ArticleFields, Block, Byline, Diagnostic, Span, UnassignedSpan } from "../model/types.js";
import type { Labels } from "../site/labels.js";
/** A processed image (src/site/images.ts); null until the image step ran or when the file could not be used. */
import type { Rendition } from "../site/images.js";
export type { Rendition };

export type Severity = Diagnostic["severity"];

/** A build problem for editors: printed as `file:line: severity code message` and listed on /report/. */
export interface Warning {
  /** Path relative to the repository root (e.g. content/glrb/2023/01/13/01.txt). */
  file: string;
  line: number;
  severity: Severity;
  code: string;
  message: string;
}

export interface SiteConfig {
  title: string;
  /** Absolute URL where _site/ is published, without a trailing slash: used by feeds and the sitemap. */
  url: string;
  lang: string;
  description: string;
}

/** Base of every node: identifies a class instance (see the note at the top of this file). */
export class Node {}

export class Paper extends Node {
  id = "";
  name = "";
  lang = "zh-CN";
  timezone = "Asia/Shanghai";
  description = "";
  url = "";
  feedUrl = "";
  issues: Issue[] = [];
  years: Year[] = [];
  /** Interface labels in the paper's language. */
  t: Labels = {} as Labels;
}

export class Year extends Node {
  paper!: Paper;
  year = 0;
  url = "";
  months: Month[] = [];
  issueCount = 0;
  prev: Year | null = null;
  next: Year | null = null;
}

export interface CalendarDay {
  day: number | null;
  date: string;
  issue: Issue | null;
}

export class Month extends Node {
  paper!: Paper;
  yearNode!: Year;
  year = 0;
  month = 0;
  /** yyyy-mm */
  key = "";
  url = "";
  /** Weeks from Monday to Sunday; days outside the month have `day: null`. */
  weeks: CalendarDay[][] = [];
  issues: Issue[] = [];
  prev: Month | null = null;
  next: Month | null = null;
}

export class Issue extends Node {
  paper!: Paper;
  monthNode!: Month;
  /** yyyy-mm-dd */
  date = "";
  year = 0;
  month = 0;
  day = 0;
  url = "";
  pages: Page[] = [];
  articles: Article[] = [];
  prev: Issue | null = null;
  next: Issue | null = null;
  /** True when any page of the issue says its date is estimated. */
  dateEstimated = false;
  dateEvidence: string[] = [];
}

export interface SourceLine {
  no: number;
  text: string;
  /** The role the line plays in the (corrected) records, e.g. "headline", "paragraph". */
  role: string;
  /** Id of the article that holds the line, if any. */
  article: string | null;
  /** Set on the first line of each article, so that `#a-<id>` scrolls there without script. */
  anchor: string | null;
  /**
   * Whether the line's row shows its role and article: a line of text whose record is not that of the
   * line of text before it (labelRuns, src/archive/index.ts). The other lines of a record go without.
   */
  label: boolean;
}

export class Source extends Node {
  /** Path relative to the repository root. */
  path = "";
  /** The page file on disk: its lines are read again to render its view (and checked against page.file.sha256). */
  abs = "";
  url = "";
  encoding = "utf-8";
  /** A Markdown article's own lines. A page file's are not kept (its text is in its records): linesOf(source) reads them. */
  lines: SourceLine[] = [];
  /** How many lines the page file has. */
  lineCount = 0;
  /** The line that carries each article's anchor (`a-<id>`), by line number. */
  anchors = new Map<number, string>();
  page!: Page;
  /** The Markdown article this source is, for a Markdown source. */
  article: Article | null = null;
}


/** A photo of an article: a file in the page's `<NN>/` folder (or named in the sidecar) and its caption. */
export interface Photo {
  /** Absolute path of the file. */
  from: string;
  /** Path for people: content/… */
  file: string;
  caption: Span;
  /** Alt text: the caption, without its leading ▲ or 图为. */
  alt: string;
  image: Rendition | null;
}

/** An article's zone on the facsimile (sidecar `zones:`): a rectangle in pixels of the facsimile. */
export interface Zone {
  article: Article;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Line of the sidecar that gives it. */
  line: number;
  /** CSS of the zone's box in percent of the facsimile, set once its size is known. */
  style: string;
}

/** A scan or render of the printed page (`<NN>.jpg|png|webp|tif|pdf`). */
export interface Facsimile {
  from: string;
  file: string;
  image: Rendition | null;
  zones: Zone[];
}

export class Page extends Node {
  paper!: Paper;
  issue!: Issue;
  /** Two digits: "01". */
  no = "01";
  num = 1;
  url = "";
  jsonUrl = "";
  name = "";
  editor = "";
  source: Source | null = null;
  /** The parser's account of the page file (path, hash, encoding); null for a page of Markdown only. */
  file: { path: string; sha256: string; encoding: string } | null = null;
  /**
   * What the records of the page's parsed articles are made from, besides the code and the paper's
   * settings: the page file's parse key (its bytes' SHA-256 and where it is) and its sidecar (labels,
   * corrections, photos). The render plan fingerprints an issue by it instead of by the records' JSON
   * (src/site/render-plan.ts). Empty for a page of Markdown only.
   */
  inputs = "";
  articles: Article[] = [];
  rubrics: Span[] = [];
  unassigned: UnassignedSpan[] = [];
  diagnostics: Warning[] = [];
  dateEstimated = false;
  dateEvidence = "";
  facsimile: Facsimile | null = null;
  record: PageRecord = {} as PageRecord;
}

export interface BodyBlock extends Block {
  /** id of the heading, for links to a section */
  anchor?: string;
}

/** A list of articles with a page of its own: an author's or a rubric's. */
export class ArticleList extends Node {
  name = "";
  slug = "";
  url = "";
  /** Newest first. */
  articles: Article[] = [];
  /** Its articles by year, newest first, when there are too many for one page (LIST_SPLIT); else none. */
  years: ListYear[] = [];
  /** The articles its page lists: all of them, or what its newest year's page lists when they are split by year. */
  get listed(): Article[] {
    return this.years[0]?.listed ?? this.articles;
  }
}

export class Person extends ArticleList {}

export class Rubric extends ArticleList {}

/**
 * One year of a long list (an author's or a rubric's articles): the newest is shown on the list's own
 * page (its url is the list's), each other year on a page of its own (`<list url><yyyy>/`).
 */
export class ListYear extends Node {
  kind: "author" | "rubric" = "author";
  of!: ArticleList;
  year = "";
  url = "";
  /** Newest first. */
  articles: Article[] = [];
  /** Its articles by month, newest first, when the year alone is too many for one page (LIST_SPLIT); else none. */
  months: ListMonth[] = [];
  /** The articles its page lists: all of them, or its newest month's when they are split by month. */
  get listed(): Article[] {
    return this.months[0]?.articles ?? this.articles;
  }
}

/**
 * One month of a long list's year too long for one page: the newest is shown on the year's page (its
 * url is the year's), each other month on a page of its own (`<list url><yyyy>/<mm>/`).
 */
export class ListMonth extends Node {
  year!: ListYear;
  get kind(): ListYear["kind"] {
    return this.year.kind;
  }
  get of(): ArticleList {
    return this.year.of;
  }
  /** 1–12. */
  month = 0;
  url = "";
  /** Newest first. */
  articles: Article[] = [];
}

/**
 * The URL a list's year or a year's month would have if it had a page of its own, where the newest
 * is shown instead on the page above (`<list url><yyyy>/` on the list's page, `<list url><yyyy>/<mm>/`
 * on the year's): a page there sends the reader on (`to`), so that every year's and month's URL works.
 */
export class ListAlias extends Node {
  kind: ListYear["kind"] = "author";
  of!: ArticleList;
  url = "";
  /** The URL of the page that shows it. */
  to = "";
  year = "";
  /** 1–12, or 0 for a year. */
  month = 0;
}

export interface Figure {
  src: string;
  alt: string;
  caption: string;
  width: number;
  height: number;
}

export class Article extends Node {
  id = "";
  kind: "text" | "markdown" = "text";
  paper!: Paper;
  issue!: Issue;
  page!: Page;
  url = "";
  jsonUrl = "";
  kicker: Span | null = null;
  headline: Span = { text: "", lines: [] };
  subheadline: Span | null = null;
  rubric: Span | null = null;
  bylines: Byline[] = [];
  body: BodyBlock[] = [];
  captions: Span[] = [];
  credits: Span[] = [];
  authorNotes: Span[] = [];
  /** The rendered body of a Markdown article (markdown-it, raw HTML disabled). */
  html: string | null = null;
  /** Every source line of the article, ascending. */
  lines: number[] = [];
  source: Source | null = null;
  /** Link to the article's lines in the source view. */
  sourceUrl = "";
  prev: Article | null = null;
  next: Article | null = null;
  authors: Person[] = [];
  rubricNode: Rubric | null = null;
  /** First paragraph, for lists, feeds and descriptions. */
  summary = "";
  /** Captions that have a photo, in order: shown as figures; the first is the social-card image. */
  photos: Photo[] = [];
  record: ArticleRecord = {} as ArticleRecord;
}

/** The JSON of an article (`<id>.json`, and one line of the bulk export): the parser's record with its place in the archive. */
export interface ArticleRecord extends ArticleFields {
  type: "article";
  url: string;
  paper: { id: string; name: string; lang: string };
  date: string;
  dateEstimated: boolean;
  page: { no: string; name: string };
  kind: "text" | "markdown";
  source: { path: string; lines: number[] };
}

/** The JSON of a page (`<NN>.json`): the corrected ParsedPage with its place in the archive. */
export interface PageRecord {
  type: "page";
  url: string;
  paper: string;
  date: string;
  page: string;
  name: string;
  editor: string;
  source: { path: string; sha256: string; encoding: string } | null;
  rubrics: Span[];
  articles: string[];
  unassigned: UnassignedSpan[];
  diagnostics: Warning[];
}

/** Interface labels (src/site/labels.ts): the archive only carries them for the templates. */
export type { Labels } from "../site/labels.js";
