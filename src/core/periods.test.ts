// Proves the period range check: both ends inclusive, an absent end open, and nothing before
// the first period.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { inPeriodRange } from './periods.ts';

describe('inPeriodRange', () => {
  test('both ends are inclusive', () => {
    assert.equal(inPeriodRange(1, 2, 4), false);
    assert.equal(inPeriodRange(2, 2, 4), true);
    assert.equal(inPeriodRange(4, 2, 4), true);
    assert.equal(inPeriodRange(5, 2, 4), false);
    assert.equal(inPeriodRange(3, 3, 3), true);
  });

  test('an absent end is open, whether undefined or null', () => {
    assert.equal(inPeriodRange(1_000, 2), true);
    assert.equal(inPeriodRange(1_000, 2, null), true);
    assert.equal(inPeriodRange(1, 2), false);
    assert.equal(inPeriodRange(1, 2, null), false);
  });

  test('agrees with counting the periods of the range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        (period, from, length) => {
          const periods = Array.from({ length }, (_, k) => from + k);
          assert.equal(inPeriodRange(period, from, from + length - 1), periods.includes(period));
        },
      ),
    );
  });
});
