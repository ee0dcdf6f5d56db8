// One build at a time per output folder. Two builds into the same folder would each take the other's
// half-built `<out>.next/` for the leftovers of a dead build and move it away (scripts/build.ts,
// recover()), so the second one stops with a clear error instead. The lock is a file beside the output
// (`.<name>.lock`) holding the builder's pid: a lock whose process is gone (a build killed with
// SIGKILL) is stale and taken over.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

export function lockPath(out: string): string {
  const abs = resolve(out);
  return join(dirname(abs), `.${basename(abs)}.lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // there, but someone else's
  }
}

/** Takes the output folder's lock, or throws naming the build that holds it. Returns its release. */
export function lockOutput(out: string): () => void {
  const path = lockPath(out);
  // The output's parent may not exist yet (a first build into a new folder): the build makes it.
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        try {
          if (readFileSync(path, "utf8") === String(process.pid)) rmSync(path, { force: true });
        } catch {
          /* gone already */
        }
      };
      process.on("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = Number(readFileSync(path, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
        throw new Error(`another build (process ${holder}) is writing ${resolve(out)}; wait for it to finish (lock: ${path})`);
      }
      rmSync(path, { force: true }); // stale: its build is gone
    }
  }
  throw new Error(`could not take the build lock ${path}`);
}
