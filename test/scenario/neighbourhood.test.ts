// Proves that the neighbourhood mutual-aid example runs all 12 months with every invariant
// holding, and shows what its header promises: a scarce cargo bike, an unpopular task that
// escalates and is flagged for restructuring, spoilage, redistribution and housing dues.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runScenario } from '../../src/core/scenario/index.ts';
import { loadExample } from './support.ts';

describe('examples/neighbourhood.yaml', () => {
  const scenario = loadExample('neighbourhood.yaml');
  const run = runScenario(scenario);
  const sewer = (period: number) =>
    run.periods[period - 1]!.market.auctions.find((a) => a.templateId === 'sewer')!;
  const signals = (period: number, product: string) =>
    run.periods[period - 1]!.signals.find((s) => s.productId === product)!.signals;

  test('120 persons (25 children, 15 elders), 12 months, every invariant held', () => {
    assert.equal(scenario.persons.length, 120);
    assert.equal(scenario.persons.filter((p) => p.dependent?.category === 'child').length, 25);
    assert.equal(scenario.persons.filter((p) => p.dependent?.category === 'elderly').length, 15);
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 12);
  });

  test('the cargo bike goes at a uniform premium of 5 WH a month; produceMore from month 3', () => {
    for (const period of run.periods) {
      const bike = period.goods.find((g) => g.productId === 'cargo-bike')!;
      assert.equal(bike.scarce, true);
      assert.equal(bike.clearingPremiumEffortMilli, 5000);
    }
    assert.deepEqual(signals(2, 'cargo-bike'), []);
    assert.deepEqual(signals(3, 'cargo-bike'), ['produceMore']);
  });

  test('month 1’s premiums, the plots’ posted after the settlement too, lower month 2’s factor', () => {
    const first = run.periods[0]!.settlement;
    // 5 WH for the bike (in the settlement) + 10 plots × 0.6 WH (after it) over B = 113.2 WH.
    assert.equal(first.laterSurplusEffortMilli, 6_000);
    assert.equal(first.baseEffortMilli, 113_200);
    assert.equal(first.netSurplusEffortMilli, 11_000);
    // 1 − 11/113.2 = 0.9028268… → 902 827 ppm.
    assert.equal(first.nextPriceFactorPpm, 902_827);
    // Odd months auction the plots, even months give them at the flat rate: after an auction
    // month the factor stands near 0.903, after a flat-rate month near 1 − 5/113.2 ≈ 0.956,
    // except where the bread spoilt in months 4–6 raises it (months 5–7).
    const factor = (month: number) => run.periods[month - 1]!.priceFactorPpm;
    for (const month of [2, 4, 8, 10, 12]) {
      assert.ok(Math.abs(factor(month) - 902_827) < 1_000, `month ${month}: ${factor(month)}`);
    }
    for (const month of [3, 9, 11]) {
      assert.ok(Math.abs(factor(month) - 955_830) < 1_000, `month ${month}: ${factor(month)}`);
    }
    for (const month of [5, 6, 7]) assert.ok(factor(month) > 920_000, `month ${month}`);
    // Each period's S is the premium and adjustment balance once every batch is posted.
    for (const period of run.periods) {
      const at = (id: string) => period.closingBalances.get(id as never) ?? 0;
      assert.equal(
        period.settlement.netSurplusEffortMilli,
        at('riverside-pool.premium') + at('riverside-pool.adjustment'),
      );
    }
  });

  test('the sewer fills by escalation at 2.8 until month 8, then is flagged at the cap', () => {
    assert.deepEqual(
      [sewer(8).status, sewer(8).weightMilli, sewer(8).winners.length],
      ['filled', 2800, 3],
    );
    assert.deepEqual(
      [sewer(9).status, sewer(9).weightMilli, sewer(9).winners.length],
      ['needsRestructuring', 4000, 2],
    );
    const flagged = run.periods[8]!.market.events.filter(
      (e) => e.event.kind === 'needsRestructuring',
    );
    assert.deepEqual(
      flagged.map((e) => e.event),
      [{ kind: 'needsRestructuring', reason: 'cap', unfilledSlots: 1 }],
    );
  });

  test('month 6: four leftover loaves at half price, the 1 WH shortfall to the adjustment account', () => {
    const sixth = run.periods[5]!;
    assert.deepEqual(
      sixth.discounted[0]!.allocations.map((a) => [a.personId, a.units]),
      [
        ['a079', 2],
        ['a080', 2],
      ],
    );
    assert.deepEqual(
      sixth.transfers
        .filter((t) => t.code === 'take.discounted' || t.code === 'adjustment.discount')
        .map((t) => [t.code, t.amount]),
      [
        ['take.discounted', 500],
        ['adjustment.discount', 500],
        ['take.discounted', 500],
        ['adjustment.discount', 500],
      ],
    );
  });

  test('bread spoiled in months 4–6: produceLess in month 6 only', () => {
    assert.deepEqual(signals(5, 'bread'), []);
    assert.deepEqual(signals(6, 'bread'), ['produceLess']);
    assert.deepEqual(signals(7, 'bread'), []);
  });

  test('garden plots: auctioned at x* = 0.6 WH in odd months, flat rate in even months', () => {
    const plots = (period: number) => run.periods[period - 1]!.resources[0]!;
    assert.deepEqual(
      [plots(1).mode, plots(1).demandUnits, plots(1).clearingPremiumEffortMilliPerUnit],
      ['auction', 12, 600],
    );
    assert.equal(plots(1).premiumTotalEffortMilli, 6000);
    assert.deepEqual(
      plots(1).awards.map((a) => a.units),
      [1, 1, 1, 1, 1, 1, 4],
    );
    assert.deepEqual([plots(2).mode, plots(2).premiumTotalEffortMilli], ['flatRate', 0]);
  });

  test("the food coop's basics bundle: 10 WH a month as 20 flat-rate shares of 0.5 WH", () => {
    const shares = run.periods[0]!.transfers.filter((t) => t.code === 'share.flatRate');
    assert.equal(shares.length, 20);
    assert.ok(shares.every((t) => t.amount === 500 && t.boundException === 'basicNeeds'));
  });

  test('pre-orders plan the food coop: 6 committed + 0.9 × 8 recent = 13 boxes for month 2', () => {
    const plan = (period: number) =>
      run.periods[period - 1]!.plans.find((x) => x.productId === 'staples-box')!;
    assert.deepEqual(
      [
        plan(1).period,
        plan(1).committedUnits,
        plan(1).averageNonPreorderedUnits,
        plan(1).plannedUnits,
      ],
      [2, 6, 8, 13],
    );
    // Month 2: 8 taken, 6 of them pre-ordered → history [8, 2], mean 5, 0.9 × 5 = 4.5 → 4.
    assert.deepEqual([plan(2).averageNonPreorderedUnits, plan(2).plannedUnits], [5, 10]);
  });

  test('a051 helps a050 two hours a month: 2 WH person to person each month', () => {
    for (const period of run.periods) {
      const help = period.transfers.filter((t) => t.code === 'work.service');
      assert.deepEqual(
        help.map((t) => [t.debitAccountId, t.creditAccountId, t.amount]),
        [['riverside-pool.person.a050', 'riverside-pool.person.a051', 2000]],
      );
    }
  });

  test('a040 is a dependent while ill (months 5–6): no share, 1 WH of bread covered', () => {
    const of = (period: number) => {
      const a = run.periods[period - 1]!.associations!.shares;
      return [
        a.shares.find((x) => x.personId === 'a040')?.totalEffortMilli ?? null,
        a.coverage.find((x) => x.personId === 'a040')?.coveredEffortMilli ?? null,
      ];
    };
    assert.deepEqual(
      [of(4), of(5), of(6), of(7)],
      [
        [3090, null],
        [null, 1000],
        [null, 1000],
        [3090, null],
      ],
    );
  });

  test('the idle trailer is flagged in month 6 and back in the commons in month 7', () => {
    const trailer = (period: number) =>
      run.periods[period - 1]!.possession.events.filter((e) => e.goodId === 'cargo-trailer');
    assert.deepEqual(
      [5, 6, 7, 8].map((p) => trailer(p).map((e) => e.kind)),
      [[], ['possession.idle_flagged'], ['possession.reclaimed'], ['possession.claimed']],
    );
    const drill = run.periods[11]!.possession.goods.find((g) => g.id === 'workshop-drill')!;
    assert.equal(
      drill.state.kind === 'possessed' && drill.state.by.kind === 'person'
        ? drill.state.by.personId
        : '',
      'a021',
    );
  });

  test('dependents are covered; apt01 charges 8.772 WH each; a008 earns nothing unconfirmed', () => {
    const first = run.periods[0]!;
    assert.equal(first.associations!.shares.coverage.length, 40);
    assert.deepEqual(first.associations!.shares.uncoveredDependents, []);
    const apt01 = first.housing.find((d) => d.unitId === 'apt01')!;
    assert.equal(apt01.ratePerPeriodEffortMilli, 17_544);
    assert.deepEqual(
      apt01.dues.map((d) => d.amountEffortMilli),
      [8772, 8772],
    );
    const errand = first.work.find((w) => w.recordId === 'errands-north-01-a008')!;
    assert.deepEqual([errand.confirmed, errand.amountEffortMilli], [false, 0]);
  });
});
