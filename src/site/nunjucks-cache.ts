// Compile each Nunjucks template once per build. Eleventy 3.1 marks Nunjucks as not cacheable (it
// leaves caching to Nunjucks' loader, see its Engines/Nunjucks.js), but a paginated template is
// handed to `new nunjucks.Template(source)` once per page, and a Template compiles its source itself:
// 10,000 articles compiled article.njk 10,000 times, a third of the render's time (a CPU profile of
// `npm run bench`). The compiled form depends only on the source, its path and the environment's
// options and extensions, so it is kept per environment and given to every later Template of the same
// source as `tmplProps`, Nunjucks' own way of handing a Template precompiled code.

interface NunjucksTemplate {
  tmplStr: string;
  path: string | null;
  tmplProps?: unknown;
  env: NunjucksEnvironment;
  _compile(): void;
}
interface NunjucksEnvironment {
  asyncFilters: string[];
  extensionsList: unknown[];
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
  const compiled = new WeakMap<NunjucksEnvironment, Map<string, unknown>>();
  const original = proto._compile;
  proto._compile = function (this: NunjucksTemplate) {
    if (!this.tmplProps) {
      const perEnv = compiled.get(this.env) ?? compiled.set(this.env, new Map()).get(this.env)!;
      const key = `${this.path ?? ""}\0${this.tmplStr}`;
      let props = perEnv.get(key);
      if (!props) {
        const source = nunjucks.compiler.compile(this.tmplStr, this.env.asyncFilters, this.env.extensionsList, this.path, this.env.opts);
        props = new Function(source)(); // what Nunjucks' own _compile does with the code it generates
        perEnv.set(key, props);
      }
      this.tmplProps = props;
    }
    original.call(this);
  };
}
