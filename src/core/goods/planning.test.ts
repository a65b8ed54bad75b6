// Proves production planning (reference §4.10): the bakery plans 359 kg, pre-orders,
// subscriptions and wishes count as stated, and persistent premiums, discounts or write-offs
// and high task weights turn into the three signals.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { asId, type PersonId, type ProductId } from '../ids.ts';
import { effortMilli, ppm } from '../units.ts';
import { type PlanningInput, planOutput, productionSignals } from './planning.ts';

const person = (id: string) => asId<'Person'>(id) as PersonId;
const bread = asId<'Product'>('bread') as ProductId;
const E = effortMilli;

const bakery: PlanningInput = {
  productId: bread,
  period: 10,
  postedUnitPriceEffortMilli: E(500),
  preOrders: [
    {
      id: 'a',
      personId: person('a'),
      productId: bread,
      units: 200,
      postedUnitPriceEffortMilli: E(500),
      period: 10,
    },
    {
      id: 'b',
      personId: person('b'),
      productId: bread,
      units: 100,
      postedUnitPriceEffortMilli: E(500),
      period: 10,
    },
    // Another period and another product do not count.
    {
      id: 'c',
      personId: person('b'),
      productId: bread,
      units: 999,
      postedUnitPriceEffortMilli: E(500),
      period: 11,
    },
  ],
  subscriptions: [],
  wishes: [],
  nonPreorderedHistory: [50, 70, 60],
  alphaPpm: ppm(900_000),
  safetyStockUnits: 10,
  stockUnits: 5,
};

describe('planned output (reference §4.10)', () => {
  test('bakery: 300 pre-ordered + 0.9 × 60 + 10 − 5 = 359 kg', () => {
    const plan = planOutput(bakery);
    assert.equal(plan.committedUnits, 300);
    assert.equal(plan.averageNonPreorderedUnits, 60);
    assert.equal(plan.plannedUnits, 359);
  });

  test('subscriptions add to committed demand; wishes are shown when the price suits', () => {
    const plan = planOutput({
      ...bakery,
      subscriptions: [
        { personId: person('s'), productId: bread, unitsPerPeriod: 12, fromPeriod: 1 },
        {
          personId: person('t'),
          productId: bread,
          unitsPerPeriod: 8,
          fromPeriod: 1,
          untilPeriod: 9,
        },
      ],
      wishes: [
        {
          personId: person('w'),
          productId: bread,
          quantity: 4,
          period: 10,
          maxUnitPriceEffortMilli: E(600),
        },
        {
          personId: person('x'),
          productId: bread,
          quantity: 9,
          period: 10,
          maxUnitPriceEffortMilli: E(400),
        },
      ],
    });
    assert.equal(plan.committedUnits, 312);
    assert.equal(plan.wishedUnits, 4);
    assert.equal(plan.plannedUnits, 371);
  });

  test('never below zero; no history means no unordered demand', () => {
    const plan = planOutput({
      ...bakery,
      preOrders: [],
      nonPreorderedHistory: [],
      stockUnits: 500,
    });
    assert.equal(plan.plannedUnits, 0);
    assert.equal(plan.averageNonPreorderedUnits, 0);
  });
});

describe('signals', () => {
  const quiet = {
    clearingPremiumEffortMilli: 0,
    discountShortfallEffortMilli: 0,
    writeOffEffortMilli: 0,
    maxTaskWeightMilli: 1000,
  };
  test('persistent premium → more; persistent discount or write-off → less; high weight → restructure', () => {
    const periods = [1, 2, 3].map((period) => ({ ...quiet, period }));
    assert.deepEqual(productionSignals(periods), []);
    assert.deepEqual(
      productionSignals(periods.map((p) => ({ ...p, clearingPremiumEffortMilli: 8_000 }))),
      ['produceMore'],
    );
    assert.deepEqual(
      productionSignals([
        { ...periods[0]!, discountShortfallEffortMilli: 1 },
        { ...periods[1]!, writeOffEffortMilli: 1 },
        { ...periods[2]!, discountShortfallEffortMilli: 5 },
      ]),
      ['produceLess'],
    );
    assert.deepEqual(productionSignals(periods.map((p) => ({ ...p, maxTaskWeightMilli: 2_500 }))), [
      'restructure',
    ]);
  });
  test('a persistence of fewer than one period is a programming error, not "ever"', () => {
    const premiumOnce = [
      { ...quiet, period: 1, clearingPremiumEffortMilli: 1 },
      { ...quiet, period: 2 },
    ];
    for (const persistencePeriods of [0, -1, 1.5]) {
      assert.throws(() =>
        productionSignals(premiumOnce, { persistencePeriods, highWeightMilli: 2000 }),
      );
    }
    assert.deepEqual(
      productionSignals(premiumOnce, { persistencePeriods: 1, highWeightMilli: 2000 }),
      [],
    );
  });
  test('one quiet period among the last three breaks persistence; too little history says nothing', () => {
    const history = [
      { ...quiet, period: 4, clearingPremiumEffortMilli: 1 },
      { ...quiet, period: 2, clearingPremiumEffortMilli: 1 },
      { ...quiet, period: 3 },
      { ...quiet, period: 1, clearingPremiumEffortMilli: 1 },
    ];
    assert.deepEqual(productionSignals(history), []);
    assert.deepEqual(productionSignals(history.slice(0, 2)), []);
    assert.deepEqual(productionSignals(history, { persistencePeriods: 1, highWeightMilli: 2000 }), [
      'produceMore',
    ]);
  });
});
