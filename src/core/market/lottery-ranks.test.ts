// Proves the radix ranking orders persons exactly as a comparison sort by (ticket, index) does,
// ties included, and that ranks are a permutation: the lottery's order is part of every
// recorded clearing, so the faster sort must not move a single person.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { lotteryTicket } from '../random.ts';
import { lotteryRanks, ranksByTicket } from './lottery-ranks.ts';

function ranksBySorting(tickets: readonly number[]): Int32Array {
  const byTicket = tickets.map((_, j) => j);
  byTicket.sort((a, b) => tickets[a]! - tickets[b]! || a - b);
  const rank = new Int32Array(tickets.length);
  byTicket.forEach((j, r) => {
    rank[j] = r;
  });
  return rank;
}

describe('lottery ranks', () => {
  it('equal a comparison sort by ticket then index, with many ties and both halves in play', () => {
    const ticket = fc.oneof(
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 0, max: 3 }).map((high) => high * 2 ** 16 + 7),
      fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    );
    fc.assert(
      fc.property(fc.array(ticket, { maxLength: 300 }), (tickets) => {
        assert.deepEqual(ranksByTicket(Uint32Array.from(tickets)), ranksBySorting(tickets));
      }),
      { numRuns: 300 },
    );
  });

  it('rank persons by the tickets of the round seed', () => {
    const ids = ['ana', 'ben', 'cleo', 'dan', 'eve'];
    const expected = ranksBySorting(ids.map((id) => lotteryTicket(11, id)));
    assert.deepEqual(lotteryRanks(11, ids), expected);
    assert.deepEqual([...lotteryRanks(11, ids)].sort(), [0, 1, 2, 3, 4]);
  });
});
