// Proves that the command line's messages say what happened in plain English: articles and
// plurals, a changed file imported again, a step taken twice; and that `pool create` takes a
// file without periods.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { EXAMPLES } from '../scenario/support.ts';
import { cli } from '../support/cli.ts';

const root = mkdtempSync(join(tmpdir(), 'peerconomy-messages-'));
after(() => rmSync(root, { recursive: true, force: true }));
const MONTH = join(EXAMPLES, 'reference-4.9-month.yaml');
const monthText = readFileSync(MONTH, 'utf8');

function writeFile(name: string, text: string): string {
  const path = join(root, name);
  writeFileSync(path, text);
  return path;
}

describe('messages', () => {
  test('an object is "an object"', async () => {
    const file = writeFile('pool-number.yaml', monthText.replace(/^pool:\n/m, 'pool: 5\nold:\n'));
    const run = await cli('validate', file);
    assert.equal(run.code, 1);
    assert.match(run.err[0]!, /pool: must be an object/);
  });

  test('one period is "1 period", in the report and when explaining', async () => {
    const out = join(root, 'report');
    const run = await cli('simulate', MONTH, '--out', out);
    assert.equal(run.code, 0, run.err.join('\n'));
    const html = readFileSync(join(out, 'reference-4.9-month.html'), 'utf8');
    assert.match(html, /seed 49, 1 period run\./);
    const explained = await cli('explain', MONTH, '--period', '3', '--person', 'ana');
    assert.equal(explained.code, 1);
    assert.match(explained.err[0]!, /period 3 was not run \(the run has 1 period\)/);
  });

  test('a changed file imported again is told to use pool submit', async () => {
    const dataDir = join(root, 'reimport');
    assert.equal((await cli('pool', 'import', MONTH, '--data-dir', dataDir)).code, 0);
    const changed = writeFile('changed.yaml', monthText.replace('seed: 49', 'seed: 50'));
    const run = await cli('pool', 'import', changed, '--data-dir', dataDir);
    assert.equal(run.code, 1);
    assert.deepEqual(run.err, [
      'peerconomy: pool village already exists with other inputs; use pool submit to give it new ones (economy.pool_exists)',
    ]);
  });

  test('a step already taken says so, also when asked again', async () => {
    const dataDir = join(root, 'step-twice');
    assert.equal((await cli('pool', 'create', MONTH, '--data-dir', dataDir)).code, 0);
    const step = () =>
      cli('pool', 'step', 'village', '--period', '1', '--stage', 'planning', '--data-dir', dataDir);
    assert.deepEqual((await step()).out, ['village: period 1 is now planning']);
    assert.deepEqual((await step()).out, ['village: period 1 was already planning']);
  });

  test('pool create takes a file without periods', async () => {
    const withoutPeriods = writeFile(
      'no-periods.yaml',
      monthText.slice(0, monthText.indexOf('\nperiods:\n') + 1),
    );
    const run = await cli('pool', 'create', withoutPeriods, '--data-dir', join(root, 'create'));
    assert.equal(run.code, 0, run.err.join('\n'));
    assert.match(run.out[0]!, /pool village created with \d+ standing inputs/);
  });
});
