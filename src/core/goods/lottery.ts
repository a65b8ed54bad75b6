// A seeded lottery for ties and quotas. The core has no Math.random: the seed is an input and
// is recorded with every result that used it, so anyone can replay the draw (open books).
// mulberry32 is small, fast and good enough for fair ordering; it is not for secrets.

import { assert } from '../assert.ts';
import { compareIds } from '../units.ts';

/** A deterministic stream of 32-bit unsigned integers from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  assert(Number.isSafeInteger(seed), 'lottery seed must be an integer');
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** An unbiased integer in [0, bound) by rejection sampling. */
export function drawBelow(next: () => number, bound: number): number {
  assert(Number.isSafeInteger(bound) && bound > 0 && bound <= 2 ** 32, 'bad lottery bound');
  const limit = 2 ** 32 - (2 ** 32 % bound);
  for (;;) {
    const value = next();
    if (value < limit) return value % bound;
  }
}

/**
 * A seeded permutation of ids: first sorted by id (so the input order never matters), then
 * shuffled by Fisher–Yates with the seeded stream. Returns the ids in lottery order.
 */
export function lotteryOrder<Id extends string>(ids: readonly Id[], seed: number): Id[] {
  const order = [...ids].sort(compareIds);
  const next = mulberry32(seed);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = drawBelow(next, i + 1);
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  return order;
}

/** Lottery rank of each id (0 = drawn first). */
export function lotteryRanks<Id extends string>(ids: readonly Id[], seed: number): Map<Id, number> {
  return new Map(lotteryOrder(ids, seed).map((id, rank) => [id, rank]));
}
