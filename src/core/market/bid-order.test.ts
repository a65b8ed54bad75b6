// Proves that bids come out ordered by person, then instance, with the same arrays whether the
// input lists each person's bids together (the block-copy path) or scattered (the permutation
// path), and that a person bidding twice on one instance is reported, the first in person order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { orderBidsByPerson } from './bid-order.ts';

interface RawBid {
  person: number;
  instance: number;
  weight: number;
}

const PERSONS = 6;

/** Bids of distinct (person, instance), some persons with more than 24 (the long-sort path). */
const bidSets = fc
  .uniqueArray(
    fc.record({
      person: fc.integer({ min: 0, max: PERSONS - 1 }),
      instance: fc.integer({ min: 0, max: 40 }),
      weight: fc.integer({ min: 0, max: 1000 }),
    }),
    { selector: (b) => `${b.person}/${b.instance}`, maxLength: 120 },
  )
  .chain((bids) =>
    fc.tuple(fc.constant(bids), fc.shuffledSubarray(bids, { minLength: bids.length })),
  );

function run(bids: readonly RawBid[]) {
  return orderBidsByPerson(
    Int32Array.from(bids, (b) => b.person),
    Int32Array.from(bids, (b) => b.instance),
    Int32Array.from(bids, (b) => b.weight),
    PERSONS,
  );
}

function expected(bids: readonly RawBid[]) {
  const sorted = [...bids].sort((a, b) => a.person - b.person || a.instance - b.instance);
  const bidStart = new Int32Array(PERSONS + 1);
  for (const b of bids) bidStart[b.person + 1] = bidStart[b.person + 1]! + 1;
  for (let j = 0; j < PERSONS; j += 1) bidStart[j + 1] = bidStart[j + 1]! + bidStart[j]!;
  return {
    bidStart,
    bidPerson: Int32Array.from(sorted, (b) => b.person),
    bidInstance: Int32Array.from(sorted, (b) => b.instance),
    bidWeight: Int32Array.from(sorted, (b) => b.weight),
  };
}

test('grouped and scattered inputs give the canonical order', () => {
  fc.assert(
    fc.property(bidSets, ([bids, shuffled]) => {
      // Grouped: persons in a shuffled order, each person's bids together, instances shuffled.
      const personOrder = [...new Set(shuffled.map((b) => b.person))];
      const grouped = personOrder.flatMap((j) => shuffled.filter((b) => b.person === j));
      const want = expected(bids);
      assert.deepEqual({ ...run(grouped) }, want);
      assert.deepEqual({ ...run(shuffled) }, want);
    }),
    { numRuns: 300 },
  );
});

test('a long run of one person (more than 24 bids) is sorted too', () => {
  const bids = Array.from({ length: 30 }, (_, k) => ({ person: 2, instance: 29 - k, weight: k }));
  assert.deepEqual({ ...run(bids) }, expected(bids));
});

test('a duplicate bid names the first person in person order who has one, on either path', () => {
  const bids: RawBid[] = [
    { person: 4, instance: 7, weight: 1 },
    { person: 4, instance: 7, weight: 2 },
    { person: 1, instance: 3, weight: 1 },
    { person: 1, instance: 2, weight: 1 },
    { person: 1, instance: 3, weight: 5 },
  ];
  assert.deepEqual(run(bids), { person: 1, instance: 3 });
  const scattered = [bids[2]!, bids[0]!, bids[3]!, bids[1]!, bids[4]!];
  assert.deepEqual(run(scattered), { person: 1, instance: 3 });
});
