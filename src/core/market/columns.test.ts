// Proves that the columnar input (decision 0068) clears exactly as the object input: the same
// clearing, bit for bit, for any order of persons, instances and bids in the columns; the same
// failures; the caller's columns untouched; and the checker of the columnar form accepting the
// clearing and rejecting a broken one. The columns here are built by the test itself, not by
// the object path's own conversion.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { generate, generateColumns } from '../../../bench/market/generators.ts';
import type { PersonId } from '../ids.ts';
import type { EffortMilli } from '../units.ts';
import { checkClearing, checkClearingColumns } from './check.ts';
import { clearRound, clearRoundColumns } from './clear.ts';
import { bid, instance, randomRound, roundInput } from './fixtures.ts';
import type { ClearingColumns, ClearingInput } from './types.ts';

/** The input in columns, persons, instances and bids each listed in an order of their own. */
function columnsOf(input: ClearingInput, shuffleSeed: number): ClearingColumns {
  const capacities = shuffle(input.capacities, shuffleSeed);
  const instances = shuffle(input.instances, shuffleSeed + 1);
  const bids = shuffle(input.bids, shuffleSeed + 2);
  const personAt = new Map(capacities.map((c, k) => [c.personId as string, k]));
  const instanceAt = new Map(instances.map((i, k) => [i.id as string, k]));
  return {
    poolId: input.poolId,
    period: input.period,
    round: input.round,
    seed: input.seed,
    settings: input.settings,
    instances,
    persons: {
      ids: capacities.map((c) => c.personId),
      capacitySlots: Int32Array.from(capacities, (c) => c.capacitySlots),
    },
    bids: {
      person: Int32Array.from(bids, (b) => personAt.get(b.personId) ?? -1),
      instance: Int32Array.from(bids, (b) => instanceAt.get(b.instanceId) ?? -1),
      weightMilli: Int32Array.from(bids, (b) => b.weightMilli),
    },
    history: input.history,
  };
}

function shuffle<T>(items: readonly T[], s: number): T[] {
  const out = [...items];
  let state = s >>> 0;
  for (let k = out.length - 1; k > 0; k -= 1) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const r = state % (k + 1);
    [out[k], out[r]] = [out[r]!, out[k]!];
  }
  return out;
}

function withHistory(input: ClearingInput, every: number): ClearingInput {
  const template = new Map(input.instances.map((i) => [i.id as string, i.templateId]));
  const history = input.bids
    .filter((_, k) => k % every === 0)
    .map((b, k) => ({
      personId: b.personId,
      templateId: template.get(b.instanceId)!,
      period: input.period - 1 - (k % 2),
      effortMilli: ((k % 4) * 1000) as EffortMilli,
    }));
  return { ...input, history };
}

function copy(columns: ClearingColumns) {
  return {
    ids: [...columns.persons.ids],
    capacity: [...columns.persons.capacitySlots],
    person: [...columns.bids.person],
    instance: [...columns.bids.instance],
    weight: [...columns.bids.weightMilli],
  };
}

const shape = fc.record({
  persons: fc.integer({ min: 1, max: 20 }),
  instances: fc.integer({ min: 1, max: 10 }),
  bidsPerPerson: fc.integer({ min: 0, max: 6 }),
  maxSlots: fc.integer({ min: 1, max: 3 }),
  maxCapacity: fc.integer({ min: 1, max: 3 }),
  weightSteps: fc.integer({ min: 1, max: 60 }),
});

describe('the columnar input', () => {
  it('gives the bit-identical clearing of the object input, in any order of the columns', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        shape,
        fc.constantFrom('lowest' as const, 'highest' as const),
        fc.constantFrom('auction' as const, 'flat' as const),
        fc.boolean(),
        fc.integer(),
        (seed, s, clearingRule, weighting, history, shuffleSeed) => {
          const plain = randomRound(seed, s, { settings: { clearingRule, weighting } });
          const input = history ? withHistory(plain, 3) : plain;
          const columns = columnsOf(input, shuffleSeed);
          const before = copy(columns);
          const fromObjects = clearRound(input);
          const fromColumns = clearRoundColumns(columns);
          assert.ok(fromObjects.ok && fromColumns.ok);
          assert.equal(JSON.stringify(fromColumns.value), JSON.stringify(fromObjects.value));
          assert.deepEqual(copy(columns), before, 'the columns are not modified');
          for (const orientation of ['persons', 'slots'] as const) {
            const a = clearRound(input, { orientation, warmStart: false });
            const b = clearRoundColumns(columns, { orientation, warmStart: false });
            assert.ok(a.ok && b.ok);
            assert.equal(JSON.stringify(b.value), JSON.stringify(a.value));
          }
          // Either form's checker accepts the other's clearing and rejects a broken one.
          assert.ok(checkClearingColumns(columns, fromObjects.value).ok);
          assert.ok(checkClearing(input, fromColumns.value).ok);
          const broken = { ...fromColumns.value, objective: fromColumns.value.objective + 1 };
          assert.equal(checkClearingColumns(columns, broken).ok, false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the benchmark generators build the same round in both forms', () => {
    const scale = { name: 'small', persons: 600, slots: 300, bidsPerPerson: 6 };
    for (const kind of ['U', 'Z'] as const) {
      const fromObjects = clearRound(generate(kind, scale));
      const fromColumns = clearRoundColumns(generateColumns(kind, scale));
      assert.ok(fromObjects.ok && fromColumns.ok);
      assert.equal(JSON.stringify(fromColumns.value), JSON.stringify(fromObjects.value));
    }
  });

  const garbage = instance('garbage-mon', 2, 60);
  const failing: [string, Parameters<typeof roundInput>[0]][] = [
    ['market.bid_above_cap', { instances: [garbage], bids: [bid('A', 'garbage-mon', 5001)] }],
    ['market.bid_below_min', { instances: [garbage], bids: [bid('A', 'garbage-mon', 99)] }],
    [
      'market.duplicate_bid',
      {
        instances: [garbage],
        bids: [bid('A', 'garbage-mon', 1000), bid('A', 'garbage-mon', 1100)],
      },
    ],
    ['market.duplicate_instance', { instances: [garbage, garbage], bids: [] }],
    ['market.slots_invalid', { instances: [instance('z', 0, 60)], bids: [] }],
    ['market.minutes_invalid', { instances: [instance('z', 1, 0)], bids: [] }],
    ['market.capacity_invalid', { instances: [garbage], bids: [], capacity: { A: 0 } }],
    ['market.seed_invalid', { instances: [], bids: [], seed: -1 }],
    [
      'market.settings_invalid',
      { instances: [], bids: [], settings: { capWeightMilli: 50 as never } },
    ],
  ];
  for (const [code, spec] of failing) {
    it(`fails with ${code} and the same detail as the object input`, () => {
      const input = roundInput(spec);
      const fromObjects = clearRound(input);
      const fromColumns = clearRoundColumns(columnsOf(input, 1));
      assert.ok(!fromObjects.ok && !fromColumns.ok);
      assert.equal(fromObjects.error.code, code);
      assert.deepEqual(fromColumns.error, fromObjects.error);
    });
  }

  it('fails on indices outside the round and on columns of different lengths', () => {
    const input = roundInput({
      instances: [garbage],
      bids: [bid('A', 'garbage-mon', 1000), bid('B', 'garbage-mon', 1200)],
    });
    const columns = columnsOf(input, 0);
    const withBid = (change: Partial<ClearingColumns['bids']>) =>
      clearRoundColumns({ ...columns, bids: { ...columns.bids, ...change } });
    const codeOf = (result: ReturnType<typeof clearRoundColumns>) =>
      result.ok ? 'ok' : result.error.code;
    assert.equal(codeOf(withBid({ person: Int32Array.of(0, 2) })), 'market.bid_unknown_person');
    assert.equal(codeOf(withBid({ person: Int32Array.of(-1, 0) })), 'market.bid_unknown_person');
    assert.equal(codeOf(withBid({ instance: Int32Array.of(0, 1) })), 'market.bid_unknown_instance');
    assert.equal(codeOf(withBid({ weightMilli: Int32Array.of(1000) })), 'market.columns_invalid');
    const persons = { ids: columns.persons.ids, capacitySlots: Int32Array.of(1) };
    assert.equal(codeOf(clearRoundColumns({ ...columns, persons })), 'market.columns_invalid');
    assert.equal(codeOf(clearRoundColumns(columns)), 'ok');
  });
});

describe('the object input, turned into columns, keeps its failures', () => {
  const garbage = instance('garbage-mon', 2, 60);
  const failed = (input: ClearingInput) => {
    const result = clearRound(input);
    assert.ok(!result.ok);
    return `${result.error.code}: ${result.error.detail}`;
  };

  it('names the bid as given: unknown ids and weights that are no 32-bit integers', () => {
    const base = roundInput({ instances: [garbage], bids: [bid('A', 'garbage-mon', 1000)] });
    const withBids = (...bids: ReturnType<typeof bid>[]) => ({ ...base, bids });
    assert.equal(
      failed(withBids(bid('A', 'garbage-mon', 1000), bid('Z', 'garbage-mon', 1000))),
      'market.bid_unknown_person: Z has no capacity this period',
    );
    assert.equal(
      failed(withBids(bid('A', 'nope', 1000))),
      'market.bid_unknown_instance: no instance nope in this round',
    );
    assert.equal(
      failed(withBids(bid('A', 'garbage-mon', 1000.5))),
      'market.bid_below_min: bid 1000.5 of A below w_min',
    );
    assert.equal(
      failed(withBids(bid('A', 'garbage-mon', 2 ** 40))),
      `market.bid_above_cap: bid ${2 ** 40} of A above w_cap`,
    );
    assert.equal(
      failed(withBids(bid('A', 'garbage-mon', -(2 ** 40)))),
      `market.bid_below_min: bid ${-(2 ** 40)} of A below w_min`,
    );
    assert.equal(
      failed({ ...base, capacities: [{ personId: 'A' as PersonId, capacitySlots: 1.5 }] }),
      'market.capacity_invalid: person A: capacity must be ≥ 1',
    );
  });

  it('reports the instances and persons before the bids, as before', () => {
    const input = roundInput({
      instances: [garbage, garbage],
      bids: [bid('A', 'nope', 1000)],
    });
    assert.equal(
      failed({ ...input, capacities: [] }),
      'market.duplicate_instance: instance garbage-mon appears twice',
    );
    const twice = roundInput({ instances: [garbage], bids: [bid('A', 'nope', 1)] });
    assert.equal(
      failed({ ...twice, capacities: [...twice.capacities, ...twice.capacities] }),
      'market.duplicate_person: person A appears twice',
    );
  });
});
