// A paper of hostile text for the site tests (tests/site/site.test.ts adds it to its content folder) and
// the browser test of search (tests/browser/hostile.test.ts builds a small site of it alone): markup that
// closes <title> and attributes (`</title>`, `"><img src=x onerror=…>`) in headlines, page and paper names,
// rubrics and descriptions, and bidi controls (embeddings, overrides, isolates, marks) left unterminated
// or closing what they did not open, in headlines, body text, names and the Markdown article's byline (the
// parser does not read a page-file line holding a bidi control as a byline: it joins the headline).
// Every article has a Chinese phrase of its own to search for.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The bidi controls: embeddings and overrides (closed by PDF), isolates (closed by PDI), marks. */
export const BIDI = {
  LRE: "\u202A",
  RLE: "\u202B",
  PDF: "\u202C",
  LRO: "\u202D",
  RLO: "\u202E",
  LRI: "\u2066",
  RLI: "\u2067",
  FSI: "\u2068",
  PDI: "\u2069",
  LRM: "\u200E",
  RLM: "\u200F",
} as const;
/** Any bidi control, to count them. */
export const BIDI_CHARS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/gu;

export const HOSTILE_PAPER = "hostile";
export const HOSTILE_DATE = "2022-11-30";
/** The paper's name: an override left open, and a tag that closes an attribute. */
export const HOSTILE_PAPER_NAME = `边境${BIDI.RLO}晚报"><img src=x onerror=alert('paper')>`;

/** A page-file headline that closes the <title> and an attribute (page 1; the parser takes a headline of
 * up to about 35 characters: `f` is not defined, so the handler would be a console error if it ran). */
export const TITLE_HEADLINE = `湖畔</title>"><img src=x onerror=f()>`;
/** A phrase of its body (and only its body) to search for. */
export const TITLE_QUERY = "湖畔新区正式开放";

/** A page-file headline with an override and an isolate left open (and a </title>). */
export const BIDI_HEADLINE = `雨中${BIDI.RLO}漓江${BIDI.RLI}夜色</title>`;
export const BIDI_QUERY = "漓江两岸灯火通明";

/** A Markdown article: hostile front matter (headline, kicker, byline, rubric) and body. */
export const MD_HEADLINE = `编辑部</title>"><img src=x onerror=alert(21)>来信${BIDI.RLE}`;
export const MD_BYLINE_NAME = `苏${BIDI.RLO}青`;
export const MD_RUBRIC = `读者${BIDI.RLO}来信"><img src=x onerror=alert(22)>`;
export const MD_KICKER = `致读者${BIDI.LRO}`;
export const MD_QUERY = "桂北山区的读者";

/** The page's name (版名), from the sidecar. */
export const HOSTILE_PAGE_NAME = `要闻${BIDI.RLO}"><img src=x onerror=alert(31)>`;

/** Writes content/hostile/ into `content` (a content folder with its site.yml). */
export function addHostilePaper(content: string): void {
  const paper = join(content, HOSTILE_PAPER);
  const day = join(paper, ...HOSTILE_DATE.split("-"));
  mkdirSync(day, { recursive: true });
  writeFileSync(
    join(paper, "paper.yml"),
    [`name: ${JSON.stringify(HOSTILE_PAPER_NAME)}`, "lang: zh-CN", "timezone: Asia/Shanghai", `description: ${JSON.stringify(`边境小城的晚报</title>"><img src=x onerror=alert(32)>${BIDI.RLO}`)}`, ""].join("\n"),
  );
  // Page 1: markup in the headline and the text.
  writeFileSync(
    join(day, "01.txt"),
    [
      TITLE_HEADLINE,
      "",
      "□本报记者周敏",
      "",
      `近日，湖畔新区正式开放</title>"><img src=x onerror=alert(12)>，居民纷纷前来，正文里有<script>alert(13)</script>和{{ 7*7 }}、{% raw %}模板{% endraw %}语法，还有&amp;实体。`,
      "",
      `新区的湖边步道长约三公里${BIDI.RLO}，沿途设有休息亭。`,
      "",
    ].join("\n"),
  );
  // Page 2: bidi controls in the headline and the text, and a hostile page name and editor in the sidecar.
  writeFileSync(
    join(day, "02.txt"),
    [
      BIDI_HEADLINE,
      "",
      "□本报记者韦青",
      "",
      `夜幕降临，${BIDI.RLO}漓江两岸灯火通明${BIDI.RLM}，游客${BIDI.LRI}络绎不绝。`,
      "",
      `第二段${BIDI.PDI}${BIDI.RLO}孤立的结束符之后是覆盖${BIDI.LRE}。`,
      "",
      `${BIDI.RLE}右到左的嵌入${BIDI.PDF}已经关闭的文字${BIDI.LRM}。`,
      "",
    ].join("\n"),
  );
  writeFileSync(join(day, "02.yml"), [`name: ${JSON.stringify(HOSTILE_PAGE_NAME)}`, `editor: ${JSON.stringify(`张${BIDI.RLO}三`)}`, ""].join("\n"));
  writeFileSync(
    join(day, "letter.md"),
    [
      "---",
      `headline: ${JSON.stringify(MD_HEADLINE)}`,
      `kicker: ${JSON.stringify(MD_KICKER)}`,
      `subheadline: ${JSON.stringify(`来自桂北的一封信${BIDI.RLI}`)}`,
      `byline: ${JSON.stringify(`本报记者 ${MD_BYLINE_NAME}`)}`,
      "page: 1",
      `rubric: ${JSON.stringify(MD_RUBRIC)}`,
      `author_note: ${JSON.stringify(`（作者为${BIDI.RLO}本报记者）`)}`,
      "---",
      `一位来自桂北山区的读者写信给编辑部${BIDI.RLO}，信里说<script>alert(23)</script>和"><img src=x onerror=alert(24)>。`,
      "",
      `[链接](javascript:alert(25)) 与 {{ 7*7 }}、{% raw %}模板{% endraw %}，以及${BIDI.FSI}未关闭的隔离。`,
      "",
    ].join("\n"),
  );
}
