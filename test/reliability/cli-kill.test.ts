// Proves that SIGKILLing `db migrate`, `db backup` and `db restore` at random moments of their
// work never leaves a data directory stuck: after each kill it works (migrates again, verifies,
// restores) or says clearly what is wrong, a backup file is complete or absent, and a restore is
// whole or empty. Five kills per command here, the suite's short version (PEERCONOMY_KILLS=N for
// another number; each kill is a process start); bench/crash runs the long loop.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXAMPLES } from '../scenario/support.ts';
import { cli } from '../support/cli.ts';
import { type KilledCommand, killLoop } from './cli-kill-loop.ts';

const KILLS_PER_COMMAND = Number(process.env.PEERCONOMY_KILLS ?? 5);

const root = mkdtempSync(join(tmpdir(), 'peerconomy-kill-'));
after(() => rmSync(root, { recursive: true, force: true }));
const source = join(root, 'source');
const reference = join(root, 'reference.jsonl');

before(async () => {
  const file = join(EXAMPLES, 'reference-4.4-task-auctions.yaml');
  assert.equal((await cli('pool', 'import', file, '--data-dir', source)).code, 0);
  assert.equal((await cli('db', 'backup', reference, '--data-dir', source)).code, 0);
});

describe('SIGKILL during db migrate, db backup and db restore (SQLite)', () => {
  const commands: readonly KilledCommand[] = ['migrate', 'backup', 'restore'];
  for (const [index, command] of commands.entries()) {
    test(`db ${command}, killed ${KILLS_PER_COMMAND} times at random moments`, async (t) => {
      const report = await killLoop({
        command,
        kills: KILLS_PER_COMMAND,
        seed: 1301 + index,
        root,
        source,
        reference,
        note: (message) => t.diagnostic(message),
      });
      assert.equal(report.killed + report.finished, KILLS_PER_COMMAND);
      assert.ok(report.killed > 0, 'no run was killed: the window misses the work');
    });
  }
});
