// What the host did to a benchmark's run: the time it stole from this virtual machine's cores.
import { readFileSync } from "node:fs";

/** Linux's clock ticks a second (USER_HZ), the unit of /proc/stat and /proc/<pid>/stat's CPU times: 100 on every architecture Node runs on. */
export const CLOCK_TICKS = 100;

/**
 * The machine's stolen time (ms, all cores together), from /proc/stat: time this virtual machine's
 * cores were ready to run and the host ran something else. A run with much of it was a slow hour of a
 * shared host, not slow code. 0 where there is no /proc/stat.
 */
export function stealMs(): number {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
    return ((Number(fields[8]) || 0) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
