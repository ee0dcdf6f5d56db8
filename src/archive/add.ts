// gazette add FILE… --paper P --date YYYY-MM-DD --page N [--content DIR]
// Files loose page texts into the content layout: the first file becomes page N of that day's issue,
// the next N+1, and so on (content/<P>/<yyyy>/<mm>/<dd>/<NN>.txt). The bytes are copied as they are.
// Nothing is written when any target exists already (it never overwrites) or an argument is wrong.
import { copyFileSync, existsSync, lstatSync, mkdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { DateTime } from "luxon";

export const ADD_USAGE = "gazette add FILE… --paper P --date YYYY-MM-DD --page N [--content DIR]";

export interface AddResult {
  code: number;
  written: string[];
  messages: string[];
}

export function addPages(argv: string[]): AddResult {
  const messages: string[] = [];
  const fail = (m: string): AddResult => ({ code: 2, written: [], messages: [...messages, m] });
  const opts: Record<string, string> = {};
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const m = /^--(paper|date|page|content)(?:=(.*))?$/.exec(a);
    if (m) {
      const value = m[2] ?? argv[++i];
      if (value === undefined) return fail(`${a} needs a value\nusage: ${ADD_USAGE}`);
      opts[m[1]!] = value;
    } else if (a.startsWith("--")) return fail(`unknown option ${a}\nusage: ${ADD_USAGE}`);
    else files.push(a);
  }
  const { paper, date, page } = opts;
  if (!files.length || !paper || !date || !page) return fail(`usage: ${ADD_USAGE}`);
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(paper)) return fail(`--paper: a paper's id is lower-case letters, digits and -, like glrb; not "${paper}"`);
  const content = resolve(opts.content ?? "content");
  if (!existsSync(join(content, paper, "paper.yml"))) return fail(`--paper: no paper "${paper}" (${join(opts.content ?? "content", paper, "paper.yml")} does not exist; create it first)`);
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!dm || !DateTime.fromObject({ year: +dm[1]!, month: +dm[2]!, day: +dm[3]! }).isValid) return fail(`--date: "${date}" is not a date (YYYY-MM-DD)`);
  if (!/^\d{1,3}$/.test(page) || Number(page) < 1) return fail(`--page: "${page}" is not a page number (1, 2, …)`);
  const first = Number(page);
  if (first + files.length - 1 > 999) return fail("--page: pages are numbered up to 999");

  const dir = join(content, paper, dm[1]!, dm[2]!, dm[3]!);
  const plan: { from: string; to: string }[] = [];
  for (const [i, file] of files.entries()) {
    const st = existsSync(file) ? lstatSync(file) : null;
    if (!st?.isFile()) return fail(`${file}: not a file`);
    const to = join(dir, `${String(first + i).padStart(2, "0")}.txt`);
    if (existsSync(to)) return { ...fail(`${relative(process.cwd(), to)}: exists already; nothing was written (gazette add never overwrites a page)`), code: 1 };
    plan.push({ from: file, to });
  }
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const { from, to } of plan) {
    copyFileSync(from, to, 1 /* COPYFILE_EXCL: fail rather than overwrite */);
    written.push(to);
    messages.push(`${from} -> ${relative(process.cwd(), to)}`);
  }
  return { code: 0, written, messages };
}
