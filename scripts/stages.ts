// Stage markers for the benchmark (scripts/bench.ts): with GAZETTE_STAGES=1 the build writes one line
// `@@stage <name> <epoch ms>` to stderr as each stage starts (parse, images, site data, render plan,
// render, index, swap, done), so that the benchmark can time each stage and attribute its memory
// samples. Silent otherwise.
export function stage(name: string): void {
  if (process.env.GAZETTE_STAGES === "1") process.stderr.write(`@@stage ${name} ${Date.now()}\n`);
}
