// Proves that flat allocation, by-duration charges, fair-use caps and bidding rounds run from a
// scenario file with the numbers worked out by hand in examples/mechanism-allocation.yaml, with
// every invariant holding, and that malformed uses are refused with their path.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runScenario } from '../../src/core/scenario/index.ts';
import { balancesOf, EXAMPLES, loadExample, loadText, refusal } from './support.ts';

const FILE = readFileSync(join(EXAMPLES, 'mechanism-allocation.yaml'), 'utf8');
const run = runScenario(loadExample('mechanism-allocation.yaml'));
const models = (period: number) => run.periods[period - 1]!.allocationModels;

describe('allocation models (M5)', () => {
  test('runs both periods with every invariant holding', () => {
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 2);
  });

  test('flat allocation: 7 000 / 4 = 1 750 per bike; then 6 667 / 3 = 2 222, 1 left over', () => {
    assert.deepEqual(
      [1, 2].map((p) =>
        models(p).flatAllocation.map((x) => [
          x.effortMilli,
          x.units,
          x.unitPriceEffortMilli,
          x.residueEffortMilli,
        ]),
      ),
      [[[7000, 4, 1750, 0]], [[6667, 3, 2222, 1]]],
    );
    const bikes = run.periods[0]!.goods.find((g) => g.productId === 'bike')!;
    assert.deepEqual(
      bikes.allocations.map((a) => [a.personId, a.priceEffortMilli]),
      [
        ['cy', 3500],
        ['dan', 1750],
      ],
    );
    assert.equal(run.periods[1]!.settlement.nextPriceFactorPpm, 1_000_450);
  });

  test('by duration: 30 000 × 4 320 / 43 200 = 3 000 and × 2 160 / 43 200 = 1 500', () => {
    assert.deepEqual(
      models(1).durationUses.map((x) => [x.personId, x.chargeEffortMilli]),
      [
        ['dan', 3000],
        ['eva', 1500],
      ],
    );
    assert.equal(run.periods[0]!.inventoryEffortMilli.get('carshare'), -4500);
  });

  test('fair use: Dan takes 5 jars under a cap of 2, pays 3 × 500 from stock', () => {
    assert.deepEqual(
      models(1).fairUse.map((x) => [x.personId, x.aboveCapUnits, x.chargeEffortMilli]),
      [
        ['cy', 0, 0],
        ['dan', 3, 1500],
      ],
    );
    assert.equal(run.periods[0]!.stockUnits.get('jam'), 0);
  });

  test('bidding round: short by 2 000 in round 1 (guideline 667/667/666), covered in round 2', () => {
    const [solawi] = models(1).biddingRounds;
    assert.equal(solawi!.outcome, 'covered');
    assert.deepEqual(
      solawi!.rounds.map((r) => [r.outcome, r.pledgedEffortMilli, r.shortfallEffortMilli]),
      [
        ['nextRound', 4000, 2000],
        ['covered', 6500, 0],
      ],
    );
    assert.deepEqual(
      solawi!.rounds[0]!.guidelineEffortMilli.map((g) => g.amount),
      [667, 667, 666],
    );
    assert.equal(solawi!.rounds[1]!.surplusEffortMilli, 500);
    const shares = run.periods[0]!.transfers.filter(
      (t) => t.code === 'share.flatRate' && t.reference === 'solawi',
    );
    assert.deepEqual(
      shares.map((t) => [t.debitAccountId, t.amount]),
      [
        ['p.person.ada', 2000],
        ['p.person.cy', 2500],
        ['p.person.eva', 2000],
      ],
    );
  });

  test('balances after both periods, as worked out in the file', () => {
    const ids = [
      'person.ada',
      'person.cy',
      'person.dan',
      'person.eva',
      'project.workshop',
      'project.carshare',
      'project.foodcoop',
      'project.farm',
      'adjustment',
    ];
    assert.deepEqual(balancesOf(run, 1, ids), [5000, -7000, -1250, 0, -1750, 4500, 0, 500, 0]);
    assert.equal(run.periods[0]!.settlement.nextPriceFactorPpm, 1_000_000);
    assert.deepEqual(balancesOf(run, 2, ids), [11_667, -9222, -1250, 0, -6194, 4500, 0, 500, -1]);
  });

  test('a round that is never covered settles nothing', () => {
    const short = FILE.replace(
      '{ personId: cy, effortMilli: 2500 }',
      '{ personId: cy, effortMilli: 500 }',
    ).replace(
      'minutesPerSlot: 360 }',
      'minutesPerSlot: 360 }\n    workInProgress: [{ projectId: farm, changeEffortMilli: 6000 }]',
    );
    const scenario = loadText(short);
    const uncovered = runScenario(scenario);
    assert.equal(uncovered.stop, null);
    const [solawi] = uncovered.periods[0]!.allocationModels.biddingRounds;
    assert.deepEqual(
      [solawi!.outcome, solawi!.rounds[1]!.shortfallEffortMilli],
      ['nextRound', 1500],
    );
    assert.equal(uncovered.periods[0]!.transfers.filter((t) => t.reference === 'solawi').length, 0);
  });

  test('fair use above the stock stops the run', () => {
    const greedy = FILE.replace('{ personId: dan, units: 5 }', '{ personId: dan, units: 6 }');
    const scenario = loadText(greedy);
    const stopped = runScenario(scenario).stop;
    assert.deepEqual(stopped && [stopped.period, stopped.code], [
      1,
      'scenario.fair_use_exceeds_stock',
    ]);
  });

  test('malformed uses are refused with their path', () => {
    assert.equal(
      refusal(FILE.replace('{ productId: car, personId: eva,', '{ productId: jam, personId: eva,')),
      'scenario.allocation_mismatch x.yaml: periods[0].durationUses[1].productId: "jam" is not allocated by duration',
    );
    assert.equal(
      refusal(FILE.replace('minutes: 4320 }', 'minutes: 50000 }')),
      'scenario.allocation_mismatch x.yaml: periods[0].durationUses[0].minutes: must be ≤ 43200',
    );
    assert.equal(
      refusal(FILE.replace('{ personId: cy, units: 2 }', '{ personId: ada, units: 2 }')),
      'scenario.unknown_reference x.yaml: periods[0].flatRateBundles[0].fairUse.takings[0].personId: unknown participant "ada"',
    );
    assert.equal(
      refusal(
        FILE.replace(
          'projectId: foodcoop, unitPriceEffortMilli: 500 }',
          'projectId: workshop, unitPriceEffortMilli: 500 }',
        ),
      ),
      `scenario.allocation_mismatch x.yaml: products[0].allocation: flat allocation divides all of workshop's work by the units made, so it must be the project's only product ("jam" is another)`,
    );
    assert.equal(
      refusal(
        FILE.replace('budgetEffortMilli: 6000', 'budgetEffortMilli: 6000\n        roundLimit: 1'),
      ),
      'scenario.allocation_mismatch x.yaml: periods[0].biddingRounds[0].rounds: at most roundLimit (1) rounds',
    );
    assert.equal(
      refusal(
        FILE.replace(
          '{ personId: ada, effortMilli: 1000 }',
          '{ personId: zoe, effortMilli: 1000 }',
        ),
      ),
      'scenario.unknown_reference x.yaml: periods[0].biddingRounds[0].rounds[0].pledges[0].personId: unknown person "zoe"',
    );
    assert.equal(
      refusal(FILE.replace('allocation: byDuration }', 'allocation: hourly }')),
      'scenario.invalid x.yaml: products[1].allocation: must be one of "effortBased", "flatAllocation", "byDuration"',
    );
  });
});
