// Property test of the source view's rows (sourceRows, src/site/filters.ts): on random lines, with
// every character autoescape handles, the filter writes exactly what a Nunjucks loop writes with the
// site's environment options (autoescape, trimBlocks, lstripBlocks). So the escaping of page text in
// the source views is Nunjucks' own.
//
// Run: node --import tsx --test tests/property/*.test.ts
import { strict as assert } from "node:assert";
import { test } from "node:test";
import fc from "fast-check";
// Eleventy's own template engine (its dependency), the one that renders the site.
import nunjucks from "nunjucks";
import type { SourceLine } from "../../src/archive/types.js";
import { escapeHtml, sourceRows } from "../../src/site/filters.js";

const SEED = Number(process.env.PROPERTY_SEED ?? 20230112);

/** The rows as a loop of layouts/pages/source.njk would write them (the loop the filter replaced, with the labels of runs). */
const LOOP = `<ol class="source-lines">
{% for l in lines -%}
<li id="L{{ l.no }}"{% if l.label %} data-article="{{ l.article or "" }}"{% endif %}>
{%- if l.anchor %}<span class="anchor" id="{{ l.anchor }}"></span>{% endif -%}
{%- if l.label %}<small>{{ l.role }}</small>{% endif -%}
{{ l.text }}</li>
{% endfor -%}
</ol>`;

const env = new nunjucks.Environment(null, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });

/** Text with the characters HTML and Nunjucks' escaping care about, among CJK and ASCII. */
const text = fc.string({ unit: fc.constantFrom("&", "<", ">", '"', "'", "\\", "/", "=", " ", "\t", "字", "报", "a", "1", "\u202e", "\u2069", "😀") });

const lines = fc.array(
  fc.record({ text, role: fc.oneof(fc.constant(""), fc.constantFrom("headline", "paragraph", "unassigned caption"), text), article: fc.option(text, { nil: null }), anchor: fc.option(text, { nil: null }), label: fc.boolean() }),
  { maxLength: 12 },
).map((ls): SourceLine[] => ls.map((l, i) => ({ no: i + 1, ...l })));

test("sourceRows writes what the Nunjucks loop wrote", () => {
  fc.assert(
    fc.property(lines, (ls) => {
      assert.equal(`<ol class="source-lines">\n${sourceRows(ls)}</ol>`, env.renderString(LOOP, { lines: ls }));
    }),
    { seed: SEED, numRuns: 300 },
  );
});

test("escapeHtml escapes as autoescape does", () => {
  fc.assert(
    fc.property(text, (s) => {
      assert.equal(escapeHtml(s), env.renderString("{{ s }}", { s }));
    }),
    { seed: SEED, numRuns: 300 },
  );
  assert.equal(escapeHtml(`<a href="x">'&\\`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#92;");
});
