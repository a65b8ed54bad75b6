// Proves that each worked example of the reference, written as a scenario file in examples/,
// reproduces the numbers documented next to it exactly, with every invariant holding.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runScenario, type ScenarioRun } from '../../src/core/scenario/index.ts';
import { loadExample } from './support.ts';

const balance = (run: ScenarioRun, period: number, accountId: string) =>
  run.periods[period - 1]!.settlement.closingBalances.get(accountId as never);

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
