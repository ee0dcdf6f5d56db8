// A crawl of the built _site/: every internal link and resource of every page points at a file that
// exists, and every #fragment at an element of that page.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, posix, relative } from "node:path";

const SITE = "_site";

function files(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === "pagefind" ? [] : files(p, root);
    return [relative(root, p).split("\\").join("/")];
  });
}

function target(path: string): string | null {
  const p = join(SITE, path);
  if (existsSync(p) && statSync(p).isFile()) return p;
  const index = join(p, "index.html");
  return existsSync(index) ? index : null;
}

const decode = (s: string) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

describe("links", () => {
  it("has no broken internal link in any page", () => {
    assert.ok(existsSync(join(SITE, "index.html")), "run `npm run build` first");
    const ids = new Map<string, Set<string>>();
    const idsOf = (file: string) => {
      let set = ids.get(file);
      if (!set) ids.set(file, (set = new Set([...readFileSync(file, "utf8").matchAll(/\sid="([^"]+)"/g)].map((m) => decode(m[1]!)))));
      return set;
    };
    const broken: string[] = [];
    let checked = 0;
    for (const file of files(SITE).filter((f) => f.endsWith(".html"))) {
      const html = readFileSync(join(SITE, file), "utf8");
      const base = `/${file.replace(/[^/]*$/, "")}`;
      for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        const raw = decode(m[1]!);
        if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith("//") || raw.startsWith("data:")) continue;
        const url = new URL(raw, `http://site${base}`);
        const path = decodeURIComponent(url.pathname);
        const hit = target(path);
        checked++;
        if (!hit) {
          broken.push(`${file}: ${raw}`);
          continue;
        }
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (fragment && hit.endsWith(".html") && !idsOf(hit).has(fragment) && !/^L\d+-L\d+$/.test(fragment)) broken.push(`${file}: ${raw} (no #${fragment})`);
      }
    }
    assert.ok(checked > 500, `${checked} links checked`);
    assert.deepEqual(broken, []);
  });

  it("has no broken link in the feeds and the sitemap", () => {
    // The site's address: where the sitemap index puts its first file.
    const site = /<loc>(https?:\/\/[^<]+)\/sitemaps\/1\.xml<\/loc>/.exec(readFileSync(join(SITE, "sitemap.xml"), "utf8"))?.[1] ?? "";
    assert.ok(site);
    const broken: string[] = [];
    for (const file of files(SITE).filter((f) => f.endsWith(".xml"))) {
      for (const m of readFileSync(join(SITE, file), "utf8").matchAll(/(?:href="|<loc>|<id>)([^"<]+)/g)) {
        const url = decode(m[1]!);
        if (!url.startsWith(site)) continue;
        if (!target(posix.normalize(decodeURIComponent(url.slice(site.length)) || "/"))) broken.push(`${file}: ${url}`);
      }
    }
    assert.deepEqual(broken, []);
  });
});
