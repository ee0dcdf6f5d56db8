// Inputs that once parsed wrong, each with what it must give now.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { parsePage } from "../../src/parse/index.js";
import { toLines } from "../../src/parse/lines.js";
import { kindOf } from "../../src/parse/rules/index.js";

const kind = (text: string) => kindOf({ text, lines: toLines(text) });

test("words that open with a one-character role are not bylines", () => {
  for (const t of ["文化惠民", "文明城市创建", "文旅融合促发展", "图书馆", "文化润城 文明润心", "作者简介", "整理房间", "实习生招聘", "通讯员队伍", "摄影报道", "口述历史", "撰文纪念先烈"])
    assert.notEqual(kind(t), "byline", t);
  for (const t of ["文/图 王五", "文：王五", "本报记者韦莎妮娜 通讯员李康生 李佳利", "记者 陈 静", "□苏绍坤", "本報記者 陳靜"])
    assert.equal(kind(t), "byline", t);
});

test("第一书记, 第五届 and 10 时许 are words, not numbering", () => {
  for (const t of ["第一书记王五说：“干就完了。”他说干就干。", "第五届进博会意向成交额创新高", "10 时许，消防员赶到现场，迅速控制火势。"])
    assert.notEqual(kind(t), "numbered", t);
  assert.equal(kind("第一部分 总体要求"), "numbered");
  assert.equal(kind("第一，坚持稳中求进。"), "numbered");
});

test("a headline ending in a section word is not a rubric printed after it", () => {
  const page = "寒潮来袭 多措并举\n\n各地全力保供暖保民生\n\n——北方多地迎来大范围降温\n\n本报记者 张三 李四\n\n连日来，北方多地气温骤降，各地全力做好供暖保障。\n";
  const p = parsePage(page);
  assert.equal(p.articles.length, 1);
  assert.equal(p.articles[0]!.headline.text, "各地全力保供暖保民生");
  assert.equal(p.articles[0]!.kicker?.text, "寒潮来袭 多措并举");
});

test("本报第1版 inside a headline is not a page header; 图为什么 is not a caption", () => {
  assert.notEqual(kind("本报第1版刊发评论后引发热议"), "pageHeader");
  assert.equal(kind("2023年1月12日 星期四 第4版 要闻"), "pageHeader");
  assert.notEqual(kind("图为什么这样说"), "caption");
});

test("Western text in Latin-1 decodes as windows-1252, not as binary", () => {
  const bytes = Uint8Array.from([0x4c, 0xe0, 0x20, 0x76, 0x69, 0x65, 0x20, 0xe9, 0x74, 0x72, 0x61, 0x6e, 0x67, 0x65, 0x2c, 0x20, 0xe7, 0x61, 0x20, 0x76, 0x61, 0x2e]);
  const p = parsePage(bytes);
  assert.equal(p.source.encoding, "windows-1252");
  assert.ok(!p.diagnostics.some((d) => d.code === "binary-file"));
  assert.match(p.unassigned.map((u) => u.text).join("") + p.articles.map((a) => a.headline.text).join(""), /Là vie étrange, ça va/);
});

test("a page with two blank lines between every block does not float every block into a caption", async () => {
  const { readFileSync } = await import("node:fs");
  const sample = readFileSync(new URL("../golden/sample-glrb/sample-glrb.txt", import.meta.url), "utf8");
  const doubled = sample.split("\n").flatMap((l) => (l.trim() ? [l] : ["", ""])).join("\n");
  const p = parsePage(doubled);
  assert.deepEqual(p.articles.map((a) => a.captions.length), [5, 0, 0]);
  assert.deepEqual(p.articles.map((a) => a.body.length), [17, 9, 20]);
});

test("bylines of outlets and ranks; page headers with a colon or the masthead on the date line", () => {
  for (const t of ["经济日报记者 王 珂", "本报首席记者 李四", "本报特约通讯员 赵六", "本报驻巴西记者 张远南", "央视记者 刘洋 王五"])
    assert.equal(kind(t), "byline", t);
  for (const t of ["第4版：要闻", "人民日报 2023年1月12日"]) assert.equal(kind(t), "pageHeader", t);
  assert.notEqual(kind("记者从会上获悉，今年将新建一批项目。"), "byline");
});

test("huge pages parse whole: a 200,000-line page and a 5 MB line, every line kept", async () => {
  const { losslessProblems } = await import("../helpers/lossless.js");
  const titles = Array.from({ length: 200000 }, (_, i) => `标题第${i}条新闻`).join("\n");
  assert.deepEqual(losslessProblems(titles, parsePage(titles)), []);
  const line = "中".repeat(5 * 1024 * 1024 / 3);
  const p = parsePage(line);
  assert.equal(p.unassigned.map((u) => u.text).join("").length, line.length);
});
