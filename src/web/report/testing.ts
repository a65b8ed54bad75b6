// Helpers for the HTML report's tests: reading a table of the rendered page.
import assert from 'node:assert/strict';

/** The cells of the row whose first cell (a row header) is `first`, in the table captioned
 *  `caption`; fails the test when the table or the row is not there. */
export function rowOf(html: string, caption: string, first: string): string[] {
  const start = html.indexOf(`<caption>${caption}</caption>`);
  assert.ok(start >= 0, `table "${caption}"`);
  const table = html.slice(start, html.indexOf('</table>', start));
  const row = table
    .split('\n')
    .find((line) => /^<tr><th scope="row"[^>]*>([^<]*)<\/th>/.exec(line)?.[1] === first);
  assert.ok(row !== undefined, `row "${first}" in "${caption}"`);
  return [...row.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => m[1]!);
}
