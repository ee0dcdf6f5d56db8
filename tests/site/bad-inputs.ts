// The bad-input suite, as data: every kind of broken or hostile input the archive may meet, the files
// that make it, and what Gazette must give for it — the findings (severity, code, file, line), whether
// the text is published, and what must not appear. tests/site/bad-input.test.ts writes every case
// into one content folder (a copy of content/), builds it once and runs `gazette check` on it;
// docs/bad-inputs.md is this table in prose (`node --import tsx tests/site/bad-inputs.ts` prints it,
// and the test checks the file is current).
//
// Every case lives under its own paper, date or name, so that the cases do not meet. Legacy encodings
// are made here: TextDecoder decodes GBK and Big5 but cannot encode them, so the encoder is the
// decoder's table turned round (every two-byte sequence decoded once).
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";

export type Severity = "error" | "warning" | "info";

/** A finding as the build prints it: `content/<file>:<line>: <severity> <code> message`. */
export interface Finding {
  severity: Severity;
  code: string;
  /** Relative to content/, as printed (control characters in names are shown escaped, like \n). */
  file: string;
  line: number;
  /** A part of the message, where it matters (the encoding a page was decoded as). */
  message?: string;
}

export interface CaseFile {
  /** Relative to the content folder. */
  path: string;
  /** The bytes of the file, or text written as UTF-8. */
  data?: Uint8Array | string;
  /** A symbolic link to this path of the fixture's folder outside content/. */
  linkOutside?: string;
  /** A named pipe (mkfifo) instead of a file: reading it would block forever. */
  fifo?: boolean;
}

export interface BadInput {
  name: string;
  /** What the input is, for the docs table. */
  input: string;
  files: CaseFile[];
  /** Files written outside content/ (the targets of symbolic links). */
  outside?: CaseFile[];
  /** Exactly the findings that name the case's files (or a folder above them). */
  expect: Finding[];
  /** A text page (or Markdown article) whose text must be published whole: every letter and digit. */
  published?: { file: string; text: string };
  /** Site paths (folders under the output) that must not exist: what is skipped is not published. */
  absent?: string[];
  /** Text that must not appear in any record of the site. */
  withheld?: string;
  /** What happens to the text, for the docs table. */
  text: string;
}

// ---------------------------------------------------------------------------------------------------
// Encoders

const legacyTables = new Map<string, Map<string, number[]>>();

/** GBK or Big5 bytes of a string, from the runtime's decoding table turned round. */
export function encodeLegacy(text: string, label: "gbk" | "big5"): Uint8Array {
  let table = legacyTables.get(label);
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder(label);
    // Big5: the standard range (A1–FE) before the HKSCS extension (81–A0), so that a character
    // both encode gets its Big5 code.
    const leads = label === "big5" ? [...range(0xa1, 0xfe), ...range(0x81, 0xa0)] : range(0x81, 0xfe);
    const trails = label === "big5" ? [...range(0x40, 0x7e), ...range(0xa1, 0xfe)] : range(0x40, 0xfe).filter((b) => b !== 0x7f);
    for (const lead of leads)
      for (const trail of trails) {
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if ([...ch].length === 1 && ch !== "\ufffd" && !table.has(ch)) table.set(ch, [lead, trail]);
      }
    legacyTables.set(label, table);
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`${label} cannot encode ${ch}`);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** UTF-16 bytes by code units, with or without a byte-order mark. */
export function encodeUtf16(text: string, order: "le" | "be", bom: boolean): Uint8Array {
  const units: number[] = bom ? [0xfeff] : [];
  for (let i = 0; i < text.length; i++) units.push(text.charCodeAt(i));
  const out = new Uint8Array(units.length * 2);
  units.forEach((u, i) => {
    out[2 * i + (order === "le" ? 0 : 1)] = u & 0xff;
    out[2 * i + (order === "le" ? 1 : 0)] = u >> 8;
  });
  return out;
}

const concat = (...parts: (Uint8Array | number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : [...p])));

const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** GB18030's own byte-order mark: U+FEFF in its four-byte form. */
const GB18030_BOM = [0x84, 0x31, 0x95, 0x33];
/** 㐀 (U+3400) in GB18030: a four-byte sequence that GBK does not have (checked in tests/unit/decode.test.ts). */
const GB18030_U3400 = [0x81, 0x39, 0xee, 0x39];

// ---------------------------------------------------------------------------------------------------
// Page texts

/** A small clean page in the style "one block a line": a headline, a byline, two paragraphs. */
function page(headline: string, first: string): string {
  return [headline, "", "本报记者 林静", "", first, "", "记者了解到，这项工作将在全市推开，相关部门正在制定细则。", ""].join("\n");
}

const SIMPLIFIED = [
  "桂林日报 2024年1月12日 星期五 第1版",
  "",
  "漓江两岸春意浓",
  "",
  "——阳朔县推进乡村旅游提质升级",
  "",
  "本报记者 韦莎妮娜 通讯员 李康生",
  "",
  "1月12日，阳朔县召开乡村旅游工作会议。会议指出，要以生态保护为前提，推动乡村旅游高质量发展。",
  "",
  "会上，兴坪镇介绍了民宿集群的经验做法，全镇共建成示范民宿32家。",
  "",
].join("\n");
/** Big5 holds traditional characters only. */
const TRADITIONAL = [
  "桂林日報 2024年1月12日 星期五 第1版",
  "",
  "漓江兩岸春意濃",
  "",
  "本報記者 韋莎妮娜",
  "",
  "1月12日，陽朔縣召開鄉村旅遊工作會議。會議指出，要以生態保護為前提，推動鄉村旅遊高質量發展。",
  "",
  "會上，興坪鎮介紹了民宿集群的經驗做法，全鎮共建成示範民宿32家。",
  "",
].join("\n");

/** A single line of about 5 MB: a page whose line breaks were all lost. */
function fiveMegabyteLine(): string {
  const sentence = "象山区持续深化城市基层党建引领基层治理，推动服务资源下沉社区，群众满意度不断提升。";
  const bytes = new TextEncoder().encode(sentence).length;
  return sentence.repeat(Math.ceil((5 * 1024 * 1024) / bytes));
}

/** 200,000 lines: one article printed one line a line (a column of 12 characters), no blank lines. */
function twoHundredThousandLines(): string {
  const lines = ["全市二〇二三年工作总结汇编", "本报记者 林静"];
  const prose = "全市各级各部门坚持稳中求进工作总基调，统筹推进经济社会发展各项工作，取得了新的成绩。";
  for (let k = 1; lines.length < 200_000; k++) {
    const chars = [...`第${k}项。${prose}`];
    lines.push(chars.slice(0, 10).join(""));
    for (let i = 10; i < chars.length; i += 12) lines.push(chars.slice(i, i + 12).join(""));
  }
  // Exactly 200,000 lines, the last one closing its sentence.
  lines.length = 200_000;
  lines[lines.length - 1] = "全文完。";
  return `${lines.join("\n")}\n`;
}

/** Bytes that are no text: a PNG signature and header, then noise. */
function binary(): Uint8Array {
  const head = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52];
  return concat(head, Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256));
}

const MIXED_EOL =
  "象山公园迎来赏梅季\r\n\n本报记者 林静\n\r\n连日来，象山公园的梅花竞相开放，吸引市民游客前来观赏。\r\n\n公园管理处表示，赏梅季将持续到2月底，其间还将举办摄影展和\r\n";

const NUL_TEXT = "老街改造完成首期工程\n\n本报记者 林静\n\n首期工程完成了排水管网和路面改造。\n\n街区商户陆续\u0000恢复营业，老街重现烟火气。\n";

const CAPTIONS_ONLY = [
  "▲1月12日，市民在漓江边观赏冬日景色。本报记者 林静 摄",
  "",
  "▲游客在象鼻山前合影留念。本报记者 林静 摄",
  "",
  "图为兴坪古镇的清晨。新华社记者 王五 摄",
  "",
].join("\n");

const NO_HEADLINE = [
  "1月12日，桂林市召开城市基层党建工作会议，会议总结了一年来的工作。",
  "",
  "会议指出，要继续深化改革，推动高质量发展，把基层党组织建设得更加坚强有力。",
  "",
  "与会人员表示，将认真贯彻落实会议精神，确保各项任务落到实处。",
  "",
].join("\n");

const MARKDOWN_HTML = [
  "---",
  "headline: 编辑部致读者",
  "page: 1",
  "---",
  "这是一则<b>加粗</b>的说明，HTML 标签照原样显示。",
  "",
  '<div class="box">',
  "方框里的文字也要保留。",
  "</div>",
  "",
  '<script>alert("x")</script>',
  "",
].join("\n");

// ---------------------------------------------------------------------------------------------------
// The cases

const day = (n: number) => {
  const d = new Date(Date.UTC(2024, 0, n));
  return `bad/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${String(d.getUTCDate()).padStart(2, "0")}`;
};
const url = (dir: string) => `/${dir}/`;
const W = (code: string, file: string, line = 1): Finding => ({ severity: "warning", code, file, line });
const I = (code: string, file: string, line = 1): Finding => ({ severity: "info", code, file, line });
const E = (code: string, file: string, line = 1): Finding => ({ severity: "error", code, file, line });

/** A text page published whole, at its day's page 01. */
function textCase(name: string, input: string, n: number, data: Uint8Array | string, text: string, expect: (file: string) => Finding[], more: Partial<BadInput> = {}): BadInput {
  const file = `${day(n)}/01.txt`;
  return { name, input, files: [{ path: file, data }], expect: expect(file), published: { file, text }, text: "published whole", ...more };
}

function encodingCases(): BadInput[] {
  const gb18030Text = `${SIMPLIFIED}㐀字是四字节字符。\n`;
  const gb18030 = concat(encodeLegacy(SIMPLIFIED, "gbk"), GB18030_U3400, encodeLegacy("字是四字节字符。\n", "gbk"));
  const enc = (label: string) => (f: string) => [{ ...I("encoding", f), message: `decoded as ${label}` }];
  const mismatch = (label: string) => (f: string) => [W("bom-mismatch", f), { ...I("encoding", f), message: `decoded as ${label}` }];
  return [
    textCase("gb18030", "GB18030 without BOM (with a four-byte character, 㐀)", 5, gb18030, gb18030Text, enc("gb18030")),
    textCase("gb18030-bom", "GB18030 with its byte-order mark (84 31 95 33)", 6, concat(GB18030_BOM, gb18030), gb18030Text, enc("gb18030")),
    textCase("gbk", "GBK without BOM", 7, encodeLegacy(SIMPLIFIED, "gbk"), SIMPLIFIED, enc("gb18030")),
    textCase("gbk-bom", "GBK behind a UTF-8 byte-order mark (GBK has no BOM of its own; a converter wrote one)", 8, concat(UTF8_BOM, encodeLegacy(SIMPLIFIED, "gbk")), SIMPLIFIED, mismatch("gb18030")),
    textCase("big5", "Big5 without BOM (traditional characters)", 9, encodeLegacy(TRADITIONAL, "big5"), TRADITIONAL, enc("big5")),
    textCase("big5-bom", "Big5 behind a UTF-8 byte-order mark (Big5 has no BOM of its own)", 10, concat(UTF8_BOM, encodeLegacy(TRADITIONAL, "big5")), TRADITIONAL, mismatch("big5")),
    textCase("utf16le-bom", "UTF-16LE with BOM", 11, encodeUtf16(SIMPLIFIED, "le", true), SIMPLIFIED, enc("utf-16le")),
    textCase("utf16le", "UTF-16LE without BOM (Chinese text: few NUL bytes)", 12, encodeUtf16(SIMPLIFIED, "le", false), SIMPLIFIED, enc("utf-16le")),
    textCase("utf16be-bom", "UTF-16BE with BOM", 13, encodeUtf16(SIMPLIFIED, "be", true), SIMPLIFIED, enc("utf-16be")),
    textCase("utf16be", "UTF-16BE without BOM", 14, encodeUtf16(SIMPLIFIED, "be", false), SIMPLIFIED, enc("utf-16be")),
  ];
}

function sidecarCase(name: string, input: string, n: number, sidecar: string, expect: (yml: string) => Finding[]): BadInput {
  const txt = `${day(n)}/01.txt`;
  const yml = `${day(n)}/01.yml`;
  const text = page("城市书房开到家门口", "今年以来，我市新建城市书房15家，市民在家门口就能借书读书。");
  return { name, input, files: [{ path: txt, data: text }, { path: yml, data: sidecar }], expect: expect(yml), published: { file: txt, text }, text: "published whole; the sidecar's bad keys are left out" };
}

/** A page whose file is skipped: its marker must not be published. */
function skipped(name: string, input: string, path: string, expect: Finding[], absent: string[], text = "not published: skipped, the file stays in content/"): BadInput {
  const marker = `未发布${name.replace(/[^a-z0-9]/gi, "")}`;
  return { name, input, files: [{ path, data: page("这一版不该发布", `${marker}：这段文字所在的文件被跳过。`) }], expect, absent, withheld: marker, text };
}

export function badInputs(): BadInput[] {
  const longLine = fiveMegabyteLine();
  const longPage = twoHundredThousandLines();
  return [
    textCase("empty", "an empty file", 1, "", "", (f) => [W("empty-file", f)], { text: "the page is listed with no articles (there is no text)" }),
    textCase("whitespace", "white space only (spaces, full-width spaces, tabs, CRLF)", 2, "  \n\u3000\u3000\r\n\t\n\n", "", (f) => [W("no-text", f)], {
      text: "the page is listed with no articles (there is no text)",
    }),
    {
      name: "binary",
      input: "a binary file named .txt (a PNG)",
      files: [{ path: `${day(3)}/01.txt`, data: binary() }],
      expect: [E("binary-file", `${day(3)}/01.txt`)],
      absent: [`${url(day(3))}01/source/`],
      text: "not text: no records, no source page (the garbage is not shown)",
    },
    textCase("nul-bytes", "NUL bytes inside text", 4, NUL_TEXT, NUL_TEXT, (f) => [W("nul-bytes", f, 7)], { text: "published whole; the NUL bytes are left out" }),
    ...encodingCases(),
    textCase("mixed-eol", "mixed CRLF and LF line ends", 15, MIXED_EOL, MIXED_EOL, (f) => [W("paragraph-ends-mid-sentence", f, 7)], {
      text: "published whole; line numbers are physical lines",
    }),
    textCase("long-line", "a single line of 5 MB", 16, longLine, longLine, (f) => [W("long-line", f), W("no-headline", f)], {
      text: "published whole, unassigned (no headline)",
    }),
    textCase("long-page", "a page of 200,000 lines", 17, longPage, longPage, (f) => [W("long-page", f)], { text: "published whole" }),
    textCase("no-headline", "a page with no headline at all", 18, NO_HEADLINE, NO_HEADLINE, (f) => [W("no-headline", f)], { text: "published whole, unassigned" }),
    textCase("all-captions", "a page that is all captions", 19, CAPTIONS_ONLY, CAPTIONS_ONLY, (f) => [W("no-headline", f)], { text: "published whole, unassigned" }),
    sidecarCase("sidecar-yaml-error", "a sidecar with a YAML syntax error (a colon inside a value)", 20, "name: 要闻\neditor: 本版责编: 李华\ndate_estimated: true\n", (f) => [W("yaml-error", f, 2)]),
    sidecarCase("sidecar-unknown-keys", "a sidecar with unknown keys", 21, "name: 要闻\nedtor: 李华\ncolour: red\n", (f) => [W("unknown-key", f, 2), W("unknown-key", f, 3)]),
    sidecarCase("sidecar-wrong-types", "a sidecar with values of the wrong type", 22, "name: [要闻, 第一版]\ndate_estimated: maybe\ncorrections: 5\n", (f) => [
      W("wrong-type", f, 1),
      W("wrong-type", f, 2),
      W("wrong-type", f, 3),
    ]),
    skipped("date-feb-30", "an impossible date in the path: 2023/02/30", "bad/2023/02/30/01.txt", [W("impossible-date", "bad/2023/02/30")], ["/bad/2023/02/30/"]),
    skipped("date-month-13", "an impossible date in the path: 2023/13/01", "bad/2023/13/01/01.txt", [W("impossible-date", "bad/2023/13/01")], ["/bad/2023/13/"]),
    skipped("date-unpadded", "an ambiguous date in the path: 2023/2/3", "bad/2023/2/3/01.txt", [W("bad-path", "bad/2023/2")], ["/bad/2023/2/", "/bad/2023/02/03/"]),
    skipped("date-two-digit-year", "an ambiguous date in the path: 23/01/05", "bad/23/01/05/01.txt", [W("bad-path", "bad/23")], ["/bad/23/"]),
    (() => {
      const c = skipped("duplicate-page", "two files for the same page: 01.txt and 1.txt", `${day(23)}/1.txt`, [W("duplicate-page", `${day(23)}/1.txt`)], [], "01.txt published whole; 1.txt not published (skipped, named)");
      const text = page("两份文件同一版", "这是01.txt的正文，它被发布。");
      c.files.unshift({ path: `${day(23)}/01.txt`, data: text });
      c.published = { file: `${day(23)}/01.txt`, text };
      return c;
    })(),
    skipped("outside-root", "a page file at the top of content/", "01.txt", [W("misplaced-file", "01.txt")], []),
    skipped("outside-paper", "a page file in a paper's folder, outside the date layout", "bad/05.txt", [W("misplaced-file", "bad/05.txt")], []),
    skipped("outside-month", "a page file in a month's folder (no day)", "bad/2024/03/07.txt", [W("misplaced-file", "bad/2024/03/07.txt")], ["/bad/2024/03/"]),
    {
      name: "symlink-file",
      input: "a page file that is a symbolic link out of content/",
      files: [{ path: `${day(24)}/01.txt`, linkOutside: "secret.txt" }],
      outside: [{ path: "secret.txt", data: page("机密文件不得外泄", "外部机密标记：这段文字在content之外。") }],
      expect: [W("symlink", `${day(24)}/01.txt`), I("empty-issue", day(24))],
      absent: [url(day(24))],
      withheld: "外部机密标记",
      text: "not published: links are not followed",
    },
    {
      name: "symlink-folder",
      input: "a day folder that is a symbolic link out of content/",
      files: [{ path: day(25), linkOutside: "day" }],
      outside: [{ path: "day/01.txt", data: page("外部文件夹不得发布", "外部文件夹标记：这段文字在content之外。") }],
      expect: [W("symlink", day(25))],
      absent: [url(day(25))],
      withheld: "外部文件夹标记",
      text: "not published: links are not followed",
    },
    skipped("name-space", "a file name with a space: page 1.txt", `${day(26)}/page 1.txt`, [W("bad-page-name", `${day(26)}/page 1.txt`), I("empty-issue", day(26))], [url(day(26))]),
    skipped("name-chinese", "a Chinese file name: 第1版.txt", `${day(27)}/第1版.txt`, [W("bad-page-name", `${day(27)}/第1版.txt`), I("empty-issue", day(27))], [url(day(27))]),
    skipped("name-dotdot", "a file name with ..: a..b.txt", `${day(28)}/a..b.txt`, [W("bad-page-name", `${day(28)}/a..b.txt`), I("empty-issue", day(28))], [url(day(28))]),
    skipped("name-shell", "a file name of shell metacharacters: $(rm -rf x);&|'\".txt", `${day(29)}/$(rm -rf x);&|'".txt`, [W("bad-page-name", `${day(29)}/$(rm -rf x);&|'".txt`), I("empty-issue", day(29))], [url(day(29))]),
    skipped("name-newline", "a file name with a newline in it: 0⏎1.txt", `${day(30)}/0\n1.txt`, [W("bad-page-name", `${day(30)}/0\\n1.txt`), I("empty-issue", day(30))], [url(day(30))]),
    skipped("name-dotdot-folder", "a day folder named ..31 (a hidden name)", "bad/2024/01/..31/01.txt", [W("hidden-name", "bad/2024/01/..31")], []),
    skipped("name-upper-case", "a page file with an upper-case extension: 01.TXT", `${day(32)}/01.TXT`, [W("bad-page-name", `${day(32)}/01.TXT`), I("empty-issue", day(32))], [url(day(32))]),
    skipped("paper-chinese-space", "a paper folder named in Chinese with a space: 桂林 日报/", "桂林 日报/2024/01/01/01.txt", [W("bad-paper-id", "桂林 日报")], []),
    skipped("paper-shell", "a paper folder named with shell metacharacters: $(touch pwned)/", "$(touch pwned)/2024/01/01/01.txt", [W("bad-paper-id", "$(touch pwned)")], []),
    {
      name: "markdown-html",
      input: "a Markdown article with raw HTML (inline `<b>`, a `<div>` block, a `<script>`)",
      files: [{ path: `${day(33)}/note.md`, data: MARKDOWN_HTML }],
      expect: [5, 7, 11].map((l) => W("raw-html", `${day(33)}/note.md`, l)),
      published: { file: `${day(33)}/note.md`, text: MARKDOWN_HTML },
      text: "published whole; the HTML is shown as text, never run",
    },
    // Worth adding.
    textCase("damaged-utf8", "damaged UTF-8 (a Latin-1 byte inside Chinese text)", 34, concat("咖啡馆开业迎客\n\n本报记者 林静\n\n市中心新开一家咖啡馆（caf", [0xe9], " de la paix），吸引不少市民。\n"), "咖啡馆开业迎客\n\n本报记者 林静\n\n市中心新开一家咖啡馆（caf\ufffd de la paix），吸引不少市民。\n", (f) => [W("undecodable-bytes", f, 5)], {
      text: "published; the broken byte is shown as U+FFFD",
    }),
    {
      name: "fifo",
      input: "a named pipe called 01.txt (reading it would block the build forever)",
      files: [{ path: `${day(35)}/01.txt`, fifo: true }],
      expect: [W("not-a-file", `${day(35)}/01.txt`), I("empty-issue", day(35))],
      absent: [url(day(35))],
      text: "not read, not published",
    },
    {
      name: "paper-yml-error",
      input: "a paper.yml with a YAML syntax error",
      files: [
        { path: "badyml/paper.yml", data: "name: 坏配置晚报\nlang: zh-CN\ntimezone: [Asia/Shanghai\n" },
        { path: "badyml/2024/01/01/01.txt", data: page("配置有误照常出版", "报纸的配置文件有误，版面照常发布。") },
      ],
      expect: [W("yaml-error", "badyml/paper.yml", 3)],
      published: { file: "badyml/2024/01/01/01.txt", text: page("配置有误照常出版", "报纸的配置文件有误，版面照常发布。") },
      text: "published whole; the paper takes its defaults",
    },
  ];
}

/** The paper the cases live in (most of them). */
export const PAPER_YML = "name: 坏输入测试报\nlang: zh-CN\ntimezone: Asia/Shanghai\n";

/** Writes every case into `content` (and the targets of its links into `outside`). */
export function writeCases(cases: BadInput[], content: string, outside: string): void {
  mkdirSync(join(content, "bad"), { recursive: true });
  writeFileSync(join(content, "bad", "paper.yml"), PAPER_YML);
  for (const c of cases) {
    for (const f of c.outside ?? []) {
      mkdirSync(dirname(join(outside, f.path)), { recursive: true });
      writeFileSync(join(outside, f.path), f.data ?? "");
    }
    for (const f of c.files) {
      const path = join(content, f.path);
      mkdirSync(dirname(path), { recursive: true });
      if (f.linkOutside) symlinkSync(join(outside, f.linkOutside), path);
      else if (f.fifo) {
        const r = spawnSync("mkfifo", [path]);
        if (r.status !== 0) throw new Error(`mkfifo ${path}: ${r.stderr}`);
      } else writeFileSync(path, f.data ?? "");
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// The docs table

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (s: string) => (s.includes("`") ? `\`\` ${s} \`\`` : `\`${s}\``);

/** A path as the build prints it: control characters (a newline in a name) escaped, as in src/archive/index.ts. */
export function shownPath(path: string): string {
  return path.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

export function findingText(f: Finding): string {
  return `content/${f.file}:${f.line}: ${f.severity} ${f.code}`;
}

/** The table of docs/bad-inputs.md, made from the cases. */
export function markdownTable(cases: BadInput[]): string {
  const rows = cases.map((c, i) => {
    const gives = c.expect.map((f) => `${f.severity} ${code(f.code)} at ${code(`content/${f.file}:${f.line}`)}${f.message ? ` (“${f.message}”)` : ""}`).join("<br>");
    return `| ${i + 1} | ${code(c.name)} | ${cell(c.input)} | ${cell(gives)} | ${cell(c.text)} |`;
  });
  return ["| # | case | input | what Gazette gives (build, /report/ and `gazette check`) | the text |", "|---|---|---|---|---|", ...rows].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${markdownTable(badInputs())}\n`);
