// Compiled templates shared across Nunjucks environments (src/site/nunjucks-cache.ts): a build renders in
// slices, one Eleventy run and one environment each, and a template is compiled once for all of them,
// but only for environments whose compiler inputs are the same.
//
// Run: node --import tsx --test tests/unit/nunjucks-cache.test.ts
import { strict as assert } from "node:assert";
import { test } from "node:test";
import nunjucks from "nunjucks";
import { compileNunjucksOnce, type NunjucksModule } from "../../src/site/nunjucks-cache.js";

compileNunjucksOnce(nunjucks as unknown as NunjucksModule);

const SOURCE = "<p>{{ name | mark }}</p>";

function environment(mark: string, opts: nunjucks.ConfigureOptions = {}): nunjucks.Environment {
  const env = new nunjucks.Environment(null, { autoescape: true, ...opts });
  env.addFilter("mark", (s: string) => `${mark}${s}`);
  return env;
}

/** A template as Eleventy makes one for each page: a new Template of the source, compiled at once. */
const template = (env: nunjucks.Environment, source = SOURCE) => new nunjucks.Template(source, env, "page.njk", true);
const propsOf = (t: nunjucks.Template) => (t as unknown as { tmplProps: unknown }).tmplProps;

test("environments with the same compiler inputs share the compiled code, each running it with its own filters", () => {
  const one = template(environment("1:"));
  const two = template(environment("2:"));
  assert.ok(propsOf(one), "the template is compiled");
  assert.equal(propsOf(two), propsOf(one));
  assert.equal(one.render({ name: "<王珂>" }), "<p>1:&lt;王珂&gt;</p>");
  assert.equal(two.render({ name: "<王珂>" }), "<p>2:&lt;王珂&gt;</p>");
});

test("an option the compiler reads gives code of its own", () => {
  const lenient = template(environment("", { throwOnUndefined: false }), "<p>{{ missing }}</p>");
  const strict = template(environment("", { throwOnUndefined: true }), "<p>{{ missing }}</p>");
  assert.notEqual(propsOf(strict), propsOf(lenient));
  assert.equal(lenient.render({}), "<p></p>");
  assert.throws(() => strict.render({}), /undefined|null/);
});

test("an async filter gives code of its own", async () => {
  const source = "<p>{{ name | later }}</p>";
  const syncEnv = environment("");
  syncEnv.addFilter("later", (s: string) => `sync ${s}`);
  const asyncEnv = environment("");
  asyncEnv.addFilter("later", (s: string, done: (e: null, v: string) => void) => done(null, `async ${s}`), true);
  const sync = template(syncEnv, source);
  const async = template(asyncEnv, source);
  assert.notEqual(propsOf(async), propsOf(sync));
  assert.equal(sync.render({ name: "甲" }), "<p>sync 甲</p>");
  const out = await new Promise<string>((ok, fail) => async.render({ name: "甲" }, (e, r) => (e ? fail(e) : ok(r as string))));
  assert.equal(out, "<p>async 甲</p>");
});

test("another source or path is another template", () => {
  const env = environment("");
  const a = template(env);
  assert.notEqual(propsOf(template(env, "<p>{{ name }}</p>")), propsOf(a));
  assert.notEqual(propsOf(new nunjucks.Template(SOURCE, env, "other.njk", true)), propsOf(a));
  assert.equal(propsOf(template(env)), propsOf(a));
});
