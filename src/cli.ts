// gazette parse FILE [--json] | gazette check PATH… | gazette add …
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parsePage, type ParseResult } from "./parse/index.js";
import { ADD_USAGE, addPages } from "./archive/add.js";
import { loadArchive, type Warning } from "./archive/index.js";

const USAGE = `usage:
  gazette parse FILE [--json]   parse one page text file; --json prints the ParsedPage record
  gazette check PATH…           print the findings of the build for PATH, without building, as file:line: severity code message
                                (PATH in a content folder: paths, sidecars, Markdown, every page file; any other folder:
                                its page files only); exit 1 on errors (--strict: on warnings too)
  ${ADD_USAGE}
                                file page texts into content/<paper>/<yyyy>/<mm>/<dd>/<NN>.txt (never overwrites)`;

function outline(p: ParseResult): string {
  const out: string[] = [];
  const ln = (lines: number[]) => (lines.length === 1 ? `L${lines[0]}` : `L${lines.join(",")}`);
  out.push(`${p.source.path}  (${p.source.encoding}, ${p.style})`);
  for (const r of p.page.rubrics) out.push(`  page rubric  ${ln(r.lines)}  ${r.text}`);
  p.articles.forEach((a, i) => {
    out.push(`\n[${i + 1}] ${a.headline.text}   #${a.id}`);
    if (a.rubric) out.push(`    rubric      ${ln(a.rubric.lines)}  ${a.rubric.text}`);
    if (a.kicker) out.push(`    kicker      ${ln(a.kicker.lines)}  ${a.kicker.text}`);
    out.push(`    headline    ${ln(a.headline.lines)}  ${a.headline.text}`);
    if (a.subheadline) out.push(`    subheadline ${ln(a.subheadline.lines)}  ${a.subheadline.text}`);
    for (const b of a.bylines) out.push(`    byline      ${ln(b.lines)}  ${b.role ?? "—"}: ${b.names.join(", ")}${b.dateline ? `  (${b.dateline})` : ""}`);
    for (const b of a.body) {
      const head = b.type === "heading" ? `heading h${b.level}` : "paragraph";
      const text = [...b.text].length > 40 ? `${[...b.text].slice(0, 40).join("")}…` : b.text;
      out.push(`    ${head.padEnd(11)} ${ln(b.lines)}  ${text}`);
    }
    for (const c of a.captions) out.push(`    caption     ${ln(c.lines)}  ${c.text}`);
    for (const c of a.credits) out.push(`    credit      ${ln(c.lines)}  ${c.text}`);
    for (const c of a.authorNotes) out.push(`    author note ${ln(c.lines)}  ${c.text}`);
  });
  if (p.unassigned.length) {
    out.push("\nunassigned");
    for (const u of p.unassigned) out.push(`    ${u.type.padEnd(11)} ${ln(u.lines)}  ${u.text}`);
  }
  if (p.diagnostics.length) {
    out.push("\ndiagnostics");
    for (const d of p.diagnostics) out.push(`    ${p.source.path}:${d.line}: ${d.severity} ${d.code} ${d.message}`);
  }
  return out.join("\n");
}

function pageFiles(path: string): string[] {
  const st = statSync(path);
  if (st.isFile()) return [path];
  const files: string[] = [];
  for (const name of readdirSync(path).sort()) {
    const full = join(path, name);
    const s = statSync(full, { throwIfNoEntry: false });
    if (!s) continue;
    if (s.isDirectory()) files.push(...pageFiles(full));
    // Regular files only: a named pipe called 01.txt would block the check forever.
    else if (s.isFile() && name.endsWith(".txt")) files.push(full);
  }
  return files;
}

/**
 * The content folder PATH belongs to, or null for loose page files: the build's own folder
 * (GAZETTE_CONTENT, else ./content) when PATH lies in it; PATH itself when it holds site.yml or a
 * <paper>/paper.yml; else the folder above the nearest paper (a folder with paper.yml) around PATH.
 */
function contentRootOf(path: string): string | null {
  const abs = resolve(path);
  const build = resolve(process.env.GAZETTE_CONTENT ?? "content");
  if (abs === build || abs.startsWith(build + sep)) return build;
  const isDir = (p: string) => statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
  if (isDir(abs) && (existsSync(join(abs, "site.yml")) || readdirSync(abs).some((n) => existsSync(join(abs, n, "paper.yml"))))) return abs;
  for (let p = abs; dirname(p) !== p; p = dirname(p)) if (isDir(p) && existsSync(join(p, "paper.yml"))) return dirname(p);
  return null;
}

/**
 * `check` on a content folder: the archive is read as the build reads it (loadArchive: the layout,
 * paper.yml, sidecars, Markdown, every page file parsed) and its findings are those the build prints,
 * limited to PATH. Only the build's image step (decoding the pictures) is not run.
 */
function contentFindings(root: string, path: string, archives: Map<string, Warning[]>): Warning[] {
  let warnings = archives.get(root);
  if (!warnings) archives.set(root, (warnings = loadArchive({ contentDir: root }).warnings));
  const rel = relative(root, resolve(path)).split(sep).join("/");
  if (!rel) return warnings;
  const shown = `content/${rel}`;
  return warnings.filter((w) => w.file === shown || w.file.startsWith(`${shown}/`));
}

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith("--")));
  const args = rest.filter((a) => !a.startsWith("--"));
  if (command === "parse" && args.length === 1) {
    const file = args[0]!;
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      process.stderr.write(`${file}: cannot read: ${(e as Error).message}\n`);
      return 2;
    }
    const parsed = parsePage(bytes, { path: file });
    if (flags.has("--json")) {
      process.stdout.write(`${JSON.stringify(parsed, null, 1)}\n`);
      for (const d of parsed.diagnostics) process.stderr.write(`${file}:${d.line}: ${d.severity} ${d.code} ${d.message}\n`);
    } else process.stdout.write(`${outline(parsed)}\n`);
    return parsed.diagnostics.some((d) => d.severity === "error") ? 1 : 0;
  }
  if (command === "check" && args.length >= 1) {
    let errors = 0;
    let warnings = 0;
    const archives = new Map<string, Warning[]>();
    for (const root of args) {
      const content = existsSync(root) ? contentRootOf(root) : null;
      if (content) {
        for (const w of contentFindings(content, root, archives)) {
          if (w.severity === "error") errors++;
          if (w.severity === "warning") warnings++;
          process.stdout.write(`${w.file}:${w.line}: ${w.severity} ${w.code} ${w.message}\n`);
        }
        continue;
      }
      let files: string[];
      try {
        files = pageFiles(root);
      } catch (e) {
        process.stdout.write(`${root}:1: error unreadable ${(e as Error).message}\n`);
        errors++;
        continue;
      }
      for (const file of files) {
        const parsed = parsePage(readFileSync(file), { path: relative(process.cwd(), file) || file });
        for (const d of parsed.diagnostics) {
          if (d.severity === "error") errors++;
          if (d.severity === "warning") warnings++;
          process.stdout.write(`${parsed.source.path}:${d.line}: ${d.severity} ${d.code} ${d.message}\n`);
        }
      }
    }
    process.stderr.write(`${errors} error(s), ${warnings} warning(s)\n`);
    return errors > 0 || (flags.has("--strict") && warnings > 0) ? 1 : 0;
  }
  if (command === "add") {
    const result = addPages(rest);
    for (const m of result.messages) (result.code ? process.stderr : process.stdout).write(`${m}\n`);
    return result.code;
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}
