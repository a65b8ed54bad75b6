// Proves that a scenario or inputs file larger than the size limit is refused before it is
// read, in well under a second, and that --max-file-mb sets the limit.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { EXAMPLES } from '../scenario/support.ts';
import { cli } from '../support/cli.ts';

const root = mkdtempSync(join(tmpdir(), 'peerconomy-file-size-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A file of `megabytes` MB of spaces' worth of size (sparse: written in no time). */
function bigFile(name: string, megabytes: number): string {
  const path = join(root, name);
  writeFileSync(path, 'name: big\n');
  truncateSync(path, megabytes * 1024 * 1024);
  return path;
}

describe('the size limit of files read', () => {
  test('a 50 MB scenario file is refused at once under the default 20 MB limit', async () => {
    const file = bigFile('big.yaml', 50);
    for (const argv of [
      ['validate', file],
      ['simulate', file],
      ['pool', 'import', file, '--data-dir', join(root, 'data')],
    ]) {
      const started = performance.now();
      const run = await cli(...argv);
      const ms = performance.now() - started;
      assert.equal(run.code, 1, argv.join(' '));
      assert.deepEqual(run.err, [
        `peerconomy: ${file} is 50.0 MB, more than the limit of 20 MB (raise it with --max-file-mb) (cli.file_too_large)`,
      ]);
      assert.ok(ms < 500, `${argv[0]} took ${ms.toFixed(0)} ms`);
    }
  });

  test('--max-file-mb sets the limit, for inputs files too', async () => {
    const file = bigFile('two.yaml', 2);
    const run = await cli('pool', 'submit', 'village', file, '--max-file-mb', '1');
    assert.equal(run.code, 1);
    assert.match(run.err[0]!, /is 2\.0 MB, more than the limit of 1 MB/);
    const small = await cli(
      'validate',
      join(EXAMPLES, 'reference-4.9-month.yaml'),
      '--max-file-mb',
      '1',
    );
    assert.equal(small.code, 0, small.err.join('\n'));
    const bad = await cli('validate', file, '--max-file-mb', 'lots');
    assert.equal(bad.code, 1);
    assert.match(bad.err[0]!, /--max-file-mb must be a positive whole number/);
  });
});
