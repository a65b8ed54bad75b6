// Proves that a product's recipe gives its posted price (computeEffortPrice, bottom-up through
// its inputs) with the published breakdown, that each batch's actual price is computed from
// the work booked to its templates, and that the difference reaches the adjustment account
// with the pool identity holding (numbers in examples/mechanism-recipes.yaml).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runScenario, scenarioReport } from '../../src/core/scenario/index.ts';
import { balancesOf, EXAMPLES, loadExample, loadText, refusal } from './support.ts';

const FILE = readFileSync(join(EXAMPLES, 'mechanism-recipes.yaml'), 'utf8');
const ACCOUNTS = [
  'person.cy',
  'person.ada',
  'person.dan',
  'project.mill',
  'project.bakery',
  'adjustment',
];

describe('recipes and means of production (M6)', () => {
  const run = runScenario(loadExample('mechanism-recipes.yaml'));

  test('runs both periods with every invariant holding', () => {
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 2);
  });

  test('posted prices: flour 2 000 / 20 = 100; bread 15 000 / 20 = 750 = 500 + 100 + 100 + 50', () => {
    const bread = run.postedPrices.find((x) => x.productId === 'bread')!;
    assert.deepEqual(bread.batch, {
      labour: 10_000,
      meansOfProduction: 2000,
      inputs: 2000,
      resources: 0,
      overhead: 1000,
    });
    assert.equal(bread.unitPriceEffortMilli, 750);
    assert.deepEqual(bread.perUnit, {
      labour: 500,
      meansOfProduction: 100,
      inputs: 100,
      resources: 0,
      overhead: 50,
    });
    assert.deepEqual(bread.meansOfProductionLines, [{ id: 'oven', effortMilli: 2000 }]);
    assert.deepEqual(bread.inputLines, [{ productId: 'flour', quantity: 20, effortMilli: 2000 }]);
    const flour = run.postedPrices.find((x) => x.productId === 'flour')!;
    assert.equal(flour.unitPriceEffortMilli, 100);
    // The report publishes the same breakdown.
    const report = scenarioReport(run) as { postedPrices: { unitPriceEffortMilli: number }[] };
    assert.deepEqual(
      report.postedPrices.map((x) => x.unitPriceEffortMilli),
      [750, 100],
    );
  });

  test('period 1: actual 17 000 / 20 = 850 per loaf, 2 000 uncovered to the adjustment account', () => {
    const p1 = run.periods[0]!;
    assert.deepEqual(
      p1.recipes.map((r) => [
        r.productId,
        r.actual.batchTotalEffortMilli,
        r.actual.unitPriceEffortMilli,
        r.uncoveredEffortMilli,
      ]),
      [
        ['bread', 17_000, 850, 2000],
        ['flour', 2000, 100, 0],
      ],
    );
    assert.deepEqual(balancesOf(run, 1, ACCOUNTS), [2000, 4500, -6500, 0, 2000, -2000]);
    const estimate = p1.transfers.filter((t) => t.code === 'adjustment.estimate');
    assert.deepEqual(
      estimate.map((t) => [t.debitAccountId, t.creditAccountId, t.amount]),
      [['p.adjustment', 'p.project.bakery', 2000]],
    );
    const input = p1.transfers.filter((t) => t.code === 'project.input');
    assert.deepEqual(
      input.map((t) => [t.debitAccountId, t.creditAccountId, t.amount]),
      [['p.project.bakery', 'p.project.mill', 2000]],
    );
    assert.equal(p1.settlement.identity.adjustmentEffortMilli, 2000);
    assert.equal(p1.settlement.identity.inventoryChangeEffortMilli, -2000);
    assert.equal(p1.settlement.nextPriceFactorPpm, 1_133_333);
    assert.equal(p1.inventoryEffortMilli.get('bakery'), 118_000);
    assert.equal(p1.stockUnits.get('flour'), 0);
  });

  test('period 2: actual 650, the bakery pays 2 000 back; loaves at 8 500 for ten', () => {
    const p2 = run.periods[1]!;
    assert.deepEqual(
      p2.recipes.map((r) => [r.productId, r.actual.unitPriceEffortMilli, r.uncoveredEffortMilli]),
      [
        ['bread', 650, -2000],
        ['flour', 100, 0],
      ],
    );
    assert.deepEqual(balancesOf(run, 2, ACCOUNTS), [4000, 4000, -14_000, 0, 4000, 2000]);
    assert.equal(p2.settlement.nextPriceFactorPpm, 866_667);
    assert.equal(p2.inventoryEffortMilli.get('bakery'), 116_000);
  });

  test('an input that is not there stops the run', () => {
    const short = FILE.replace(
      'production: [{ productId: flour, units: 20 }, { productId: bread, units: 20 }]',
      'production: [{ productId: flour, units: 19 }, { productId: bread, units: 20 }]',
    );
    const scenario = loadText(short);
    const stopped = runScenario(scenario).stop;
    assert.deepEqual(stopped && [stopped.period, stopped.code], [
      1,
      'scenario.input_exceeds_stock',
    ]);
  });

  test('inputs that form a cycle stop the run before period 1', () => {
    const cycle = FILE.replace(
      'labour: [{ templateId: grind, effortMilliPerUnit: 100 }]',
      'labour: [{ templateId: grind, effortMilliPerUnit: 100 }]\n      inputs: [{ productId: bread, quantityPerUnit: 1 }]',
    );
    const scenario = loadText(cycle);
    const stopped = runScenario(scenario).stop;
    assert.deepEqual(stopped && [stopped.period, stopped.code], [1, 'goods.supply_chain_cycle']);
  });

  test('malformed recipes are refused with their path', () => {
    assert.equal(
      refusal(
        FILE.replace(
          '  - id: flour\n    projectId: mill\n    recipe:',
          '  - id: flour\n    projectId: mill\n    unitPriceEffortMilli: 100\n    recipe:',
        ),
      ),
      'scenario.invalid x.yaml: products[0].unitPriceEffortMilli: leave it out: the recipe computes the price',
    );
    assert.equal(
      refusal(
        FILE.replace(
          'quantityPerUnit: 1 }',
          'quantityPerUnit: 1 }, { productId: rye, quantityPerUnit: 1 }',
        ),
      ),
      'scenario.unknown_reference x.yaml: products[1].recipe.inputs[1].productId: unknown product "rye"',
    );
    assert.equal(
      refusal(FILE.replace('templateId: plan,', 'templateId: bake,')),
      'scenario.duplicate_id x.yaml: products[1].recipe.labour+overhead[1]: "bake" appears twice',
    );
    assert.equal(
      refusal(FILE.replace('lifePeriods: 60', 'lifePeriods: 0')),
      'scenario.invalid x.yaml: products[1].recipe.meansOfProduction[0].lifePeriods: must be ≥ 1',
    );
    assert.equal(
      refusal(
        FILE.replace(
          '  - id: flour\n    projectId: mill\n    recipe:\n      unitsPerPeriod: 20\n      labour: [{ templateId: grind, effortMilliPerUnit: 100 }]\n',
          '  - id: flour\n    projectId: mill\n',
        ),
      ),
      'scenario.invalid x.yaml: products[0].unitPriceEffortMilli: is required',
    );
  });
});
