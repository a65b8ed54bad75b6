// PostgreSQL: a transfer looked up by its key goes through the primary key even where the
// planner knows nothing of the table yet (never analysed, as in a young database or a pool that
// grew since the last analysis). A close checks every journal entry's reference to its
// transfer with such a lookup and reads its slice with them; through an index of the transfer's
// accounts led by the pool, each read all of the pool's transfers (decision 0065).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CompiledQuery, type Kysely, sql, type Transaction } from 'kysely';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import {
  journalPageQuery,
  statementPageQuery,
  statementQuery,
} from '../../src/storage/repositories/books-reader.ts';
import { compiled, selectSliceRows } from '../../src/storage/repositories/ledger-statements.ts';
import type { Database } from '../../src/storage/schema.ts';
import type { OpenedStore } from './conformance.case.ts';

const POOL = 'young-pool';
const ACCOUNTS = 1_000;
const TRANSFERS = 3_000;

/** A close's rows, in its transaction: accounts, then transfers and their journal entries. */
async function writeAClose(trx: Transaction<Database>): Promise<void> {
  await sql`insert into ledger_accounts (pool_id, id, unit, kind, owner_id, bound_kind)
    select ${POOL}, 'person-' || g, 'effort', 'person', 'm' || g, 'unbounded'
    from generate_series(1, ${ACCOUNTS}::int) g`.execute(trx);
  await sql`insert into ledger_transfers (pool_id, id, debit_account_id, credit_account_id,
      amount, unit, code, pending, state, created_at_index, period)
    select ${POOL}, 'transfer-' || lpad(g::text, 6, '0'), 'person-' || (g % ${ACCOUNTS}::int + 1),
      'person-' || ((g + 1) % ${ACCOUNTS}::int + 1), 1, 'effort', 'work.credit', 0, 'posted', g, 1
    from generate_series(1, ${TRANSFERS}::int) g`.execute(trx);
  await sql`insert into ledger_journal (pool_id, entry_index, kind, transfer_id, previous_hash, hash)
    select ${POOL}, g - 1, 'created', 'transfer-' || lpad(g::text, 6, '0'), repeat('0', 64),
      repeat('1', 64)
    from generate_series(1, ${TRANSFERS}::int) g`.execute(trx);
}

async function planOf(trx: Transaction<Database>, text: string, parameters: unknown[]) {
  const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>(
    CompiledQuery.raw(`explain ${text}`, parameters),
  );
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

/** The names of the indexes of ledger_transfers a plan scans. */
const transferIndexes = (plan: string) =>
  [...plan.matchAll(/(?:using|on) (ledger_transfers_\w+)/g)].map((match) => match[1]);

/** Runs `check` in a transaction that is rolled back: the table stays never analysed. */
async function inAClose(
  db: Kysely<Database>,
  check: (trx: Transaction<Database>) => Promise<void>,
) {
  await db
    .transaction()
    .execute(async (trx) => {
      await writeAClose(trx);
      await check(trx);
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
}

class RolledBack extends Error {}

export function describeTransferKeyLookups(name: string, open: () => Promise<OpenedStore>): void {
  describe(`transfers looked up by key on a table never analysed: ${name}`, () => {
    let store: OpenedStore;
    before(async () => {
      store = await open();
      await migrateToLatest(store.db as Kysely<unknown>);
    });
    after(async () => {
      await store?.close();
    });

    test('a statement page searches the account indexes on a young table', async () => {
      await inAClose(store.db, async (trx) => {
        // First of the suite: on a table the earlier tests' rolled-back rows have not grown yet,
        // the pool and `debit = ? or credit = ?` as two conditions were planned as a read of
        // the pool's transfers through the primary key, filtering them (decision 0077).
        for (const query of [
          statementPageQuery(trx, 'postgres', POOL, 'person-7', -1, 100),
          statementQuery(trx, 'postgres', POOL, 'person-7', -1, 100),
        ]) {
          const page = query.compile();
          const plan = await planOf(trx, page.sql, [...page.parameters]);
          assert.deepEqual(
            transferIndexes(plan).sort(),
            ['ledger_transfers_credit_idx', 'ledger_transfers_debit_idx'],
            plan,
          );
        }
      });
    });

    test('the check of a journal entry’s transfer probes the primary key', async () => {
      await inAClose(store.db, async (trx) => {
        const { rows } = await sql<{ reltuples: number }>`select reltuples from pg_class
          where relname = 'ledger_transfers'`.execute(trx);
        assert.equal(Number(rows[0]!.reltuples), -1, 'the table is not analysed');
        // The statement PostgreSQL's foreign-key trigger runs for each inserted journal entry.
        const plan = await planOf(
          trx,
          `select 1 from only ledger_transfers x where pool_id operator(pg_catalog.=) $1
            and id operator(pg_catalog.=) $2 for key share of x`,
          [POOL, 'transfer-001234'],
        );
        assert.deepEqual(transferIndexes(plan), ['ledger_transfers_pk'], plan);
      });
    });

    test('a close’s read of its slice probes the primary key for each transfer', async () => {
      await inAClose(store.db, async (trx) => {
        // A later close names the transfers it changes: here every one of the period before.
        const named = Array.from(
          { length: TRANSFERS },
          (_, i) => `transfer-${String(i + 1).padStart(6, '0')}`,
        );
        const statement = compiled(
          'postgres',
          selectSliceRows(POOL, ['person-1', 'person-2'], named),
        );
        const plan = await planOf(trx, statement.sql, [...statement.parameters]);
        assert.deepEqual(transferIndexes(plan), ['ledger_transfers_pk'], plan);
      });
    });

    test('a journal page probes each entry’s transfer by its whole primary key', async () => {
      await inAClose(store.db, async (trx) => {
        const page = journalPageQuery(trx, 'postgres', POOL, 1_000, 100).compile();
        const plan = await planOf(trx, page.sql, [...page.parameters]);
        assert.deepEqual(transferIndexes(plan), ['ledger_transfers_pk'], plan);
        // The transfer's id is in the probe's condition, not a filter over the pool's rows.
        assert.match(plan, /Index Cond: \(\(\(?pool_id\)?[^\n]*\bid\)?(::text)? = /, plan);
        assert.doesNotMatch(plan, /Join Filter/, plan);
      });
    });

    test('a search by an account uses the account indexes once analysed', async () => {
      await inAClose(store.db, async (trx) => {
        await sql`analyze ledger_transfers`.execute(trx);
        const plan = await planOf(
          trx,
          `select * from ledger_transfers where pool_id = $1
            and (debit_account_id = $2 or credit_account_id = $2)`,
          [POOL, 'person-7'],
        );
        assert.deepEqual(
          transferIndexes(plan).sort(),
          ['ledger_transfers_credit_idx', 'ledger_transfers_debit_idx'],
          plan,
        );
      });
    });
  });
}
