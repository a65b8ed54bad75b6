// Proves that a joint process's batch is split over its outputs exactly (the shares add up to
// the batch, each share's components add up to the share) and that the split does not depend
// on the order in which the outputs are declared.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { computeEffortPrice, PRICE_COMPONENTS } from '../goods/index.ts';
import { bicycleRecipe } from '../goods/testing.ts';
import { effortMilli, sumIntegers } from '../units.ts';
import { splitJointBatch } from './joint.ts';
import type { JointSpec } from './types.ts';

describe('splitJointBatch', () => {
  test('shares add up to the batch and the order of the outputs does not matter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.uniqueArray(
          fc.record({
            productId: fc.stringMatching(/^[a-z]{1,6}$/),
            units: fc.integer({ min: 1, max: 1000 }),
            sharePpm: fc.integer({ min: 1, max: 1_000_000 }),
          }),
          { minLength: 2, maxLength: 6, selector: (o) => o.productId },
        ),
        fc.boolean(),
        fc.integer(),
        (labour, outputs, byUnits, shuffleSeed) => {
          const process = computeEffortPrice({
            ...bicycleRecipe(),
            labourEffortMilli: effortMilli(labour),
          });
          assert.ok(process.ok);
          const spec = (list: typeof outputs): JointSpec => ({
            basis: byUnits ? 'outputShare' : 'effortShare',
            outputs: list.map((o) => ({ productId: o.productId, sharePpm: o.sharePpm })),
          });
          const unitsOf = (id: string) => outputs.find((o) => o.productId === id)!.units;
          const shuffled = [...outputs].sort(
            (a, b) => ((a.units * 31 + shuffleSeed) % 7) - ((b.units * 31 + shuffleSeed) % 7),
          );
          const one = splitJointBatch(process.value, spec(outputs), unitsOf);
          const two = splitJointBatch(process.value, spec(shuffled.reverse()), unitsOf);
          assert.ok(one.ok && two.ok);
          assert.deepEqual(one.value, two.value);
          assert.equal(
            sumIntegers(one.value.map((x) => x.breakdown.batchTotalEffortMilli)),
            process.value.batchTotalEffortMilli,
          );
          for (const { breakdown } of one.value) {
            assert.equal(
              sumIntegers(PRICE_COMPONENTS.map((c) => breakdown.batch[c])),
              breakdown.batchTotalEffortMilli,
            );
            assert.equal(
              sumIntegers(PRICE_COMPONENTS.map((c) => breakdown.perUnit[c])),
              breakdown.unitPriceEffortMilli,
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
