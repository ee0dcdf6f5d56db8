// Parse helpers: the parse cache filled on every core while a build loads the archive. The load parses
// each page file not in the cache yet, one after the other, on one core: 9–10 s of a 50 s build of
// 10,000 articles and 104 s of a 570 s build of 100,000 with an empty cache. So N - 1 helpers (child
// processes: tsx's hooks do not reach worker threads on Node 20) parse page files into the cache
// meanwhile, from the last one backwards (every (N - 1)-th each), while the load goes forwards, parsing
// what is not cached yet and reading back what a helper has parsed. A helper stops at the first page
// it finds cached: the load has been there. The load needs no helper: one that fails or is slow leaves
// its pages to the load, and one page parsed twice (by a helper and the load at once) is written twice,
// the same bytes. Before, the helpers and the build each parsed a share and the load then read every
// page back: 2.4 s of a 7.6 s parse stage at 10,000 articles, with the other core idle.
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { loadArchive } from "./index.js";
import { cacheDir } from "./parse-cache.js";

const SELF = fileURLToPath(import.meta.url);

/** Starts the parse helpers for a load of `contentDir` on `processes` cores; settles when they have ended. */
export function startParseHelpers(contentDir: string, processes = availableParallelism()): Promise<void> {
  if (!cacheDir() || processes < 2) return Promise.resolve();
  const exits: Promise<void>[] = [];
  for (let i = 0; i < processes - 1; i++) {
    const child = spawn(process.execPath, ["--import", "tsx", SELF, contentDir, String(i), String(processes - 1)], { stdio: ["ignore", "ignore", "inherit"] });
    exits.push(new Promise((ok) => child.on("close", () => ok())));
    child.on("error", () => {}); // its pages are parsed by the load
  }
  return Promise.all(exits).then(() => {});
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [contentDir, helper, helpers] = process.argv.slice(2);
  loadArchive({ contentDir, warm: { helper: Number(helper), helpers: Number(helpers) } });
}
