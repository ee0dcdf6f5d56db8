// Byline text -> Byline records (parseBylineText), and the reporters of a 电头 (parseDateline).
import { strict as assert } from "node:assert";
import { describe, test } from "node:test";
import type { Byline } from "../../src/model/types.js";
import { parseBylineText, parseDateline } from "../../src/parse/bylines.js";
import { parsePage } from "../../src/parse/index.js";

const brief = (bs: Byline[]) => bs.map((b) => [b.role, b.names]);
const letters = (s: string) => [...s].filter((c) => /[\p{L}\p{N}]/u.test(c)).join("");

describe("parseBylineText", () => {
  test("□本报记者韦莎妮娜 通讯员李康生 李佳利: two bylines, each role with its own names", () => {
    const text = "□本报记者韦莎妮娜 通讯员李康生 李佳利";
    const bs = parseBylineText(text, [5]);
    assert.deepEqual(brief(bs), [
      ["本报记者", ["韦莎妮娜"]],
      ["通讯员", ["李康生", "李佳利"]],
    ]);
    assert.deepEqual(bs.map((b) => b.lines), [[5], [5]]);
    assert.deepEqual(bs.map((b) => b.text), ["本报记者韦莎妮娜", "通讯员李康生 李佳利"]);
    // together the bylines keep every letter of the line
    assert.equal(letters(bs.map((b) => b.text).join("")), letters(text));
  });

  test("本报记者 张三 李四", () => {
    assert.deepEqual(brief(parseBylineText("本报记者 张三 李四", [1])), [["本报记者", ["张三", "李四"]]]);
  });

  test("记者 陈 静: a two-character name set with a space is one name", () => {
    const bs = parseBylineText("记者 陈 静", [1]);
    assert.deepEqual(brief(bs), [["记者", ["陈静"]]]);
    assert.equal(bs[0]!.text, "记者 陈 静", "a single byline keeps the line as printed");
  });

  test("本报记者 吴 刚 王 浩: several spaced names", () => {
    assert.deepEqual(brief(parseBylineText("本报记者 吴 刚 王 浩", [1])), [["本报记者", ["吴刚", "王浩"]]]);
  });

  test("文/图 王五 and its full-width slash", () => {
    assert.deepEqual(brief(parseBylineText("文/图 王五", [2])), [["文/图", ["王五"]]]);
    assert.deepEqual(brief(parseBylineText("文／图 王五", [2])), [["文/图", ["王五"]]]);
  });

  test("文：王五 图：赵六: one-character roles before a colon", () => {
    assert.deepEqual(brief(parseBylineText("文：王五 图：赵六", [2])), [
      ["文", ["王五"]],
      ["图", ["赵六"]],
    ]);
  });

  test("a marked name without a role: ◎李明, □苏绍坤", () => {
    const a = parseBylineText("◎李明", [3]);
    assert.deepEqual(brief(a), [[null, ["李明"]]]);
    assert.equal(a[0]!.text, "◎李明");
    assert.deepEqual(brief(parseBylineText("□苏绍坤", [3])), [[null, ["苏绍坤"]]]);
  });

  test("bracketed and enumerated: （记者 张三）, 新华社记者 张三、李四", () => {
    assert.deepEqual(brief(parseBylineText("（记者 张三）", [1])), [["记者", ["张三"]]]);
    assert.deepEqual(brief(parseBylineText("新华社记者 张三、李四", [1])), [["新华社记者", ["张三", "李四"]]]);
  });

  test("the longest role wins: 本报记者 is not 记者, 本报通讯员 is not 通讯员", () => {
    assert.deepEqual(brief(parseBylineText("本报通讯员 李康生", [1])), [["本报通讯员", ["李康生"]]]);
    assert.deepEqual(brief(parseBylineText("本报特约记者 王五", [1])), [["本报特约记者", ["王五"]]]);
  });

  test("a name that starts like a one-character role is still a name (文 in 文明)", () => {
    assert.deepEqual(brief(parseBylineText("记者 文明 图强", [1])), [["记者", ["文明", "图强"]]]);
  });
});

describe("parseDateline", () => {
  test("新华社北京1月12日电（记者 X、Y）…: role 记者, two names, the dateline", () => {
    const d = parseDateline("新华社北京1月12日电（记者 X、Y）今天，两位记者报道了会议。", [7]);
    assert.ok(d);
    assert.equal(d.dateline, "新华社北京1月12日电");
    assert.deepEqual(brief(d.bylines), [["记者", ["X", "Y"]]]);
    assert.equal(d.bylines[0]!.dateline, "新华社北京1月12日电");
    assert.deepEqual(d.bylines[0]!.lines, [7]);
  });

  test("Han names in the brackets", () => {
    const d = parseDateline("新华社北京1月12日电（记者张三、李四）1月12日，全国……。", [1]);
    assert.deepEqual(d && brief(d.bylines), [["记者", ["张三", "李四"]]]);
  });

  test("本报讯（记者 魏 哲）: name 魏哲", () => {
    const d = parseDateline("本报讯（记者 魏 哲）近日，桂林市召开会议。", [4]);
    assert.ok(d);
    assert.equal(d.dateline, "本报讯");
    assert.deepEqual(brief(d.bylines), [["记者", ["魏哲"]]]);
    assert.equal(d.bylines[0]!.dateline, "本报讯");
  });

  test("本报北京1月16日电（记者王 珂）: the spaced name run into its role is one name, 王珂", () => {
    const d = parseDateline("本报北京1月16日电（记者王 珂）商务部有关负责人16日表示。", [107]);
    assert.deepEqual(d && brief(d.bylines), [["记者", ["王珂"]]]);
    assert.deepEqual(brief(parseBylineText("本报记者王 珂、李 雪 通讯员周 勉", [1])), [
      ["本报记者", ["王珂", "李雪"]],
      ["通讯员", ["周勉"]],
    ]);
  });

  test("本报讯（记者 魏 哲 通讯员 李四）: two roles", () => {
    const d = parseDateline("本报讯（记者 魏 哲 通讯员 李四）近日", [4]);
    assert.deepEqual(d && brief(d.bylines), [
      ["记者", ["魏哲"]],
      ["通讯员", ["李四"]],
    ]);
  });

  test("space between the dateline and its brackets", () => {
    const d = parseDateline("本报北京1月12日电  （记者王五）今年以来……", [1]);
    assert.equal(d?.dateline, "本报北京1月12日电");
    assert.deepEqual(d && brief(d.bylines), [["记者", ["王五"]]]);
  });

  test("a dateline without reporters gives one byline of no role", () => {
    for (const [text, dl] of [
      ["新华社电 据报道，……", "新华社电"],
      ["本报讯 近日，……", "本报讯"],
      ["（新华社北京1月12日电）", "新华社北京1月12日电"],
    ] as const) {
      const d = parseDateline(text, [1]);
      assert.equal(d?.dateline, dl, text);
      assert.deepEqual(d && brief(d.bylines), [[null, []]], text);
    }
  });

  test("no dateline: null", () => {
    assert.equal(parseDateline("记者从会上获悉，今年全市经济运行稳中向好。", [1]), null);
    assert.equal(parseDateline("1月12日，桂林市召开会议。", [1]), null);
  });
});

describe("bylines on a page", () => {
  test("a 电头 stays in its paragraph and its reporters become the article's bylines", () => {
    const text = [
      "全国春运今日启动",
      "",
      "新华社北京1月12日电（记者 张三、李四）记者从交通运输部获悉，2023年春运自1月7日开始，为期40天。",
      "",
      "交通运输部表示，将全力做好春运服务保障工作。",
    ].join("\n");
    const p = parsePage(text);
    assert.equal(p.articles.length, 1);
    const a = p.articles[0]!;
    assert.deepEqual(a.body.map((b) => [b.type, b.lines]), [
      ["paragraph", [3]],
      ["paragraph", [5]],
    ]);
    assert.ok(a.body[0]!.text.startsWith("新华社北京1月12日电（记者 张三、李四）"));
    assert.deepEqual(a.bylines.map((b) => [b.role, b.names, b.dateline, b.lines]), [
      ["记者", ["张三", "李四"], "新华社北京1月12日电", [3]],
    ]);
  });

  test("本报讯（记者 魏 哲） at the head of a paragraph", () => {
    const text = "桂林新建学校5所\n\n本报讯（记者 魏 哲）近日，桂林市教育局公布今年新建学校名单。\n";
    const a = parsePage(text).articles[0]!;
    assert.deepEqual(a.bylines.map((b) => [b.role, b.names, b.dateline]), [["记者", ["魏哲"], "本报讯"]]);
  });

  test("a byline line under a headline: □本报记者韦莎妮娜 通讯员李康生 李佳利", () => {
    const text = "创新品牌赋动能\n\n□本报记者韦莎妮娜 通讯员李康生 李佳利\n\n1月12日，桂林市召开会议。\n";
    const a = parsePage(text).articles[0]!;
    assert.deepEqual(a.bylines.map((b) => [b.role, b.names, b.lines]), [
      ["本报记者", ["韦莎妮娜"], [3]],
      ["通讯员", ["李康生", "李佳利"], [3]],
    ]);
  });

  test("文/图 王五 under a headline", () => {
    const text = "漓江春色\n\n文/图 王五\n\n春天的漓江，青山如黛，碧水如镜。\n";
    const a = parsePage(text).articles[0]!;
    assert.deepEqual(a.bylines.map((b) => [b.role, b.names, b.lines]), [["文/图", ["王五"], [3]]]);
  });
});
