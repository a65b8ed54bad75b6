// Proves the command line's HTML report: `simulate --out` writes <name>.html next to <name>.json and says where, `--lang de` gives the German page and summary, and a bad `--lang` is one line on stderr, exit 1, nothing written.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cli } from '../support/cli.ts';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'reference-4.9-month.yaml');
const root = mkdtempSync(join(tmpdir(), 'peerconomy-report-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('simulate --out writes the HTML report', () => {
  test('English by default, next to the JSON, path printed', async () => {
    const dir = join(root, 'en');
    const result = await cli('simulate', EXAMPLE, '--out', dir);
    assert.equal(result.code, 0, result.err.join('\n'));
    assert.deepEqual(readdirSync(dir).sort(), [
      'reference-4.9-month.html',
      'reference-4.9-month.json',
    ]);
    assert.deepEqual(result.out.slice(0, 2), [
      `report written to ${join(dir, 'reference-4.9-month.json')}`,
      `HTML report written to ${join(dir, 'reference-4.9-month.html')}`,
    ]);
    const lines = result.out.join('\n').split('\n');
    assert.equal(lines[2], 'scenario reference-4.9-month: 1 of 1 periods');
    assert.equal(lines.at(-1), '  every invariant held in every period');
    const html = readFileSync(join(dir, 'reference-4.9-month.html'), 'utf8');
    assert.match(html, /<html lang="en">/);
    assert.match(html, /<title>Scenario report: reference-4\.9-month<\/title>/);
    assert.match(html, /<td data-label="Next factor" class="num">1\.017544<\/td>/);
  });

  test('--lang de gives the German page with German number formats', async () => {
    const dir = join(root, 'de');
    const result = await cli('simulate', EXAMPLE, '--out', dir, '--lang', 'de');
    assert.equal(result.code, 0, result.err.join('\n'));
    const html = readFileSync(join(dir, 'reference-4.9-month.html'), 'utf8');
    assert.match(html, /<html lang="de">/);
    assert.match(html, /<td data-label="Nächster Faktor" class="num">1,017544<\/td>/);
    // The terminal summary follows the language too, numbers in the German format.
    const lines = result.out.join('\n').split('\n');
    assert.ok(lines.includes('Szenario reference-4.9-month: 1 von 1 Perioden'));
    assert.ok(
      lines.includes(
        '  Periode 1: Faktor 1,000000 → 1,017544, Aufgaben 4/4 besetzt (höchstes Gewicht 2,000), ' +
          'Arbeit 58,000 WH, Basis 57,000 WH, im Rückstand 0',
      ),
      result.out.join('\n'),
    );
    assert.equal(lines.at(-1), '  jede Invariante hielt in jeder Periode');
  });

  test('--json keeps stdout pure JSON while both files are written', async () => {
    const dir = join(root, 'json');
    const result = await cli('simulate', EXAMPLE, '--out', dir, '--json');
    assert.equal(result.code, 0);
    assert.equal(JSON.parse(result.out.join('\n')).scenario, 'reference-4.9-month');
    assert.ok(existsSync(join(dir, 'reference-4.9-month.html')));
  });

  test('a bad --lang: one line on stderr, exit 1, nothing written', async () => {
    const dir = join(root, 'bad');
    const result = await cli('simulate', EXAMPLE, '--out', dir, '--lang', 'fr');
    assert.equal(result.code, 1);
    assert.deepEqual(result.out, []);
    assert.deepEqual(result.err, ['peerconomy: --lang must be one of en, de, got "fr"']);
    assert.equal(existsSync(dir), false);
  });
});
