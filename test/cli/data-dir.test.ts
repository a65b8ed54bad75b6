// Proves that a data directory the command cannot use (a read-only one, or a path that is a
// file) is refused with one line naming a stable code and a non-zero exit, never a stack trace.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { cli } from '../support/cli.ts';

const root = mkdtempSync(join(tmpdir(), 'peerconomy-data-dir-'));
after(() => rmSync(root, { recursive: true, force: true }));
const BIN = resolve(import.meta.dirname, '../../bin/peerconomy.mjs');
const EXAMPLE = resolve(import.meta.dirname, '../../examples/reference-4.9-month.yaml');
/** Root may write anywhere; a read-only directory is read-only for an ordinary user only. */
const NOBODY = 65_534;
const asRoot = process.getuid?.() === 0;

/** Runs the executable as a user who may not write `dir` (nobody when run as root). */
function runWithoutWriteAccess(dir: string, ...argv: string[]) {
  chmodSync(root, 0o755);
  if (!asRoot) {
    for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o444);
    chmodSync(dir, 0o555);
  }
  const run = spawnSync(process.execPath, [BIN, ...argv, '--data-dir', dir], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  if (!asRoot) chmodSync(dir, 0o755);
  return { code: run.status, err: run.stderr.trimEnd().split('\n').filter(Boolean) };
}

describe('a data directory that cannot be used', () => {
  test('--data-dir naming a file is refused with one line', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a directory\n');
    for (const argv of [
      ['db', 'migrate'],
      ['pool', 'status', 'x'],
      ['db', 'verify'],
    ]) {
      const run = await cli(...argv, '--data-dir', file);
      assert.equal(run.code, 1, argv.join(' '));
      assert.deepEqual(run.err.length, 1);
      assert.match(run.err[0]!, /is not a directory.*\(storage\.data_dir_not_a_directory\)$/);
    }
  });

  test('a path under a file is refused with one line', async () => {
    const file = join(root, 'another-file');
    writeFileSync(file, 'not a directory\n');
    const run = await cli('db', 'migrate', '--data-dir', join(file, 'data'));
    assert.equal(run.code, 1);
    assert.match(run.err[0]!, /\(storage\.data_dir_not_a_directory\)$/);
  });

  test('a read-only data directory is refused with one line, by reading commands too', async () => {
    const dir = join(root, 'read-only');
    mkdirSync(dir);
    const imported = await cli('pool', 'import', EXAMPLE, '--data-dir', dir);
    assert.equal(imported.code, 0, imported.err.join('\n'));
    for (const argv of [
      ['pool', 'status', 'village'],
      ['db', 'verify'],
      ['db', 'migrate'],
    ]) {
      const run = runWithoutWriteAccess(dir, ...argv);
      assert.equal(run.code, 1, `${argv.join(' ')}: ${run.err.join('\n')}`);
      assert.equal(run.err.length, 1, run.err.join('\n'));
      assert.match(run.err[0]!, /read-only.*\(storage\.data_dir_read_only\)$/);
    }
  });

  test('an empty read-only data directory is refused with one line', () => {
    const dir = join(root, 'read-only-empty');
    mkdirSync(dir);
    const run = runWithoutWriteAccess(dir, 'pool', 'status', 'x');
    assert.equal(run.code, 1);
    assert.deepEqual(run.err.length, 1, run.err.join('\n'));
    assert.match(run.err[0]!, /\(storage\.data_dir_read_only\)$/);
  });
});
