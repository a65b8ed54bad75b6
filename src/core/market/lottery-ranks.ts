// Each person's place in a round's lottery: persons ordered by their 32-bit ticket, ties (which
// 32 bits allow) by index, as MODEL.md §4 "Determinism" orders them. A stable radix sort on the
// ticket's two 16-bit halves gives that order in two linear passes, where a comparison sort of
// a million persons took most of the time of ranking them.

import { lotteryTicket } from '../random.ts';

/** Each person's rank by lottery ticket of the round's seed (0 draws first). */
export function lotteryRanks(seed: number, personIds: readonly string[]): Int32Array {
  const tickets = new Uint32Array(personIds.length);
  for (let j = 0; j < personIds.length; j += 1) tickets[j] = lotteryTicket(seed, personIds[j]!);
  return ranksByTicket(tickets);
}

/** rank[j] = the place of j when ordered by (tickets[j], j). */
export function ranksByTicket(tickets: Uint32Array): Int32Array {
  const n = tickets.length;
  const byLow = new Int32Array(n);
  const byTicket = new Int32Array(n);
  // Least significant half first; each pass is stable, so equal tickets keep index order.
  sortByHalf(tickets, null, byLow, 0);
  sortByHalf(tickets, byLow, byTicket, 16);
  const rank = new Int32Array(n);
  for (let r = 0; r < n; r += 1) rank[byTicket[r]!] = r;
  return rank;
}

/** Writes the indices `from` (0..n−1 when null) to `to`, stably ordered by one 16-bit half. */
function sortByHalf(
  tickets: Uint32Array,
  from: Int32Array | null,
  to: Int32Array,
  shift: number,
): void {
  const n = tickets.length;
  const next = new Int32Array(HALF + 1);
  for (let k = 0; k < n; k += 1) {
    const bucket = (tickets[k]! >>> shift) & (HALF - 1);
    next[bucket + 1] = next[bucket + 1]! + 1;
  }
  for (let bucket = 0; bucket < HALF; bucket += 1) {
    next[bucket + 1] = next[bucket + 1]! + next[bucket]!;
  }
  for (let k = 0; k < n; k += 1) {
    const j = from === null ? k : from[k]!;
    const bucket = (tickets[j]! >>> shift) & (HALF - 1);
    to[next[bucket]!] = j;
    next[bucket] = next[bucket]! + 1;
  }
}

const HALF = 2 ** 16;
