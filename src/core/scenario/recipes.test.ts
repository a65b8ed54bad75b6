// Proves that a recipe's estimate error is exactly what reaches the adjustment account, for any
// labour actually worked and any batch size, with every invariant of the run holding (the pool
// identity among them), and that the project's opening value is its means' build effort.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { openingInventory } from './recipes.ts';
import { runScenario } from './run.ts';
import { oneSlotWork, product, scenarioOf } from './testing.ts';

const bread = product({
  id: 'bread',
  projectId: 'bakery',
  recipe: {
    unitsPerPeriod: 20,
    labour: [{ templateId: 'bake', effortMilliPerUnit: 500 }],
    overhead: [],
    inputs: [],
    resources: [],
    meansOfProduction: [
      {
        id: 'oven',
        buildEffortMilli: 120_000,
        lifePeriods: 60,
        maintenanceEffortMilliPerPeriod: 500,
        useSharePpm: 800_000,
      },
    ],
    reestimate: null,
    joint: null,
  },
});

function bakery(minutes: number, weightMilli: number, units: number, taken: number) {
  const bake = oneSlotWork('bake1', 'bake', 'bakery', 'ada', minutes, weightMilli, 'bo');
  return scenarioOf({
    persons: ['ada', 'bo', 'cy'],
    projects: ['bakery'],
    products: [bread],
    periods: [
      {
        tasks: [bake.task],
        bids: [bake.bid],
        work: [bake.work],
        production: [{ productId: 'bread', units }],
        requests:
          taken === 0
            ? []
            : [
                {
                  personId: 'cy',
                  productId: 'bread',
                  units: taken,
                  premiumPerUnitEffortMilli: 0,
                  premiumTermPeriods: null,
                  release: 'atOnce',
                  basicNeeds: false,
                },
              ],
      },
    ],
  });
}

describe('recipe periods', () => {
  test('posted 600 = (10 000 + 2 000) / 20; the oven opens the bakery at 120 000', () => {
    const run = runScenario(bakery(600, 1000, 20, 0));
    assert.equal(run.stop, null);
    assert.equal(run.postedPrices[0]!.unitPriceEffortMilli, 600);
    assert.deepEqual([...openingInventory(run.scenario)], [['bakery', 120_000]]);
    // 10 000 labour + 2 000 oven = 12 000 actual, 20 × 600 posted: nothing uncovered.
    assert.equal(run.periods[0]!.recipes[0]!.uncoveredEffortMilli, 0);
    assert.equal(run.periods[0]!.inventoryEffortMilli.get('bakery'), 118_000 + 12_000);
  });

  test('property: the adjustment is actual − posted batch and every invariant holds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 100, max: 3000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.nat({ max: 50 }),
        (minutes, weight, units, wanted) => {
          const taken = Math.min(units, wanted);
          const run = runScenario(bakery(minutes, weight, units, taken));
          assert.equal(run.stop, null, run.stop?.detail);
          const [batch] = run.periods[0]!.recipes;
          const labour = run.periods[0]!.work[0]!.amountEffortMilli;
          assert.equal(batch!.actual.batchTotalEffortMilli, labour + 2000);
          assert.equal(batch!.uncoveredEffortMilli, labour + 2000 - units * 600);
          const adjustment = run.periods[0]!.closingBalances.get('p.adjustment' as never);
          // As a sum: when nothing is uncovered, −0 and 0 would differ under strict equality.
          assert.equal(adjustment! + batch!.uncoveredEffortMilli, 0);
        },
      ),
      // [1993, 283, 19, 0]: labour and oven exactly cover 19 loaves at 600, nothing uncovered.
      { numRuns: 40, examples: [[1993, 283, 19, 0]] },
    );
  });
});
