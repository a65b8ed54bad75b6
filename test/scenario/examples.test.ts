// Proves that each worked example of the reference, written as a scenario file in examples/,
// reproduces the numbers documented next to it exactly, with every invariant holding.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runScenario, type ScenarioRun, scenarioReport } from '../../src/core/scenario/index.ts';
import { loadExample } from './support.ts';

const balance = (run: ScenarioRun, period: number, accountId: string) =>
  run.periods[period - 1]!.closingBalances.get(accountId as never);

describe('reference §4.9: one month of a pool of three', () => {
  const run = runScenario(loadExample('reference-4.9-month.yaml'));

  test('runs without a broken invariant', () => {
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 1);
  });

  test('work is credited at the cleared weights: 16, 12, 4 and 26 WH', () => {
    const credits = run.periods[0]!.work.map((w) => [
      w.recordId,
      w.weightMilli,
      w.amountEffortMilli,
    ]);
    assert.deepEqual(credits, [
      ['ana-bake', 800, 16_000],
      ['ben-repair', 1200, 12_000],
      ['cem-garbage-bakery', 2000, 4_000],
      ['cem-garbage-bikes', 2000, 26_000],
    ]);
  });

  test('balances: Ana −9 WH, Ben +7 WH, Cem +3 WH; both projects even', () => {
    assert.equal(balance(run, 1, 'village.person.ana'), -9_000);
    assert.equal(balance(run, 1, 'village.person.ben'), 7_000);
    assert.equal(balance(run, 1, 'village.person.cem'), 3_000);
    assert.equal(balance(run, 1, 'village.project.bakery'), 0);
    assert.equal(balance(run, 1, 'village.project.bike-shop'), 0);
    assert.equal(balance(run, 1, 'village.adjustment'), -1_000);
  });

  test('the 2 kg that spoil make Adj = 1 WH: next factor 1 + 1/57 = 1 017 544 ppm', () => {
    const s = run.periods[0]!.settlement;
    assert.equal(s.baseEffortMilli, 57_000);
    assert.equal(s.identity.personsNetEffortMilli, 1_000);
    assert.equal(s.identity.adjustmentEffortMilli, 1_000);
    assert.equal(s.identity.inventoryChangeEffortMilli, 0);
    assert.equal(s.nextPriceFactorPpm, 1_017_544);
  });

  test('the report publishes the weight index W̄ = (1200×0.8 + 600×1.2 + 900×2.0) / 2700 min = 1.289', () => {
    const report = scenarioReport(run) as { periods: { weightIndexMilli: number | null }[] };
    assert.equal(report.periods[0]!.weightIndexMilli, 1289);
  });
});

const winnersOf = (run: ScenarioRun, period: number) =>
  run.periods[period - 1]!.market.auctions.map((a) => [
    a.instanceId,
    a.weightMilli,
    a.winners.map((w) => w.personId).sort(),
  ]);
const creditsOf = (run: ScenarioRun, period: number) =>
  run.periods[period - 1]!.work.map((w) => [w.personId, w.amountEffortMilli]);

describe('reference §4.4: task auctions', () => {
  const run = runScenario(loadExample('reference-4.4-task-auctions.yaml'));

  test('runs all four periods without a broken invariant', () => {
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 4);
  });

  test('example 1: A–D win at the 4th lowest bid 2.0 and earn 6 WH each', () => {
    assert.deepEqual(winnersOf(run, 1), [['garbage-w1', 2000, ['a', 'b', 'c', 'd']]]);
    assert.deepEqual(creditsOf(run, 1), [
      ['a', 6000],
      ['b', 6000],
      ['c', 6000],
      ['d', 6000],
    ]);
  });

  test('example 2: escalation at 2.5, clears at 2.2, A and B upgraded, 6.6 WH each', () => {
    const events = run.periods[1]!.market.events.map((e) => e.event);
    assert.deepEqual(events, [
      {
        kind: 'escalated',
        round: 1,
        indicatedWeightMilli: 2500,
        closesAtMinute: 720,
        unfilledSlots: 2,
      },
      { kind: 'upgraded', personId: 'a', fromWeightMilli: 1500, toWeightMilli: 2200 },
      { kind: 'upgraded', personId: 'b', fromWeightMilli: 1500, toWeightMilli: 2200 },
      { kind: 'filled', weightMilli: 2200 },
    ]);
    assert.deepEqual(creditsOf(run, 2), [
      ['a', 6600],
      ['b', 6600],
      ['g', 6600],
      ['h', 6600],
    ]);
  });

  test('example 3: w* = 0.5, 5 WH each; the tie goes by lottery, then by rotation fairness', () => {
    assert.deepEqual(winnersOf(run, 3), [['website-1', 500, ['p', 'q']]]);
    assert.deepEqual(winnersOf(run, 4), [['website-2', 500, ['p', 'r']]]);
    assert.deepEqual(creditsOf(run, 3), [
      ['p', 5000],
      ['q', 5000],
    ]);
  });

  test('example 1 under the (n+1)-th rule: w* = 2.4, 7.2 WH each', () => {
    const highest = runScenario(loadExample('reference-4.4-highest.yaml'));
    assert.equal(highest.stop, null);
    assert.deepEqual(winnersOf(highest, 1), [['garbage-w1', 2400, ['a', 'b', 'c', 'd']]]);
    assert.deepEqual(
      creditsOf(highest, 1).map(([, amount]) => amount),
      [7200, 7200, 7200, 7200],
    );
  });
});

describe('reference §4.8: three e-bikes for five requesters', () => {
  const run = runScenario(loadExample('reference-4.8-ebikes.yaml'));

  test('P1–P3 win at x* = 8 WH and pay 48 WH each; Π = 24 WH', () => {
    assert.equal(run.stop, null);
    const ebikes = run.periods[0]!.goods.find((g) => g.productId === 'e-bike')!;
    assert.equal(ebikes.scarce, true);
    assert.equal(ebikes.clearingPremiumEffortMilli, 8000);
    assert.equal(ebikes.premiumTotalEffortMilli, 24_000);
    assert.deepEqual(
      ebikes.allocations.map((a) => [a.personId, a.priceEffortMilli + a.premiumEffortMilli]),
      [
        ['w01', 48_000],
        ['w02', 48_000],
        ['w03', 48_000],
      ],
    );
    assert.equal(balance(run, 1, 'pool48.person.w01'), -48_000);
    assert.equal(balance(run, 1, 'pool48.premium'), 24_000);
  });

  test('B = 12,000 WH, so the next factor is 0.998 and a 19 WH bicycle costs 18.962 WH', () => {
    assert.equal(run.periods[0]!.settlement.baseEffortMilli, 12_000_000);
    assert.equal(run.periods[0]!.settlement.nextPriceFactorPpm, 998_000);
    assert.equal(run.periods[1]!.priceFactorPpm, 998_000);
    assert.equal(balance(run, 2, 'pool48.person.w10'), 600_000 - 600_000 - 18_962);
    assert.equal(balance(run, 2, 'pool48.project.bike-works'), 0);
  });
});

describe('reference §4.11: a local association of 1,000 inhabitants', () => {
  const run = runScenario(loadExample('reference-4.11-association.yaml'));
  const sharesOf = (period: number) =>
    new Map(
      run.periods[period - 1]!.associations!.shares.shares.map((s) => [
        s.personId as string,
        s.totalEffortMilli,
      ]),
    );
  const tally = (shares: Map<string, number>, ids: (id: string) => boolean) => {
    const counts = new Map<number, number>();
    for (const [id, amount] of shares) {
      if (ids(id)) counts.set(amount, (counts.get(amount) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => a[0] - b[0]);
  };

  test('runs both periods without a broken invariant', () => {
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 2);
  });

  test('S = 7,000 WH, D = 6,750 WH, 300 dependents covered 22.5 WH each', () => {
    const [budget] = run.periods[0]!.associations!.shares.budgets;
    assert.equal(budget!.servicesEffortMilli, 7_000_000);
    assert.equal(budget!.redistributionEffortMilli, 6_750_000);
    const coverage = run.periods[0]!.associations!.shares.coverage;
    assert.equal(coverage.length, 300);
    assert.ok(coverage.every((c) => c.coveredEffortMilli === 22_500 && c.excessEffortMilli === 0));
    assert.equal(balance(run, 1, 'commune.person.k001'), 0);
    assert.equal(balance(run, 1, 'commune.redistribution.la'), 0);
    assert.equal(balance(run, 1, 'commune.association.la'), 0);
  });

  test('period 1: 13,750 / 700 = 19.643 WH: 600 owe 19,643 mWH and 100 owe 19,642 mWH', () => {
    const shares = sharesOf(1);
    assert.equal(shares.size, 700);
    assert.deepEqual(
      tally(shares, () => true),
      [
        [19_642, 100],
        [19_643, 600],
      ],
    );
    assert.equal(shares.get('c600'), 19_643);
    assert.equal(shares.get('c601'), 19_642);
    // c700 did not work in period 1: the share is all that moved on the account.
    assert.equal(balance(run, 1, 'commune.person.c700'), -19_642);
  });

  test('period 2: 100 at half capacity, Σc = 650: 21.154 WH full, 10.577 WH half', () => {
    const shares = sharesOf(2);
    // Largest remainder: the half shares' remainder .923 beats the full shares' .846, so all
    // 100 half shares round up, then the 500 full shares with the smallest ids.
    assert.deepEqual(
      tally(shares, (id) => id <= 'c600'),
      [
        [21_153, 100],
        [21_154, 500],
      ],
    );
    assert.deepEqual(
      tally(shares, (id) => id > 'c600'),
      [[10_577, 100]],
    );
    assert.equal(
      [...shares.values()].reduce((t, x) => t + x, 0),
      13_750_000,
    );
  });
});
