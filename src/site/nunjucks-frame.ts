// A faster Frame.set for Nunjucks, the same writes. Every `{% set %}`, every macro argument and, in a
// `{% for %}`, the loop variable and seven `loop.*` values per pass go through Frame.set, which splits
// the name on "." each time to allow dotted names: some 5 million calls in a 10,000-article render, 1.2 s
// of its main thread (a CPU profile of a full build), the most of any function. The names are the
// templates' own, so their parts are kept per name, and the two cases that make nearly every call (a
// plain name, and a name of two parts written in place, `loop.index`) write directly; any other goes to
// Nunjucks' own code. tests/property/nunjucks-frame.property.test.ts checks the writes against the
// original's.

interface Frame {
  variables: Record<string, unknown>;
  resolve(name: string, forWrite?: boolean): Frame | undefined;
  set(name: string, val: unknown, resolveUp?: boolean): void;
}
export interface NunjucksRuntime {
  runtime: { Frame: { prototype: Frame } };
}

const PATCHED = Symbol.for("gazette.nunjucksFastFrameSet");

export function fastFrameSet(nunjucks: NunjucksRuntime): void {
  const proto = nunjucks.runtime.Frame.prototype as Frame & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  proto[PATCHED] = true;
  const original = proto.set;
  const partsOf = new Map<string, string[]>();
  proto.set = function (this: Frame, name: string, val: unknown, resolveUp?: boolean) {
    let parts = partsOf.get(name);
    if (!parts) partsOf.set(name, (parts = name.split(".")));
    if (parts.length === 1) {
      // Nunjucks: the frame that has the name already (resolveUp), else this one.
      const frame = (resolveUp && this.resolve(name, true)) || this;
      frame.variables[name] = val;
      return;
    }
    if (parts.length === 2 && !resolveUp) {
      const head = parts[0]!;
      const obj = (this.variables[head] || (this.variables[head] = {})) as Record<string, unknown>;
      obj[parts[1]!] = val;
      return;
    }
    original.call(this, name, val, resolveUp);
  };
}
