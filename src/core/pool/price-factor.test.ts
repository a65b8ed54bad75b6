// Proves the price-factor rules at their edges: the reference's 0.998, no base keeps 1.0, a
// surplus above the base floors at 0, and per-head shares sum exactly to the net surplus.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { asId, type PersonId } from '../ids.ts';
import { effortMilli, ppm, scaleByPpm, sumIntegers } from '../units.ts';
import { nextPriceFactor, perHeadShares } from './price-factor.ts';

const people = (n: number) =>
  Array.from({ length: n }, (_, i) => asId<'Person'>(`p${i}`) as PersonId);

describe('price factor', () => {
  test('Π = 24 WH over B = 12,000 WH is 0.998 and a 19 WH bicycle posts at 18.962 WH', () => {
    assert.equal(nextPriceFactor(24_000, 12_000_000), 998_000);
    assert.equal(scaleByPpm(effortMilli(19_000), ppm(998_000)), 18_962);
  });
  test('Adj = 1 WH over B = 57 WH is 1.017544 (the reference rounds to 1.0175)', () => {
    assert.equal(nextPriceFactor(-1_000, 57_000), 1_017_544);
  });
  test('no base keeps 1.0; a surplus above the base floors at 0', () => {
    assert.equal(nextPriceFactor(5_000, 0), 1_000_000);
    assert.equal(nextPriceFactor(20_000, 10_000), 0);
  });
  test('per head: nobody contributing gets nothing; parts always sum to the surplus', () => {
    assert.deepEqual(perHeadShares(1_000, []), []);
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 1, max: 50 }),
        (net, n) => {
          const parts = perHeadShares(net, people(n));
          assert.equal(sumIntegers(parts.map((p) => p.amount)), net);
        },
      ),
      { numRuns: 100 },
    );
  });
});
