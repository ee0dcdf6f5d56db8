// isInside (src/archive/paths.ts): the one check that a path from content or a URL stays in its folder.
import { strict as assert } from "node:assert";
import { join, resolve, sep } from "node:path";
import { test } from "node:test";
import { isInside } from "../../src/archive/paths.ts";

test("a path is inside a folder when it lies below it, not beside it under a longer name, nor the folder itself", () => {
  const root = resolve("/srv/site");
  assert.equal(isInside(root, join(root, "a", "b.html")), true);
  assert.equal(isInside(root + sep, join(root, "a")), true);
  assert.equal(isInside(root, root), false);
  assert.equal(isInside(root, resolve("/srv/site-evil/a")), false);
  assert.equal(isInside(root, resolve(root, "../etc/passwd")), false);
});
