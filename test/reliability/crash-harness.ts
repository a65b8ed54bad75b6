// The parent side of the crash tests: start a worker process, SIGKILL it at a seeded point,
// then check what the database holds against what the worker acknowledged and requested.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { createLedgerService } from '../../src/app/ledger/ledger-service.ts';
import { acquireDataDirLock, LOCK_FILE_NAME } from '../../src/storage/data-dir-lock.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import type { Database } from '../../src/storage/schema.ts';
import type { WorkerConfig } from './crash-worker.ts';
import { CRASH_POOL, type CrashWorkload, crashWorkload } from './crash-workload.ts';
import { superviseWorker } from './worker-process.ts';

const WORKER = './crash-worker.ts';

/** When to kill: after the n-th acknowledgement of this run, or some ms after `begin <op>`. */
export type KillPlan =
  | { readonly afterAcks: number }
  | { readonly atBegin: string; readonly delayMs: number }
  | undefined;

export interface WorkerRun {
  readonly pid: number;
  readonly killed: boolean;
  readonly finished: boolean;
  /** Transfer ids acknowledged in this run (including replays of stored ones). */
  readonly acked: readonly string[];
  /** From `done <n>`: transfers this run found already stored. */
  readonly duplicates: number | undefined;
  readonly stderr: string;
}

export async function runWorker(config: WorkerConfig, plan: KillPlan): Promise<WorkerRun> {
  const acked: string[] = [];
  let ackCalls = 0;
  let duplicates: number | undefined;
  // A worker to be killed keeps an open stdin, so it cannot finish before the kill lands.
  const exit = await superviseWorker(WORKER, config, {
    holdStdin: plan !== undefined,
    onLine: (line, kill) => {
      const [word, name, ...ids] = line.split(' ');
      if (word === 'ack') {
        acked.push(...ids);
        ackCalls += 1;
        if (plan && 'afterAcks' in plan && ackCalls === plan.afterAcks) kill();
      } else if (word === 'begin' && plan && 'atBegin' in plan && name === plan.atBegin) {
        setTimeout(kill, plan.delayMs);
      } else if (word === 'done') {
        duplicates = Number(name);
      }
    },
  });
  return {
    pid: exit.pid,
    killed: exit.killed,
    finished: exit.code === 0 && duplicates !== undefined,
    acked,
    duplicates,
    stderr: exit.stderr,
  };
}

export interface StoredState {
  /** Stored transfer ids of the crash pool, in journal order. */
  readonly ids: readonly string[];
}

/**
 * Opens the database as a fresh process would (for SQLite: taking over the dead worker's lock),
 * and checks: every acknowledged transfer is stored; every stored one is a request of the
 * workload with exactly its content, created exactly once in the journal; `verify()` is clean;
 * every balance equals the sum of the stored requests. Returns the stored ids in journal order.
 */
export async function checkStored(
  target: { readonly dataDir?: string; readonly databaseUrl?: string },
  workload: CrashWorkload,
  acked: ReadonlySet<string>,
): Promise<StoredState> {
  const database = openDatabase({
    dataDir: target.dataDir ?? '',
    ...(target.databaseUrl ? { databaseUrl: target.databaseUrl } : {}),
  });
  try {
    const db = database.db as Kysely<Database>;
    const requests = new Map(
      workload.operations.flatMap((op) => op.requests.map((r) => [r.id as string, r] as const)),
    );
    const transfers = await db
      .selectFrom('ledger_transfers')
      .select(['id', 'debit_account_id', 'credit_account_id', 'amount', 'state'])
      .where('pool_id', '=', CRASH_POOL)
      .execute();
    const journal = await db
      .selectFrom('ledger_journal')
      .select(['transfer_id', 'kind'])
      .where('pool_id', '=', CRASH_POOL)
      .orderBy('entry_index')
      .execute();

    // Stored exactly once: one row per id (the key) and one `created` entry per transfer.
    assert.equal(journal.length, transfers.length, 'one journal entry per stored transfer');
    assert.ok(journal.every((entry) => entry.kind === 'created'));
    const journalIds = journal.map((entry) => entry.transfer_id);
    assert.equal(new Set(journalIds).size, journalIds.length, 'no transfer created twice');

    const expected = new Map<string, number>();
    for (const row of transfers) {
      const request = requests.get(row.id);
      assert.ok(request, `stored transfer ${row.id} was never requested`);
      assert.deepEqual(
        [row.debit_account_id, row.credit_account_id, Number(row.amount), row.state],
        [request.debitAccountId, request.creditAccountId, request.amount, 'posted'],
        `stored transfer ${row.id} differs from its request`,
      );
      expected.set(
        row.debit_account_id,
        (expected.get(row.debit_account_id) ?? 0) - request.amount,
      );
      expected.set(
        row.credit_account_id,
        (expected.get(row.credit_account_id) ?? 0) + request.amount,
      );
    }
    const storedIds = new Set(transfers.map((row) => row.id));
    const lost = [...acked].filter((id) => !storedIds.has(id));
    assert.deepEqual(lost, [], 'acknowledged transfers missing after the crash');

    const accounts = await db
      .selectFrom('ledger_accounts')
      .select(['id', 'debits_posted', 'credits_posted', 'debits_pending', 'credits_pending'])
      .where('pool_id', '=', CRASH_POOL)
      .execute();
    assert.equal(accounts.length, workload.accounts.length);
    for (const row of accounts) {
      assert.equal(
        Number(row.credits_posted) - Number(row.debits_posted),
        expected.get(row.id) ?? 0,
        `balance of ${row.id} differs from the stored requests`,
      );
      assert.equal(Number(row.debits_pending) + Number(row.credits_pending), 0);
    }

    const reports = await createLedgerService(database.ledgerStore).verify();
    assert.equal(reports.length, 1);
    const [report] = reports;
    assert.equal(report?.problem, undefined, JSON.stringify(report?.problem));
    assert.equal(report?.transfers, transfers.length);
    return { ids: journalIds };
  } finally {
    await database.close();
  }
}

/** The killed worker is gone, and its lock went with it: the next process takes it at once. */
export function assertStaleLockOf(dataDir: string, pid: number): void {
  assert.ok(existsSync(join(dataDir, LOCK_FILE_NAME)), 'the killed worker had the lock');
  assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
  acquireDataDirLock(dataDir).release();
}

export { crashWorkload };
