// A bounded load test of a served site: GET requests from this process at a fixed concurrency over
// every URL of the site, and over URLs that must be missing (404); it counts statuses, errors and
// unexpected answers, compares bodies with the files they come from, and prints requests per second and
// latency percentiles.
//
//   node --import tsx scripts/load.ts URL [--site DIR] [--requests N] [--concurrency C] [--missing M] [--verify-every K]
//
// The URLs: with --site DIR (the built folder the server serves), every file of DIR (a folder's
// index.html as the folder's URL, `/glrb/`), and each 200 answer is compared byte for byte with its file
// (every K-th answer with --verify-every K; default every one). Without it, the site's own sitemap.xml
// (its URLs moved to URL's origin) and what the home page links (styles, scripts, feeds), with nothing
// to compare. Then M URLs that no site has (default 50): folders, files, percent-encoded Chinese names.
// The requests go round the list (shuffled, the same way every run) until N are sent (default 3000;
// fewer than the list, and some URLs are not asked for), C at a time (default 32) over kept-alive
// connections. An error is a request that failed (connection refused or reset, a 10 s timeout), an
// unexpected answer a status other than 200 for a URL of the site or 404 for a missing one, or a body
// unlike its file. The exit code is 1 when there is any. The last line is one summary for scripts:
//   LOAD requests=N urls=… missing=… concurrency=C seconds=… rps=… errors=… unexpected=… mismatched=… compared=… p50_ms=… p90_ms=… p99_ms=… max_ms=… mb=…
import { Agent, request } from "node:http";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { rng } from "./bench/archive.ts";

export interface Target {
  url: string;
  /** 200 for a URL of the site, 404 for one that must be missing. */
  expect: 200 | 404;
  /** The file the body must equal, when the site's folder is known. */
  file?: string;
}

export interface LoadResult {
  requests: number;
  urls: number;
  missing: number;
  concurrency: number;
  seconds: number;
  rps: number;
  statuses: Record<string, number>;
  errors: number;
  unexpected: number;
  mismatched: number;
  compared: number;
  bytes: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** The first few problems, for the report. */
  problems: string[];
}

/** A URL path for a file of the site: each part percent-encoded, index.html as its folder. */
export function urlOf(rel: string): string {
  const parts = rel.split(sep).map(encodeURIComponent);
  if (parts[parts.length - 1] === "index.html") parts[parts.length - 1] = "";
  return `/${parts.join("/")}`;
}

/** Every file of a built site as a target. */
export function siteTargets(dir: string): Target[] {
  const root = resolve(dir);
  const walk = (d: string): string[] =>
    readdirSync(d)
      .sort()
      .flatMap((n) => {
        const p = join(d, n);
        return statSync(p).isDirectory() ? walk(p) : [p];
      });
  return walk(root).map((file) => ({ url: urlOf(relative(root, file)), expect: 200 as const, file }));
}

/** URLs no site has: folders, files of every kind the site serves, encoded names, a path out of the root. */
export function missingTargets(n: number): Target[] {
  const shapes = [
    (i: number) => `/missing-${i}/`,
    (i: number) => `/glrb/2099/01/${String((i % 28) + 1).padStart(2, "0")}/`,
    (i: number) => `/assets/js/missing-${i}.js`,
    (i: number) => `/assets/css/missing-${i}.css`,
    (i: number) => `/pagefind/missing-${i}.pf_fragment`,
    (i: number) => `/export/missing-${i}.jsonl`,
    (i: number) => `/authors/${encodeURIComponent(`无名氏${i}`)}/`,
    (i: number) => `/img/missing-${i}.avif`,
    (i: number) => `/%2e%2e/%2e%2e/etc/missing-${i}`,
    (i: number) => `/missing-${i}.json`,
  ];
  return Array.from({ length: n }, (_, i) => ({ url: shapes[i % shapes.length]!(i), expect: 404 as const }));
}

/** The site's URLs from its sitemap and its home page (no folder to compare with). */
export async function crawlTargets(base: string): Promise<Target[]> {
  const origin = new URL(base).origin;
  const urls = new Set<string>(["/", "/sitemap.xml"]);
  // The sitemap index lists the sitemap's files, and they the pages.
  const locs = async (path: string) => [...(await (await fetch(`${origin}${path}`)).text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, "&")));
  for (const file of await locs("/sitemap.xml")) {
    urls.add(file.pathname);
    for (const u of await locs(file.pathname)) urls.add(u.pathname + u.search);
  }
  const home = await (await fetch(`${origin}/`)).text();
  for (const m of home.matchAll(/\b(?:src|href)="(\/[^"]*)"/g)) {
    const u = new URL(m[1]!.replace(/&amp;/g, "&"), origin);
    if (u.origin === origin) urls.add(u.pathname + u.search);
  }
  return [...urls].sort().map((url) => ({ url, expect: 200 as const }));
}


function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Sends `requests` GETs over the targets, `concurrency` at a time, and counts what came back. */
export async function load(base: string, targets: Target[], options: { requests: number; concurrency: number; verifyEvery?: number; timeoutMs?: number }): Promise<LoadResult> {
  const origin = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const order = targets.slice();
  const rand = rng(20230113);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const files = new Map<string, Buffer>();
  const fileBytes = (f: string) => files.get(f) ?? files.set(f, readFileSync(f)).get(f)!;
  const verifyEvery = options.verifyEvery ?? 1;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const problems: string[] = [];
  let errors = 0;
  let unexpected = 0;
  let mismatched = 0;
  let compared = 0;
  let bytes = 0;
  let next = 0;
  const note = (s: string) => {
    if (problems.length < 20) problems.push(s);
  };

  const get = (t: Target, verify: boolean) =>
    new Promise<void>((done) => {
      const started = process.hrtime.bigint();
      const req = request({ host: origin.hostname, port: origin.port, path: t.url, method: "GET", agent, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
          const body = Buffer.concat(chunks);
          bytes += body.length;
          const status = res.statusCode ?? 0;
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status !== t.expect) {
            unexpected++;
            note(`${t.url}: ${status}, expected ${t.expect}`);
          } else if (verify && t.file && status === 200) {
            compared++;
            if (!body.equals(fileBytes(t.file))) {
              mismatched++;
              note(`${t.url}: ${body.length} bytes unlike its file ${t.file} (${fileBytes(t.file).length} bytes)`);
            }
          }
          done();
        });
        res.on("error", (e) => {
          errors++;
          note(`${t.url}: ${e.message}`);
          done();
        });
      });
      req.on("timeout", () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
      req.on("error", (e) => {
        errors++;
        note(`${t.url}: ${e.message}`);
        done();
      });
      req.end();
    });

  const started = Date.now();
  const worker = async () => {
    for (let i = next++; i < options.requests; i = next++) {
      const t = order[i % order.length]!;
      await get(t, Math.floor(i / order.length) % verifyEvery === 0);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  const seconds = (Date.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    requests: options.requests,
    urls: targets.filter((t) => t.expect === 200).length,
    missing: targets.filter((t) => t.expect === 404).length,
    concurrency: options.concurrency,
    seconds: round(seconds),
    rps: Math.round(options.requests / Math.max(seconds, 0.001)),
    statuses,
    errors,
    unexpected,
    mismatched,
    compared,
    bytes,
    latencyMs: { p50: round(percentile(latencies, 50)), p90: round(percentile(latencies, 90)), p99: round(percentile(latencies, 99)), max: round(latencies[latencies.length - 1] ?? 0) },
    problems,
  };
}

export function summary(r: LoadResult): string {
  const l = r.latencyMs;
  return `LOAD requests=${r.requests} urls=${r.urls} missing=${r.missing} concurrency=${r.concurrency} seconds=${r.seconds} rps=${r.rps} errors=${r.errors} unexpected=${r.unexpected} mismatched=${r.mismatched} compared=${r.compared} p50_ms=${l.p50} p90_ms=${l.p90} p99_ms=${l.p99} max_ms=${l.max} mb=${(r.bytes / 1e6).toFixed(1)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      site: { type: "string" },
      requests: { type: "string", default: "3000" },
      concurrency: { type: "string", default: "32" },
      missing: { type: "string", default: "50" },
      "verify-every": { type: "string", default: "1" },
    },
  });
  const base = positionals[0];
  const num = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} wants a whole number of at least ${min}, not ${v}`);
    return n;
  };
  if (!base) {
    console.error("usage: node --import tsx scripts/load.ts URL [--site DIR] [--requests N] [--concurrency C] [--missing M] [--verify-every K]");
    process.exit(2);
  }
  const requests = num("requests", values.requests!, 1);
  const concurrency = num("concurrency", values.concurrency!, 1);
  const site = values.site;
  const targets = [...(site ? siteTargets(site) : await crawlTargets(base)), ...missingTargets(num("missing", values.missing!, 0))];
  if (requests < targets.length) console.warn(`[load] ${requests} requests for ${targets.length} URLs: some are not asked for`);
  const r = await load(base, targets, { requests, concurrency, verifyEvery: num("verify-every", values["verify-every"]!, 1) });
  const l = r.latencyMs;
  console.log(`[load] ${r.requests} requests to ${base} (${r.urls} URLs of the site, ${r.missing} missing) at concurrency ${r.concurrency} in ${r.seconds} s: ${r.rps} requests/s`);
  console.log(`[load] statuses ${Object.entries(r.statuses).map(([s, n]) => `${s}: ${n}`).join(", ")}; ${r.errors} errors, ${r.unexpected} unexpected, ${r.mismatched} bodies unlike their files (${r.compared} compared)`);
  console.log(`[load] latency ms: p50 ${l.p50}, p90 ${l.p90}, p99 ${l.p99}, max ${l.max}; ${(r.bytes / 1e6).toFixed(1)} MB received`);
  for (const p of r.problems) console.log(`[load] ${p}`);
  console.log(summary(r));
  process.exit(r.errors || r.unexpected || r.mismatched ? 1 : 0);
}
