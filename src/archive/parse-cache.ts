// The parse cache on disk: a page file is parsed once, and later builds read its record back.
//
// The key is the page's bytes (their sha256), what the parser is told about the page (path, paper,
// date, page number) and the parser itself (a hash of every source file under src/parse and
// src/model), so a changed page or a changed parser misses the cache and is parsed again; a stale
// entry is never read. Entries live in `<GAZETTE_CACHE or .cache>/parse/<xx>/<key>.v8` (git-ignored),
// written to a temporary name and renamed, so a crashed build leaves no half-written entry. An entry is
// the record in V8's serialization (node:v8), not JSON: the 2,485 entries of the benchmark's 10,000
// articles read back in 0.86–1.16 s against 1.26–2.0 s as JSON (their text is stored as UTF-16, not
// decoded from UTF-8), 54 MB against 69 MB; the key holds V8's version, whose format it is. Beside the
// record an entry keeps the page's line count (its source view's), which a build would otherwise count
// in every page's bytes (0.4 s of loading 10,000 articles from the cache).
// GAZETTE_CACHE=off turns the cache off. Sidecar corrections are applied after the cache (index.ts).
// Beside the entries, `files.json` keeps each page file's digest with its lstat, so that a file that
// has not changed is neither read nor hashed again (knownDigest, below).
import { createHash, type Hash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync, type Stats } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import type { ParsedPage } from "../model/types.js";
import { decodeAs } from "../parse/decode.js";
import { parsePage } from "../parse/index.js";

/** The cache folder, or null when the cache is off. */
export function cacheDir(): string | null {
  const v = process.env.GAZETTE_CACHE;
  if (v === "off" || v === "0") return null;
  return resolve(v || ".cache");
}

/**
 * Feeds `hash` the path (relative to `root`) and bytes of every file under each of `parts` (a file or
 * a folder, missing ones skipped), in path order: a key of that code, which changes when any of it does.
 */
export function hashFiles(hash: Hash, root: string, parts: string[]): Hash {
  for (const part of parts) {
    const abs = join(root, part);
    if (!existsSync(abs)) continue;
    const files = statSync(abs).isDirectory()
      ? readdirSync(abs, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => join(e.parentPath, e.name))
          .sort()
      : [abs];
    for (const f of files) hash.update(f.slice(root.length)).update("\0").update(readFileSync(f)).update("\0");
  }
  return hash;
}

let version: string | null = null;
/** A hash of the parser's source (src/parse and src/model): a new parser is a new cache. */
export function parserVersion(): string {
  version ??= hashFiles(createHash("sha256"), fileURLToPath(new URL("..", import.meta.url)), ["parse", "model"]).digest("hex").slice(0, 16);
  return version;
}

export interface PageIdentity {
  path: string;
  paper: string;
  date: string;
  page: string;
}

/**
 * Whether a build has loaded an archive through the cache with this parser (its mark,
 * `<cache>/parsers/<version>`, written by markParserUsed): a new parser (a new Gazette) finds none of
 * its entries, as a first build does. Without a cache, true: there is nothing to fill.
 */
export function parserUsed(): boolean {
  const dir = cacheDir();
  return !dir || existsSync(join(dir, "parsers", parserVersion()));
}

/** Marks the cache as filled by this parser (see parserUsed). */
export function markParserUsed(): void {
  const dir = cacheDir();
  if (dir) writeEntry(join(dir, "parsers", parserVersion()), "");
}

/** The keys this process read or wrote: the entries a pruning keeps (src/archive/cache-prune.ts). */
export const usedParseKeys = new Set<string>();

/** What an entry holds; a new layout is a new ENTRY_FORMAT (in the key), so an old entry is never misread. */
const ENTRY_FORMAT = 2;

/** A page's parse as the cache keeps it: the record, and the number of lines of the page's text. */
export interface CachedParse {
  parsed: ParsedPage;
  lineCount: number;
}

/** Where a page's entry is kept: the key holds the parser, the page's bytes and what it is told about the page. */
function entryOf(dir: string, who: PageIdentity, sha256: string): { key: string; file: string } {
  const key = createHash("sha256").update(`${parserVersion()}\0${ENTRY_FORMAT}\0${process.versions.v8}\0${sha256}\0${who.path}\0${who.paper}\0${who.date}\0${who.page}`).digest("hex");
  return { key, file: join(dir, "parse", key.slice(0, 2), `${key}.v8`) };
}

/**
 * How many lines splitLines finds in the text that UTF-8 `bytes` decode to, without decoding them: a
 * line end is one byte, which no other character's bytes contain, and a decoder never takes it into an
 * invalid sequence it replaces; a BOM holds no line end.
 */
export function countUtf8Lines(bytes: Uint8Array): number {
  let n = 1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 10) n++;
    else if (b === 13) {
      n++;
      if (bytes[i + 1] === 10) i++;
    }
  }
  const last = bytes[bytes.length - 1];
  return n > 1 && (last === 10 || last === 13) ? n - 1 : n;
}

/** A page parsed, with its line count: a page in another encoding (rare) is counted in its UTF-8 form; a binary file has no lines to show. */
function parseWithLines(bytes: Uint8Array, who: PageIdentity): CachedParse {
  const parsed = parsePage(bytes, who);
  const { encoding } = parsed.source;
  const binary = parsed.diagnostics.some((d) => d.code === "binary-file");
  return { parsed, lineCount: binary ? 0 : countUtf8Lines(encoding === "utf-8" ? bytes : Buffer.from(decodeAs(bytes, encoding))) };
}

/** Writes an entry: to a temporary name, then renamed, so that a crashed build leaves no half-written one. */
function writeEntry(file: string, data: string | Uint8Array): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch {
    /* a read-only checkout builds without the cache */
  }
}

/**
 * parsePage and the page's line count, through the disk cache. `sha256` is the hex digest of the page's
 * bytes, given or read when needed (a page whose digest came from knownDigest is read only if its
 * parse is not in the cache); null when they are needed and cannot be read.
 */
export function parseCached(bytes: Uint8Array | (() => Uint8Array | null), who: PageIdentity, sha256: string): CachedParse | null {
  const dir = cacheDir();
  const parse = () => {
    const b = typeof bytes === "function" ? bytes() : bytes;
    return b && parseWithLines(b, who);
  };
  if (!dir) return parse();
  const { key, file } = entryOf(dir, who, sha256);
  usedParseKeys.add(key);
  try {
    return deserialize(readFileSync(file)) as CachedParse;
  } catch {
    /* not cached yet (or unreadable): parse */
  }
  const parsed = parse();
  if (!parsed) return null;
  const entry = serialize(parsed);
  writeEntry(file, entry);
  // The record as a later build reads it back. The parser's one-line texts are slices of the page's
  // text, and V8 keeps a sliced string's whole parent alive: kept for the build, they would hold every
  // page's text a second time (3.4 kB an article). Read back, each text is its own string.
  return deserialize(entry) as CachedParse;
}

/** Parses a page into the cache, unless it is there already (false then: src/archive/warm-parse.ts). */
export function warmCached(bytes: Uint8Array, who: PageIdentity, sha256: string): boolean {
  const dir = cacheDir();
  if (!dir) return false;
  const { file } = entryOf(dir, who, sha256);
  if (existsSync(file)) return false;
  writeEntry(file, serialize(parseWithLines(bytes, who)));
  return true;
}

/** What lstat says of a page file: device, inode, size, modification and change times (ms). */
type Stamp = [number, number, number, number, number];

/** A file's digest is trusted only if the file last changed this long before the digests were saved. */
const RACY_MS = 2_000;

/**
 * The SHA-256 of the page files a build read, by path, with what lstat said of each (Stamp), kept in
 * `<cache>/files.json`: a later build whose lstat says the same takes the digest instead of reading
 * and hashing the file again (the parse cache is keyed by it): 0.3–0.4 s of CPU of loading 10,000
 * articles from the cache (46 MB read and hashed), in a CPU profile. A write moves the change time,
 * which no tool sets back (a copy that keeps the modification time still has a new one); but a file
 * written twice within one tick of the file system's clock keeps its times, so a digest counts only
 * for a file that had last changed RACY_MS before the digests were saved (git's rule for "racily
 * clean" files); a newer one is read again.
 */
interface FileDigests {
  savedAt: number;
  files: Record<string, [...Stamp, string]>;
}

/** files.json as this load read it, and the cache folder it is of (read again by the next load). */
let digests: (FileDigests & { dir: string }) | null = null;
/** The digests this load found or made: the next files.json (files no longer read drop out). */
const seen = new Map<string, [...Stamp, string]>();
let digestsChanged = false;

function digestsOf(dir: string): FileDigests {
  if (digests?.dir !== dir) {
    digests = { ...readDigests(dir), dir };
    seen.clear();
    digestsChanged = false;
  }
  return digests;
}

const stampOf = (st: Stats): Stamp => [st.dev, st.ino, st.size, st.mtimeMs, st.ctimeMs];

function readDigests(dir: string): FileDigests {
  try {
    const d = JSON.parse(readFileSync(join(dir, "files.json"), "utf8")) as FileDigests;
    if (typeof d.savedAt === "number" && d.files && typeof d.files === "object") return d;
  } catch {
    /* none yet, or unreadable: every file is read */
  }
  return { savedAt: 0, files: {} };
}

/** The digest of the page file at `abs` (absolute) that a build saved, if `st` (its lstat now) says it has not changed since. */
export function knownDigest(abs: string, st: Stats): string | null {
  const dir = cacheDir();
  if (!dir) return null;
  const { files, savedAt } = digestsOf(dir);
  const known = files[abs];
  if (!Array.isArray(known) || typeof known[5] !== "string" || !/^[0-9a-f]{64}$/.test(known[5]) || st.ctimeMs >= savedAt - RACY_MS) return null;
  const now = stampOf(st);
  if (!now.every((v, i) => v === known[i])) return null;
  seen.set(abs, known);
  return known[5];
}

/** Notes the digest of a page file read and hashed (saved by saveDigests). */
export function rememberDigest(abs: string, st: Stats, sha256: string): void {
  const dir = cacheDir();
  if (!dir) return;
  digestsOf(dir);
  seen.set(abs, [...stampOf(st), sha256]);
  digestsChanged = true;
}

/** Writes files.json when this load hashed a file or no longer read one. */
export function saveDigests(): void {
  const dir = cacheDir();
  if (!dir) return;
  if (digestsChanged || seen.size !== Object.keys(digestsOf(dir).files).length) {
    const saved: FileDigests = { savedAt: Date.now(), files: Object.fromEntries(seen) };
    writeEntry(join(dir, "files.json"), JSON.stringify(saved));
  }
  digests = null;
  seen.clear();
  digestsChanged = false;
}
