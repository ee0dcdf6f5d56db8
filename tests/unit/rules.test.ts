// The rules table (src/parse/rules): for each rule, lines it must recognise and near-misses it must
// not, through the rule's own `test` and through `kindOf` (which also checks the table's order).
import { strict as assert } from "node:assert";
import { describe, test } from "node:test";
import { toLines } from "../../src/parse/lines.js";
import { KIND_RULES, MARKED_KINDS, kindOf } from "../../src/parse/rules/index.js";
import { authorNote } from "../../src/parse/rules/author-note.js";
import { byline, foldSpacedNames, looksLikeByline } from "../../src/parse/rules/byline.js";
import { caption } from "../../src/parse/rules/caption.js";
import { credit } from "../../src/parse/rules/credit.js";
import { dateline } from "../../src/parse/rules/dateline.js";
import { numbered } from "../../src/parse/rules/numbered.js";
import { pageHeader } from "../../src/parse/rules/page-header.js";
import { subheadline } from "../../src/parse/rules/subheadline.js";
import { title } from "../../src/parse/rules/title.js";
import type { Candidate, KindRule } from "../../src/parse/rules/types.js";
import type { Kind } from "../../src/parse/units.js";

/** A candidate as parsePage builds it for one physical line: normalized text and its line facts. */
function cand(raw: string): Candidate {
  const lines = toLines(raw).filter((l) => !l.blank);
  assert.equal(lines.length, 1, `one non-blank line expected in ${JSON.stringify(raw)}`);
  return { text: lines[0]!.text, lines };
}

/**
 * `yes` lines pass the rule and get its kind from the table; `no` lines fail the rule. A `no` entry
 * may name the kind the table gives instead ([line, kind]).
 */
function ruleCases(rule: KindRule, yes: string[], no: (string | [string, Kind])[]) {
  describe(`rule ${rule.kind}`, () => {
    for (const line of yes) {
      test(`matches ${line}`, () => {
        assert.equal(rule.test(cand(line)), true, `${rule.kind}.test`);
        assert.equal(kindOf(cand(line)), rule.kind, "kindOf");
      });
    }
    for (const entry of no) {
      const [line, kind] = typeof entry === "string" ? [entry, undefined] : entry;
      test(`does not match ${line}`, () => {
        assert.equal(rule.test(cand(line)), false, `${rule.kind}.test`);
        if (kind) assert.equal(kindOf(cand(line)), kind, "kindOf");
      });
    }
  });
}

describe("rules table", () => {
  test("holds every rule once, specific constructs first and the catch-all title last", () => {
    const kinds = KIND_RULES.map((r) => r.kind);
    assert.equal(new Set(kinds).size, kinds.length);
    assert.deepEqual(
      [...kinds].sort(),
      ["authorNote", "byline", "caption", "credit", "dateline", "numbered", "pageHeader", "subheadline", "title"],
    );
    assert.equal(kinds[kinds.length - 1], "title");
    const before = (a: Kind, b: Kind) => assert.ok(kinds.indexOf(a) < kinds.indexOf(b), `${a} before ${b}`);
    before("credit", "pageHeader"); // 下转第2版 names a page but is a credit
    before("authorNote", "byline"); // （作者系…） is a note, not a byline of 作者
    before("dateline", "byline");
    before("caption", "byline"); // 本报记者 X 摄 is a photo credit
    before("pageHeader", "title");
    for (const r of KIND_RULES) assert.ok(r.why.length > 0, `${r.kind} says why`);
  });

  test("lines that no rule claims are text", () => {
    for (const line of [
      "发展是解决一切问题的基础和关键。今年以来，各地坚持稳中求进工作总基调。",
      "去年以来，象山区深入学习宣传贯彻党的二十大精神，围绕推进新时代党的建设新的伟大工程",
      "Gazette Daily",
    ])
      assert.equal(kindOf(cand(line)), "text", line);
  });

  test("marked kinds are those a line announces by itself (title and text are not)", () => {
    assert.ok(!MARKED_KINDS.has("title"));
    assert.ok(!MARKED_KINDS.has("text"));
    for (const k of ["byline", "caption", "dateline", "numbered", "credit", "authorNote", "subheadline", "pageHeader"] as Kind[])
      assert.ok(MARKED_KINDS.has(k), k);
  });
});

ruleCases(
  credit,
  [
    "本版责编：王五",
    "责任编辑：李四 版式设计：赵六",
    "版式设计：张三",
    "下转第2版",
    "（上接第1版）",
    "转第3版",
    "（图片均由象山区委组织部提供）",
    "(图片均由象山区委组织部提供)",
    "本版图片由新华社提供",
    "本版邮箱：rmrb@people.cn",
  ],
  [
    ["编辑部召开会议", "title"],
    ["责编说：要把好关。", "text"],
    ["下转到基层去", "title"],
    ["本版责编王五在会上发言指出，要进一步提高新闻报道质量，讲好基层故事，传播好基层声音，服务好广大读者，办好党报党刊。", "text"],
  ],
);

ruleCases(
  pageHeader,
  [
    "人民日报 2023年1月12日 星期四 第1版",
    "2023年1月12日 星期四",
    "星期四 2023年1月12日",
    "第4版",
    "今日16版",
    "2023.01.12",
    "2023年1月12日",
    "12",
  ],
  [
    ["今天是2023年1月12日星期四，天气晴。", "text"],
    ["第4版要闻编辑部发出倡议书，号召全体党员干部积极参与。", "text"],
    ["2023年全市经济运行稳中向好", "title"],
    ["123", "text"],
    // a credit that names a page goes to the credit rule first
  ],
);
test("下转第2版 is a credit, not a page header's 第N版", () => {
  assert.equal(pageHeader.test(cand("下转第2版")), false);
  assert.equal(kindOf(cand("下转第2版")), "credit");
});

ruleCases(
  authorNote,
  [
    "（作者为中共桂林市委党校教授）",
    "（作者系北京大学教授）",
    "（作者单位：中国社会科学院）",
    "(作者为本报评论员)",
    "（本文作者为某单位干部）",
    "（作者分别为北京大学教授、清华大学教授）",
    "（作者为中共桂林市委党校教授。）",
  ],
  [
    ["作者为中共桂林市委党校教授", "title"],
    ["（本报记者张三）", "byline"],
    ["（图片均由象山区委组织部提供）", "credit"],
    `（作者为${"某某大学某某学院某某研究中心".repeat(13)}研究员）`,
  ],
);

ruleCases(
  subheadline,
  [
    "——象山区“五基三化”攻坚年行动释放强劲“红色效能”",
    "——记全国优秀共产党员张三",
    "—记全国优秀共产党员张三",
    "──访全国人大代表李四",
    "--访全国人大代表李四",
    "—— 访谈",
  ],
  [
    ["——他说。我们要努力", "text"],
    ["一一对应", "title"],
    ["创新品牌赋动能", "title"],
    [`——${"象山区深入学习宣传贯彻党的二十大精神".repeat(4)}`, "text"],
  ],
);

ruleCases(
  dateline,
  [
    "新华社北京1月12日电（记者 张三、李四）1月12日，全国……",
    "本报讯（记者 魏 哲）近日，桂林市召开会议。",
    "本报北京1月12日电 （记者王五）今年以来，全国经济运行平稳。",
    "本报讯",
    "新华社电 据报道，……",
    "中新社北京1月12日电 今年以来……",
    "（新华社北京1月12日电）",
    "桂林日报1月12日讯 近日……",
    "新华社北京一月十二日电 今年以来，全国经济运行平稳。",
  ],
  [
    ["本报记者从会上获悉，今年将新建学校5所。", "text"],
    ["1月12日电视台播出了专题片。", "text"],
    ["新华社发布消息称，……", "title"],
    ["记者从会上获悉，今年全市经济运行稳中向好。", "text"],
  ],
);

ruleCases(
  caption,
  [
    "▲打造“乡村振兴党建联盟”品牌引领村企共建。",
    "图为象山区党群服务中心。",
    "上图：游客在景区游览。",
    "图①：志愿者为老人理发。",
    "图1 新建成的大桥",
    "游客在象山景区游览。（新华社记者 张三 摄）",
    "游客在象山景区游览。本报记者 张三摄",
    "游客在象山景区游览。张三 摄",
    "（新华社记者 张三 摄）",
    "新华社记者 张三 摄",
    "新华社发",
    "游客在景区游览。新华社发（李四摄）",
    "资料图片",
    "视觉中国供图",
    "本报记者张三摄",
  ],
  [
    ["图书馆里人头攒动，市民在阅读。", "text"],
    ["他说，这个项目的意义很大，要认真拍摄。", "text"],
    ["摄制组来到了村里。", "text"],
    ["记者摄影采访团抵达桂林", "title"],
    `▲${"游客在象山景区游览，".repeat(20)}`,
  ],
);

ruleCases(
  byline,
  [
    "本报记者 张三 李四",
    "□本报记者韦莎妮娜 通讯员李康生 李佳利",
    "记者 陈 静",
    "文/图 王五",
    "文／图 王五",
    "◎李明",
    "□苏绍坤",
    "■李四",
    "本报记者 魏 哲",
    "新华社记者 张三",
    "新华社记者 张三、李四",
    "通讯员 李康生",
    "本报通讯员 李康生",
    "本报实习生 赵六",
    "人民日报记者 孙七",
    "特约撰稿人 王五",
    "作者 王五",
    "摄影 李四",
    "记者：张三",
    "记者张三、李四",
    "（记者 张三）",
    "本报记者 张三 通讯员 李四",
    "□本报记者 韦莎妮娜",
  ],
  [
    ["记者从会上获悉，今年全市经济运行稳中向好。", "text"],
    ["记者手记", "title"],
    ["记者观察", "title"],
    ["记者调查", "title"],
    ["记者来信", "title"],
    // decided by context (a bare nameless byline under a headline), not by this rule
    ["本报评论员", "title"],
    ["评论员", "title"],
    ["◎本报评论员", "title"],
    ["□人民时评", "title"],
    ["◎评论员观察", "title"],
    ["本报记者张三说。", "text"],
    ["本报记者", "title"],
    ["文/图", "title"],
    // a bare name is a byline only under a title (structure.ts), not by itself
    ["张三", "title"],
    ["Reporter John", "text"],
    `本报记者 ${Array(20).fill("张三").join(" ")}`,
  ],
);

describe("byline helpers", () => {
  test("foldSpacedNames folds a two-character name set to three widths", () => {
    assert.equal(foldSpacedNames("记者 陈 静"), "记者 陈静");
    assert.equal(foldSpacedNames("本报讯（记者 魏 哲）"), "本报讯（记者 魏哲）");
    assert.equal(foldSpacedNames("本报记者 吴 刚 王 浩"), "本报记者 吴刚 王浩");
    assert.equal(foldSpacedNames("□陈 静"), "□陈静");
    // two-character words on either side are not folded
    assert.equal(foldSpacedNames("本报记者 张三 李四"), "本报记者 张三 李四");
  });
  test("looksLikeByline reads the raw line", () => {
    assert.equal(looksLikeByline("记者 陈 静"), true);
    assert.equal(looksLikeByline("记者手记"), false);
  });
});

ruleCases(
  numbered,
  [
    "一、坚持以人民为中心",
    "十二、加强组织领导",
    "（一）抓好就业这个最大的民生",
    "(二)提高站位",
    "（三）、完善机制",
    "1.稳住重点群体就业",
    "2．扩大内需",
    "3、加强监管",
    "（1）优化服务",
    "①开发更多基层岗位",
    "⑴第一项",
    "❶第一条",
    "第一部分 总体要求",
    "第三章 附则",
    "第一，要提高认识。",
  ],
  [
    ["1.5亿元投资落地", "title"],
    ["2023年全市经济运行稳中向好", "title"],
    ["12月12日，全市召开会议。", "text"],
    ["一是坚持党的领导", "title"],
    ["十分重要的一件事", "title"],
    ["①", "text"],
    ["创新品牌赋动能", "title"],
  ],
);
test("numbering levels and values", () => {
  const n = (s: string) => {
    const m = cand(s).lines[0]!.numbering;
    return m && [m.level, m.marker, m.value];
  };
  assert.deepEqual(n("一、坚持以人民为中心"), [1, "一、", 1]);
  assert.deepEqual(n("十二、加强组织领导"), [1, "十二、", 12]);
  assert.deepEqual(n("二十一、附则"), [1, "二十一、", 21]);
  assert.deepEqual(n("（三）抓好就业"), [2, "（三）", 3]);
  assert.deepEqual(n("(二)提高站位"), [2, "(二)", 2]);
  assert.deepEqual(n("3.扩大内需"), [3, "3.", 3]);
  assert.deepEqual(n("１２．扩大内需"), [3, "１２．", 12]);
  assert.deepEqual(n("（4）优化服务"), [3, "（4）", 4]);
  assert.deepEqual(n("⑤开发岗位"), [4, "⑤", 5]);
  assert.deepEqual(n("❸第三条"), [4, "❸", 3]);
  assert.equal(n("1.5亿元投资落地"), null);
});

ruleCases(
  title,
  [
    "创新品牌赋动能",
    "以党的二十大精神为引领 推动政协协商走深走实",
    "夯实基础以贯之",
    "人民为什么需要你？",
    "A股市场迎来开门红",
    "5G基站建设提速",
    "寒潮来袭 多措并举保供暖保民生",
  ],
  [
    ["发展是解决一切问题的基础和关键。", "text"],
    ["他说：要努力。我们要奋斗", "text"],
    ["防疫、防汛、防火、预防一氧化碳中毒、服", "text"],
    ["去年以来，象山区深入学习宣传贯彻党的二十大精神，围绕推进新时代党的建设新的伟大工程", "text"],
    ["要加强，", "text"],
    ["Gazette Daily", "text"],
    ["中", "text"],
    ["稳增长、促就业、保民生、防风险", "text"],
  ],
);
