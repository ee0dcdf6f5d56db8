// The dev server's handler for Pagefind's gzipped files (src/site/pagefind-encoding.ts): their bytes
// as they are, said to be gzip-encoded; anything else, and anything outside the output folder, left to
// the server's own handling.
import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { PAGEFIND_GZIPPED, pagefindFileHandler } from "../../src/site/pagefind-encoding.ts";

const dir = mkdtempSync(join(tmpdir(), "gazette-pf-encoding-"));
const out = join(dir, "_site");
const chunk = gzipSync(Buffer.from("pagefind_dcd\u0000index"));
mkdirSync(join(out, "pagefind/shards/2023/index"), { recursive: true });
mkdirSync(join(out, "pagefind/shards/2023/folder.pf_index"), { recursive: true });
writeFileSync(join(out, "pagefind/shards/2023/index/und_1.pf_index"), chunk);
writeFileSync(join(out, "pagefind/shards/2023/wasm.unknown.pagefind"), chunk);
writeFileSync(join(out, "pagefind/shards.json"), "{}");
writeFileSync(join(dir, "secret.pf_index"), "outside the site");
after(() => rmSync(dir, { recursive: true, force: true }));

const handle = pagefindFileHandler(out);
const at = (path: string) => handle({ url: new URL(`http://localhost:8080${path}`) });

describe("Pagefind's gzipped files on the dev server", () => {
  test("are sent as they are, with Content-Encoding: gzip", () => {
    for (const path of ["/pagefind/shards/2023/index/und_1.pf_index", "/pagefind/shards/2023/wasm.unknown.pagefind"]) {
      const answer = at(path);
      assert.ok(answer, path);
      assert.equal(answer.status, 200);
      assert.equal(answer.headers["content-encoding"], "gzip");
      assert.equal(answer.headers["content-type"], "application/octet-stream");
      assert.deepEqual(answer.body, chunk);
    }
  });

  test("leave other files, missing files and folders to the server", () => {
    for (const path of ["/pagefind/shards.json", "/pagefind/shards/2023/index/und_2.pf_index", "/pagefind/shards/2023/folder.pf_index", "/pagefind/%E0%A4%A.pf_index"]) {
      assert.equal(at(path), false, path);
    }
  });

  test("never read outside the output folder", () => {
    for (const path of ["/pagefind/..%2f..%2fsecret.pf_index", "/pagefind/%2e%2e/%2e%2e/secret.pf_index", "/pagefind/..%5c..%5csecret.pf_index"]) {
      assert.equal(at(path), false, path);
    }
  });

  test("are the files Pagefind writes gzipped, not its scripts or its entry", () => {
    for (const name of ["pagefind.und_1.pf_meta", "und_1.pf_index", "und_1.pf_fragment", "und_1.pf_filter", "wasm.zh.pagefind"]) assert.ok(PAGEFIND_GZIPPED.test(name), name);
    for (const name of ["pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "pagefind-ui.css", "shards.json"]) assert.ok(!PAGEFIND_GZIPPED.test(name), name);
  });
});
