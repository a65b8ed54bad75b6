// The storage conformance suite: the same cases run against every database the project
// supports (SQLite embedded, PostgreSQL server), so one set of repositories can trust both.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import type { Database } from '../../src/storage/schema.ts';

export interface OpenedStore {
  readonly db: Kysely<Database>;
  close(): Promise<void>;
}

const account = (id: string, pool = 'pool-1') => ({
  pool_id: pool,
  id,
  unit: 'effort',
  kind: 'person',
  owner_id: id,
  bound_kind: 'debitAllowance' as const,
  bound_allowance: 40_000,
  closed: 0,
  debits_posted: 0,
  credits_posted: 0,
  debits_pending: 0,
  credits_pending: 0,
});

const transfer = (id: string, amount: number) => ({
  pool_id: 'pool-1',
  id,
  debit_account_id: 'a',
  credit_account_id: 'b',
  amount,
  unit: 'effort',
  code: 'work.credit',
  pending: 0,
  bound_exception: null,
  bound_exception_used: 0,
  reference: null,
  period: 1,
  reversal_of: null,
  state: 'posted' as const,
  created_at_index: 0,
  resolved_at_index: null,
  reversed_by: null,
});

export function describeStorageConformance(name: string, open: () => Promise<OpenedStore>): void {
  describe(`storage conformance: ${name}`, () => {
    let store: OpenedStore;
    before(async () => {
      store = await open();
      await migrateToLatest(store.db as Kysely<unknown>);
      await store.db
        .insertInto('ledger_accounts')
        .values([account('a'), account('b')])
        .execute();
    });
    after(async () => {
      await store?.close();
    });

    test('migrating again applies nothing', async () => {
      const report = await migrateToLatest(store.db as Kysely<unknown>);
      assert.deepEqual(report.applied, []);
      assert.equal(report.latest, '0011-account-first-transfer-indexes');
    });

    test('integer amounts round-trip exactly up to the largest safe integer', async () => {
      const large = Number.MAX_SAFE_INTEGER;
      await store.db
        .updateTable('ledger_accounts')
        .set({ credits_posted: large })
        .where('pool_id', '=', 'pool-1')
        .where('id', '=', 'a')
        .execute();
      const row = await store.db
        .selectFrom('ledger_accounts')
        .select(['credits_posted', 'bound_allowance'])
        .where('pool_id', '=', 'pool-1')
        .where('id', '=', 'a')
        .executeTakeFirstOrThrow();
      assert.equal(row.credits_posted, large);
      assert.equal(typeof row.credits_posted, 'number');
      assert.equal(row.bound_allowance, 40_000);
    });

    test('the schema refuses a non-positive amount and a transfer to itself', async () => {
      await assert.rejects(
        store.db.insertInto('ledger_transfers').values(transfer('t-zero', 0)).execute(),
      );
      await assert.rejects(
        store.db
          .insertInto('ledger_transfers')
          .values({ ...transfer('t-self', 5), credit_account_id: 'a' })
          .execute(),
      );
    });

    test('a transfer must name accounts of its own pool', async () => {
      await store.db.insertInto('ledger_accounts').values(account('c', 'pool-2')).execute();
      await assert.rejects(
        store.db
          .insertInto('ledger_transfers')
          .values({ ...transfer('t-cross', 5), credit_account_id: 'c' })
          .execute(),
      );
    });

    test('a failed transaction leaves no partial write', async () => {
      await assert.rejects(
        store.db.transaction().execute(async (trx) => {
          await trx.insertInto('ledger_transfers').values(transfer('t-ok', 7)).execute();
          await trx.insertInto('ledger_transfers').values(transfer('t-ok', 7)).execute();
        }),
      );
      const rows = await store.db.selectFrom('ledger_transfers').select('id').execute();
      assert.deepEqual(rows, []);
    });

    test('a committed transaction is visible with every column as written', async () => {
      await store.db.transaction().execute(async (trx) => {
        await trx.insertInto('ledger_transfers').values(transfer('t-1', 1500)).execute();
      });
      const row = await store.db
        .selectFrom('ledger_transfers')
        .selectAll()
        .where('id', '=', 't-1')
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, transfer('t-1', 1500));
    });
  });
}
