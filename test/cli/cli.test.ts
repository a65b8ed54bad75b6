// Proves the command line end to end on real SQLite data directories: migrate, verify what the
// ledger use cases wrote, back up and restore into a fresh directory with identical contents,
// that bad input gets one line on stderr, a non-zero exit code, and writes nothing, and that
// without arguments it serves the neighbourhood demo community (imported on first start only).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { createLedgerService } from '../../src/app/ledger/ledger-service.ts';
import { type AccountId, asId, type PoolId, type TransferId } from '../../src/core/ids.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { cli } from '../support/cli.ts';
import { serving, signInStatus } from '../support/serving.ts';

const root = mkdtempSync(join(tmpdir(), 'peerconomy-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));

const POOL = asId<'Pool'>('garden') as PoolId;
const acc = (id: string) => asId<'Account'>(id) as AccountId;

/** A data directory with one pool: two people and a project, a few transfers, one pending. */
async function seed(dataDir: string): Promise<void> {
  const database = openDatabase({ dataDir });
  try {
    await migrateToLatest(database.db as Kysely<unknown>);
    const ledger = createLedgerService(database.ledgerStore);
    const opened = await ledger.openAccounts(
      POOL,
      ['ida', 'jon', 'beds'].map((id) => ({
        id: acc(id),
        poolId: POOL,
        unit: 'effort' as const,
        kind: id === 'beds' ? ('project' as const) : ('person' as const),
        ownerId: id,
        bound:
          id === 'beds'
            ? { kind: 'unbounded' as const }
            : { kind: 'debitAllowance' as const, allowance: 40_000 },
      })),
    );
    assert.ok(opened.ok);
    const posted = await ledger.createTransfers(POOL, [
      {
        id: asId<'Transfer'>('w1') as TransferId,
        debitAccountId: acc('beds'),
        creditAccountId: acc('ida'),
        amount: 4_500,
        unit: 'effort',
        code: 'work.credit',
      },
      {
        id: asId<'Transfer'>('t1') as TransferId,
        debitAccountId: acc('jon'),
        creditAccountId: acc('beds'),
        amount: 2_000,
        unit: 'effort',
        code: 'take.goods',
        pending: true,
      },
    ]);
    assert.ok(posted.ok);
  } finally {
    await database.close();
  }
}

describe('peerconomy db', () => {
  const source = join(root, 'source');
  before(() => seed(source));

  test('migrate reports the schema and is idempotent', async () => {
    const first = await cli('db', 'migrate', '--data-dir', join(root, 'fresh'));
    assert.equal(first.code, 0);
    assert.match(
      first.out[0]!,
      /schema 0011-account-first-transfer-indexes; applied 0001-ledger, 0002-economy, 0003-checkpoints, 0004-accounts, 0005-calendar-feeds, 0006-account-language, 0007-input-indexes, 0008-security-events, 0009-second-factor, 0010-checkpoint-rotation, 0011-account-first-transfer-indexes/,
    );
    const again = await cli('db', 'migrate', '--data-dir', join(root, 'fresh'));
    assert.match(again.out[0]!, /applied nothing \(up to date\)/);
  });

  test('verify prints what it checked and passes on intact data', async () => {
    const result = await cli('db', 'verify', '--data-dir', source);
    assert.equal(result.code, 0, result.err.join('\n'));
    assert.match(result.out[0]!, /checked 1 pool: hash chains/);
    assert.match(
      result.out[1]!,
      /^garden: 3 accounts, 2 transfers, 2 journal entries, effort Σ 0\.000, head [0-9a-f]{16}: ok$/,
    );
  });

  test('backup and restore give a directory that verifies and backs up byte for byte the same', async () => {
    const backup = join(root, 'garden.jsonl');
    const written = await cli('db', 'backup', backup, '--data-dir', source);
    assert.equal(written.code, 0, written.err.join('\n'));
    assert.match(
      written.out[0]!,
      /3 ledger_accounts, 2 ledger_transfers, 1 ledger_journal_heads, 2 ledger_journal/,
    );

    const target = join(root, 'restored');
    const restored = await cli('db', 'restore', backup, '--data-dir', target);
    assert.equal(restored.code, 0, restored.err.join('\n'));
    assert.match(restored.out.at(-1)!, /: restored 3 ledger_accounts, .*, verified$/);

    const again = join(root, 'again.jsonl');
    assert.equal((await cli('db', 'backup', again, '--data-dir', target)).code, 0);
    assert.equal(readFileSync(again, 'utf8'), readFileSync(backup, 'utf8'));
  });

  test('restore refuses a database that holds data, and a malformed file, writing nothing', async () => {
    const backup = join(root, 'twice.jsonl');
    assert.equal((await cli('db', 'backup', backup, '--data-dir', source)).code, 0);
    const intoFull = await cli('db', 'restore', backup, '--data-dir', source);
    assert.equal(intoFull.code, 1);
    assert.deepEqual(intoFull.err, [
      `peerconomy: ${backup}: the database already holds ledger data or pools; restore needs an empty one (backup.target_not_empty)`,
    ]);

    const broken = join(root, 'broken.jsonl');
    const lines = readFileSync(backup, 'utf8').trimEnd().split('\n');
    writeFileSync(broken, `${lines.slice(0, 3).join('\n')}\n{not json\n${lines[3]}\n`);
    const target = join(root, 'never');
    const refused = await cli('db', 'restore', broken, '--data-dir', target);
    assert.equal(refused.code, 1);
    assert.equal(refused.err.length, 1);
    assert.match(refused.err[0]!, /line 4 is not JSON \(backup\.malformed\)/);
    const verify = await cli('db', 'verify', '--data-dir', target);
    assert.match(verify.out[0]!, /checked 0 pools/);
  });

  test('verify fails with a non-zero exit code when stored data was tampered with', async () => {
    const target = join(root, 'tampered');
    await seed(target);
    const database = openDatabase({ dataDir: target });
    await database.db
      .updateTable('ledger_transfers')
      .set({ amount: 9_999 })
      .where('id', '=', 'w1')
      .execute();
    await database.close();
    const result = await cli('db', 'verify', '--data-dir', target);
    assert.equal(result.code, 1);
    assert.match(
      result.out[1]!,
      /BROKEN \(hash at entry 0, transfer w1: hash does not match the entry content\)/,
    );
    assert.deepEqual(result.err, ['peerconomy: 1 pool failed verification']);
  });

  test('a data directory in use by another process is refused with one line', async () => {
    const dir = join(root, 'locked');
    const holder = openDatabase({ dataDir: dir });
    try {
      const result = await cli('db', 'migrate', '--data-dir', dir);
      assert.equal(result.code, 1);
      assert.equal(result.err.length, 1);
      assert.match(
        result.err[0]!,
        /^peerconomy: data directory is in use by another process .*\(storage\.data_dir_locked\)$/,
      );
    } finally {
      await holder.close();
    }
  });
});

describe('the peerconomy executable', () => {
  const bin = resolve(import.meta.dirname, '../../bin/peerconomy.mjs');

  test('runs the self-check and exits 0', () => {
    const run = spawnSync(process.execPath, [bin, 'self-check'], { encoding: 'utf8', cwd: root });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /All checks hold\./);
  });

  test('without arguments it serves the neighbourhood as a demo community, imported once', {
    timeout: 300_000,
  }, async () => {
    const cwd = join(root, 'main-job');
    mkdirSync(cwd);
    const ready = { waitFor: /sign in as steward/, cwd };
    const first = await serving([], ready, async (url) => {
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
      for (const login of ['member', 'maintainer', 'coordinator', 'steward']) {
        assert.equal(await signInStatus(url, login, 'peerconomy-demo'), 200, login);
      }
      const pool = await fetch(`${url}/api/v1/pools/riverside-pool`);
      assert.equal(pool.status, 200, 'the demo opens its books to the public');
      const status = (await pool.json()) as { periods: { stage: string }[] };
      assert.equal(status.periods.filter((p) => p.stage === 'closed').length, 12);
    });
    assert.equal(first.code, 0, first.out);
    assert.match(first.out, /^importing neighbourhood through the period cycle/m);
    assert.match(first.out, /^ {2}period 12 of 12 closed$/m);
    assert.match(first.out, / at http:\/\/127\.0\.0\.1:\d+\/ /);
    assert.match(first.out, /data\/peerconomy\.sqlite/, 'the default data directory');
    for (const line of [
      /member a001$/m,
      /maintainer a079 of time-bank$/m,
      /coordinator/,
      /steward/,
    ])
      assert.match(first.out, line);
    // A second start finds the community imported: nothing imported again, the same sign-ins.
    const second = await serving([], ready, async (url) => {
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
      assert.equal(await signInStatus(url, 'member', 'peerconomy-demo'), 200);
    });
    assert.equal(second.code, 0, second.out);
    assert.doesNotMatch(second.out, /importing/);
    const status = spawnSync(process.execPath, [bin, 'pool', 'status', 'riverside-pool'], {
      encoding: 'utf8',
      cwd,
    });
    // The file's twelve months are closed and the next one is open for bidding.
    assert.match(status.stdout, /^riverside-pool: period 13 is bidding; \d+ inputs$/m);
    assert.match(status.stdout, /^ {2}period 12: closed, head [0-9a-f]{16}$/m);
  });

  test('an unknown command prints one line on stderr and exits non-zero', () => {
    const run = spawnSync(process.execPath, [bin, 'frobnicate'], { encoding: 'utf8', cwd: root });
    assert.equal(run.status, 2);
    assert.equal(run.stderr.trim().split('\n').length, 1);
    assert.match(run.stderr, /unknown command 'frobnicate'/);
  });
});
