// From classified units to articles: which short lines are headlines (and which are kickers,
// rubrics or section headings), where each article starts, what belongs to it, and which broken
// paragraphs join again. Decisions read what follows a line (a byline, a subheadline, a dateline),
// what precedes it (an author note that closed the last article), and the numbering of headings.
import {
  CAPTION_MAX_CHARS,
  FLOATING_BLANKS,
  HEADING_MAX_CHARS,
  KICKER_MAX_CHARS,
  NEWS_LEAD,
  NUMBERED_HEADING_MAX_CHARS,
  RUBRIC_FRAME,
  RUBRIC_MAX_CHARS,
  RUBRIC_WORDS,
  SECTION_NAMES,
  SURNAMES,
  COMPOUND_SURNAMES,
  MASTHEAD,
  BRIEFS_RUBRIC,
  SECTION_MIN_CHARS,
  NAMELESS_BYLINE,
  HEADLINE_EVIDENCE,
  HEADLINE_SCORE_MIN,
  LONG_TITLE_CHARS,
  SHORT_TITLE_CHARS,
} from "./config.js";
import { kindOf } from "./rules/index.js";
import { foldSpacedNames } from "./rules/byline.js";
import { isPhotoCreditOnly } from "./rules/caption.js";
import { chars } from "./rules/types.js";
import type { Kind, PageStyle, Unit } from "./units.js";
import { makeUnit } from "./units.js";
import type { Diagnostic } from "../model/types.js";

export interface ArticleDraft {
  headline: Unit;
  kicker: Unit | null;
  subheadline: Unit | null;
  rubric: Unit | null;
  bylines: Unit[];
  body: Unit[];
  captions: Unit[];
  credits: Unit[];
  authorNotes: Unit[];
}

export interface Assembly {
  articles: ArticleDraft[];
  pageRubrics: Unit[];
  unassigned: Unit[];
}

/** What makes a short line a headline without doubt: it is followed by one of these. */
const HEADLINE_FOLLOWERS: ReadonlySet<Kind> = new Set<Kind>(["subheadline", "byline", "dateline"]);
/**
 * Halves of a headline set in two lines are short phrases of about one length (春耕备耕有序推进 /
 * 田间地头生机盎然, 8 and 8); a kicker above a one-line headline is a longer phrase (区域经济合作持续
 * 深化, 10, over 亚太经贸往来展现强劲韧性, 12).
 */
const PARALLEL_HALF_MAX = 9;
const PARALLEL_HALF_DIFF = 2;

/** A title shorter than this is a label, not a headline set aside for later. */
const SPARE_TITLE_MIN_CHARS = 6;
/** How many blocks of its article away a paragraph's second half is looked for. */
const CONTINUATION_REACH = 40;
/** A numbered item that ends at its first stop is a heading when it is this short (（二）重视学习,提升履职能力新境界。). */
const NUMBERED_ITEM_HEADING_MAX = 26;

const NAME = /^[\p{Script=Han}·]{2,6}$/u;

export function isNameLike(text: string): boolean {
  // Up to four names of up to four characters, with spaces: nothing longer, no punctuation.
  if (text.length > 24 || /[，,。：:；;！？“”（）()]/.test(text)) return false;
  if (NAMELESS_BYLINE.test(text)) return true;
  const tokens = foldSpacedNames(text).replace(/^[□◎■●◆○☆★]\s*/, "").split(/[\s、，,]+/).filter(Boolean);
  if (!tokens.length || tokens.length > 4) return false;
  // A bare name has two or three characters; four only behind a two-character surname (欧阳…).
  return tokens.every((t) => {
    const n = chars(t);
    if (!NAME.test(t)) return false;
    if (n <= 3) return SURNAMES.includes(t[0]!);
    return n === 4 && COMPOUND_SURNAMES.includes(t.slice(0, 2));
  });
}

export function looksLikeRubric(text: string): boolean {
  if (RUBRIC_FRAME.test(text)) return true;
  // A rubric is a label: its words stand at its edges (评论员观察, 人民时评, 学习贯彻党的二十大精神),
  // where a kicker uses them inside a phrase (寒潮来袭 多措并举保供暖保民生). A section name (经济)
  // is a rubric only standing alone.
  if (chars(text) > RUBRIC_MAX_CHARS || /[\s，,、]/.test(text)) return false;
  if (SECTION_NAMES.some((w) => text === w || text === `${w}新闻`)) return true;
  return RUBRIC_WORDS.some((w) => text.startsWith(w) || text.endsWith(w)) || (chars(text) <= 6 && RUBRIC_WORDS.some((w) => text.includes(w)));
}

function firstStop(text: string): number {
  const m = /[。！？!?]/.exec(text);
  return m ? m.index : -1;
}

/** A numbered unit is a heading, or a paragraph opened by a numbered lead-in. */
function settleNumbered(u: Unit): void {
  const text = u.text;
  const numbering = u.lines[0]!.numbering!;
  u.level = numbering.level;
  const stop = firstStop(text);
  if (stop < 0) {
    u.role = chars(text) <= NUMBERED_HEADING_MAX_CHARS && u.lines.length <= 2 ? "heading" : "paragraph";
    return;
  }
  let end = stop + 1;
  while (end < text.length && "”’\"」』）)".includes(text[end]!)) end++;
  const rest = text.slice(end).trim();
  if (rest.length >= 2) {
    u.role = "paragraph";
    u.leadIn = text.slice(0, end);
    return;
  }
  const commas = [...text].filter((c) => "，,、；;".includes(c)).length;
  if (chars(text) <= NUMBERED_ITEM_HEADING_MAX && commas <= 1) u.role = "heading";
  else {
    u.role = "paragraph";
    u.leadIn = text.slice(0, end);
  }
}

/** The number of blank lines that most often stands between two blocks of the page. */
function usualGap(units: Unit[]): number {
  const counts = new Map<number, number>();
  for (const u of units) {
    const l = u.lines[0]!;
    if (!l.first) counts.set(l.blanksBefore, (counts.get(l.blanksBefore) ?? 0) + 1);
  }
  let best = 0;
  let n = -1;
  for (const [gap, c] of counts) if (c > n || (c === n && gap < best)) [best, n] = [gap, c];
  return best;
}

export function classify(input: Unit[], style: PageStyle): Unit[] {
  const units = input;
  // A block floats (a photo's caption set apart) when more blank lines than usual stand before it.
  const floatGap = Math.max(FLOATING_BLANKS, usualGap(units) + 1);
  for (const u of units) {
    u.kind = kindOf(u);
    const first = u.lines[0]!;
    u.floating = style === "blocks" && !first.first && first.blanksBefore >= floatGap;
    // Set apart like a photo: a caption, unless it says it is something else.
    if (u.floating && (u.kind === "title" || u.kind === "text") && chars(u.text) <= CAPTION_MAX_CHARS) {
      u.kind = "caption";
      u.note = "floating";
    }
  }
  // A bare name under a headline or subheadline is its byline (张超群 under the title of a commentary).
  for (let i = 1; i < units.length; i++) {
    const u = units[i]!;
    const prev = units[i - 1]!;
    if (u.kind === "title" && (prev.kind === "title" || prev.kind === "subheadline") && isNameLike(u.text)) {
      u.kind = "byline";
      u.note = "name under a title";
    }
  }
  // A photo credit on its own line (新华社记者 林 晨 摄) closes the caption just above it; a short
  // finished sentence above a credit is that photo's bare caption.
  const out: Unit[] = [];
  for (const u of units) {
    const prev = out[out.length - 1];
    if (prev && u.kind === "caption" && isPhotoCreditOnly(u.text) && !isPhotoCreditOnly(prev.text) && capturesCredit(prev, style)) {
      const merged = mergeUnits(prev, u, " ");
      merged.kind = "caption";
      merged.note = "caption with its credit";
      out[out.length - 1] = merged;
    } else out.push(u);
  }
  return out;
}

/** Bare captions are short, finished sentences; in printed lines, two or three lines at most. */
const BARE_CAPTION_MAX_CHARS = 60;
const BARE_CAPTION_MAX_LINES = 3;

function capturesCredit(prev: Unit, style: PageStyle): boolean {
  if (prev.kind === "caption") return true;
  if (prev.kind !== "text" && prev.kind !== "title") return false;
  const last = prev.lines[prev.lines.length - 1]!;
  return last.endsSentence && chars(prev.text) <= BARE_CAPTION_MAX_CHARS && (style === "blocks" || prev.lines.length <= BARE_CAPTION_MAX_LINES);
}

export function assemble(units: Unit[], style: PageStyle, diagnostics: Diagnostic[]): Assembly {
  const articles: ArticleDraft[] = [];
  const pageRubrics: Unit[] = [];
  const orphans: Unit[] = [];
  let cur: ArticleDraft | null = null;
  /** Unnumbered headings seen in the current article: a further short line is more likely another one. */
  let curHeadings = 0;

  const isSide = (u: Unit) => u.floating || u.kind === "caption";
  const nextCore = (i: number): number => {
    let j = i + 1;
    while (j < units.length && isSide(units[j]!)) j++;
    return j;
  };
  const prevCore = (i: number): number => {
    let j = i - 1;
    while (j >= 0 && isSide(units[j]!)) j--;
    return j;
  };
  const kindAt = (i: number): Kind | null => (i >= 0 && i < units.length ? units[i]!.kind : null);
  const warn = (code: string, message: string, line: number, severity: Diagnostic["severity"] = "warning") =>
    diagnostics.push({ severity, code, message, line });

  /** Characters of body text from unit `from` up to the next short line or marked construct. */
  const sectionChars = (from: number): number => {
    let n = 0;
    for (let j = from; j < units.length; j++) {
      const u = units[j]!;
      if (isSide(u)) continue;
      if (u.kind !== "text" && u.kind !== "dateline" && u.kind !== "numbered") break;
      n += chars(u.text);
    }
    return n;
  };
  let underBriefs = false;

  /**
   * Evidence that a short line followed by prose (no byline, subheadline or dateline after it) heads a
   * new article rather than a section of the current one. Weights: config.HEADLINE_EVIDENCE.
   */
  const headlineScore = (start: number, end: number): number => {
    const w = HEADLINE_EVIDENCE;
    const head = units[end]!;
    let score = 0;
    if (!cur) score += w.noArticleYet;
    if (underBriefs) score += w.underBriefsRubric;
    const section = sectionChars(nextCore(end));
    if (section < SECTION_MIN_CHARS) score += w.shortText;
    else if (section >= 2 * SECTION_MIN_CHARS) score += w.longText;
    const p = prevCore(start);
    const prev = p >= 0 ? units[p]! : null;
    if (prev && (prev.kind === "authorNote" || prev.kind === "credit" || prev.kind === "byline")) score += w.afterArticleEnd;
    if (prev && p < start - 1 && prev.role === "paragraph" && prev.lines[prev.lines.length - 1]!.endsSentence) score += w.afterPhotos;
    if (prev && prev.role === "paragraph" && !prev.lines[prev.lines.length - 1]!.endsSentence) score += w.afterOpenParagraph;
    if (/\p{Script=Han}[ ]\p{Script=Han}/u.test(head.text)) score += w.twoHalves;
    const next = units[nextCore(end)];
    if (next && NEWS_LEAD.test(next.text)) score += w.newsLead;
    const n = chars(head.text);
    if (n >= LONG_TITLE_CHARS) score += w.longTitle;
    if (n <= SHORT_TITLE_CHARS) score += w.shortTitle;
    if (curHeadings > 0) score += w.articleHasHeadings;
    return score;
  };

  /**
   * Titles set aside as page-level lines although they read like headlines. Extractors print a
   * headline far from its article (all the page's titles first, say); when an article starts later
   * without one (a byline or dateline after another article's text), it takes the first of these.
   */
  const spareTitles: Unit[] = [];
  const setAside = (r: Unit, into: "page" | ArticleDraft) => {
    r.role = "rubric";
    if (into === "page") pageRubrics.push(r);
    else into.rubric = r;
    if (r.kind === "title" && !looksLikeRubric(r.text) && !MASTHEAD.test(r.text) && chars(r.text) >= SPARE_TITLE_MIN_CHARS) spareTitles.push(r);
  };
  const takeSpareTitle = (): Unit | null => {
    const t = spareTitles.shift();
    if (!t) return null;
    const k = pageRubrics.indexOf(t);
    if (k >= 0) pageRubrics.splice(k, 1);
    for (const a of articles) if (a.rubric === t) a.rubric = null;
    return t;
  };

  const open = (headline: Unit, before: Unit[]): ArticleDraft => {
    headline.role = "headline";
    const a: ArticleDraft = {
      headline,
      kicker: null,
      subheadline: null,
      rubric: null,
      bylines: [],
      body: [],
      captions: [],
      credits: [],
      authorNotes: [],
    };
    // Lines above the headline: the nearest is its kicker unless it reads as a rubric; farther ones rubrics.
    for (let k = before.length - 1; k >= 0; k--) {
      const u = before[k]!;
      const nearest = k === before.length - 1;
      if (nearest && !looksLikeRubric(u.text) && chars(u.text) <= KICKER_MAX_CHARS) {
        u.role = "kicker";
        a.kicker = u;
      } else setAside(u, a.rubric ? "page" : a);
    }
    articles.push(a);
    cur = a;
    curHeadings = 0;
    return a;
  };

  /**
   * Extractors sometimes print several articles' heads before any of their bodies (all the titles of a
   * band of the page, then the columns). When prose arrives while the last articles opened all lack a
   * body, it belongs to the first of them; the others wait for theirs.
   */
  const bodyRecipient = (): ArticleDraft | null => {
    if (!cur || cur.body.length) return cur;
    let k = articles.length - 1;
    while (k > 0 && articles[k - 1]!.body.length === 0) k--;
    return articles[k]!;
  };

  const addToCurrent = (u: Unit) => {
    if (!cur) {
      orphans.push(u);
      return;
    }
    if (u.role === "paragraph" || u.role === "heading") {
      const recipient = bodyRecipient();
      if (recipient && recipient !== cur) {
        warn("heads-before-bodies", `the text from here goes to "${recipient.headline.text}", whose head was printed before other articles' heads`, u.lines[0]!.no, "info");
        cur = recipient;
        curHeadings = 0;
      }
    }
    switch (u.role) {
      case "byline":
        cur.bylines.push(u);
        break;
      case "caption":
        cur.captions.push(u);
        break;
      case "credit":
        cur.credits.push(u);
        break;
      case "authorNote":
        cur.authorNotes.push(u);
        break;
      case "subheadline":
        if (!cur.subheadline && cur.body.length === 0) cur.subheadline = u;
        else {
          u.role = "heading";
          u.level = 1;
          cur.body.push(u);
        }
        break;
      default:
        cur.body.push(u);
    }
  };

  let i = 0;
  // The masthead above the first article: paper name, its Latin name, date line, page name (要闻).
  // A rubric-like line belongs to the masthead when more of the masthead follows it; right above a
  // headline it is that article's rubric, right above prose it is a headline.
  const mastheadLine = (k: number) => {
    const u = units[k]!;
    if (u.kind === "pageHeader") return true;
    if (u.kind === "title" && MASTHEAD.test(u.text)) return true;
    if (u.kind === "text" && MASTHEAD.test(u.text)) return true;
    const next = units[k + 1];
    return u.kind === "title" && looksLikeRubric(u.text) && !!next && next.kind === "pageHeader";
  };
  while (i < units.length && mastheadLine(i)) {
    const next = units[i + 1];
    // A short line right above a byline is a headline after all.
    if (units[i]!.kind !== "pageHeader" && next && HEADLINE_FOLLOWERS.has(next.kind)) break;
    units[i]!.role = "rubric";
    pageRubrics.push(units[i]!);
    i++;
  }
  while (i < units.length) {
    const u = units[i]!;
    switch (u.kind) {
      case "pageHeader":
        u.role = "rubric";
        pageRubrics.push(u);
        i++;
        continue;
      case "title": {
        // The run of consecutive short lines starting here.
        let end = i;
        while (end + 1 < units.length && units[end + 1]!.kind === "title" && !units[end + 1]!.floating) end++;
        const after = nextCore(end);
        const strong = HEADLINE_FOLLOWERS.has(kindAt(after) as Kind);
        // 短讯, 简讯: a rubric over briefs; every short line under it heads a brief.
        if (end > i && BRIEFS_RUBRIC.test(units[i]!.text) && chars(units[i]!.text) <= 8) {
          underBriefs = true;
        }
        const score = strong ? Infinity : headlineScore(i, end);
        // A decision at the margin is worth an editor's look: say so, with the way to correct it.
        if (score === HEADLINE_SCORE_MIN || score === HEADLINE_SCORE_MIN - 1) {
          const t = units[end]!;
          warn(
            "uncertain-title",
            score >= HEADLINE_SCORE_MIN
              ? `"${t.text}" is taken for the headline of a new article on weak evidence (no byline, subheadline or dateline follows it)`
              : `"${t.text}" is taken for a section heading on weak evidence; if it heads an article of its own, say so in the page's sidecar`,
            t.lines[0]!.no,
            "info",
          );
        }
        if (score >= HEADLINE_SCORE_MIN) {
          const run = units.slice(i, end + 1);
          // A rubric the extractor printed after its headline: 让“家门口”的养老服务更有温度 / 人民时评.
          let lateRubric: Unit | null = null;
          if (run.length > 1 && looksLikeRubric(run[run.length - 1]!.text) && !looksLikeRubric(run[run.length - 2]!.text)) {
            lateRubric = run.pop()!;
          }
          let headline = run.pop()!;
          if (run.length && parallelHalves(run[run.length - 1]!, headline)) {
            // A headline set in two parallel lines: 重大项目集中开工 / “开门红”蓄势发力.
            headline = mergeUnits(run.pop()!, headline, " ");
          } else if (style === "printed-lines" && run.length && wrapsInto(run[run.length - 1]!, headline)) {
            // A headline that wrapped onto two printed lines: the line above runs on into it.
            headline = mergeUnits(run.pop()!, headline);
          }
          if (!cur && run.length > 1) {
            // Banners over the first article are page-level.
            for (const r of run.splice(0, run.length - 1)) setAside(r, "page");
          }
          const opened = open(headline, run);
          if (lateRubric) {
            lateRubric.role = "rubric";
            if (!opened.rubric) opened.rubric = lateRubric;
            else pageRubrics.push(lateRubric);
          }
          i = end + 1;
          // The subheadline and bylines that follow belong to it.
          while (i < units.length && (units[i]!.kind === "subheadline" || units[i]!.kind === "byline")) {
            const f = units[i]!;
            f.role = f.kind === "subheadline" ? "subheadline" : "byline";
            addToCurrent(f);
            i++;
          }
          continue;
        }
        // Section headings of the current article: a pair of short lines is one heading. The last line
        // of the run is prose cut by a column break when it has a comma or the next block runs on from
        // it (此 / 外，…; 菱镁产业是鞍山的另一张 / 名片。…).
        const run = units.slice(i, end + 1);
        const tail = run[run.length - 1]!;
        const tailIsProse = !!cur && !looksLikeRubric(tail.text) && (/[，,]/.test(tail.text) || opensMidSentence(units[end + 1]));
        if (tailIsProse) run.pop();
        for (let k = 0; k < run.length; ) {
          const pair = !!run[k + 1] && chars(run[k]!.text) <= HEADING_MAX_CHARS && chars(run[k + 1]!.text) <= HEADING_MAX_CHARS;
          // Two blocks of one heading read as two lines: keep a space between them.
          const h = pair ? mergeUnits(run[k]!, run[k + 1]!, style === "blocks" ? " " : "") : run[k]!;
          k += pair ? 2 : 1;
          h.role = "heading";
          h.level = 1;
          curHeadings++;
          addToCurrent(h);
        }
        if (tailIsProse) {
          tail.role = "paragraph";
          addToCurrent(tail);
        }
        i = end + 1;
        continue;
      }
      case "numbered":
        settleNumbered(u);
        // A numbered line whose next block runs on from it is a paragraph cut by a column break.
        if (u.role === "heading" && !u.lines[u.lines.length - 1]!.endsSentence && continuesSentence(units[i + 1]?.text ?? "")) {
          u.role = "paragraph";
          u.leadIn = undefined;
        }
        if (u.role === "heading" && cur && (cur as ArticleDraft).authorNotes.length) checkStranded(cur, u);
        addToCurrent(u);
        break;
      case "dateline":
      case "text":
        if (u.kind === "dateline") startsLateArticle(u);
        u.role = "paragraph";
        addToCurrent(u);
        break;
      default:
        if (u.kind === "byline" && !/^[(（]/.test(u.text)) startsLateArticle(u);
        u.role = u.kind as Unit["role"];
        addToCurrent(u);
    }
    i++;
  }

  /** A byline or dateline after another article's text opens an article whose headline was printed elsewhere. */
  function startsLateArticle(u: Unit): void {
    if (!cur || (cur as ArticleDraft).body.length === 0) return;
    const headline = takeSpareTitle();
    if (!headline) return;
    open(headline, []);
    warn("headline-far-from-article", `"${headline.text}" (line ${headline.lines[0]!.no}) heads the article that starts here`, u.lines[0]!.no, "info");
  }

  function checkStranded(a: ArticleDraft, h: Unit): void {
      const level = h.level!;
    const last = [...a.body].reverse().find((b) => b.role === "heading" && b.level === level && b.lines[0]!.numbering);
    const expected = last ? last.lines[0]!.numbering!.value + 1 : 0;
    const value = h.lines[0]!.numbering!.value;
    if (last && value === expected) {
      warn("heading-after-note", `heading "${h.text}" stands after the author note; its numbering puts it back in the article "${a.headline.text}"`, h.lines[0]!.no, "info");
    } else {
      warn("heading-after-note", `heading "${h.text}" stands after the author note of "${a.headline.text}" and does not continue its numbering`, h.lines[0]!.no);
    }
  }

  // Text before the first headline: photos, bylines or columns the extractor put first. It belongs to
  // the first article when there is one; otherwise it is published unassigned.
  const unassigned: Unit[] = [];
  if (orphans.length) {
    const first = articles[0];
    if (first) {
      for (const o of orphans) {
        if (o.role === "byline") first.bylines.unshift(o);
        else if (o.role === "caption") first.captions.push(o);
        else if (o.role === "credit") first.credits.push(o);
        else if (o.role === "authorNote") first.authorNotes.push(o);
        else if (o.role === "subheadline" && !first.subheadline) first.subheadline = o;
        else {
          if (o.role === "subheadline") o.role = "paragraph";
          first.body.unshift(o);
        }
      }
      warn("before-first-headline", `${orphans.length} block(s) stand before the first headline; they go to "${first.headline.text}"`, orphans[0]!.lines[0]!.no, "info");
      // Keep reading order inside the body.
      first.body.sort((a, b) => a.lines[0]!.no - b.lines[0]!.no);
    } else {
      unassigned.push(...orphans);
      // Any text without a headline is worth a warning, captions too: a page that is all captions
      // (a photo page, or a page whose articles the extractor lost) publishes no article at all.
      if (orphans.some((o) => o.role === "paragraph" || o.role === "heading"))
        warn("no-headline", "no headline found on the page: its text is published unassigned", orphans[0]!.lines[0]!.no);
      else
        warn("no-headline", "no headline found on the page, only captions, credits or bylines: they are published unassigned (a photo page?)", orphans[0]!.lines[0]!.no);
    }
  }

  for (const a of articles) joinBrokenParagraphs(a);
  joinDistantContinuations(articles, diagnostics);
  for (const a of articles) warnOpenParagraphs(a, diagnostics);
  return { articles, pageRubrics, unassigned };
}

/**
 * Two short lines of about one length, neither with a space, form one headline in two lines; a kicker
 * above a headline differs from it in length or is a two-part slogan (开局就是决战 起步就是冲刺).
 */
function parallelHalves(above: Unit, below: Unit): boolean {
  const a = chars(above.text);
  const b = chars(below.text);
  return (
    !/\s/.test(above.text) && !/\s/.test(below.text) && a <= PARALLEL_HALF_MAX && b <= PARALLEL_HALF_MAX &&
    Math.abs(a - b) <= PARALLEL_HALF_DIFF && !looksLikeRubric(above.text) && !above.lines[above.lines.length - 1]!.endsClause
  );
}

/** Prose that starts inside a sentence: a stop within its first three characters, or a comma after one. */
function opensMidSentence(u: Unit | undefined): boolean {
  if (!u || (u.kind !== "text" && u.kind !== "dateline")) return false;
  return /^[^，,。！？!?；;]{0,3}[。！？!?]/.test(u.text) || /^[^，,。！？!?；;]{1}[，,；;]/.test(u.text);
}

/** In "printed lines" pages a long headline wraps: the first line is the fuller one and has no stop. */
function wrapsInto(above: Unit, headline: Unit): boolean {
  const a = above.lines[above.lines.length - 1]!;
  const b = headline.lines[0]!;
  // A two-part slogan (携手推进农业合作 助力粮食安全) is a kicker, not the first line of a headline.
  if (/\s/.test(above.text) || /\s/.test(headline.text)) return false;
  return !a.endsClause && a.width >= b.width && chars(above.text) + chars(headline.text) <= 40;
}

export function mergeUnits(a: Unit, b: Unit, separator = ""): Unit {
  const m = makeUnit([...a.lines, ...b.lines]);
  if (separator) m.text = `${a.text}${separator}${b.text}`;
  m.kind = a.kind;
  m.floating = a.floating;
  m.role = a.role;
  return m;
}

/**
 * A paragraph that ends without a stop ran on in the next column: join it with the next paragraph of
 * its article (captions and photos between them are not in the body, so they do not stand in the way).
 * One that has no continuation stays as it is, with a warning.
 */
function joinBrokenParagraphs(a: ArticleDraft): void {
  const body: Unit[] = [];
  for (const u of a.body) {
    const prev = body[body.length - 1];
    if (prev && prev.role === "paragraph" && u.role === "paragraph" && !u.leadIn && !endsStop(prev) && u.kind !== "dateline") {
      body[body.length - 1] = joinParagraphs(prev, u);
      continue;
    }
    body.push(u);
  }
  a.body = body;
}

function joinParagraphs(start: Unit, rest: Unit): Unit {
  const joined = mergeUnits(start, rest);
  joined.leadIn = start.leadIn;
  joined.kind = start.kind;
  return joined;
}

/** Prose that surely starts inside a sentence: a closing mark first, a stop within two characters, or a comma after one (用。 名片。 里，). */
export function continuesSentence(text: string): boolean {
  return (
    /^[，,、。；;：:！？!?”’）)》」』]/.test(text) ||
    /^[^，,。！？!?；;、“”]{1,2}[。！？!?]/.test(text) ||
    /^[^，,。！？!?；;、“”][，,、；;]/.test(text)
  );
}

/**
 * Extractors print a paragraph's second half far from its first, even before it. A paragraph that
 * surely starts inside a sentence joins the nearest paragraph of its article left open (the nearest
 * before it, else after it). Across articles the guess went wrong more often than right on the
 * golden pages, so a continuation never moves to another article.
 */
function joinDistantContinuations(articles: ArticleDraft[], diagnostics: Diagnostic[]): void {
  const isOpen = (u: Unit) => u.role === "paragraph" && !endsStop(u);
  for (const a of articles) {
    const body = a.body;
    for (let k = 0; k < body.length; k++) {
      const c = body[k]!;
      if (c.role !== "paragraph" || c.leadIn || c.kind === "dateline" || !continuesSentence(c.text)) continue;
      // The nearest open paragraph before it, else after it, within a bounded reach.
      let t = -1;
      for (let j = k - 1; j >= Math.max(0, k - CONTINUATION_REACH); j--) if (isOpen(body[j]!)) { t = j; break; }
      if (t < 0) for (let j = k + 1; j < Math.min(body.length, k + 1 + CONTINUATION_REACH); j++) if (isOpen(body[j]!)) { t = j; break; }
      if (t < 0) continue;
      const target = body[t]!;
      body[t] = joinParagraphs(target, c);
      body.splice(k, 1);
      if (t > k) t--;
      k = Math.min(k, t);
      diagnostics.push({
        severity: "info",
        code: "paragraph-continued-elsewhere",
        message: `this text continues the paragraph that breaks off at line ${target.lines[target.lines.length - 1]!.no}`,
        line: c.lines[0]!.no,
      });
      k--;
    }
  }
}

/** A paragraph that ends without a stop and found no continuation stays as it is, with a warning. */
function warnOpenParagraphs(a: ArticleDraft, diagnostics: Diagnostic[]): void {
  for (const u of a.body) {
    if (u.role === "paragraph" && !endsStop(u)) {
      diagnostics.push({
        severity: "warning",
        code: "paragraph-ends-mid-sentence",
        message: `paragraph ends mid-sentence ("…${[...u.text].slice(-8).join("")}") and no continuation was found`,
        line: u.lines[u.lines.length - 1]!.no,
      });
    }
  }
}

function endsStop(u: Unit): boolean {
  const last = u.lines[u.lines.length - 1]!;
  return last.endsSentence;
}
