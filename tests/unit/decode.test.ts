// Decoding a page file: byte-order marks, UTF-16 without BOM, the Chinese legacy encodings (GB18030,
// GBK, Big5), line ends, stray white space, empty / binary files and NUL bytes. Every case checks the
// encoding named in source.encoding, the diagnostics (code and line) and that the parse is lossless.
//
// The legacy-encoded byte strings are hard-coded: TextDecoder can decode gb18030 and big5 but not
// encode them. They were produced once with `iconv -f utf-8 -t <encoding>` from the strings beside them.
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { test } from "node:test";
import type { Diagnostic } from "../../src/model/types.js";
import { decode, decodeAs } from "../../src/parse/decode.js";
import { parsePage, type ParseResult } from "../../src/parse/index.js";
import { losslessProblems } from "../helpers/lossless.js";

const fromHex = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
/** UTF-16 bytes of a string, by code units (surrogate pairs stay pairs), with or without a BOM. */
function utf16(s: string, order: "le" | "be", bom: boolean): Uint8Array {
  const units: number[] = bom ? [0xfeff] : [];
  for (let i = 0; i < s.length; i++) units.push(s.charCodeAt(i));
  const out = new Uint8Array(units.length * 2);
  units.forEach((c, i) => {
    const [first, second] = order === "le" ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff];
    out[2 * i] = first;
    out[2 * i + 1] = second;
  });
  return out;
}

const codes = (p: { diagnostics: Diagnostic[] }) => p.diagnostics.map((d) => d.code);
const diag = (p: ParseResult, code: string) => p.diagnostics.find((d) => d.code === code);
const headlines = (p: ParseResult) => p.articles.map((a) => a.headline.text);
function assertLossless(text: string, p: ParseResult) {
  assert.deepEqual(losslessProblems(text, p), []);
}

/** A small page in the extraction style "one block a line". */
const PAGE = "人民日报 2023年1月12日 星期四 第1版\n\n创新品牌赋动能\n\n本报记者 张三\n\n1月12日，桂林市召开城市基层党建工作会议。\n";

function assertSmallPage(p: ParseResult) {
  assert.deepEqual(p.page.rubrics.map((r) => r.lines), [[1]]);
  assert.deepEqual(headlines(p), ["创新品牌赋动能"]);
  const a = p.articles[0]!;
  assert.deepEqual(a.headline.lines, [3]);
  assert.deepEqual(a.bylines.map((b) => [b.role, b.names, b.lines]), [["本报记者", ["张三"], [5]]]);
  assert.deepEqual(a.body.map((b) => [b.text, b.lines]), [["1月12日，桂林市召开城市基层党建工作会议。", [7]]]);
}

test("UTF-8 without BOM: utf-8, no diagnostics, sha256 of the bytes", () => {
  const bytes = utf8(PAGE);
  const p = parsePage(bytes, { path: "a.txt" });
  assert.equal(p.source.encoding, "utf-8");
  assert.equal(p.source.path, "a.txt");
  assert.equal(p.source.sha256, createHash("sha256").update(bytes).digest("hex"));
  assert.deepEqual(p.diagnostics, []);
  assertSmallPage(p);
  assertLossless(PAGE, p);
});

test("a string input parses like its UTF-8 bytes", () => {
  assert.deepEqual(parsePage(PAGE), parsePage(utf8(PAGE)));
});

test("UTF-8 with BOM: the BOM is not part of the first line", () => {
  const p = parsePage(concat(fromHex("efbbbf"), utf8(PAGE)));
  assert.equal(p.source.encoding, "utf-8");
  assert.deepEqual(p.diagnostics, []);
  assert.equal(p.page.rubrics[0]!.text, "人民日报 2023年1月12日 星期四 第1版");
  assertSmallPage(p);
  assertLossless(PAGE, p);
  assert.equal(decode(concat(fromHex("efbbbf"), utf8("正文"))).text, "正文");
});

test("UTF-16LE with BOM", () => {
  const p = parsePage(utf16(PAGE, "le", true));
  assert.equal(p.source.encoding, "utf-16le");
  assert.deepEqual(codes(p), ["encoding"]);
  assert.equal(diag(p, "encoding")!.severity, "info");
  assertSmallPage(p);
  assertLossless(PAGE, p);
});

test("UTF-16BE with BOM", () => {
  const p = parsePage(utf16(PAGE, "be", true));
  assert.equal(p.source.encoding, "utf-16be");
  assert.deepEqual(codes(p), ["encoding"]);
  assertSmallPage(p);
  assertLossless(PAGE, p);
});

test("UTF-16LE without BOM, ASCII-heavy: found by the NUL bytes at odd offsets", () => {
  const text = "Gazette 2023-01-12 page 1\n\nPeople's Daily Overseas Edition\n\nA short English line.\n\n第1版\n";
  const bytes = utf16(text, "le", false);
  assert.equal(decode(bytes).text, text);
  const p = parsePage(bytes);
  assert.equal(p.source.encoding, "utf-16le");
  assert.ok(codes(p).includes("encoding"));
  assert.ok(!codes(p).includes("nul-bytes"), "the NULs of UTF-16 are not NUL characters");
  assert.ok(!codes(p).includes("binary-file"));
  assertLossless(text, p);
});

test("UTF-16BE without BOM, ASCII-heavy", () => {
  const text = "Gazette 2023-01-12 page 1\n\nA short English line.\n";
  const p = parsePage(utf16(text, "be", false));
  assert.equal(p.source.encoding, "utf-16be");
  assertLossless(text, p);
});

// iconv -f utf-8 -t gbk  (identical bytes under gb18030: GBK is its two-byte subset)
const GBK_PAGE_HEX =
  "c8cbc3f1c8d5b1a82032303233c4ea31d4c23132c8d520d0c7c6dacbc420b5da31b0e60a0ab4b4d0c2c6b7c5c6b8b3b6afc4dc0a0a" +
  "b1beb1a8bcc7d5df20d5c5c8fd0a0a31d4c23132c8d5a3acb9f0c1d6cad0d5d9bfaab3c7cad0bbf9b2e3b5b3bda8b9a4d7f7bbe1d2e9a1a30a";

test("GBK: decoded by the gb18030 decoder (GBK is its subset) and named gb18030", () => {
  const bytes = fromHex(GBK_PAGE_HEX);
  assert.equal(new TextDecoder("gbk").decode(bytes), PAGE);
  const p = parsePage(bytes);
  assert.equal(p.source.encoding, "gb18030");
  assert.deepEqual(codes(p), ["encoding"]);
  assert.equal(diag(p, "encoding")!.message, "decoded as gb18030");
  assertSmallPage(p);
  assertLossless(PAGE, p);
});

// "刘䶮的㐀字\n\n记者 刘䶮\n\n1月12日，桂林市召开会议。\n" — 㐀 (U+3400) takes the four-byte form 81 39 EE 39,
// which only GB18030 has.
const GB18030_TEXT = "刘䶮的㐀字\n\n记者 刘䶮\n\n1月12日，桂林市召开会议。\n";
const GB18030_HEX =
  "c1f5fe9fb5c48139ee39d7d60a0abcc7d5df20c1f5fe9f0a0a31d4c23132c8d5a3acb9f0c1d6cad0d5d9bfaabbe1d2e9a1a30a";

test("GB18030 with a four-byte character", () => {
  const bytes = fromHex(GB18030_HEX);
  assert.equal(new TextDecoder("gb18030").decode(bytes), GB18030_TEXT);
  const p = parsePage(bytes);
  assert.equal(p.source.encoding, "gb18030");
  assert.deepEqual(codes(p), ["encoding"]);
  assert.deepEqual(headlines(p), ["刘䶮的㐀字"]);
  assert.deepEqual(p.articles[0]!.bylines.map((b) => [b.role, b.names]), [["记者", ["刘䶮"]]]);
  assertLossless(GB18030_TEXT, p);
});

// iconv -f utf-8 -t big5 (traditional characters: Big5 cannot encode simplified ones)
const BIG5_TEXT = "人民日報 2023年1月12日 星期四 第1版\n\n創新品牌賦動能\n\n本報記者 張三\n\n1月12日，桂林市召開城市基層黨建工作會議。\n";
const BIG5_HEX =
  "a448a5c1a4e9b3f82032303233a67e31a4eb3132a4e920ac50b4c1a57c20b2c431aaa90a0ab3d0b773ab7eb550bde1b0caafe00a0a" +
  "a5bbb3f8b04faacc20b169a4540a0a31a4eb3132a4e9a141aedbaa4ca5aba56cb67dabb0a5abb0f2bc68c4d2abd8a475a740b77cc4b3a1430a";

test("Big5 (traditional characters)", () => {
  const bytes = fromHex(BIG5_HEX);
  assert.equal(new TextDecoder("big5").decode(bytes), BIG5_TEXT);
  const p = parsePage(bytes);
  assert.equal(p.source.encoding, "big5");
  assert.deepEqual(codes(p), ["encoding"]);
  assert.deepEqual(p.page.rubrics.map((r) => r.text), ["人民日報 2023年1月12日 星期四 第1版"]);
  const body = p.articles.flatMap((a) => a.body.map((b) => b.text));
  assert.deepEqual(body, ["1月12日，桂林市召開城市基層黨建工作會議。"]);
  assertLossless(BIG5_TEXT, p);
});

test("CRLF line ends: line numbers are physical", () => {
  const text = PAGE.replace(/\n/g, "\r\n");
  const p = parsePage(text);
  assert.equal(p.source.encoding, "utf-8");
  assert.deepEqual(p.diagnostics, []);
  assertSmallPage(p);
  assert.ok(!p.articles[0]!.headline.text.includes("\r"));
  assertLossless(text, p);
});

test("lone CR line ends: line numbers are physical", () => {
  const text = PAGE.replace(/\n/g, "\r");
  const p = parsePage(text);
  assertSmallPage(p);
  assertLossless(text, p);
});

test("mixed LF, CRLF and CR in one file count one line each", () => {
  const text = "人民日报 2023年1月12日 星期四 第1版\r\n\r创新品牌赋动能\n\r\n本报记者 张三\r\r1月12日，桂林市召开城市基层党建工作会议。";
  const p = parsePage(text);
  assertSmallPage(p);
  assertLossless(text, p);
});

test("stray full-width spaces are white space: trimmed, folded, and a line of them is blank", () => {
  const text =
    "\u3000\u3000创新品牌赋动能\u3000\n\u3000\u3000\n本报记者\u3000张三\u3000\n\u3000\n\u3000\u30001月12日，桂林市召开城市基层党建\u3000工作会议。\n";
  const p = parsePage(text);
  assert.deepEqual(p.diagnostics, []);
  assert.deepEqual(headlines(p), ["创新品牌赋动能"]);
  const a = p.articles[0]!;
  assert.deepEqual(a.headline.lines, [1]);
  assert.deepEqual(a.bylines.map((b) => [b.role, b.names, b.lines]), [["本报记者", ["张三"], [3]]]);
  assert.equal(a.body.length, 1);
  assert.deepEqual(a.body[0]!.lines, [5]);
  assert.ok(!a.body[0]!.text.includes("\u3000"));
  assert.ok(!a.body[0]!.text.startsWith(" "));
  assertLossless(text, p);
});

test("empty file: warning empty-file, nothing parsed", () => {
  const p = parsePage(new Uint8Array(0));
  assert.equal(p.source.encoding, "utf-8");
  assert.deepEqual(p.diagnostics.map((d) => [d.severity, d.code, d.line]), [["warning", "empty-file", 1]]);
  assert.deepEqual(p.articles, []);
  assert.deepEqual(p.unassigned, []);
  assert.deepEqual(p.page.rubrics, []);
  assertLossless("", p);
});

test("white space only: warning no-text, nothing parsed", () => {
  const text = "  \n\u3000\u3000\r\n\t\n\u00a0\n";
  const p = parsePage(text);
  assert.equal(p.source.encoding, "utf-8");
  assert.deepEqual(p.diagnostics.map((d) => [d.severity, d.code, d.line]), [["warning", "no-text", 1]]);
  assert.deepEqual(p.articles, []);
  assert.deepEqual(p.unassigned, []);
  assertLossless(text, p);
});

test("binary bytes: error binary-file on line 1, and no records", () => {
  const bytes = new Uint8Array(512);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37 + 11) % 256;
  const p = parsePage(bytes);
  const b = diag(p, "binary-file");
  assert.ok(b, `diagnostics: ${codes(p).join(", ")}`);
  assert.equal(b.severity, "error");
  assert.equal(b.line, 1);
  assert.deepEqual(p.articles, []);
  assert.deepEqual(p.unassigned, []);
  assert.deepEqual(p.page.rubrics, []);
});

test("a PNG header is binary", () => {
  const png = concat(fromHex("89504e470d0a1a0a0000000d4948445200000010000000100802000000"), new Uint8Array(64));
  const p = parsePage(png);
  assert.equal(diag(p, "binary-file")?.severity, "error");
});

test("NUL bytes inside text: warning nul-bytes at the line of the first NUL, and they are left out", () => {
  const text = "创新品牌赋动能\n\n本报记者 张三\n\n1月12日，桂林\u0000市召开城市基层党建工作会议。\n";
  const p = parsePage(text);
  const nul = diag(p, "nul-bytes");
  assert.ok(nul);
  assert.equal(nul.severity, "warning");
  assert.equal(nul.line, 5);
  assert.ok(!codes(p).includes("binary-file"));
  const body = p.articles[0]!.body[0]!;
  assert.deepEqual(body.lines, [5]);
  assert.equal(body.text, "1月12日，桂林市召开城市基层党建工作会议。");
  assertLossless(text, p);
});

test("NUL bytes: the line is physical under CRLF and lone CR too", () => {
  for (const eol of ["\r\n", "\r"]) {
    const text = ["创新品牌赋动能", "", "本报记者 张三", "", "第一段。", "", "第二段里有\u0000一个空字符。", ""].join(eol);
    const p = parsePage(text);
    assert.equal(diag(p, "nul-bytes")?.line, 7, JSON.stringify(eol));
    assertLossless(text, p);
  }
});

test("invalid UTF-8 that is no Chinese encoding: kept as utf-8 with U+FFFD, warning at its line", () => {
  // A Latin-1 "é" (E9 followed by a space) inside UTF-8 Chinese text: invalid in UTF-8, GB18030 and Big5.
  const bytes = concat(utf8("创新品牌赋动能\n\n本报记者 张三\n\n咖啡馆（caf"), fromHex("e9"), utf8(" de la paix）开业。\n"));
  const p = parsePage(bytes);
  assert.equal(p.source.encoding, "utf-8");
  const bad = diag(p, "undecodable-bytes");
  assert.ok(bad);
  assert.equal(bad.severity, "warning");
  assert.equal(bad.line, 5);
  assert.ok(!codes(p).includes("binary-file"));
  assert.ok(!codes(p).includes("encoding"));
  assert.deepEqual(headlines(p), ["创新品牌赋动能"]);
  assert.deepEqual(p.articles[0]!.body.map((b) => [b.text, b.lines]), [["咖啡馆（caf\ufffd de la paix）开业。", [5]]]);
  assertLossless(new TextDecoder("utf-8").decode(bytes), p);
});

test("invalid UTF-8 under CRLF: the warning names the physical line", () => {
  const bytes = concat(utf8("创新品牌赋动能\r\n\r\n本报记者 张三\r\n\r\n正文第一段。\r\n\r\n咖啡馆（caf"), fromHex("e9e8ea"), utf8(" de la paix）开业。\r\n"));
  const p = parsePage(bytes);
  assert.equal(p.source.encoding, "utf-8");
  assert.equal(diag(p, "undecodable-bytes")?.line, 7);
  assertLossless(new TextDecoder("utf-8").decode(bytes), p);
});

test("a lone lead byte in a real UTF-8 page does not turn the page into GB18030 mojibake", () => {
  const at = PAGE.indexOf("桂林");
  const bytes = concat(utf8(PAGE.slice(0, at)), fromHex("ff"), utf8(PAGE.slice(at)));
  const p = parsePage(bytes);
  assert.equal(p.source.encoding, "utf-8");
  assert.equal(diag(p, "undecodable-bytes")?.line, 7);
  assert.deepEqual(headlines(p), ["创新品牌赋动能"]);
});

// The bad-input suite (tests/site/bad-inputs.ts) runs these through the build; here, the decoder alone.
test("a UTF-8 byte-order mark in front of GBK bytes: the bytes decide, with a warning bom-mismatch", () => {
  const bytes = concat(fromHex("efbbbf"), fromHex(GBK_PAGE_HEX));
  const p = parsePage(bytes);
  assert.equal(p.source.encoding, "gb18030");
  assert.deepEqual(p.diagnostics.map((d) => [d.severity, d.code, d.line]), [["warning", "bom-mismatch", 1], ["info", "encoding", 1]]);
  assertSmallPage(p);
  assertLossless(PAGE, p);
});

test("a UTF-8 byte-order mark in front of damaged UTF-8 stays UTF-8", () => {
  const bytes = concat(fromHex("efbbbf"), utf8("创新品牌赋动能\n\n咖啡馆（caf"), fromHex("e9"), utf8(" de la paix）开业。\n"));
  const p = parsePage(bytes);
  assert.equal(p.source.encoding, "utf-8");
  assert.ok(codes(p).includes("undecodable-bytes"));
  assert.ok(!codes(p).includes("bom-mismatch") && !codes(p).includes("encoding"));
});

test("UTF-16 without BOM, Chinese text (few NUL bytes): found by their parity and the text they read as", () => {
  for (const order of ["le", "be"] as const) {
    const p = parsePage(utf16(PAGE, order, false));
    assert.equal(p.source.encoding, `utf-16${order}`);
    assert.deepEqual(codes(p), ["encoding"]);
    assertSmallPage(p);
    assertLossless(PAGE, p);
  }
});

test("UTF-8 text with NUL bytes at one parity is not taken for UTF-16", () => {
  const text = `${PAGE.slice(0, 20)}\u0000\u0000${PAGE.slice(20)}`;
  const p = parsePage(text);
  assert.equal(p.source.encoding, "utf-8");
  assert.ok(codes(p).includes("nul-bytes"));
});

test("a binary file names no encoding", () => {
  const bytes = new Uint8Array(512);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37 + 11) % 256;
  assert.deepEqual(codes(parsePage(bytes)).filter((c) => c === "encoding"), []);
});

test("decodeAs: the encoding decode named gives decode's text again, marks and all", () => {
  const cases: [string, Uint8Array][] = [
    ["UTF-8", utf8(PAGE)],
    ["UTF-8 with BOM", concat(fromHex("efbbbf"), utf8(PAGE))],
    ["UTF-8 with two BOMs", concat(fromHex("efbbbfefbbbf"), utf8(PAGE))],
    ["damaged UTF-8", concat(utf8(PAGE.slice(0, 9)), fromHex("ff"), utf8(PAGE.slice(9)))],
    ["damaged UTF-8 with BOM", concat(fromHex("efbbbf"), utf8("咖啡馆（caf"), fromHex("e9"), utf8(" de la paix）开业。\n"))],
    ["GBK", fromHex(GBK_PAGE_HEX)],
    ["GBK behind a UTF-8 BOM", concat(fromHex("efbbbf"), fromHex(GBK_PAGE_HEX))],
    ["GB18030", fromHex(GB18030_HEX)],
    ["Big5", fromHex(BIG5_HEX)],
    ["empty", new Uint8Array(0)],
    ["NUL bytes", utf8(`${PAGE.slice(0, 20)}\u0000\u0000${PAGE.slice(20)}`)],
  ];
  for (const order of ["le", "be"] as const)
    for (const bom of [false, true]) cases.push([`UTF-16${order} ${bom ? "with" : "without"} BOM`, utf16(PAGE, order, bom)]);
  cases.push(["UTF-16le with two BOMs", concat(fromHex("fffe"), utf16(PAGE, "le", true))]);
  for (const [name, bytes] of cases) {
    const d = decode(bytes);
    assert.equal(decodeAs(bytes, d.encoding), d.text, name);
  }
});
