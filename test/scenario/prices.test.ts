// Proves the posted price re-estimated from recent actual prices (windowPeriods, unit-weighted
// mean rounded half-even, the estimate while there is none) and a joint process split by its
// declared shares (largest remainder), with the pool identity holding every period (numbers
// in examples/mechanism-prices.yaml; decision 0015).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runScenario, scenarioReport } from '../../src/core/scenario/index.ts';
import { balancesOf, exampleVariant, loadExample, loadText, refusal } from './support.ts';

const FILE = 'mechanism-prices.yaml';
const variant = exampleVariant(FILE);
const ACCOUNTS = [
  'person.ada',
  'person.cy',
  'person.dan',
  'project.bakery',
  'project.dairy',
  'adjustment',
];

describe('posted prices re-estimated and joint products (M6)', () => {
  const run = runScenario(loadExample(FILE));

  test('runs four periods with every invariant holding', () => {
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 4);
  });

  test('bread: posted 200 (estimate), 250 (1), 256 (1, 2), 239 (2, 3)', () => {
    assert.deepEqual(
      run.periods.map((p) =>
        p.postedPrices.map((x) => [
          x.productId,
          x.unitPriceEffortMilli,
          x.source,
          [...x.fromPeriods],
          x.units,
          x.batchEffortMilli,
        ]),
      ),
      [
        [['bread', 200, 'estimate', [], null, null]],
        [['bread', 250, 'actual', [1], 10, 2500]],
        [['bread', 256, 'actual', [1, 2], 18, 4600]],
        [['bread', 239, 'actual', [2, 3], 18, 4300]],
      ],
    );
  });

  test('bread: actual 250, 262, 220, 200 against the posted price: +500, +100, −360, −390', () => {
    assert.deepEqual(
      run.periods.map((p) =>
        p.recipes
          .filter((r) => r.productId === 'bread')
          .map((r) => [
            r.postedUnitPriceEffortMilli,
            r.actual.unitPriceEffortMilli,
            r.uncoveredEffortMilli,
          ]),
      ),
      [[[200, 250, 500]], [[250, 262, 100]], [[256, 220, -360]], [[239, 200, -390]]],
    );
  });

  test('joint estimate: 4 000 split 75/25 → cheese 3 000 / 10 = 300, whey 1 000 / 20 = 50', () => {
    const posted = run.postedPrices.map((x) => [
      x.productId,
      x.batchTotalEffortMilli,
      x.unitPriceEffortMilli,
      x.joint?.weight ?? null,
      x.joint?.process.batchTotalEffortMilli ?? null,
    ]);
    assert.deepEqual(posted, [
      ['bread', 2000, 200, null, null],
      ['cheese', 3000, 300, 750_000, 4000],
      ['whey', 1000, 50, 250_000, 4000],
    ]);
  });

  test('joint actual: 1 667 split 1 250 + 417 (largest remainder), cheese 250, whey 46', () => {
    const p1 = run.periods[0]!;
    assert.deepEqual(
      p1.recipes.map((r) => [
        r.productId,
        r.units,
        r.actual.batchTotalEffortMilli,
        r.actual.unitPriceEffortMilli,
        r.uncoveredEffortMilli,
        r.joint?.process.batchTotalEffortMilli ?? null,
      ]),
      [
        ['bread', 10, 2500, 250, 500, null],
        ['cheese', 5, 1250, 250, -250, 1667],
        ['whey', 9, 417, 46, -33, 1667],
      ],
    );
    // The per-unit breakdown of a joint output sums to its price (all labour here).
    assert.deepEqual(p1.recipes[2]!.actual.perUnit, {
      labour: 46,
      meansOfProduction: 0,
      inputs: 0,
      resources: 0,
      overhead: 0,
    });
  });

  test('balances: adjustment −217, −317, +43, +433; closing as in the header', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((p) => balancesOf(run, p, ['adjustment'])[0]),
      [-217, -317, 43, 433],
    );
    assert.deepEqual(balancesOf(run, 4, ACCOUNTS), [8800, 1667, -1945, -7755, -1200, 433]);
    const p4 = run.periods[3]!;
    assert.deepEqual(Object.fromEntries(p4.stockUnits), { bread: 33, cheese: 3, whey: 6 });
    assert.deepEqual(Object.fromEntries(p4.inventoryEffortMilli), { bakery: 7755, dairy: 1200 });
    assert.equal(p4.settlement.baseEffortMilli, 1945);
    assert.equal(p4.settlement.nextPriceFactorPpm, 777_378);
    assert.deepEqual(
      run.periods.map((p) => p.priceFactorPpm),
      [1_000_000, 1_000_000, 1_000_000, 1_000_000],
    );
  });

  test('the report publishes each period’s posted price and the joint split', () => {
    const report = scenarioReport(run) as {
      periods: { postedPrices?: { source: string }[]; recipes: { joint?: { basis: string } }[] }[];
      postedPrices: { joint?: { weight: number } }[];
    };
    assert.deepEqual(
      report.periods.map((p) => p.postedPrices?.map((x) => x.source)),
      [['estimate'], ['actual'], ['actual'], ['actual']],
    );
    assert.deepEqual(
      report.periods[0]!.recipes.map((r) => r.joint?.basis ?? null),
      [null, 'effortShare', 'effortShare'],
    );
    assert.deepEqual(
      report.postedPrices.map((x) => x.joint?.weight ?? null),
      [null, 750_000, 250_000],
    );
  });

  test('a window of 1 follows the last period only (2 100 / 8 = 262.5 → 262); without it the estimate stays', () => {
    const one = runScenario(
      loadText(variant((s) => (s.products[0].recipe.reestimate.windowPeriods = 1))),
    );
    assert.deepEqual(
      one.periods.map((p) => p.postedPrices[0]!.unitPriceEffortMilli),
      [200, 250, 262, 220],
    );
    const none = runScenario(loadText(variant((s) => delete s.products[0].recipe.reestimate)));
    assert.equal(none.stop, null);
    assert.deepEqual(
      none.periods.map((p) => [p.postedPrices.length, p.recipes[0]!.postedUnitPriceEffortMilli]),
      [
        [0, 200],
        [0, 200],
        [0, 200],
        [0, 200],
      ],
    );
  });

  test('outputShare splits by the units made: 4 000 by 10 : 20, 1 667 by 5 : 9', () => {
    const byUnits = runScenario(
      loadText(
        variant((s) => {
          s.products[1].recipe.joint = {
            basis: 'outputShare',
            outputs: [{ productId: 'whey' }, { productId: 'cheese' }],
          };
        }),
      ),
    );
    assert.equal(byUnits.stop, null);
    assert.deepEqual(
      byUnits.postedPrices.map((x) => [
        x.productId,
        x.batchTotalEffortMilli,
        x.unitPriceEffortMilli,
      ]),
      [
        ['bread', 2000, 200],
        ['cheese', 1333, 133],
        ['whey', 2667, 133],
      ],
    );
    // 1 667 × 5/14 = 595.36, × 9/14 = 1 071.64: the left-over mWH goes to whey.
    assert.deepEqual(
      byUnits.periods[0]!.recipes.map((r) => [r.productId, r.actual.batchTotalEffortMilli]),
      [
        ['bread', 2500],
        ['cheese', 595],
        ['whey', 1072],
      ],
    );
  });

  test('a joint process makes all its outputs or none', () => {
    const missing = runScenario(loadText(variant((s) => s.periods[0].production.pop()))).stop;
    assert.deepEqual(missing && [missing.period, missing.code, missing.detail], [
      1,
      'scenario.joint_output_missing',
      'cheese: its joint output whey was not made',
    ]);
    const alone = runScenario(
      loadText(variant((s) => s.periods[1].production.push({ productId: 'whey', units: 1 }))),
    ).stop;
    assert.deepEqual(alone && [alone.period, alone.code], [2, 'scenario.joint_without_process']);
  });

  test('malformed prices and splits are refused with their path', () => {
    assert.equal(
      refusal(variant((s) => (s.products[1].recipe.joint.outputs[1].sharePpm = 200_000))),
      'scenario.invalid x.yaml: products[1].recipe.joint.outputs: the shares must add up to 1000000 ppm, not 950000',
    );
    assert.equal(
      refusal(variant((s) => (s.products[1].recipe.joint.outputs[1].productId = 'butter'))),
      'scenario.unknown_reference x.yaml: products[1].recipe.joint.outputs[1].productId: unknown product "butter"',
    );
    assert.equal(
      refusal(variant((s) => (s.products[0].recipe.reestimate.windowPeriods = 0))),
      'scenario.invalid x.yaml: products[0].recipe.reestimate.windowPeriods: must be ≥ 1',
    );
    assert.equal(
      refusal(variant((s) => delete s.products[1].recipe.joint.outputs[0].sharePpm)),
      'scenario.invalid x.yaml: products[1].recipe.joint.outputs[0].sharePpm: is required for basis effortShare',
    );
    assert.equal(
      refusal(variant((s) => (s.products[1].recipe.joint.outputs[0].productId = 'bread'))),
      'scenario.joint_mismatch x.yaml: products[1].recipe.joint.outputs: must name "cheese" itself',
    );
    assert.equal(
      refusal(variant((s) => (s.products[2].jointOf.productId = 'bread'))),
      'scenario.joint_mismatch x.yaml: products[1].recipe.joint.outputs[1].productId: "whey" must say jointOf: { productId: cheese }',
    );
    assert.equal(
      refusal(variant((s) => (s.products[2].unitPriceEffortMilli = 50))),
      'scenario.invalid x.yaml: products[2].unitPriceEffortMilli: leave it out: the joint split prices it',
    );
    assert.equal(
      refusal(
        variant((s) => (s.products[0].recipe.inputs = [{ productId: 'whey', quantityPerUnit: 1 }])),
      ),
      'scenario.joint_mismatch x.yaml: products[0].recipe.inputs[0].productId: "whey" is a joint product, which cannot be an input yet',
    );
  });
});
