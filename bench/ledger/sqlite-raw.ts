// The raw-SQL peer on SQLite: the statements the ledger service issues for a transfer (lock
// the journal head, look up the transfer id and both accounts, insert the transfer, update both
// accounts, append a journal entry, move the head), as prepared better-sqlite3 statements in one
// transaction, with the hash chain from node:crypto. No Kysely, no core, no promises: what is left
// is the database's own cost, so the gap to the service is our code's cost.
import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import type { TransferRequest } from '../../src/core/ledger/index.ts';
import { BENCH_POOL } from './workload.ts';

export interface RawSqlite {
  /** Posts the requests in one transaction; returns nothing, throws on a failure. */
  post(requests: readonly TransferRequest[]): void;
  /** For diagnostics: 0 switches automatic WAL checkpoints off. */
  setAutocheckpoint(pages: number): void;
  close(): void;
}

/**
 * `durable: false` (synchronous=OFF) is for the diagnostic runs only: no fsync at commit.
 * `prepareEachTime` prepares every statement anew on each use, as Kysely's SQLite driver does
 * (it calls `db.prepare(sql)` for every query), to measure what statement reuse is worth.
 */
export function openRawSqlite(
  location: string,
  durable = true,
  prepareEachTime = false,
): RawSqlite {
  const db = new BetterSqlite3(location);
  const prepared = (text: string) => {
    if (!prepareEachTime) {
      const statement = db.prepare(text);
      return () => statement;
    }
    return () => db.prepare(text);
  };
  db.pragma('journal_mode = WAL');
  db.pragma(durable ? 'synchronous = FULL' : 'synchronous = OFF');
  db.pragma('foreign_keys = ON');
  const head = prepared('select next_index, head_hash from ledger_journal_heads where pool_id = ?');
  const findTransfer = prepared('select id from ledger_transfers where pool_id = ? and id = ?');
  const findAccounts = prepared(
    'select id, debits_posted, credits_posted, bound_kind, bound_allowance from ledger_accounts where pool_id = ? and id in (?, ?)',
  );
  const insertTransfer = prepared(
    `insert into ledger_transfers (pool_id, id, debit_account_id, credit_account_id, amount, unit,
       code, pending, bound_exception_used, period, state, created_at_index)
     values (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, 'posted', ?)`,
  );
  const debit = prepared(
    'update ledger_accounts set debits_posted = debits_posted + ? where pool_id = ? and id = ?',
  );
  const credit = prepared(
    'update ledger_accounts set credits_posted = credits_posted + ? where pool_id = ? and id = ?',
  );
  const insertEntry = prepared(
    `insert into ledger_journal (pool_id, entry_index, kind, transfer_id, previous_hash, hash)
     values (?, ?, 'created', ?, ?, ?)`,
  );
  const moveHead = prepared(
    'update ledger_journal_heads set next_index = ?, head_hash = ? where pool_id = ?',
  );

  const post = db.transaction((requests: readonly TransferRequest[]) => {
    const start = head().get(BENCH_POOL) as { next_index: number; head_hash: string };
    let index = start.next_index;
    let previous = start.head_hash;
    for (const r of requests) {
      if (findTransfer().get(BENCH_POOL, r.id) !== undefined) continue;
      findAccounts().all(BENCH_POOL, r.debitAccountId, r.creditAccountId);
      insertTransfer().run(
        BENCH_POOL,
        r.id,
        r.debitAccountId,
        r.creditAccountId,
        r.amount,
        r.unit,
        r.code,
        r.period ?? null,
        index,
      );
      debit().run(r.amount, BENCH_POOL, r.debitAccountId);
      credit().run(r.amount, BENCH_POOL, r.creditAccountId);
      const hash = createHash('sha256')
        .update(`${previous}|${index}|${r.id}|${r.debitAccountId}|${r.creditAccountId}|${r.amount}`)
        .digest('hex');
      insertEntry().run(BENCH_POOL, index, r.id, previous, hash);
      previous = hash;
      index += 1;
    }
    moveHead().run(index, previous, BENCH_POOL);
  });
  // A plain (deferred) BEGIN, as Kysely's SQLite dialect issues for the service.
  return {
    post: (requests) => post(requests),
    setAutocheckpoint: (pages) => db.pragma(`wal_autocheckpoint = ${pages}`),
    close: () => db.close(),
  };
}
