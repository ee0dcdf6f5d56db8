// Property test of the faster Frame.set (src/site/nunjucks-frame.ts): on chains of frames, random
// writes (plain, dotted and deeper names, with and without resolveUp, over values already there) leave
// every frame's variables as Nunjucks' own Frame.set leaves them, and fail where it fails.
//
// Run: node --import tsx --test tests/property/*.test.ts
import { strict as assert } from "node:assert";
import { test } from "node:test";
import fc from "fast-check";
import nunjucks from "nunjucks";
import { fastFrameSet } from "../../src/site/nunjucks-frame.js";

const SEED = Number(process.env.PROPERTY_SEED ?? 20230112);

interface Frame {
  variables: Record<string, unknown>;
  set(name: string, val: unknown, resolveUp?: boolean): void;
}
type FrameClass = new (parent?: Frame, isolateWrites?: boolean) => Frame;
const Original = (nunjucks as unknown as { runtime: { Frame: FrameClass } }).runtime.Frame;
// The patch on a subclass: Nunjucks' own Frame keeps its set, for the reference.
class Patched extends Original {}
fastFrameSet({ runtime: { Frame: Patched } } as never);

const NAMES = ["a", "b", "loop", "loop.index", "loop.first", "a.b", "a.b.c", "x.y", ".q", "r.", "t"];
const op = fc.record({ at: fc.integer({ min: 0, max: 2 }), name: fc.constantFrom(...NAMES), val: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(null), fc.constant("s")), resolveUp: fc.boolean() });

/** Root, middle (writes isolated or not) and leaf frames of one class. */
function chain(F: FrameClass, isolate: boolean): Frame[] {
  const root = new F();
  const mid = new F(root, isolate);
  return [root, mid, new F(mid)];
}

const state = (frames: Frame[]) => JSON.stringify(frames.map((f) => f.variables));

test("the faster Frame.set writes what Nunjucks' own writes", () => {
  assert.ok(Object.hasOwn(Patched.prototype, "set"), "patched");
  fc.assert(
    fc.property(fc.boolean(), fc.array(op, { maxLength: 30 }), (isolate, ops) => {
      const want = chain(Original, isolate);
      const got = chain(Patched, isolate);
      for (const { at, name, val, resolveUp } of ops) {
        let wantError: unknown = null;
        let gotError: unknown = null;
        try {
          want[at]!.set(name, val, resolveUp);
        } catch (e) {
          wantError = e;
        }
        try {
          got[at]!.set(name, val, resolveUp);
        } catch (e) {
          gotError = e;
        }
        assert.equal(gotError?.constructor, wantError?.constructor, `${name} ${resolveUp}`);
        assert.equal(state(got), state(want), `${name} ${resolveUp}`);
      }
    }),
    { seed: SEED, numRuns: 500 },
  );
});
