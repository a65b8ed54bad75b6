// Proves the market's lottery (now in src/core/random.ts) is replayable by seed, reproduces
// mulberry32's reference outputs, and keeps the tickets recorded before prng.ts was merged
// into random.ts: a recorded clearing must replay with the same tie order forever.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashString32, lotteryTicket, mix32, mulberry32 } from '../random.ts';

describe('market lottery (src/core/random.ts)', () => {
  it('mulberry32 is replayable and matches the reference sequence for seed 42', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = [a(), a(), a()];
    assert.deepEqual([b(), b(), b()], first);
    // mulberry32(42) / 2^32 starts 0.6011037519, 0.4482905589 (the published algorithm).
    assert.equal(Math.floor((first[0]! / 2 ** 32) * 1e10), 6011037519);
    assert.equal(Math.floor((first[1]! / 2 ** 32) * 1e10), 4482905589);
  });

  it('hashes and tickets are stable 32-bit values', () => {
    assert.equal(hashString32(''), 0x811c9dc5);
    assert.equal(hashString32('a'), 0xe40c292c);
    const ticket = lotteryTicket(7, 'ana');
    assert.equal(lotteryTicket(7, 'ana'), ticket);
    assert.notEqual(lotteryTicket(8, 'ana'), ticket);
    assert.ok(Number.isInteger(ticket) && ticket >= 0 && ticket < 2 ** 32);
  });

  it('keeps the values the market recorded with its former prng.ts', () => {
    // Computed with market/prng.ts before the merge (equal on 2000 seeds and ids as well).
    assert.equal(lotteryTicket(7, 'ana'), 2507737156);
    assert.equal(lotteryTicket(0, 'person-000001'), 3515653828);
    assert.equal(lotteryTicket(4294967295, 'ana'), 3711581816);
    // mix32 is the first draw of the stream seeded with its argument.
    for (const seed of [0, 1, 42, 0x7fffffff, 0xffffffff]) {
      assert.equal(mix32(seed), mulberry32(seed)());
    }
  });
});
