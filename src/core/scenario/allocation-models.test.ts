// Proves that flat allocation prices every unit at the period's work ÷ units with the rounding
// residue in the adjustment account, and that a bidding round settles exactly the pledges of
// its covering round, for any input, with every invariant of the run holding.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { runScenario } from './run.ts';
import { oneSlotWork, product, scenarioOf } from './testing.ts';

function workshop(minutes: number, weightMilli: number, units: number, taken: number) {
  const build = oneSlotWork('build1', 'build', 'workshop', 'ada', minutes, weightMilli, 'bo');
  return scenarioOf({
    persons: ['ada', 'bo', 'cy'],
    projects: ['workshop'],
    products: [product({ id: 'bike', projectId: 'workshop', allocation: 'flatAllocation' })],
    periods: [
      {
        tasks: [build.task],
        bids: [build.bid],
        work: [build.work],
        production: [{ productId: 'bike', units }],
        requests: [
          {
            personId: 'cy',
            productId: 'bike',
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

function farm(budget: number, rounds: readonly (readonly number[])[]) {
  const work = oneSlotWork('farm1', 'farm', 'farm', 'ada', 60, 1000, 'bo');
  const members = ['ada', 'cy', 'dan'];
  return scenarioOf({
    persons: ['ada', 'bo', 'cy', 'dan'],
    projects: ['farm'],
    products: [],
    periods: [
      {
        tasks: [work.task],
        bids: [work.bid],
        work: [work.work],
        // The farmer's hour stands for the budget; what no round covers stays in progress.
        workInProgress: [{ projectId: 'farm', changeEffortMilli: 1000 - budget }],
        biddingRounds: [
          {
            id: 'solawi',
            projectId: 'farm',
            budgetEffortMilli: budget,
            budgetMoneyCents: 0,
            roundLimit: rounds.length,
            termPeriods: 1,
            surplus: 'reserve',
            onFailure: 'changePlan',
            rounds: rounds.map((pledges) => ({
              pledges: pledges.map((effortMilli, i) => ({
                personId: members[i]!,
                effortMilli,
                moneyCents: 0,
              })),
            })),
          },
        ],
      },
    ],
  });
}

describe('allocation models in a run', () => {
  test('property: flat allocation units × price + residue = the period’s work', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 100, max: 3000 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        (minutes, weight, units, wanted) => {
          const run = runScenario(workshop(minutes, weight, units, Math.min(units, wanted)));
          assert.equal(run.stop, null, run.stop?.detail);
          const [line] = run.periods[0]!.allocationModels.flatAllocation;
          const work = run.periods[0]!.work[0]!.amountEffortMilli;
          assert.equal(line!.effortMilli, work);
          assert.equal(line!.units * line!.unitPriceEffortMilli + line!.residueEffortMilli, work);
          assert.ok(Math.abs(line!.residueEffortMilli) * 2 <= units);
          const bikes = run.periods[0]!.goods[0]!;
          for (const a of bikes.allocations) {
            assert.equal(a.priceEffortMilli, a.units * line!.unitPriceEffortMilli);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  test('property: a covered round settles its pledges; an uncovered one nothing', () => {
    const pledge = fc.nat({ max: 3000 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 6000 }),
        fc.array(fc.tuple(pledge, pledge, pledge), { minLength: 1, maxLength: 3 }),
        (budget, rounds) => {
          const run = runScenario(farm(budget, rounds));
          const covering = rounds.find((r) => r[0] + r[1] + r[2] >= budget);
          if (covering === undefined) {
            // Nothing settled: the budget's work is neither paid nor declared, and the pool
            // identity names the farm by exactly the budget.
            assert.equal(run.stop?.code, 'pool.identity_violated');
            assert.match(
              run.stop!.detail,
              new RegExp(`farm: books 1000, declared ${1000 - budget}`),
            );
            return;
          }
          assert.equal(run.stop, null, run.stop?.detail);
          const shares = run.periods[0]!.transfers.filter((t) => t.code === 'share.flatRate');
          assert.deepEqual(
            shares.map((t) => t.amount),
            covering.filter((x) => x > 0),
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});
