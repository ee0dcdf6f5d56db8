// Eleventy configuration (run through tsx: `eleventy --config=.eleventy.ts`). Thin by design: the
// archive is built in src/archive and src/site; this file only wires directories, plugins and filters.
export default function (_eleventyConfig: unknown) {
  return {
    dir: { input: "content", includes: "../layouts", layouts: "../layouts", output: "_site" },
  };
}
