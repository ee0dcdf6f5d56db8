// Bytes of a page file -> text, with the encoding named. Decoding is done by the runtime's ICU
// decoders (TextDecoder); when there is no byte-order mark and the bytes are not UTF-8, chardet
// proposes candidates, and the first one that decodes without error wins.
import chardet from "chardet";
import type { Diagnostic } from "../model/types.js";

export interface Decoded {
  text: string;
  /** WHATWG name of the encoding used: utf-8, utf-16le, utf-16be, gb18030, big5, … */
  encoding: string;
  diagnostics: Diagnostic[];
}

/** chardet's names -> WHATWG labels TextDecoder knows; only encodings a Chinese paper's text could be in. */
const CHARDET_TO_WHATWG: Record<string, string> = {
  "UTF-8": "utf-8",
  "UTF-16LE": "utf-16le",
  "UTF-16BE": "utf-16be",
  GB18030: "gb18030",
  Big5: "big5",
  "Shift_JIS": "shift_jis",
  "EUC-JP": "euc-jp",
  "EUC-KR": "euc-kr",
  // Western text: the WHATWG decoder for latin1 is windows-1252.
  "ISO-8859-1": "windows-1252",
  "windows-1252": "windows-1252",
};

/** Above this share of control characters a file is taken for binary, not text. */
const BINARY_CONTROL_SHARE = 0.1;
/** Valid non-ASCII characters per broken byte above which a file is damaged UTF-8. */
const DAMAGED_UTF8_RATIO = 4;
/** A file without BOM whose bytes are this often NUL at one parity is UTF-16 (ASCII-heavy text). */
const UTF16_NUL_SHARE = 0.2;
/**
 * Chinese text in UTF-16 has far fewer NULs: only its ASCII (line ends, digits, spaces) has a zero
 * byte, a few in a hundred code units. Below UTF16_NUL_SHARE and above this share, at one parity
 * mostly, the file is UTF-16 if its code units read as text (UTF16_TEXT_SHARE).
 */
const UTF16_FEW_NUL_SHARE = 0.01;
/** Share of characters that must be Han, CJK or ASCII punctuation, letters and white space for that. */
const UTF16_TEXT_SHARE = 0.9;

function tryDecode(bytes: Uint8Array, label: string): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

function nulParity(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  // Text in UTF-8 or GB18030 has no NUL byte: one native search answers for nearly every page, where
  // counting them a byte at a time took 2% of the parse.
  if (bytes.length < 4 || bytes.length % 2 !== 0 || bytes.indexOf(0) < 0) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) (i % 2 === 0 ? even++ : odd++);
  const half = bytes.length / 2;
  if (odd / half >= UTF16_NUL_SHARE && even / half < UTF16_NUL_SHARE / 4) return "utf-16le";
  if (even / half >= UTF16_NUL_SHARE && odd / half < UTF16_NUL_SHARE / 4) return "utf-16be";
  // Chinese text: few NULs, most at one parity (the other has those of characters like 一, U+4E00,
  // about one in a hundred). UTF-8 or GB18030 bytes read as UTF-16 give private-use, Hangul and
  // surrogate code units, not text, so the reading decides.
  if (odd / half >= UTF16_FEW_NUL_SHARE && odd > even && even / half < UTF16_NUL_SHARE / 4 && readsAsText(bytes, "utf-16le")) return "utf-16le";
  if (even / half >= UTF16_FEW_NUL_SHARE && even > odd && odd / half < UTF16_NUL_SHARE / 4 && readsAsText(bytes, "utf-16be")) return "utf-16be";
  return null;
}

const TEXT_CHAR = /[\p{Script=Han}\p{P}\p{Zs}\t\n\r\x20-\x7e\u3000-\u303f\uff00-\uffef]/u;

function readsAsText(bytes: Uint8Array, label: string): boolean {
  const text = tryDecode(bytes, label);
  if (text === null) return false;
  let good = 0;
  let all = 0;
  for (const ch of text) {
    all++;
    if (TEXT_CHAR.test(ch)) good++;
  }
  return good >= UTF16_TEXT_SHARE * all;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

interface Picked {
  text: string;
  encoding: string;
  replaced: boolean;
  /** The file opens with a UTF-8 byte-order mark but its bytes are in another encoding. */
  bomMismatch?: boolean;
}

function pick(bytes: Uint8Array): Picked {
  // Byte-order marks are definitive, but for one case: a UTF-8 mark in front of bytes that are not
  // UTF-8. GBK and Big5 have no mark of their own, and converters and editors write the UTF-8 one
  // over such pages; read as UTF-8 the page would be lost as U+FFFD (and refused as binary). The
  // bytes decide then, as for a file without a mark (damaged UTF-8 still stays UTF-8 there).
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const rest = bytes.subarray(3);
    const text = tryDecode(rest, "utf-8");
    if (text !== null) return { text, encoding: "utf-8", replaced: false };
    const guess = detect(rest);
    return { ...guess, bomMismatch: guess.encoding !== "utf-8" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return fromLabel(bytes.subarray(2), "utf-16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return fromLabel(bytes.subarray(2), "utf-16be");
  return detect(bytes);
}

/** The encoding of bytes without a byte-order mark. */
function detect(bytes: Uint8Array): Picked {
  const utf16 = nulParity(bytes);
  if (utf16) return fromLabel(bytes, utf16);
  const utf8 = tryDecode(bytes, "utf-8");
  if (utf8 !== null) return { text: utf8, encoding: "utf-8", replaced: false };
  // Mostly valid UTF-8 with a few broken bytes is a damaged UTF-8 file, not a page in another encoding.
  const lossy = new TextDecoder("utf-8").decode(bytes);
  let bad = 0;
  let wide = 0;
  for (const ch of lossy) {
    if (ch === "\ufffd") bad++;
    else if (ch.codePointAt(0)! > 0x7f) wide++;
  }
  if (wide >= DAMAGED_UTF8_RATIO * bad) return { text: lossy, encoding: "utf-8", replaced: true };
  for (const candidate of chardet.analyse(bytes)) {
    const label = CHARDET_TO_WHATWG[candidate.name];
    if (!label) continue;
    const text = tryDecode(bytes, label);
    if (text !== null) return { text, encoding: label, replaced: false };
  }
  // Nothing decodes cleanly: keep what UTF-8 can read and say so.
  return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8", replaced: true };
}

function fromLabel(bytes: Uint8Array, label: string) {
  const text = tryDecode(bytes, label);
  if (text !== null) return { text, encoding: label, replaced: false };
  return { text: new TextDecoder(label).decode(bytes), encoding: label, replaced: true };
}

/**
 * The text of bytes in an encoding decode() has already named for them: decode(bytes).text again,
 * without detecting the encoding again (the build reads every page's source lines on every build, and
 * detection is most of the cost). Its byte-order marks are decode's: a UTF-8 mark is never text, and a
 * UTF-16 mark only in front of its own encoding.
 */
export function decodeAs(bytes: Uint8Array, encoding: string): string {
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  else if (bytes[0] === 0xff && bytes[1] === 0xfe && encoding === "utf-16le") body = bytes.subarray(2);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff && encoding === "utf-16be") body = bytes.subarray(2);
  return new TextDecoder(encoding).decode(body);
}

export function decode(bytes: Uint8Array): Decoded {
  const diagnostics: Diagnostic[] = [];
  if (bytes.length === 0) {
    diagnostics.push({ severity: "warning", code: "empty-file", message: "the file is empty", line: 1 });
    return { text: "", encoding: "utf-8", diagnostics };
  }
  const { text, encoding, replaced, bomMismatch } = pick(bytes);
  if (replaced) {
    const at = text.indexOf("\ufffd");
    diagnostics.push({
      severity: "warning",
      code: "undecodable-bytes",
      message: `some bytes are not valid ${encoding}; they are shown as U+FFFD`,
      line: lineOf(text, Math.max(0, at)),
    });
  }
  let control = 0;
  let firstNul = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 && firstNul < 0) firstNul = i;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  const isBinary = control / text.length > BINARY_CONTROL_SHARE;
  if (isBinary) {
    diagnostics.push({
      severity: "error",
      code: "binary-file",
      message: `this does not look like text (${Math.round((100 * control) / text.length)}% control bytes)`,
      line: 1,
    });
  } else if (firstNul >= 0) {
    diagnostics.push({
      severity: "warning",
      code: "nul-bytes",
      message: "the text holds NUL bytes; they are left out",
      line: lineOf(text, firstNul),
    });
  }
  if (bomMismatch && !isBinary) {
    diagnostics.push({
      severity: "warning",
      code: "bom-mismatch",
      message: `the file opens with a UTF-8 byte-order mark, but its bytes are ${encoding}: read as ${encoding}`,
      line: 1,
    });
  }
  // Binary bytes were not decoded as anything: naming the decoder that was tried would mislead.
  if (encoding !== "utf-8" && !isBinary) {
    diagnostics.push({ severity: "info", code: "encoding", message: `decoded as ${encoding}`, line: 1 });
  }
  return { text, encoding, diagnostics };
}
