// Proves that the report files of `simulate --out` stay inside the chosen folder whatever the
// scenario's name holds (their names come from a sanitised name or --name), and that the
// report's title shows bidirectional overrides neutralised.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { EXAMPLES } from '../scenario/support.ts';
import { cli } from '../support/cli.ts';

const root = mkdtempSync(join(tmpdir(), 'peerconomy-report-name-'));
after(() => rmSync(root, { recursive: true, force: true }));
const monthText = readFileSync(join(EXAMPLES, 'reference-4.9-month.yaml'), 'utf8');

function scenarioNamed(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'f.yaml');
  writeFileSync(
    file,
    monthText.replace('name: reference-4.9-month', `name: ${JSON.stringify(name)}`),
  );
  return file;
}

describe('report file names', () => {
  for (const name of [
    '../escaped',
    '..\\\\escaped',
    '/etc/escaped',
    '..',
    'a/../../b',
    'bell\u0007',
    'x\u202Egnp.html',
  ]) {
    test(`a scenario named ${JSON.stringify(name)} writes inside --out only`, async () => {
      const dir = join(root, `case-${encodeURIComponent(name)}`);
      const file = scenarioNamed(dir, name);
      const out = join(dir, 'out', 'sub');
      const run = await cli('simulate', file, '--out', out);
      assert.equal(run.code, 0, run.err.join('\n'));
      assert.deepEqual(readdirSync(join(dir, 'out')), ['sub'], 'nothing next to the folder');
      const written = readdirSync(out).sort();
      assert.equal(written.length, 2, written.join(', '));
      for (const written1 of written)
        assert.match(written1, /^[A-Za-z0-9][A-Za-z0-9._-]*\.(html|json)$/);
    });
  }

  test('--name chooses the file names; a name that could leave the folder is refused', async () => {
    const dir = join(root, 'with-name');
    const file = scenarioNamed(dir, 'month');
    const out = join(dir, 'out');
    const named = await cli('simulate', file, '--out', out, '--name', 'april');
    assert.equal(named.code, 0, named.err.join('\n'));
    assert.deepEqual(readdirSync(out).sort(), ['april.html', 'april.json']);
    for (const bad of ['../x', 'a/b', 'a\\b', '..', '.hidden', 'x\u202E', '']) {
      const refused = await cli('simulate', file, '--out', out, '--name', bad);
      assert.equal(refused.code, 1, bad);
      assert.match(refused.err[0]!, /--name must be/);
    }
  });

  test('the title shows bidirectional overrides neutralised', async () => {
    const dir = join(root, 'bidi');
    const file = scenarioNamed(dir, 'evil\u202Elmth.exe\u2066x\u2069');
    const out = join(dir, 'out');
    assert.equal((await cli('simulate', file, '--out', out)).code, 0);
    const [html] = readdirSync(out).filter((f) => f.endsWith('.html'));
    const page = readFileSync(join(out, html!), 'utf8');
    assert.doesNotMatch(page, /[\u202A-\u202E\u2066-\u2069]/);
    assert.match(
      page,
      /<title>Scenario report: evil\[U\+202E\]lmth\.exe\[U\+2066\]x\[U\+2069\]<\/title>/,
    );
  });
});
