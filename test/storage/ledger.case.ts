// The ledger use cases on a real database, run on every supported one: the reference §4.9
// month, idempotent replay, refused batches that write nothing, pending/post/void, reversals,
// concurrent takings that never pass a bound, and verification that catches tampering.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { createLedgerService, type LedgerService } from '../../src/app/ledger/ledger-service.ts';
import type { LedgerStore } from '../../src/app/ports/ledger-store.ts';
import { type AccountId, asId, type PoolId, type TransferId } from '../../src/core/ids.ts';
import type {
  AccountKind,
  OpenAccountCommand,
  TransferRequest,
} from '../../src/core/ledger/index.ts';
import { request } from '../../src/core/ledger/testing.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import {
  createKyselyLedgerStore,
  type Dialect,
} from '../../src/storage/repositories/ledger-store.ts';
import type { Database } from '../../src/storage/schema.ts';
import type { OpenedStore } from './conformance.case.ts';

const POOL = asId<'Pool'>('pool-ledger') as PoolId;
const account = (id: string) => asId<'Account'>(id) as AccountId;
const transferId = (id: string) => asId<'Transfer'>(id) as TransferId;

function opening(id: string, kind: AccountKind, allowanceEffortMilli?: number): OpenAccountCommand {
  return {
    id: account(id),
    poolId: POOL,
    unit: 'effort',
    kind,
    ownerId: id,
    bound:
      allowanceEffortMilli === undefined
        ? { kind: 'unbounded' }
        : { kind: 'debitAllowance', allowance: allowanceEffortMilli },
  };
}

/** A request as the ledger's own tests build it, in period 1. */
function transfer(
  id: string,
  debit: string,
  credit: string,
  amount: number,
  extra: Partial<TransferRequest> = {},
): TransferRequest {
  return request(id, debit, credit, amount, { period: 1, ...extra });
}

async function rowCounts(db: Kysely<Database>) {
  const count = async (table: 'ledger_transfers' | 'ledger_journal' | 'ledger_accounts') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    transfers: await count('ledger_transfers'),
    journal: await count('ledger_journal'),
    accounts: await count('ledger_accounts'),
  };
}

export function describeLedgerConformance(
  name: string,
  dialect: Dialect,
  open: () => Promise<OpenedStore>,
): void {
  describe(`ledger on ${name}`, () => {
    let store: OpenedStore;
    let ledger: LedgerService;
    const balanceOf = async (id: string) =>
      (await ledger.balance(POOL, account(id)))?.postedBalance;

    before(async () => {
      store = await open();
      await migrateToLatest(store.db as Kysely<unknown>);
      ledger = createLedgerService(createKyselyLedgerStore(store.db, dialect));
      const opened = await ledger.openAccounts(POOL, [
        opening('ana', 'person', 40_000),
        opening('ben', 'person', 40_000),
        opening('cem', 'person', 40_000),
        opening('bakery', 'project'),
        opening('bike-shop', 'project'),
      ]);
      assert.ok(opened.ok);
    });
    after(async () => {
      await store?.close();
    });

    test('reference §4.9: the month posts and leaves Ana −9, Ben +7, Cem +3 WH', async () => {
      const month = await ledger.createTransfers(POOL, [
        transfer('w-ana', 'bakery', 'ana', 16_000),
        transfer('w-ben', 'bike-shop', 'ben', 12_000),
        transfer('w-cem-1', 'bakery', 'cem', 4_000),
        transfer('w-cem-2', 'bike-shop', 'cem', 26_000),
        transfer('t-ana-1', 'ana', 'bakery', 6_000, { code: 'take.goods' }),
        transfer('t-ana-2', 'ana', 'bike-shop', 19_000, { code: 'take.goods' }),
        transfer('t-ben', 'ben', 'bakery', 5_000, { code: 'take.goods' }),
        transfer('t-cem-1', 'cem', 'bakery', 8_000, { code: 'take.goods' }),
        transfer('t-cem-2', 'cem', 'bike-shop', 19_000, { code: 'take.goods' }),
      ]);
      assert.ok(month.ok, month.ok ? '' : month.error.detail);
      assert.deepEqual(
        [
          await balanceOf('ana'),
          await balanceOf('ben'),
          await balanceOf('cem'),
          await balanceOf('bakery'),
          await balanceOf('bike-shop'),
        ],
        [-9_000, 7_000, 3_000, -1_000, 0],
      );
    });

    test('opening the same accounts again is a no-op; other content is refused', async () => {
      const again = await ledger.openAccounts(POOL, [opening('ana', 'person', 40_000)]);
      assert.deepEqual(again, { ok: true, value: { opened: [] } });
      const other = await ledger.openAccounts(POOL, [opening('ana', 'person', 10_000)]);
      assert.equal(!other.ok && other.error.code, 'ledger.account_exists');
    });

    test('replaying a batch with the same ids changes nothing', async () => {
      const before = await rowCounts(store.db);
      const replay = await ledger.createTransfers(POOL, [
        transfer('w-ana', 'bakery', 'ana', 16_000),
      ]);
      assert.ok(replay.ok);
      assert.deepEqual(replay.value.events, [{ type: 'transfer.duplicate', transferId: 'w-ana' }]);
      assert.deepEqual(await rowCounts(store.db), before);
      assert.equal(await balanceOf('ana'), -9_000);
    });

    test('a refused batch writes nothing, and names the failing transfer', async () => {
      const before = await rowCounts(store.db);
      const refused = await ledger.createTransfers(POOL, [
        transfer('ok-1', 'bakery', 'ben', 1_000),
        transfer('too-much', 'ana', 'bakery', 40_000, { code: 'take.goods' }),
      ]);
      assert.equal(refused.ok, false);
      assert.equal(!refused.ok && refused.error.code, 'ledger.bound_exceeded');
      assert.equal(!refused.ok && refused.error.index, 1);
      assert.deepEqual(await rowCounts(store.db), before);
      assert.equal(await balanceOf('ben'), 7_000);
      const reused = await ledger.createTransfers(POOL, [transfer('w-ana', 'bakery', 'ana', 1)]);
      assert.equal(!reused.ok && reused.error.code, 'ledger.id_reused');
    });

    test('pending transfers reserve, then post or void; reversals correct without editing', async () => {
      const pending = await ledger.createTransfers(POOL, [
        transfer('p-1', 'ben', 'bakery', 2_000, { code: 'take.goods', pending: true }),
        transfer('p-2', 'ben', 'bakery', 3_000, { code: 'take.goods', pending: true }),
      ]);
      assert.ok(pending.ok);
      assert.equal((await ledger.balance(POOL, account('ben')))?.worstCaseBalance, 2_000);
      assert.ok((await ledger.postPending(POOL, transferId('p-1'))).ok);
      assert.ok((await ledger.voidPending(POOL, transferId('p-2'))).ok);
      assert.equal(await balanceOf('ben'), 5_000);
      const twice = await ledger.postPending(POOL, transferId('p-2'));
      assert.equal(!twice.ok && twice.error.code, 'ledger.not_pending');

      const reversed = await ledger.reverse(POOL, {
        id: transferId('r-1'),
        originalId: transferId('p-1'),
        period: 1,
      });
      assert.ok(reversed.ok);
      assert.equal(await balanceOf('ben'), 7_000);
      const again = await ledger.reverse(POOL, {
        id: transferId('r-2'),
        originalId: transferId('p-1'),
        period: 1,
      });
      assert.equal(!again.ok && again.error.code, 'ledger.already_reversed');
    });

    test('concurrent takings against one account never pass its bound', async () => {
      const opened = await ledger.openAccounts(POOL, [opening('dana', 'person', 40_000)]);
      assert.ok(opened.ok);
      const attempts = Array.from({ length: 20 }, (_, i) =>
        ledger.createTransfers(POOL, [
          transfer(`c-${i}`, 'dana', 'bakery', 5_000, { code: 'take.goods' }),
        ]),
      );
      const results = await Promise.all(attempts);
      const accepted = results.filter((r) => r.ok).length;
      assert.equal(accepted, 8);
      for (const r of results) if (!r.ok) assert.equal(r.error.code, 'ledger.bound_exceeded');
      assert.equal(await balanceOf('dana'), -40_000);
    });

    test('several services at once (as several processes) never pass a bound either', async () => {
      // Each service has its own group commit, so here the database's lock does the ordering.
      const base = createKyselyLedgerStore(store.db, dialect);
      const services = Array.from({ length: 4 }, () => createLedgerService(base));
      const opened = await ledger.openAccounts(POOL, [opening('emil', 'person', 30_000)]);
      assert.ok(opened.ok);
      const results = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          services[i % services.length]!.createTransfers(POOL, [
            transfer(`e-${i}`, 'emil', 'bike-shop', 4_000, { code: 'take.goods' }),
          ]),
        ),
      );
      assert.equal(results.filter((r) => r.ok).length, 7);
      for (const r of results) if (!r.ok) assert.equal(r.error.code, 'ledger.bound_exceeded');
      assert.equal(await balanceOf('emil'), -28_000);
    });

    test('writes that arrive together share a transaction and are each decided alone', async () => {
      let transactions = 0;
      const base = createKyselyLedgerStore(store.db, dialect);
      const counted = createLedgerService({
        ...base,
        transaction: (work) => {
          transactions += 1;
          return base.transaction(work);
        },
      });
      const opened = await counted.openAccounts(POOL, [opening('fay', 'person', 10_000)]);
      assert.ok(opened.ok);
      transactions = 0;
      const before = await rowCounts(store.db);
      const results = await Promise.all([
        counted.createTransfers(POOL, [transfer('g-1', 'fay', 'bakery', 6_000)]),
        // Would pass fay's bound after g-1: refused, and alone.
        counted.createTransfers(POOL, [transfer('g-2', 'fay', 'bakery', 6_000)]),
        counted.createTransfers(POOL, [transfer('g-3', 'fay', 'bakery', 4_000)]),
        // The same id again with the same content: a replay; with other content: refused.
        counted.createTransfers(POOL, [transfer('g-1', 'fay', 'bakery', 6_000)]),
        counted.createTransfers(POOL, [transfer('g-1', 'fay', 'bakery', 1_000)]),
        // A linked batch whose second item fails writes neither item.
        counted.createTransfers(POOL, [
          transfer('g-4', 'bakery', 'fay', 1_000),
          transfer('g-5', 'fay', 'nobody', 1_000),
        ]),
      ]);
      assert.deepEqual(
        results.map((r) => (r.ok ? 'ok' : r.error.code)),
        ['ok', 'ledger.bound_exceeded', 'ok', 'ok', 'ledger.id_reused', 'ledger.unknown_account'],
      );
      const duplicate = results[3];
      assert.ok(duplicate?.ok);
      assert.equal(duplicate.value.events[0]?.type, 'transfer.duplicate');
      // The first write ran alone; the five that arrived while it ran shared the next one.
      assert.equal(transactions, 2);
      const afterwards = await rowCounts(store.db);
      assert.equal(afterwards.transfers - before.transfers, 2);
      assert.equal(afterwards.journal - before.journal, 2);
      assert.equal(await balanceOf('fay'), -10_000);
    });

    test('a database error in a shared transaction fails only the write that causes it', async () => {
      const base = createKyselyLedgerStore(store.db, dialect);
      // The save fails whenever the slice holds the transfer "h-broken", as a database error
      // (not a refusal by the core) would.
      const failing: LedgerStore = {
        ...base,
        transaction: (work) =>
          base.transaction((tx) =>
            work({
              lockJournal: (poolId) => tx.lockJournal(poolId),
              loadSlice: (request) => tx.loadSlice(request),
              insertAccounts: (accounts) => tx.insertAccounts(accounts),
              saveSlice: async (slice, loaded) => {
                if (slice.transfers.has(transferId('h-broken'))) throw new Error('disk error');
                return tx.saveSlice(slice, loaded);
              },
            }),
          ),
      };
      const service = createLedgerService(failing);
      const before = await rowCounts(store.db);
      const results = await Promise.allSettled([
        service.createTransfers(POOL, [transfer('h-1', 'bakery', 'cem', 1_000)]),
        service.createTransfers(POOL, [transfer('h-2', 'bakery', 'cem', 1_000)]),
        service.createTransfers(POOL, [transfer('h-broken', 'bakery', 'cem', 1_000)]),
        service.createTransfers(POOL, [transfer('h-3', 'bakery', 'cem', 1_000)]),
      ]);
      assert.deepEqual(
        results.map((r) => (r.status === 'fulfilled' ? r.value.ok : String(r.reason))),
        [true, true, 'Error: disk error', true],
      );
      const afterwards = await rowCounts(store.db);
      assert.equal(afterwards.transfers - before.transfers, 3);
      assert.equal(afterwards.journal - before.journal, 3);
    });

    test('verify recomputes every balance and the hash chain, and finds a tampered transfer', async () => {
      const clean = await ledger.verify();
      const pool = clean.find((report) => report.poolId === POOL);
      // Naming the pool verifies that one only, with the same report.
      assert.deepEqual(await ledger.verify([POOL]), [pool]);
      assert.ok(pool);
      assert.equal(pool.problem, undefined, JSON.stringify(pool.problem));
      assert.deepEqual(pool.balanceSumByUnit, { effort: 0 });
      assert.ok(pool.journalEntries >= 20);

      await store.db
        .updateTable('ledger_transfers')
        .set({ amount: 17_000 })
        .where('pool_id', '=', POOL)
        .where('id', '=', 'w-ana')
        .execute();
      const tampered = (await ledger.verify()).find((report) => report.poolId === POOL);
      const problem = tampered?.problem as { reason: string; transferId?: string } | undefined;
      assert.equal(problem?.reason, 'hash');
      assert.equal(problem?.transferId, 'w-ana');
    });
  });
}
