// The books reader's pages (a member's statement, the journal) against the same rows read in
// plain TypeScript: every account on both sides of its transfers, after cursors and under
// limits, with a second pool beside it whose rows must never show. The reads are compiled once
// and run with new values (compiled-query.ts), so a run that kept an earlier request's values
// fails here. On SQLite the statement's plan is checked too: each side of the OR searches an
// account index (the PostgreSQL plan is in transfer-key-lookups.case.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CompiledQuery, type Kysely } from 'kysely';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import {
  createKyselyBooksReader,
  statementPageQuery,
  statementQuery,
} from '../../src/storage/repositories/books-reader.ts';
import type { Dialect } from '../../src/storage/repositories/ledger-store.ts';
import type { Database } from '../../src/storage/schema.ts';
import type { OpenedStore } from './conformance.case.ts';

const POOLS = ['pool-a', 'pool-b'] as const;
const ACCOUNTS = 6;
const TRANSFERS = 60;

interface Row {
  pool: string;
  id: string;
  debit: string;
  credit: string;
  amount: number;
  index: number;
}

/** Transfers between the pool's accounts, each pool its own pattern, in journal order. */
function rowsOf(pool: string, shift: number): Row[] {
  return Array.from({ length: TRANSFERS }, (_, i) => {
    const debit = (i * (shift + 1)) % ACCOUNTS;
    const credit = (debit + 1 + ((i + shift) % (ACCOUNTS - 1))) % ACCOUNTS;
    return {
      pool,
      id: `t-${String(i).padStart(3, '0')}`,
      debit: `${pool}.person.p${debit}`,
      credit: `${pool}.person.p${credit}`,
      amount: 100 + i,
      index: i,
    };
  });
}

async function write(db: Kysely<Database>, rows: Row[]): Promise<void> {
  for (const pool of POOLS) {
    await db
      .insertInto('ledger_accounts')
      .values(
        Array.from({ length: ACCOUNTS }, (_, i) => ({
          pool_id: pool,
          id: `${pool}.person.p${i}`,
          unit: 'effort',
          kind: 'person',
          owner_id: `p${i}`,
          bound_kind: 'unbounded' as const,
          closed: 0,
          debits_posted: i,
          credits_posted: 10 * i,
          debits_pending: 0,
          credits_pending: 0,
        })),
      )
      .execute();
  }
  for (const r of rows) {
    await db
      .insertInto('ledger_transfers')
      .values({
        pool_id: r.pool,
        id: r.id,
        debit_account_id: r.debit,
        credit_account_id: r.credit,
        amount: r.amount,
        unit: 'effort',
        code: 'work.credit',
        pending: 0,
        bound_exception_used: 0,
        state: 'posted',
        created_at_index: r.index,
        period: 1,
      })
      .execute();
    await db
      .insertInto('ledger_journal')
      .values({
        pool_id: r.pool,
        entry_index: r.index,
        kind: 'created',
        transfer_id: r.id,
        previous_hash: `${r.pool}-${r.index - 1}`.padEnd(64, '0'),
        hash: `${r.pool}-${r.index}`.padEnd(64, '0'),
      })
      .execute();
  }
}

export function describeBooksPages(
  name: string,
  dialect: Dialect,
  open: () => Promise<OpenedStore>,
): void {
  describe(`the books reader's pages: ${name}`, () => {
    let store: OpenedStore;
    const rows = POOLS.flatMap((pool, shift) => rowsOf(pool, shift));
    before(async () => {
      store = await open();
      await migrateToLatest(store.db as Kysely<unknown>);
      await write(store.db, rows);
    });
    after(async () => {
      await store?.close();
    });

    test("a statement page is the account's transfers after the cursor, signed, in order", async () => {
      const books = createKyselyBooksReader(store.db, dialect);
      for (const pool of POOLS) {
        for (let a = 0; a < ACCOUNTS; a++) {
          const accountId = `${pool}.person.p${a}`;
          for (const [after, limit] of [
            [-1, 100],
            [-1, 3],
            [20, 4],
            [TRANSFERS, 10],
          ] as const) {
            const expected = rows
              .filter((r) => r.pool === pool && (r.debit === accountId || r.credit === accountId))
              .filter((r) => r.index > after)
              .slice(0, limit)
              .map((r) => ({
                index: r.index,
                transferId: r.id,
                state: 'posted',
                counterpartyAccountId: r.credit === accountId ? r.debit : r.credit,
                amount: r.credit === accountId ? r.amount : -r.amount,
                unit: 'effort',
                code: 'work.credit',
                period: 1,
              }));
            // The page with the account's totals, in one statement.
            assert.deepEqual(
              await books.statement(pool, accountId, after, limit),
              {
                account: { accountId, unit: 'effort', debitsPosted: a, creditsPosted: 10 * a },
                lines: expected,
              },
              `${accountId} after ${after}, at most ${limit}, with its totals`,
            );
          }
        }
      }
      assert.equal(await books.statement('pool-a', 'pool-b.person.p1', -1, 100), undefined);
    });

    test('a journal page is the entries after the cursor with their transfers', async () => {
      const books = createKyselyBooksReader(store.db, dialect);
      for (const pool of POOLS) {
        for (const [after, limit] of [
          [-1, 100],
          [9, 5],
          [TRANSFERS - 2, 10],
        ] as const) {
          const expected = rows
            .filter((r) => r.pool === pool && r.index > after)
            .slice(0, limit)
            .map((r) => ({
              index: r.index,
              kind: 'created',
              transferId: r.id,
              previousHash: `${pool}-${r.index - 1}`.padEnd(64, '0'),
              hash: `${pool}-${r.index}`.padEnd(64, '0'),
              debitAccountId: r.debit,
              creditAccountId: r.credit,
              amount: r.amount,
              unit: 'effort',
              code: 'work.credit',
              period: 1,
            }));
          assert.deepEqual(await books.journalPage(pool, after, limit), expected);
        }
      }
    });

    if (dialect === 'sqlite') {
      test("a statement page searches the account indexes, not the pool's transfers", async () => {
        for (const query of [
          statementPageQuery(store.db, dialect, 'pool-a', 'pool-a.person.p1', -1, 100),
          statementQuery(store.db, dialect, 'pool-a', 'pool-a.person.p1', -1, 100),
        ]) {
          const compiled = query.compile();
          const { rows: plan } = await store.db.executeQuery<{ detail: string }>(
            CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
          );
          const details = plan.map((row) => row.detail).join(' | ');
          assert.match(details, /ledger_transfers_debit_idx/, details);
          assert.match(details, /ledger_transfers_credit_idx/, details);
          assert.doesNotMatch(details, /sqlite_autoindex_ledger_transfers_1/, details);
        }
      });
    }
  });
}
