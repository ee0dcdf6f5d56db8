// Whole small pages through parsePage, stable article ids, and the gazette CLI (parse --json, check).
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Article, ParsedPage } from "../../src/model/types.js";
import { parsePage, type ParseResult } from "../../src/parse/index.js";
import { losslessProblems } from "../helpers/lossless.js";

const page = (...lines: string[]) => `${lines.join("\n")}\n`;
/** Blocks separated by a blank line: the extraction style "one block a line". */
const blocks = (...bs: string[]) => page(bs.join("\n\n"));

function parse(text: string, options = {}): ParseResult {
  const p = parsePage(text, options);
  assert.deepEqual(losslessProblems(text, p), [], "lossless");
  return p;
}
const only = (p: ParsedPage): Article => {
  assert.equal(p.articles.length, 1, `articles: ${p.articles.map((a) => a.headline.text).join(" | ")}`);
  return p.articles[0]!;
};
const bodyOf = (a: Article) => a.body.map((b) => [b.type, b.level ?? null, b.lines]);
const codes = (p: ParsedPage) => p.diagnostics.map((d) => d.code);

const HEAD_1 = "以党的二十大精神为引领 推动政协协商走深走实";
const PARA = (n: number) => `第${"一二三四五六七八九"[n - 1]}段正文，各级政协组织要把学习贯彻党的二十大精神作为首要政治任务，推动各项工作落地见效。`;

describe("parsePage on small pages", () => {
  test("page header, kicker, headline, subheadline and byline", () => {
    const text = blocks(
      "人民日报 2023年1月12日 星期四 第1版",
      "寒潮来袭 多措并举",
      "各地全力保障群众温暖过冬",
      "——北方多地供暖企业加班加点确保居民用热",
      "本报记者 张三 李四",
      "1月11日，记者从北京市城市管理委员会获悉，全市供暖系统运行平稳。",
      "入冬以来，各地供暖企业加强巡检，确保设备安全运行。",
    );
    const p = parse(text);
    assert.equal(p.style, "blocks");
    assert.deepEqual(p.diagnostics, []);
    assert.deepEqual(p.page.rubrics.map((r) => [r.text, r.lines]), [["人民日报 2023年1月12日 星期四 第1版", [1]]]);
    const a = only(p);
    assert.deepEqual(a.kicker, { text: "寒潮来袭 多措并举", lines: [3] });
    assert.deepEqual(a.headline, { text: "各地全力保障群众温暖过冬", lines: [5] });
    assert.deepEqual(a.subheadline, { text: "北方多地供暖企业加班加点确保居民用热", lines: [7] }, "without the leading ——");
    assert.equal(a.rubric, null);
    assert.deepEqual(a.bylines.map((b) => [b.role, b.names, b.lines]), [["本报记者", ["张三", "李四"], [9]]]);
    assert.deepEqual(bodyOf(a), [
      ["paragraph", null, [11]],
      ["paragraph", null, [13]],
    ]);
    assert.deepEqual(p.unassigned, []);
  });

  test("the sample's opening: headline, ——subheadline, □byline with two roles", () => {
    const text = blocks(
      "创新品牌赋动能",
      "——象山区“五基三化”攻坚年行动释放强劲“红色效能”",
      "□本报记者韦莎妮娜 通讯员李康生 李佳利",
      "1月12日,桂林市城市基层党建引领基层治理暨清廉社区建设工作会议在象山区召开。",
    );
    const a = only(parse(text));
    assert.equal(a.headline.text, "创新品牌赋动能");
    assert.equal(a.subheadline?.text, "象山区“五基三化”攻坚年行动释放强劲“红色效能”");
    assert.deepEqual(a.bylines.map((b) => [b.role, b.names]), [
      ["本报记者", ["韦莎妮娜"]],
      ["通讯员", ["李康生", "李佳利"]],
    ]);
  });

  test("a column rubric over an article is its rubric, not its kicker", () => {
    const text = blocks(
      "评论员观察",
      "以高质量发展推动民生改善",
      "□李明",
      "发展是解决一切问题的基础和关键。今年以来，各地坚持稳中求进工作总基调，经济运行总体回升向好。",
    );
    const a = only(parse(text));
    assert.deepEqual(a.rubric, { text: "评论员观察", lines: [1] });
    assert.equal(a.kicker, null);
    assert.deepEqual(a.headline.lines, [3]);
    assert.deepEqual(a.bylines.map((b) => [b.role, b.names]), [[null, ["李明"]]]);
  });

  test("numbered headings of levels 1 to 4", () => {
    const text = blocks(
      "以高质量发展推动民生改善",
      "□李明",
      "发展是解决一切问题的基础和关键。今年以来，各地坚持稳中求进工作总基调。",
      "一、坚持以人民为中心",
      "人民对美好生活的向往，就是我们的奋斗目标。",
      "（一）抓好就业这个最大的民生",
      "就业是最基本的民生。要落实落细就业优先政策。",
      "1.稳住重点群体就业",
      "高校毕业生、农民工等重点群体就业是重中之重。",
      "①开发更多基层岗位",
      "基层岗位是青年成长的广阔舞台。",
    );
    const a = only(parse(text));
    assert.deepEqual(bodyOf(a), [
      ["paragraph", null, [5]],
      ["heading", 1, [7]],
      ["paragraph", null, [9]],
      ["heading", 2, [11]],
      ["paragraph", null, [13]],
      ["heading", 3, [15]],
      ["paragraph", null, [17]],
      ["heading", 4, [19]],
      ["paragraph", null, [21]],
    ]);
    assert.deepEqual(
      a.body.filter((b) => b.type === "heading").map((b) => b.text),
      ["一、坚持以人民为中心", "（一）抓好就业这个最大的民生", "1.稳住重点群体就业", "①开发更多基层岗位"],
    );
  });

  test("unnumbered two-line section heading (the sample's 夯实基础以贯之 / 全域党建全面加强)", () => {
    const text = blocks(
      "创新品牌赋动能",
      "□本报记者韦莎妮娜",
      `${PARA(1)}${PARA(2)}`,
      "夯实基础以贯之",
      "全域党建全面加强",
      `${PARA(3)}${PARA(4)}`,
    );
    const a = only(parse(text));
    const h = a.body.find((b) => b.type === "heading");
    assert.ok(h);
    assert.deepEqual(h.lines, [7, 9]);
    assert.equal(h.level, 1);
    assert.equal(h.text.replace(/\s/g, ""), "夯实基础以贯之全域党建全面加强");
  });

  test("a numbered lead-in that opens a paragraph: leadIn, not a heading", () => {
    const text = blocks(
      "学习贯彻党的二十大精神",
      "（一）紧跟新时代，提高政治站位。各级党组织要深刻领悟“两个确立”的决定性意义，增强“四个意识”。",
      "（二）重视学习，提升履职能力新境界。",
      "要把学习作为履职的基础，持续推进学习型机关建设。",
    );
    const a = only(parse(text));
    const [lead, heading, para] = a.body;
    assert.equal(lead?.type, "paragraph");
    assert.equal(lead.leadIn, "（一）紧跟新时代，提高政治站位。");
    assert.equal(lead.level, undefined);
    assert.deepEqual(lead.lines, [3]);
    // a numbered item that ends at its first stop and is short is a heading
    assert.equal(heading?.type, "heading");
    assert.equal(heading.level, 2);
    assert.equal(heading.leadIn, undefined);
    assert.equal(para?.type, "paragraph");
  });

  test("a paragraph broken by two ▲ captions is rejoined; the captions go to the article", () => {
    const text = page(
      "创新品牌赋动能",
      "",
      "本报记者 张三",
      "",
      "象山区坚持把培养一批基层党建骨干队伍作为做好基层党建工作的有力保证，为各领域培育一批基",
      "",
      "",
      "",
      "▲打造“乡村振兴党建联盟”品牌引领村企共建。",
      "",
      "",
      "",
      "▲2022年10月，象山区20个城市居民小区党群服务中心集中揭牌。",
      "",
      "层党组织“领头雁”。注重党建工作队伍梯队培养。",
    );
    const p = parse(text);
    const a = only(p);
    assert.equal(a.body.length, 1);
    assert.deepEqual(a.body[0]!.lines, [5, 15]);
    assert.ok(a.body[0]!.text.includes("培育一批基层党组织“领头雁”"), a.body[0]!.text);
    assert.deepEqual(a.captions.map((c) => c.lines), [[9], [13]]);
    assert.ok(!codes(p).includes("paragraph-ends-mid-sentence"));
  });

  test("a paragraph that ends mid-sentence with no continuation: warning at its last line", () => {
    const text = blocks(
      "创新品牌赋动能",
      "本报记者 张三",
      "1月12日，桂林市召开城市基层党建工作会议，部署今年重点任务。",
      "区委书记在会上表示，下一步将继续深化协商议事机制建设，把民主协商贯穿于政协",
    );
    const p = parse(text);
    const w = p.diagnostics.filter((d) => d.code === "paragraph-ends-mid-sentence");
    assert.equal(w.length, 1);
    assert.equal(w[0]!.severity, "warning");
    assert.equal(w[0]!.line, 7);
    assert.deepEqual(only(p).body.map((b) => b.lines), [[5], [7]]);
  });

  test("a stranded 四、 heading after the author note stays in its article", () => {
    const text = blocks(
      HEAD_1,
      "□苏绍坤",
      "人民政协是社会主义协商民主的重要渠道和专门协商机构。",
      "一、提高政治站位",
      "各级政协组织要把学习贯彻党的二十大精神作为首要政治任务。",
      "二、聚焦中心大局",
      "要围绕经济社会发展中的重点难点问题深入调研，提出务实管用的意见建议。",
      "三、加强自身建设",
      "要加强委员队伍建设，不断提高履职能力和水平。",
      "（作者为桂林市政协主席）",
      "四、发挥协商民主作用",
      "要把协商民主贯穿履行职能全过程，推动协商成果落地见效。",
      "桂林新建学校5所",
      "本报记者 魏哲",
      "1月12日，桂林市教育局公布今年新建学校名单。",
    );
    const p = parse(text);
    assert.deepEqual(p.articles.map((a) => a.headline.text), [HEAD_1, "桂林新建学校5所"]);
    const [first, second] = p.articles;
    assert.deepEqual(first!.authorNotes.map((n) => n.lines), [[19]]);
    const h4 = first!.body.find((b) => b.text === "四、发挥协商民主作用");
    assert.ok(h4, "四、 is in the first article");
    assert.equal(h4.type, "heading");
    assert.equal(h4.level, 1);
    assert.deepEqual(h4.lines, [21]);
    assert.ok(first!.body.some((b) => b.lines.includes(23)), "its paragraph follows it");
    assert.ok(!second!.body.some((b) => b.lines.includes(21) || b.lines.includes(23)));
    const note = p.diagnostics.find((d) => d.code === "heading-after-note");
    assert.equal(note?.line, 21);
    assert.equal(note?.severity, "info", "the numbering continues 一、二、三、");
  });

  test("a heading after the note that does not continue the numbering is a warning", () => {
    const text = blocks(
      HEAD_1,
      "□苏绍坤",
      "人民政协是社会主义协商民主的重要渠道和专门协商机构。",
      "一、提高政治站位",
      "各级政协组织要把学习贯彻党的二十大精神作为首要政治任务。",
      "（作者为桂林市政协主席）",
      "四、发挥协商民主作用",
    );
    const p = parse(text);
    const a = only(p);
    assert.ok(a.body.some((b) => b.type === "heading" && b.lines[0] === 13));
    const d = p.diagnostics.find((x) => x.code === "heading-after-note");
    assert.deepEqual(d && [d.severity, d.line], ["warning", 13]);
  });

  test("two articles: each keeps its own byline and body", () => {
    const text = blocks(
      "桂林新建学校5所",
      "本报记者 魏哲",
      "1月12日，桂林市教育局公布今年新建学校名单。",
      "漓江春色",
      "文/图 王五",
      "春天的漓江，青山如黛，碧水如镜。",
    );
    const p = parse(text);
    assert.deepEqual(
      p.articles.map((a) => [a.headline.text, a.bylines.map((b) => b.names.join()), a.body.map((b) => b.lines[0])]),
      [
        ["桂林新建学校5所", ["魏哲"], [5]],
        ["漓江春色", ["王五"], [11]],
      ],
    );
  });

  test("a page without any headline publishes its text unassigned, with a warning", () => {
    const text = blocks(
      "1月12日，桂林市教育局公布今年新建学校名单，全市将新建中小学5所，新增学位8000个。",
      "据介绍，新建学校将于今年9月投入使用，进一步缓解城区学位紧张问题。",
    );
    const p = parse(text);
    assert.deepEqual(p.articles, []);
    assert.deepEqual(p.unassigned.map((u) => [u.type, u.lines]), [
      ["paragraph", [1]],
      ["paragraph", [3]],
    ]);
    assert.equal(p.diagnostics.find((d) => d.code === "no-headline")?.line, 1);
  });

  test("printed-line style: a paragraph over many short lines is one block", () => {
    const text = page(
      "“小巷管家”守护老街烟火气",
      "□本报记者覃丽娟",
      "早上7点，南宁市兴宁区民生",
      "街道的老街刚刚苏醒，“小巷",
      "管家”梁秀英已经沿着青石板",
      "路走了一圈。哪家门口堆了杂",
      "物、哪盏路灯不亮了、哪位独",
      "居老人今天没开门，她都一一",
      "记在本子上。",
      "老街区房屋老旧、人口密集，",
      "基础设施薄弱，过去一度是基",
      "层治理的难点。2021年起，街",
      "道从退休干部、楼栋长、商户",
      "中招募“小巷管家”。",
    );
    const p = parse(text);
    assert.equal(p.style, "printed-lines");
    const a = only(p);
    assert.equal(a.headline.text, "“小巷管家”守护老街烟火气");
    assert.deepEqual(a.bylines.map((b) => [b.role, b.names]), [["本报记者", ["覃丽娟"]]]);
    assert.deepEqual(a.body.map((b) => b.lines), [
      [3, 4, 5, 6, 7, 8, 9],
      [10, 11, 12, 13, 14],
    ]);
    assert.ok(a.body[0]!.text.startsWith("早上7点，南宁市兴宁区民生街道的老街刚刚苏醒"));
  });
});

describe("article ids", () => {
  const OPTS = { paper: "rmrb", date: "2023-01-12", page: 4 };
  const X = ["创新品牌赋动能", "□本报记者韦莎妮娜 通讯员李康生 李佳利", PARA(1), PARA(2)];
  const W = ["桂林新建学校5所", "本报记者 魏哲", "1月12日，桂林市教育局公布今年新建学校名单。"];
  const idOf = (p: ParsedPage, headline: string) => {
    const a = p.articles.find((x) => x.headline.text.replace(/\s/g, "") === headline);
    assert.ok(a, `no article "${headline}" among ${p.articles.map((x) => x.headline.text).join(" | ")}`);
    return a.id;
  };

  test("the same article keeps its id when another article is added before it", () => {
    const alone = parse(blocks(...X), OPTS);
    const after = parse(blocks(...W, ...X), OPTS);
    assert.equal(after.articles.length, 2);
    assert.equal(idOf(after, "创新品牌赋动能"), idOf(alone, "创新品牌赋动能"));
    assert.notEqual(idOf(after, "桂林新建学校5所"), idOf(after, "创新品牌赋动能"));
  });

  test("the same article keeps its id when the page is re-split (blocks, line ends, paragraphs)", () => {
    const base = idOf(parse(blocks(...X), OPTS), "创新品牌赋动能");
    // CRLF, three blank lines, and a paragraph broken in two blocks
    const [h, b, p1, p2] = X as [string, string, string, string];
    const resplit = [h, "", "", "", b, "", p1.slice(0, 20), "", p1.slice(20), "", p2].join("\r\n");
    const p = parse(resplit, OPTS);
    assert.equal(idOf(p, "创新品牌赋动能"), base);
    // an article added after it and the headline set with a stray full-width space
    const more = parse(blocks(`\u3000${h}`, b, p1, p2, ...W), OPTS);
    assert.equal(idOf(more, "创新品牌赋动能"), base);
  });

  test("a headline set with a space between its halves has the id of the same headline without it", () => {
    const spaced = parse(blocks(HEAD_1, "□苏绍坤", PARA(1)), OPTS);
    const unspaced = parse(blocks(HEAD_1.replace(" ", ""), "□苏绍坤", PARA(1)), OPTS);
    assert.equal(only(spaced).id, only(unspaced).id);
  });

  test("ids differ between pages, dates and papers", () => {
    const text = blocks(...X);
    const ids = [
      OPTS,
      { ...OPTS, page: 5 },
      { ...OPTS, date: "2023-01-13" },
      { ...OPTS, paper: "glrb" },
      {},
    ].map((o) => only(parse(text, o)).id);
    assert.equal(new Set(ids).size, ids.length, ids.join(" "));
    for (const id of ids) assert.match(id, /^[0-9a-f]{10}$/);
    assert.equal(only(parse(text, OPTS)).id, ids[0], "deterministic");
  });

  test("two articles with one headline on one page get distinct ids", () => {
    const p = parse(blocks(...W, ...W), OPTS);
    assert.equal(p.articles.length, 2);
    const [a, b] = p.articles.map((x) => x.id);
    assert.equal(b, `${a}-2`);
  });
});

describe("CLI", () => {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const tmp = mkdtempSync(join(tmpdir(), "gazette-cli-"));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["bin/gazette.js", ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
  const LINE = /^(.+):(\d+): (error|warning|info) ([a-z][a-z0-9-]*) (.+)$/;
  const CLEAN = blocks("创新品牌赋动能", "本报记者 张三", "1月12日，桂林市召开城市基层党建工作会议。");
  const MID = blocks(
    "创新品牌赋动能",
    "本报记者 张三",
    "区委书记在会上表示，下一步将继续深化协商议事机制建设，把民主协商贯穿于政协",
  );
  const BINARY = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37 + 11) % 256));

  test("parse FILE --json prints exactly one JSON object; diagnostics go to stderr", () => {
    const file = join(tmp, "mid.txt");
    writeFileSync(file, MID);
    const r = run("parse", file, "--json");
    assert.equal(r.status, 0, r.stderr);
    const parsed = JSON.parse(r.stdout) as ParsedPage; // throws on anything but one JSON value
    assert.equal(typeof parsed, "object");
    assert.ok(r.stdout.trimStart().startsWith("{") && r.stdout.trimEnd().endsWith("}"));
    assert.equal(parsed.source.path, file);
    assert.equal(parsed.source.encoding, "utf-8");
    assert.deepEqual(parsed.articles.map((a) => a.headline.text), ["创新品牌赋动能"]);
    assert.deepEqual(parsed.diagnostics.map((d) => [d.code, d.line]), [["paragraph-ends-mid-sentence", 5]]);
    assert.deepEqual(losslessProblems(MID, parsed), []);
    const err = r.stderr.trim().split("\n");
    assert.equal(err.length, 1, r.stderr);
    assert.equal(err[0], `${file}:5: warning paragraph-ends-mid-sentence ${parsed.diagnostics[0]!.message}`);
    assert.ok(!r.stdout.includes("warning paragraph-ends"), "no diagnostics text outside the JSON");
  });

  test("parse FILE --json on a binary file: still one JSON object, exit 1", () => {
    const file = join(tmp, "bin.txt");
    writeFileSync(file, BINARY);
    const r = run("parse", file, "--json");
    assert.equal(r.status, 1);
    const parsed = JSON.parse(r.stdout) as ParsedPage;
    assert.ok(parsed.diagnostics.some((d) => d.code === "binary-file" && d.severity === "error"));
    assert.match(r.stderr, /bin\.txt:1: error binary-file /);
  });

  test("parse without --json prints an outline; a missing file exits 2; bad usage exits 2", () => {
    const file = join(tmp, "clean.txt");
    writeFileSync(file, CLEAN);
    const r = run("parse", file);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /\[1\] 创新品牌赋动能/);
    assert.equal(run("parse", join(tmp, "nope.txt"), "--json").status, 2);
    assert.equal(run("frobnicate").status, 2);
  });

  test("check DIR: file:line: severity code message; exit 1 when a file has an error", () => {
    const dir = join(tmp, "check-bad");
    mkdirSync(join(dir, "2023", "01"), { recursive: true });
    writeFileSync(join(dir, "2023", "01", "01.txt"), CLEAN);
    writeFileSync(join(dir, "2023", "01", "02.txt"), MID);
    writeFileSync(join(dir, "2023", "01", "03.txt"), BINARY);
    writeFileSync(join(dir, "2023", "01", "03.yml"), BINARY); // not a page: ignored
    const r = run("check", dir);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const lines = r.stdout.trim().split("\n");
    for (const l of lines) assert.match(l, LINE);
    const found = lines.map((l) => LINE.exec(l)!).map((m) => [m[1]!.split(/[\\/]/).slice(-1)[0], Number(m[2]), m[3], m[4]]);
    const has = (name: string, line: number, severity: string, code: string) =>
      assert.ok(
        found.some((f) => f[0] === name && f[1] === line && f[2] === severity && f[3] === code),
        `${name}:${line}: ${severity} ${code} in\n${r.stdout}`,
      );
    has("02.txt", 5, "warning", "paragraph-ends-mid-sentence");
    has("03.txt", 1, "error", "binary-file");
    assert.ok(!found.some((f) => f[0] === "01.txt" && f[2] !== "info"), "the clean page has no warning");
    assert.equal(found.filter((f) => f[2] === "error").length, 1);
    assert.ok(!found.some((f) => f[0] === "03.yml"));
    assert.match(r.stderr, /1 error\(s\), \d+ warning\(s\)/);
  });

  test("check DIR exits 0 when there are only warnings, and --strict makes warnings fail", () => {
    const dir = join(tmp, "check-warn");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "01.txt"), CLEAN);
    writeFileSync(join(dir, "02.txt"), MID);
    const plain = run("check", dir);
    assert.equal(plain.status, 0, plain.stdout + plain.stderr);
    assert.match(plain.stdout, /02\.txt:5: warning paragraph-ends-mid-sentence /);
    const strict = run("check", dir, "--strict");
    assert.equal(strict.status, 1);
  });

  test("check DIR on clean pages prints nothing on stdout and exits 0, --strict too", () => {
    const dir = join(tmp, "check-clean");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "01.txt"), CLEAN);
    for (const args of [[dir], [dir, "--strict"]]) {
      const r = run("check", ...args);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, /0 error\(s\), 0 warning\(s\)/);
    }
  });
});
