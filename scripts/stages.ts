// Stage markers for the benchmark (scripts/bench.ts): with GAZETTE_STAGES=1 the build writes one line
// `@@stage <name> <epoch ms>` to stderr as each stage starts (parse, images, site data, render plan,
// render, index, swap, done), so that the benchmark can time each stage and attribute its memory
// samples. Silent otherwise.
export function stage(name: string): void {
  if (process.env.GAZETTE_STAGES === "1") process.stderr.write(`@@stage ${name} ${Date.now()}\n`);
}

/**
 * An event within a stage, for the benchmark and the tests: `@@event <name> <detail> <epoch ms>` on
 * stderr with GAZETTE_STAGES=1: each Eleventy run's end (slice-rendered), and the search index's shards
 * (shard-ready, shard-start, shard-end).
 */
export function event(name: string, detail: string): void {
  if (process.env.GAZETTE_STAGES === "1") process.stderr.write(`@@event ${name} ${detail} ${Date.now()}\n`);
}
