// A bounded load test of the built site (_site/, npm run build; no browser): served on 127.0.0.1 by a
// real static file server (sirv-cli, a devDependency, in a process of its own), it answers 3,000 GET
// requests sent 32 at a time from a second process (scripts/load.ts) over every file of the site and 60
// URLs that must be missing: no failed request, 200 for every file and 404 for every missing URL, and
// every body byte for byte its file. The load script itself is checked against a server that fails.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { load, missingTargets, siteTargets } from "../../scripts/load.ts";

const SITE = "_site";
const REQUESTS = 3000;
const CONCURRENCY = 32;
const MISSING = 60;

let sirv: ChildProcess | null = null;
let base = "";

/** Starts sirv-cli over `dir` on 127.0.0.1 and a free port; resolves with its URL once it listens. */
function startSirv(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const bin = join(dirname(createRequire(import.meta.url).resolve("sirv-cli/package.json")), "bin.js");
  // PORT and HOST in the environment would win over the options.
  const { PORT: _p, HOST: _h, ...env } = process.env;
  const child = spawn(process.execPath, [bin, dir, "--host", "127.0.0.1", "--port", "0", "--no-logs", "--no-clear"], { env, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((ok, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error(`sirv did not start in 15 s: ${out}`)), 15_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off("data", read);
        child.stdout?.resume();
        ok({ child, url: m[1]! });
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`sirv exited (${code}): ${out}`));
    });
  });
}

before(async () => {
  assert.ok(existsSync(join(SITE, "pagefind", "pagefind.js")), "run `npm run build` first: the load test serves _site/");
  const s = await startSirv(SITE);
  sirv = s.child;
  base = s.url;
});

after(async () => {
  if (sirv && sirv.exitCode === null) {
    const exited = new Promise((ok) => sirv!.once("exit", ok));
    sirv.kill();
    await exited;
  }
});

describe("the built site under load", () => {
  it(`answers ${REQUESTS} requests at concurrency ${CONCURRENCY} from a second process with no error, every body its file`, (t) => {
    const files = (d: string): number => readdirSync(d).reduce((n, f) => n + (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : 1), 0);
    const started = Date.now();
    const res = spawnSync(process.execPath, ["--import", "tsx", "scripts/load.ts", base, "--site", SITE, "--requests", String(REQUESTS), "--concurrency", String(CONCURRENCY), "--missing", String(MISSING)], {
      encoding: "utf8",
      timeout: 50_000,
    });
    const line = /^LOAD .*$/m.exec(res.stdout ?? "")?.[0];
    assert.ok(line, `no summary from scripts/load.ts: ${res.stdout}${res.stderr}${res.error ?? ""}`);
    t.diagnostic(line);
    t.diagnostic(`the load process ran ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const got = Object.fromEntries(line.slice(5).split(" ").map((kv) => kv.split("=") as [string, string]));
    assert.equal(res.status, 0, res.stdout);
    assert.equal(Number(got.requests), REQUESTS);
    assert.equal(Number(got.urls), files(SITE), "every file of the site is asked for");
    assert.ok(REQUESTS >= Number(got.urls) + MISSING, "the requests go round every URL at least once");
    assert.equal(Number(got.missing), MISSING);
    assert.equal(Number(got.errors), 0);
    assert.equal(Number(got.unexpected), 0);
    assert.equal(Number(got.mismatched), 0);
    // Every 200 answer was compared with its file: all requests but the missing URLs' share.
    assert.ok(Number(got.compared) > REQUESTS * (Number(got.urls) / (Number(got.urls) + MISSING)) * 0.95, `${got.compared} bodies compared`);
  });

  it("counts what goes wrong: a failed request, a wrong status, a body unlike its file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gazette-load-"));
    try {
      mkdirSync(join(dir, "a"));
      writeFileSync(join(dir, "a", "index.html"), "<p>a</p>");
      writeFileSync(join(dir, "b.json"), "{}");
      writeFileSync(join(dir, "c.css"), "p{}");
      const targets = [...siteTargets(dir), ...missingTargets(2)];
      assert.deepEqual(
        targets.map((t) => [t.url, t.expect]),
        [["/a/", 200], ["/b.json", 200], ["/c.css", 200], ["/missing-0/", 404], ["/glrb/2099/01/02/", 404]],
      );
      // /a/ answers right, /b.json with other bytes, /c.css drops the connection, the missing ones 200.
      const server = createServer((req, res) => {
        if (req.url === "/a/") res.end("<p>a</p>");
        else if (req.url === "/b.json") res.end("{ }");
        else if (req.url === "/c.css") req.socket.destroy();
        else res.end("soft 404");
      });
      await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
      const port = (server.address() as { port: number }).port;
      const r = await load(`http://127.0.0.1:${port}`, targets, { requests: 10, concurrency: 2 });
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      assert.equal(r.errors, 2, r.problems.join("\n"));
      assert.equal(r.unexpected, 4);
      assert.equal(r.mismatched, 2);
      assert.equal(r.compared, 4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
