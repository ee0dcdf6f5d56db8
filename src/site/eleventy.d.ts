// Eleventy 3 ships no type declarations for its programmatic API; this is the part Gazette uses.
declare module "@11ty/eleventy" {
  export class Eleventy {
    constructor(input?: string, output?: string, options?: { configPath?: string; quietMode?: boolean; runMode?: "build" | "watch" | "serve" });
    write(): Promise<unknown>;
  }
}
