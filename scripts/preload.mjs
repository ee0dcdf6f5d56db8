// Imported before tsx's hooks are registered: `node --import ./scripts/preload.mjs --import tsx
// scripts/build.ts` (package.json "build"). Eleventy's few hundred modules are JavaScript and need no
// transform, but through tsx's hooks each import is a round trip to tsx's loader thread: importing
// Eleventy took 1.46–1.68 s with them and 1.01–1.17 s without (about 0.8 s of CPU less), at the start
// of every build, adding a page included. The build's own import then finds Eleventy loaded.
await import("@11ty/eleventy");
