// Seeded randomness for the core, used for lotteries over ties and quotas. The core has no
// Math.random: the seed is an input, and every caller records it with the result that used it
// (`seed` on a clearing or allocation), so anyone can replay a draw bit for bit (open books).
// mulberry32 is small, fast and good enough for fair ordering; it is not for secrets. The task
// market's lottery tickets (hashString32, mix32, lotteryTicket) live here too, so the core has
// one generator and a recorded draw replays the same everywhere.

import { assert } from './assert.ts';
import { compareIds } from './units.ts';

/** A deterministic stream of 32-bit unsigned integers from a seed (taken modulo 2³²). */
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

/** FNV-1a over UTF-16 code units: a stable 32-bit hash of an id. */
export function hashString32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * One mulberry32 step as a mixing function of a 32-bit value: the first draw of the stream
 * seeded with `value`, without allocating a generator (one per person per clearing).
 */
export function mix32(value: number): number {
  let t = (value + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/**
 * The lottery ticket of one party in one draw: depends only on the seed and the id, so the
 * order in which parties are listed cannot change who wins a tie (task market, MODEL.md §4).
 */
export function lotteryTicket(seed: number, id: string): number {
  return mix32((hashString32(id) ^ mix32(seed >>> 0)) >>> 0);
}

/**
 * An integer in [0, bound) from the stream. Rejection sampling instead of a plain modulo, so
 * no outcome is favoured when 2³² is not a multiple of the bound.
 */
export function drawBelow(next: () => number, bound: number): number {
  assert(Number.isSafeInteger(bound) && bound > 0 && bound <= 2 ** 32, 'bad lottery bound');
  const limit = 2 ** 32 - (2 ** 32 % bound);
  for (;;) {
    const value = next();
    if (value < limit) return value % bound;
  }
}

/**
 * A Fisher–Yates shuffle of a copy of `items`, driven by the seeded stream. The result depends
 * on the input order too; use `lotteryOrder` where the input order must not matter.
 */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const order = [...items];
  const next = mulberry32(seed);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = drawBelow(next, i + 1);
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  return order;
}

/**
 * A seeded permutation of ids: sorted by id first, so the order in which a caller happens to
 * hold them never changes who is drawn, then shuffled. Returns the ids in lottery order.
 */
export function lotteryOrder<Id extends string>(ids: readonly Id[], seed: number): Id[] {
  return seededShuffle([...ids].sort(compareIds), seed);
}

/**
 * Lottery rank of each id (0 = drawn first), for use as a tie-breaker. Keyed by plain string
 * so that any id type (a PersonId, or a `person:`/`project:` party id) can look its rank up.
 */
export function lotteryRanks(ids: readonly string[], seed: number): Map<string, number> {
  return new Map(lotteryOrder(ids, seed).map((id, rank) => [id, rank]));
}
