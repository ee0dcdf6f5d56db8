// A small static file server over a built site, for the browser tests: 127.0.0.1 on a free port,
// index.html for folders, 404.html (with status 404) for anything missing, never outside the root.
// Pagefind's gzipped files go with `Content-Encoding: gzip`, as README "Publish" asks of a host
// (src/site/pagefind-encoding.ts), unless `{ pagefindEncoding: false }`: a host that sends them as
// plain bytes, where Pagefind inflates them itself.
import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { isInside } from "../../src/archive/paths.ts";
import { PAGEFIND_GZIPPED, PAGEFIND_GZIPPED_HEADERS } from "../../src/site/pagefind-encoding.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".jsonl": "application/jsonl; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".wasm": "application/wasm",
  ".pagefind": "application/octet-stream",
  ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".pf_filter": "application/octet-stream",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(rootDir: string, options: { pagefindEncoding?: boolean } = {}): Promise<StaticServer> {
  const pagefindEncoding = options.pagefindEncoding ?? true;
  const root = resolve(rootDir);
  const server: Server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
      let file = resolve(join(root, path));
      if (file !== root && !isInside(root, file)) throw new Error("outside");
      let st = await stat(file).catch(() => null);
      if (st?.isDirectory()) {
        if (!path.endsWith("/")) {
          res.writeHead(301, { location: `${path}/` });
          res.end();
          return;
        }
        file = join(file, "index.html");
        st = await stat(file).catch(() => null);
      }
      if (!st?.isFile()) {
        const body = await readFile(join(root, "404.html")).catch(() => Buffer.from("not found"));
        res.writeHead(404, { "content-type": TYPES[".html"]! });
        res.end(body);
        return;
      }
      const encoded = pagefindEncoding && PAGEFIND_GZIPPED.test(file) ? PAGEFIND_GZIPPED_HEADERS : {};
      res.writeHead(200, { "content-type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream", "cache-control": "no-store", ...encoded });
      res.end(await readFile(file));
    } catch {
      res.writeHead(400);
      res.end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
