// Proves the weight index W̄ = Σ minutes × weight / Σ minutes on the reference §4.3 example and
// that it stays between the smallest and largest weight of the period.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { minutes, weightMilli } from '../units.ts';
import { weightIndexMilli } from './weight-index.ts';

test('reference §4.3: Ana 3 h at 0.5 and 1 h at 2.0, Ben 4 h at 1.1 give W̄ = 0.988', () => {
  const index = weightIndexMilli([
    { durationMinutes: minutes(180), weightMilli: weightMilli(500) },
    { durationMinutes: minutes(60), weightMilli: weightMilli(2000) },
    { durationMinutes: minutes(240), weightMilli: weightMilli(1100) },
  ]);
  // (90 000 + 120 000 + 264 000) / 480 = 987.5 → 988 (half to even)
  assert.equal(index, 988);
});

test('a period without work has no index', () => {
  assert.equal(weightIndexMilli([]), undefined);
  assert.equal(
    weightIndexMilli([{ durationMinutes: minutes(0), weightMilli: weightMilli(900) }]),
    undefined,
  );
});

test('W̄ lies between the smallest and the largest weight worked', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          m: fc.integer({ min: 1, max: 10_000 }),
          w: fc.integer({ min: 100, max: 5000 }),
        }),
        { minLength: 1, maxLength: 30 },
      ),
      (items) => {
        const index = weightIndexMilli(
          items.map(({ m, w }) => ({ durationMinutes: minutes(m), weightMilli: weightMilli(w) })),
        )!;
        assert.ok(index >= Math.min(...items.map((i) => i.w)));
        assert.ok(index <= Math.max(...items.map((i) => i.w)));
      },
    ),
  );
});
