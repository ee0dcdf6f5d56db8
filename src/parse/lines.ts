// Physical lines and the facts about each line that the rules read, computed once per page.
import { CLAUSE_STOPS, CLOSERS, LETTER_SPACED_MIN_TOKENS, LETTER_SPACED_SHARE, NUMBERINGS, SENTENCE_STOPS } from "./config.js";

export interface Numbering {
  level: number;
  /** The numbering as printed: "一、", "(一)", "1.", "①". */
  marker: string;
  /** Number value (1-based) for checking sequences; 0 when unknown. */
  value: number;
}

export interface Line {
  /** 1-based physical line number in the file. */
  no: number;
  /** The line with outer white space trimmed, inner runs of white space folded to one space, NUL removed. */
  text: string;
  blank: boolean;
  /** The raw line began with white space (an indent, often a full-width space). */
  indented: boolean;
  /** Display width in ems (full-width 1, half-width 0.5). */
  width: number;
  chars: number;
  blanksBefore: number;
  blanksAfter: number;
  /** First non-blank line of the file has no predecessor; blank lines before it do not float it. */
  first: boolean;
  endsSentence: boolean;
  endsClause: boolean;
  /** Sentence stops anywhere in the line. */
  stops: number;
  /** Commas, enumeration commas and semicolons. */
  commas: number;
  numbering: Numbering | null;
}

// Whitespace of every kind that extraction leaves: ASCII, full-width space, NBSP, zero-width and BOM.
const SPACE = /[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]+/g;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function normalizeText(raw: string): string {
  const text = raw.replace(CONTROL, "").replace(SPACE, " ").trim();
  if (text.indexOf(" ") < 0) return text;
  return isLetterSpaced(text) ? text.replace(/ /g, "") : closeSpacedRuns(text);
}

/** Runs of at least this many spaced-out characters are one justified printed line inside a block. */
const SPACED_RUN_MIN = 5;

/** Closes up a justified stretch inside a longer line: "本 报 北 京 1 月 12 日 电（记者 常钦）…". */
function closeSpacedRuns(text: string): string {
  const tokens = text.split(" ");
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= SPACED_RUN_MIN) out.push(run.join(""));
    else out.push(...run);
    run = [];
  };
  for (const t of tokens) {
    if (t.length <= 2 && t.length > 0) run.push(t);
    else {
      flush();
      out.push(t);
    }
  }
  flush();
  return out.join(" ");
}

/**
 * Justified or letter-spaced lines come out of PDF extractors with a space after every character
 * (会 主 义 现 代 化 国 家 的, 评 论 员 观 察). Most tokens are then single characters; names set
 * to width (本报记者 李晓明 王 雪 郑 洋) have fewer.
 */
export function isLetterSpaced(text: string): boolean {
  if (text.indexOf(" ") < 0) return false;
  const tokens = text.split(" ");
  let single = 0;
  for (const t of tokens) {
    if (t.length === 1) single++;
    // Spacing pulls every character apart; only digits (12) or stacked punctuation (”；) stay together.
    else if (t.length > 3) return false;
  }
  return single >= LETTER_SPACED_MIN_TOKENS && single >= LETTER_SPACED_SHARE * tokens.length;
}

/** Half-width: ASCII and the halfwidth forms block; everything else on a Chinese page sets full width. */
function isHalfWidth(c: number): boolean {
  return c < 0x1100 || (c >= 0xff61 && c <= 0xffdc) || (c >= 0x2000 && c <= 0x206f && c !== 0x2014 && c !== 0x2026);
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

export function chineseNumber(s: string): number {
  if (!s) return 0;
  if (s.length === 1) return CN_DIGITS[s] ?? 0;
  if (s.startsWith("十")) return 10 + (CN_DIGITS[s[1]!] ?? 0);
  if (s.length === 2 && s[1] === "十") return (CN_DIGITS[s[0]!] ?? 0) * 10;
  if (s.length === 3 && s[1] === "十") return (CN_DIGITS[s[0]!] ?? 0) * 10 + (CN_DIGITS[s[2]!] ?? 0);
  return 0;
}

export function numberingOf(text: string): Numbering | null {
  for (const { level, pattern } of NUMBERINGS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const marker = m[0].trim();
    // "1.5亿" or "2023年" are numbers in prose, not numbering: require text after the marker.
    if (marker.length >= text.length) return null;
    let value = 0;
    const han = /[一二三四五六七八九十百]+/.exec(marker);
    const digits = /[0-9０-９]+/.exec(marker);
    if (digits) value = Number(digits[0].replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
    else if (han) value = chineseNumber(han[0]);
    else {
      const c = marker.codePointAt(0)!;
      if (c >= 0x2460 && c <= 0x2473) value = c - 0x2460 + 1;
      else if (c >= 0x2474 && c <= 0x2487) value = c - 0x2474 + 1;
      else if (c >= 0x2776 && c <= 0x277f) value = c - 0x2776 + 1;
    }
    return { level, marker, value };
  }
  return null;
}

function stripClosers(text: string): string {
  let end = text.length;
  while (end > 0 && CLOSERS.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

export function endsSentence(text: string): boolean {
  if (!text) return false;
  const core = stripClosers(text);
  const last = core[core.length - 1];
  if (last && SENTENCE_STOPS.includes(last)) return true;
  // A half-width full stop after Han text ends a sentence too; after a digit it is a decimal or numbering.
  if (last === "." && core.length > 1 && /\p{Script=Han}/u.test(core[core.length - 2]!)) return true;
  // A whole bracketed remark "（…）" closes itself.
  return /^[(（].*[)）]$/.test(text);
}

export function endsClause(text: string): boolean {
  const last = text[text.length - 1];
  return !!last && CLAUSE_STOPS.includes(last);
}

/** What a code unit is to measure: half width, a sentence stop, a comma (flags). */
const HALF = 1;
const STOP = 2;
const COMMA = 4;
let CODE_FLAGS: Uint8Array | null = null;
function codeFlags(): Uint8Array {
  if (CODE_FLAGS) return CODE_FLAGS;
  CODE_FLAGS = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if (isHalfWidth(c)) CODE_FLAGS[c]! |= HALF;
  for (const ch of SENTENCE_STOPS) CODE_FLAGS[ch.charCodeAt(0)]! |= STOP;
  for (const ch of "，,、；;") CODE_FLAGS[ch.charCodeAt(0)]! |= COMMA;
  return CODE_FLAGS;
}

/**
 * A line's width in ems (full width 1, half width 0.5, by code point), length in code points, sentence
 * stops and commas, in one pass over its code units: toLines measures every line of every page, and
 * four passes over each, one of them by code point, were a tenth of the parse.
 */
export function measure(text: string): { width: number; chars: number; stops: number; commas: number } {
  const flags = codeFlags();
  let width = 0;
  let chars = text.length;
  let stops = 0;
  let commas = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00) {
      chars--; // a high surrogate: counted with what follows
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next < 0xe000) i++; // a pair: one code point, full width
      width += 1;
      continue;
    }
    const f = flags[c]!;
    width += f & HALF ? 0.5 : 1;
    if (f & STOP) stops++;
    if (f & COMMA) commas++;
  }
  return { width, chars, stops, commas };
}

export function splitPhysicalLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function toLines(text: string): Line[] {
  const raws = splitPhysicalLines(text);
  const lines: Line[] = raws.map((raw, i) => {
    const t = normalizeText(raw);
    return {
      no: i + 1,
      text: t,
      blank: t.length === 0,
      indented: /^[\s\u3000]/.test(raw) && t.length > 0,
      ...measure(t),
      blanksBefore: 0,
      blanksAfter: 0,
      first: false,
      endsSentence: endsSentence(t),
      endsClause: endsClause(t),
      numbering: numberingOf(t),
    };
  });
  let run = 0;
  let seen = false;
  for (const l of lines) {
    if (l.blank) run++;
    else {
      l.blanksBefore = run;
      l.first = !seen;
      seen = true;
      run = 0;
    }
  }
  run = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.blank) run++;
    else {
      l.blanksAfter = run;
      run = 0;
    }
  }
  return lines;
}
