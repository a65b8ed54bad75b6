// Proves on a real database that a savepoint is taken only when its work makes a statement
// other than `appendMovingOn`, and that the writes of savepoints never taken are held and
// written together (decision 0076): a held write that is refused, or whose work throws, is never
// written; a later statement sees the held writes before it; a savepoint taken late rolls back
// its own held write but not the earlier ones; a held write that fails fails the transaction as
// a whole; and a group of bids checked by the open period's index costs the group's reads and
// one write, not a savepoint and a write each.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Kysely, KyselyPlugin } from 'kysely';
import { createEconomyService } from '../../src/app/economy/economy-service.ts';
import { disassembleScenario, type PoolInput } from '../../src/core/cycle/inputs.ts';
import { createKyselyEconomyStore } from '../../src/storage/repositories/economy-store.ts';
import type { Dialect } from '../../src/storage/repositories/ledger-store.ts';
import type { Database } from '../../src/storage/schema.ts';
import { loadExample } from '../scenario/support.ts';

/** `db` with every statement it runs counted (raw ones too; begin and commit are not). */
function counting(db: Kysely<Database>) {
  let statements = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      statements += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), statements: () => statements };
}

/** Run inside an economy suite: `dbOf` gives the suite's migrated database. */
export function describeHeldWrites(dbOf: () => Kysely<Database>, dialect: Dialect): void {
  const example = loadExample('reference-4.9-month.yaml');

  const bid = (personId: string, instanceId: string): PoolInput => ({
    kind: 'bids',
    period: 1,
    record: { personId, instanceId, weightMilli: 1000, round: 0 },
  });
  const answer = (key: string) => ({ key, answer: { requestSha256: key, response: { key } } });
  const bidding = { period: 1, stage: 'bidding' as const };

  /** A pool row of its own at sequence number 0 (the store checks no input's content). */
  async function pool(poolId: string) {
    const store = createKyselyEconomyStore(dbOf(), dialect);
    const { settings } = disassembleScenario({ ...example, pool: { ...example.pool, id: poolId } });
    await store.transaction((tx) =>
      tx.insertPool({ poolId, settings, cycle: bidding, nextSeq: 0 }),
    );
    return store;
  }

  test('savepoints are taken at their first other statement; writes held until then', async () => {
    const store = await pool('held-writes');
    const refusedLater = await store.transaction(async (tx) => {
      assert.equal((await tx.lockPool('held-writes'))?.nextSeq, 0);
      const write = (seq: number, key: string) =>
        tx.appendMovingOn(
          'held-writes',
          seq,
          [bid(`p${seq}`, 'bake')],
          {
            cycle: bidding,
            nextSeq: seq + 1,
          },
          answer(key),
        );
      // A: kept, never taken: held.
      await tx.savepoint(
        async () => write(0, 'a'),
        () => true,
      );
      // B: refused after its write: the held write is dropped.
      await tx.savepoint(
        async () => write(1, 'b'),
        () => false,
      );
      // C: throws after its write: dropped, and the error is its caller's.
      await assert.rejects(
        tx.savepoint(
          async () => {
            await write(1, 'c');
            throw new Error('C fails');
          },
          () => true,
        ),
        /C fails/,
      );
      // D: its read takes the savepoint after A's held write, with its own write inside it,
      // and sees both; then it is refused, and only its own write is rolled back.
      const seen = await tx.savepoint(
        async () => {
          await write(1, 'd');
          return (await tx.loadPeriodInputs('held-writes', 1)).map((input) => input.seq);
        },
        () => false,
      );
      // E: kept, held, written at the end.
      await tx.savepoint(
        async () => write(1, 'e'),
        () => true,
      );
      return seen;
    });
    assert.deepEqual(refusedLater, [0, 1]);
    const stored = await store.transaction(async (tx) => ({
      seqs: (await tx.loadPeriodInputs('held-writes', 1)).map((input) => input.record),
      answers: (await tx.loadAnswers('held-writes')).map((kept) => kept.key),
      nextSeq: (await tx.findPool('held-writes'))?.nextSeq,
    }));
    assert.deepEqual(stored, {
      seqs: [bid('p0', 'bake').record, bid('p1', 'bake').record],
      answers: ['a', 'e'],
      nextSeq: 2,
    });
  });

  test('a held write that fails fails the whole transaction, however its caller goes on', async () => {
    const store = await pool('held-failing');
    const moved = (nextSeq: number) => ({ cycle: bidding, nextSeq });
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.lockPool('held-failing');
        await tx.appendMovingOn('held-failing', 0, [bid('ana', 'bake')], moved(1));
        // Held: its sequence number is taken already, so its write fails when it is made.
        await tx.savepoint(
          () => tx.appendMovingOn('held-failing', 0, [bid('ben', 'bake')], moved(1)),
          () => true,
        );
        // The next statement makes it; its caller catches the error and goes on, as a
        // group does with one request's failure.
        await assert.rejects(
          tx.savepoint(
            () => tx.findAnswer('held-failing', 'x'),
            () => true,
          ),
        );
        return 'done';
      }),
    );
    const left = await store.transaction(async (tx) => ({
      inputs: (await tx.loadPeriodInputs('held-failing', 1)).length,
      nextSeq: (await tx.findPool('held-failing'))?.nextSeq,
    }));
    assert.deepEqual(left, { inputs: 0, nextSeq: 0 }, 'nothing of the transaction is kept');
  });

  test("a group's bids checked by the index cost its reads and one write", async () => {
    const counted = counting(dbOf());
    const economy = createEconomyService(createKyselyEconomyStore(counted.db, dialect));
    const poolId = 'held-group';
    const { settings, inputs } = disassembleScenario({
      ...example,
      pool: { ...example.pool, id: poolId },
    });
    assert.ok(
      (
        await economy.createPool(
          'k-found',
          settings,
          inputs.filter((i) => i.period === 0),
        )
      ).ok,
    );
    assert.ok((await economy.advance(poolId, 'k-plan', { period: 1, stage: 'planning' })).ok);
    const tasks = inputs.filter((i) => i.kind === 'tasks');
    assert.ok((await economy.submitInputs(poolId, 'k-tasks', tasks)).ok);
    assert.ok((await economy.advance(poolId, 'k-bid', bidding)).ok);
    // Alone: the open period's index is built and kept for the group.
    const first = await economy.submitInputs(poolId, 'k-0', [
      {
        kind: 'bids',
        period: 'open',
        record: { personId: 'ana', instanceId: 'bake', weightMilli: 1000, round: 0 },
      },
    ]);
    assert.ok(first.ok);
    const people = ['ben', 'cem'];
    const instances = ['repair', 'garbage-bakery', 'garbage-bikes'];
    const burst = people.flatMap((personId) =>
      instances.map((instanceId) => ({ key: `k-${personId}-${instanceId}`, personId, instanceId })),
    );
    const before = counted.statements();
    const answers = await Promise.all(
      burst.map(({ key, personId, instanceId }) =>
        economy.submitInputs(poolId, key, [
          {
            kind: 'bids',
            period: 'open',
            record: { personId, instanceId, weightMilli: 1000, round: 0 },
          },
        ]),
      ),
    );
    const statements = counted.statements() - before;
    assert.ok(answers.every((given) => given.ok));
    // The lock, the keys' answers, then the inputs, the pool and the answers: one statement on
    // PostgreSQL, three on SQLite. Before: a savepoint and a write (three on SQLite) each.
    assert.equal(statements, dialect === 'postgres' ? 3 : 5);
  });
}
