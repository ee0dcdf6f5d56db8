// How Pagefind's index files are best served. Pagefind writes its index (metadata, index chunks,
// fragments, filters) and its WebAssembly gzipped, and inflates each file it fetches in JavaScript, on
// its worker, unless the browser has inflated it already: a server that sends these files with
// `Content-Encoding: gzip` (the same bytes) has the browser inflate them natively, and Pagefind sees
// that by the signature inside (Pagefind's own support for such hosts). A cold search's first results
// came about 0.1 s sooner that way, its complete answer 0.2 s (10,000 articles, seven alternated cold
// searches each, README "Scale"). The dev server (`npm start`), the benchmark's server and the
// browser tests' server send them so; README "Publish" gives the same for nginx.
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { isInside } from "../archive/paths.js";

/** The files Pagefind writes gzipped: its WebAssembly (`wasm.<lang>.pagefind`) and every index file. */
export const PAGEFIND_GZIPPED = /\.(?:pagefind|pf_meta|pf_index|pf_fragment|pf_filter)$/;

/** The header that goes with one of those files (its bytes unchanged). */
export const PAGEFIND_GZIPPED_HEADERS: Readonly<Record<string, string>> = { "content-encoding": "gzip" };

/**
 * For Eleventy's dev server (`setServerOptions({ onRequest })`): a request under /pagefind/ for one of
 * Pagefind's gzipped files in `outputDir` is answered with its bytes and PAGEFIND_GZIPPED_HEADERS;
 * anything else (false) goes on to the server's own handling.
 */
export function pagefindFileHandler(outputDir: string): (request: { url: URL }) => false | { status: number; headers: Record<string, string>; body: Buffer } {
  const root = resolve(outputDir);
  return ({ url }) => {
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return false;
    }
    if (!PAGEFIND_GZIPPED.test(path)) return false;
    const file = resolve(root, `.${path}`);
    if (!isInside(root, file)) return false;
    try {
      if (!statSync(file).isFile()) return false;
      return { status: 200, headers: { "content-type": "application/octet-stream", ...PAGEFIND_GZIPPED_HEADERS }, body: readFileSync(file) };
    } catch {
      return false;
    }
  };
}
