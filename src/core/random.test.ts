// Proves the seeded lottery replays: known streams per seed, same seed same draw, shuffles are permutations.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { drawBelow, lotteryOrder, lotteryRanks, mulberry32, seededShuffle } from './random.ts';

describe('mulberry32', () => {
  test('a fixed seed gives a known stream (recorded draws must replay forever)', () => {
    const take = (seed: number) => {
      const next = mulberry32(seed);
      return [next(), next(), next(), next()];
    };
    assert.deepEqual(take(0), [1_144_304_738, 1_416_247, 958_946_056, 627_933_444]);
    assert.deepEqual(take(1), [2_693_262_067, 11_749_833, 2_265_367_787, 4_213_581_821]);
    assert.deepEqual(take(42), [2_581_720_956, 1_925_393_290, 3_661_312_704, 2_876_485_805]);
    // Seeds are taken modulo 2³², so negative and large seeds are valid inputs.
    assert.deepEqual(take(-1), take(2 ** 32 - 1));
    assert.deepEqual(take(2 ** 32 + 5), take(5));
  });

  test('only integer seeds are accepted', () => {
    assert.throws(() => mulberry32(1.5));
    assert.throws(() => mulberry32(Number.NaN));
  });
});

describe('drawBelow', () => {
  test('stays within the bound', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 2 ** 32 }), (seed, bound) => {
        const value = drawBelow(mulberry32(seed), bound);
        assert.ok(Number.isInteger(value) && value >= 0 && value < bound);
      }),
    );
    assert.throws(() => drawBelow(mulberry32(1), 0));
  });
});

describe('seeded shuffle and lottery order', () => {
  const idsArb = fc.uniqueArray(fc.string({ maxLength: 4 }), { maxLength: 12 });

  test('a shuffle is a permutation, and the same seed gives the same shuffle', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 12 }), fc.integer(), (items, seed) => {
        const shuffled = seededShuffle(items, seed);
        assert.deepEqual(
          [...shuffled].sort((a, b) => a - b),
          [...items].sort((a, b) => a - b),
        );
        assert.deepEqual(seededShuffle(items, seed), shuffled);
      }),
    );
  });

  test('the lottery order ignores input order and ranks every id once', () => {
    fc.assert(
      fc.property(idsArb, fc.integer(), (ids, seed) => {
        const order = lotteryOrder(ids, seed);
        assert.deepEqual(lotteryOrder([...ids].reverse(), seed), order);
        const ranks = lotteryRanks(ids, seed);
        assert.deepEqual(
          [...ranks.values()].sort((a, b) => a - b),
          ids.map((_, index) => index),
        );
        for (const [rank, id] of order.entries()) assert.equal(ranks.get(id), rank);
      }),
    );
  });

  test('known draws for fixed seeds', () => {
    assert.deepEqual(lotteryOrder(['e', 'd', 'c', 'b', 'a'], 7), ['b', 'a', 'd', 'e', 'c']);
    assert.deepEqual(lotteryOrder(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], 42), [
      'b',
      'd',
      'h',
      'g',
      'f',
      'a',
      'c',
      'e',
    ]);
    const seen = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].map((s) => lotteryOrder(['a', 'b', 'c'], s).join()),
    );
    assert.ok(seen.size > 1, 'different seeds draw differently');
  });
});
