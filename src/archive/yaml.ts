// YAML files of the archive (paper.yml, site.yml, sidecars, Markdown front matter), read with their
// line numbers so that every problem names its file and line. A bad key or value is a warning and is
// dropped; the rest of the file still counts.
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair } from "yaml";
import type { Warning } from "./types.js";

export interface YamlFile {
  file: string;
  /** The document's root node, or null for an empty or broken file. */
  root: YamlNode | null;
  lineOf(node: YamlNode | null | undefined): number;
  warnings: Warning[];
}

/** Parses `text`; `lineOffset` shifts line numbers (front matter starts on line 2 of its file). */
export function readYaml(file: string, text: string, lineOffset = 0): YamlFile {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  // An error found at the end of the text (an unclosed bracket or quote) is put on the last line
  // that has text, not on the empty line after the final newline.
  const lastLine = Math.max(1, text.replace(/[\r\n\s]+$/, "").split(/\r\n|\r|\n/).length);
  const lineAt = (offset: number) => Math.min(lc.linePos(offset).line, lastLine) + lineOffset;
  const warnings: Warning[] = [];
  for (const e of doc.errors)
    warnings.push({ file, line: lineAt(e.pos[0]), severity: "warning", code: "yaml-error", message: messageOf(e.message) });
  for (const e of doc.warnings)
    warnings.push({ file, line: lineAt(e.pos[0]), severity: "warning", code: "yaml-warning", message: messageOf(e.message) });
  const root = doc.errors.length ? null : ((doc.contents as YamlNode | null) ?? null);
  return {
    file,
    root,
    warnings,
    lineOf: (node) => (node?.range ? lineAt(node.range[0]) : 1 + lineOffset),
  };
}

/** The parser's message without its own "at line L, column C": the finding gives the line (and in
 * front matter the parser's count is off by the opening --- line). */
function messageOf(s: string): string {
  return (s.split("\n")[0] ?? s).replace(/ at line \d+, column \d+:?$/, "");
}

/** What a key may hold. */
export type FieldType = "string" | "boolean" | "integer" | "strings" | "list" | "map" | "string-or-null";

export interface Field {
  key: string;
  node: YamlNode | null;
  value: unknown;
  line: number;
}

/**
 * The fields of a map node that match `schema`: an unknown key or a value of the wrong type gives a
 * warning naming the file and line, and is left out.
 */
export function fields(y: YamlFile, node: YamlNode | null, schema: Record<string, FieldType>, what: string): Map<string, Field> {
  const out = new Map<string, Field>();
  if (node === null) return out;
  if (!isMap(node)) {
    y.warnings.push({ file: y.file, line: y.lineOf(node), severity: "warning", code: "yaml-not-a-map", message: `${what} should be a map of keys and values` });
    return out;
  }
  for (const pair of node.items as Pair<YamlNode, YamlNode | null>[]) {
    const keyNode = pair.key;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const line = y.lineOf(keyNode);
    const type = Object.hasOwn(schema, key) ? schema[key] : undefined;
    if (!type) {
      const known = Object.keys(schema).join(", ");
      y.warnings.push({ file: y.file, line, severity: "warning", code: "unknown-key", message: `unknown key "${key}" in ${what} (known: ${known})` });
      continue;
    }
    const valueNode = pair.value ?? null;
    const value = valueNode === null ? null : valueNode.toJSON();
    if (!typeOk(type, value)) {
      y.warnings.push({
        file: y.file,
        line: valueNode ? y.lineOf(valueNode) : line,
        severity: "warning",
        code: "wrong-type",
        message: `"${key}" in ${what} should be ${describe(type)}, not ${JSON.stringify(value)}`,
      });
      continue;
    }
    out.set(key, { key, node: valueNode, value, line });
  }
  return out;
}

function typeOk(type: FieldType, v: unknown): boolean {
  switch (type) {
    case "string":
      return typeof v === "string" || typeof v === "number";
    case "string-or-null":
      return v === null || typeof v === "string" || typeof v === "number";
    case "boolean":
      return typeof v === "boolean";
    case "integer":
      return (typeof v === "number" && Number.isInteger(v)) || (typeof v === "string" && /^\d+$/.test(v));
    case "strings":
      return typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "number"));
    case "list":
      return Array.isArray(v);
    case "map":
      return v !== null && typeof v === "object" && !Array.isArray(v);
  }
}

function describe(type: FieldType): string {
  return {
    string: "a text",
    "string-or-null": "a text or null",
    boolean: "true or false",
    integer: "a whole number",
    strings: "a text or a list of texts",
    list: "a list",
    map: "a map",
  }[type];
}

export function str(f: Field | undefined): string | undefined {
  return f === undefined || f.value === null ? undefined : String(f.value);
}

export function strs(f: Field | undefined): string[] {
  if (f === undefined || f.value === null) return [];
  return Array.isArray(f.value) ? f.value.map(String) : [String(f.value)];
}

/** The items of a list node, each with its line. */
export function items(y: YamlFile, f: Field | undefined): { node: YamlNode | null; line: number }[] {
  if (!f || !isSeq(f.node)) return [];
  return (f.node.items as (YamlNode | null)[]).map((node) => ({ node, line: y.lineOf(node) }));
}
