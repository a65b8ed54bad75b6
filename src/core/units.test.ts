// Proves the integer arithmetic of MODEL.md §2: the credit formula, round-half-even, and the
// largest-remainder split (exact sums, order independence, ties by id, integers only).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  compareIds,
  creditEffortMilli,
  currencyCode,
  divRoundHalfEven,
  effortFromWholeHours,
  effortMilli,
  formatEffortMilli,
  formatWeightMilli,
  isCurrencyCode,
  minutes,
  mulDivRoundHalfEven,
  ppm,
  ratioPpm,
  scaleByPpm,
  splitEvenly,
  splitLargestRemainder,
  sumIntegers,
  weightMilli,
} from './units.ts';

describe('round half even', () => {
  test('rounds ties to the even neighbour and everything else to the nearest', () => {
    assert.equal(divRoundHalfEven(5, 2), 2);
    assert.equal(divRoundHalfEven(7, 2), 4);
    assert.equal(divRoundHalfEven(-5, 2), -2);
    assert.equal(divRoundHalfEven(-7, 2), -4);
    assert.equal(divRoundHalfEven(10, 4), 2);
    assert.equal(divRoundHalfEven(11, 4), 3);
    assert.equal(divRoundHalfEven(9, 4), 2);
    assert.equal(divRoundHalfEven(1, 3), 0);
    assert.equal(divRoundHalfEven(2, 3), 1);
    assert.equal(divRoundHalfEven(5, -2), -2);
    assert.equal(divRoundHalfEven(0, 7), 0);
  });

  test('differs from the exact quotient by at most one half, and ties go to even', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 1, max: 1e6 }),
        (numerator, denominator) => {
          const rounded = divRoundHalfEven(numerator, denominator);
          const distanceTwice = Math.abs(2 * (rounded * denominator - numerator));
          assert.ok(distanceTwice <= denominator);
          if (distanceTwice === denominator) assert.equal(Math.abs(rounded) % 2, 0);
          assert.ok(Number.isSafeInteger(rounded));
        },
      ),
    );
  });

  test('a × b / d in floats equals the same in bigint, also at 2^52 and beyond', () => {
    const reference = (a: number, b: number, d: number) =>
      divRoundHalfEven(BigInt(a) * BigInt(b), BigInt(d));
    const edge = fc.constantFrom(0, 1, -1, 2, 3, 59, 60, 61, 2 ** 26, 2 ** 52, 2 ** 52 - 1);
    const factor = fc.oneof(edge, fc.integer({ min: -1e9, max: 1e9 }), fc.maxSafeInteger());
    const divisor = fc
      .oneof(edge, fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 1, max: 2 ** 53 - 1 }))
      .filter((d) => d !== 0);
    fc.assert(
      fc.property(factor, factor, divisor, (a, b, d) => {
        if (!Number.isSafeInteger(Number((BigInt(a) * BigInt(b)) / BigInt(d)) * 2)) return;
        assert.equal(mulDivRoundHalfEven(a, b, d), reference(a, b, d));
      }),
      { numRuns: 5000 },
    );
    for (let x = -300; x <= 300; x += 1) {
      for (const d of [1, 2, 3, 4, 60, -60])
        assert.equal(mulDivRoundHalfEven(x, 1, d), reference(x, 1, d));
    }
    // Ties at the largest products the float path takes.
    assert.equal(mulDivRoundHalfEven(2 ** 51 + 1, 2, 4), reference(2 ** 51 + 1, 2, 4));
    assert.equal(mulDivRoundHalfEven(2 ** 52 - 1, 1, 2), reference(2 ** 52 - 1, 1, 2));
  });

  test('is exact where floats would not be', () => {
    // 2^53 + 1 cannot be a float; the product must go through bigint.
    assert.equal(mulDivRoundHalfEven(9_007_199_254_740_991, 3, 3), 9_007_199_254_740_991);
    assert.throws(() => divRoundHalfEven(1, 0), /division by zero/);
    assert.throws(() => mulDivRoundHalfEven(0.5, 1, 1), /safe integer/);
  });
});

describe('credit formula', () => {
  test('credit_mWH = round_half_even(minutes × weight_milli / 60)', () => {
    // Reference §4.3: Ana, 3 h programming at 0.5 and 1 h garbage at 2.0 → 3.5 WH.
    const programming = creditEffortMilli(minutes(180), weightMilli(500));
    const garbage = creditEffortMilli(minutes(60), weightMilli(2000));
    assert.equal(programming + garbage, 3500);
    // Ben: 4 h childcare at 1.1 → 4.4 WH.
    assert.equal(creditEffortMilli(minutes(240), weightMilli(1100)), 4400);
    // 1 minute at 1.030 = 17.1666… → 17; 1 minute at 1.050 = 17.5 → 18 (even); 1.110 → 18.5 → 18.
    assert.equal(creditEffortMilli(minutes(1), weightMilli(1030)), 17);
    assert.equal(creditEffortMilli(minutes(1), weightMilli(1050)), 18);
    assert.equal(creditEffortMilli(minutes(1), weightMilli(1110)), 18);
    assert.equal(creditEffortMilli(minutes(0), weightMilli(5000)), 0);
  });

  test('a whole hour at any weight credits exactly the weight in mWH', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (weight) => {
        assert.equal(creditEffortMilli(minutes(60), weightMilli(weight)), weight);
      }),
    );
  });

  test('credit is monotone in minutes and in weight', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (durationMinutes, weight) => {
          const base = creditEffortMilli(minutes(durationMinutes), weightMilli(weight));
          assert.ok(creditEffortMilli(minutes(durationMinutes + 1), weightMilli(weight)) >= base);
          assert.ok(creditEffortMilli(minutes(durationMinutes), weightMilli(weight + 1)) >= base);
        },
      ),
    );
  });
});

describe('price factors', () => {
  test('scales by ppm and builds ratios in ppm, rounding half even', () => {
    assert.equal(scaleByPpm(effortMilli(500), ppm(1_017_544)), 509);
    assert.equal(ratioPpm(58, 57), 1_017_544);
    assert.equal(scaleByPpm(effortMilli(1000), ppm(1_000_000)), 1000);
    assert.equal(scaleByPpm(effortMilli(1), ppm(500_000)), 0);
    assert.equal(scaleByPpm(effortMilli(3), ppm(500_000)), 2);
  });
});

const shareArbitrary = fc.uniqueArray(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 6 }),
    weight: fc.integer({ min: 0, max: 1_000_000 }),
  }),
  { minLength: 1, maxLength: 40, selector: (share) => share.id },
);

describe('largest-remainder split', () => {
  test('worked example: 100 over three equal parties is 34, 33, 33 with the extra unit to the first id', () => {
    const parts = splitEvenly(100, ['c', 'a', 'b']);
    assert.deepEqual(parts, [
      { id: 'a', amount: 34 },
      { id: 'b', amount: 33 },
      { id: 'c', amount: 33 },
    ]);
  });

  test('largest remainders win before ids', () => {
    // 10 over weights 1, 2, 3 (sum 6): exact 1.67, 3.33, 5 → floors 1, 3, 5, one unit left for 'x'.
    const parts = splitLargestRemainder(10, [
      { id: 'z', weight: 3 },
      { id: 'y', weight: 2 },
      { id: 'x', weight: 1 },
    ]);
    assert.deepEqual(parts, [
      { id: 'x', amount: 2 },
      { id: 'y', amount: 3 },
      { id: 'z', amount: 5 },
    ]);
  });

  test('a negative total splits as the mirror of the positive one', () => {
    assert.deepEqual(splitEvenly(-100, ['a', 'b', 'c']), [
      { id: 'a', amount: -34 },
      { id: 'b', amount: -33 },
      { id: 'c', amount: -33 },
    ]);
  });

  test('parts always sum to the whole and are safe integers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e15, max: 1e15 }),
        shareArbitrary.filter((shares) => shares.some((share) => share.weight > 0)),
        (total, shares) => {
          const parts = splitLargestRemainder(total, shares);
          assert.equal(parts.length, shares.length);
          assert.equal(sumIntegers(parts.map((part) => part.amount)), total);
          for (const part of parts) assert.ok(Number.isSafeInteger(part.amount));
        },
      ),
    );
  });

  test('each part is within one unit of its exact proportional share, zero weight gets zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        shareArbitrary.filter((shares) => shares.some((share) => share.weight > 0)),
        (total, shares) => {
          const weightSum = shares.reduce((sum, share) => sum + share.weight, 0);
          const parts = splitLargestRemainder(total, shares);
          for (const part of parts) {
            const weight = shares.find((share) => share.id === part.id)!.weight;
            const exact = (total * weight) / weightSum;
            assert.ok(part.amount >= Math.floor(exact) - 1e-6 * total - 1);
            assert.ok(part.amount <= Math.ceil(exact) + 1e-6 * total + 1);
            if (weight === 0) assert.equal(part.amount, 0);
          }
        },
      ),
    );
  });

  test('the result does not depend on the order of the parties', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        shareArbitrary
          .filter((shares) => shares.some((share) => share.weight > 0))
          .chain((shares) =>
            fc.tuple(
              fc.constant(shares),
              fc.shuffledSubarray(shares, { minLength: shares.length }),
            ),
          ),
        (total, [shares, shuffled]) => {
          assert.deepEqual(
            splitLargestRemainder(total, shuffled),
            splitLargestRemainder(total, shares),
          );
        },
      ),
    );
  });

  test('refuses empty, duplicate or all-zero parties', () => {
    assert.throws(() => splitEvenly(10, []), /at least one party/);
    assert.throws(() => splitEvenly(10, ['a', 'a']), /appears twice/);
    assert.throws(
      () => splitLargestRemainder(10, [{ id: 'a', weight: 0 }]),
      /positive total weight/,
    );
    assert.throws(() => splitLargestRemainder(10, [{ id: 'a', weight: -1 }]), /negative/);
  });
});

describe('constructors and formatting', () => {
  test('constructors accept safe integers in range and reject everything else', () => {
    assert.equal(minutes(90), 90);
    assert.throws(() => minutes(-1), /negative/);
    assert.throws(() => minutes(1.5), /safe integer/);
    assert.throws(() => weightMilli(-1), /negative/);
    assert.throws(() => effortMilli(Number.NaN), /safe integer/);
    assert.throws(() => ppm(2 ** 60), /safe integer/);
    assert.equal(effortFromWholeHours(19), 19_000);
    assert.equal(currencyCode('EUR'), 'EUR');
    assert.equal(isCurrencyCode('eur'), false);
    assert.throws(() => currencyCode('EURO'), /three capital letters/);
  });

  test('formats effort and weights with three decimals', () => {
    assert.equal(formatEffortMilli(effortMilli(3500)), '3.500');
    assert.equal(formatEffortMilli(effortMilli(-9000)), '-9.000');
    assert.equal(formatEffortMilli(effortMilli(7)), '0.007');
    assert.equal(formatWeightMilli(weightMilli(1250)), '1.250');
  });

  test('ids compare by code units, independent of locale', () => {
    assert.ok(compareIds('B', 'a') < 0);
    assert.ok(compareIds('a', 'a') === 0);
    assert.ok(compareIds('ä', 'z') > 0);
  });

  test('sums refuse to leave the safe integer range', () => {
    assert.throws(() => sumIntegers([Number.MAX_SAFE_INTEGER, 1]), /safe integer/);
  });
});
