// Compile each Nunjucks template once per build. Eleventy 3.1 marks Nunjucks as not cacheable (it
// leaves caching to Nunjucks' loader, see its Engines/Nunjucks.js), but a paginated template is
// handed to `new nunjucks.Template(source)` once per page, and a Template compiles its source itself:
// 10,000 articles compiled article.njk 10,000 times, a third of the render's time (a CPU profile of
// `npm run bench`). The compiled form depends only on the source, its path and the compiler's inputs
// from the environment (options, async filters, extensions: compileKey), not on the environment
// itself, which the code is handed when it runs. So it is kept per source and compiler inputs and
// given to every later Template of the same as `tmplProps`, Nunjucks' own way of handing a Template
// precompiled code. It outlives the environment: a build renders in slices, one Eleventy run and one
// environment each, and V8 optimizes a function once, not once per run (kept per environment, the
// templates' functions were compiled again each run: 9.3 s of V8's optimizing compiler in a build of
// 10,000 articles in six runs, 6.6 s once shared, from --trace-opt).

interface NunjucksTemplate {
  tmplStr: string;
  path: string | null;
  tmplProps?: unknown;
  env: NunjucksEnvironment;
  _compile(): void;
}
interface NunjucksEnvironment {
  asyncFilters: string[];
  extensionsList: { tags?: string[]; __name?: string }[];
  opts: object;
}
export interface NunjucksModule {
  Template: { prototype: NunjucksTemplate };
  compiler: { compile(src: string, asyncFilters: string[], extensions: unknown[], path: string | null, opts: object): string };
}

const PATCHED = Symbol.for("gazette.nunjucksCompileOnce");

export function compileNunjucksOnce(nunjucks: NunjucksModule): void {
  const proto = nunjucks.Template.prototype as NunjucksTemplate & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  proto[PATCHED] = true;
  const compiled = new Map<string, unknown>();
  const original = proto._compile;
  proto._compile = function (this: NunjucksTemplate) {
    if (!this.tmplProps) {
      const key = `${compileKey(this.env)}\0${this.path ?? ""}\0${this.tmplStr}`;
      let props = compiled.get(key);
      if (!props) {
        const source = nunjucks.compiler.compile(this.tmplStr, this.env.asyncFilters, this.env.extensionsList, this.path, this.env.opts);
        props = new Function(source)(); // what Nunjucks' own _compile does with the code it generates
        compiled.set(key, props);
      }
      this.tmplProps = props;
    }
    original.call(this);
  };
}

/**
 * What the compiler reads from an environment: its options (throwOnUndefined, trimBlocks, …), its async
 * filters (called with a callback) and its extensions' tags (an extension is called by name when the
 * code runs; its kind, sync or async, follows its name within one configuration).
 */
function compileKey(env: NunjucksEnvironment): string {
  return JSON.stringify([env.opts, env.asyncFilters, env.extensionsList.map((e) => [e.__name ?? null, e.constructor?.name ?? null, e.tags ?? null])]);
}
