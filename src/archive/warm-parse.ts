// The parse cache filled on every core before a build loads the archive. The load parses each page file
// not in the cache yet, one after the other, with the other cores idle: 9–10 s of a 50 s build of
// 10,000 articles and 104 s of a 570 s build of 100,000 with an empty cache. Here the page files are
// shared out, every N-th to each of N processes (this one and N - 1 children: tsx's hooks do not reach
// worker threads on Node 20), each parsing its share into the cache; the load then reads every page
// back from it, as it reads back what it parses itself. A child that fails leaves its pages to the
// load, which parses whatever it does not find.
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { loadArchive } from "./index.js";
import { cacheDir } from "./parse-cache.js";

const SELF = fileURLToPath(import.meta.url);

export async function warmParseCache(contentDir: string, processes = availableParallelism()): Promise<void> {
  if (!cacheDir() || processes < 2) return;
  const exits: Promise<void>[] = [];
  for (let i = 1; i < processes; i++) {
    const child = spawn(process.execPath, ["--import", "tsx", SELF, contentDir, String(i), String(processes)], { stdio: ["ignore", "ignore", "inherit"] });
    exits.push(new Promise((ok) => child.on("close", () => ok())));
    child.on("error", () => {}); // its pages are parsed by the load
  }
  loadArchive({ contentDir, warm: { index: 0, of: processes } });
  await Promise.all(exits);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [contentDir, index, of] = process.argv.slice(2);
  loadArchive({ contentDir, warm: { index: Number(index), of: Number(of) } });
}
