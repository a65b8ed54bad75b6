// Proves that premiums posted after the settlement batch (here the garden-plot auction of the
// resource batch) lower the NEXT period's price factor, with the numbers written next to the
// data in examples/mechanism-late-premiums.yaml; and that under the per-head reading the
// settlement hands out only what the accounts hold, the later premium in the period after
// (docs/decisions/0022).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runScenario, type ScenarioRun } from '../../src/core/scenario/index.ts';
import { exampleVariant, loadExample, loadText } from './support.ts';

const FILE = 'mechanism-late-premiums.yaml';
const balance = (run: ScenarioRun, period: number, account: string) =>
  run.periods[period - 1]!.closingBalances.get(`p.${account}` as never) ?? 0;

describe('examples/mechanism-late-premiums.yaml: plot premiums after the settlement', () => {
  const run = runScenario(loadExample(FILE));

  test('runs all three periods with every invariant holding', () => {
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 3);
  });

  test('two plots for three claimants: Ana and Ben win at x* = 0.5 WH, Π = 1 WH a period', () => {
    for (const period of run.periods) {
      const plots = period.resources[0]!;
      assert.equal(plots.clearingPremiumEffortMilliPerUnit, 500);
      assert.deepEqual(
        plots.awards.map((a) => [a.claimant.kind === 'person' && a.claimant.personId, a.units]),
        [
          ['ana', 1],
          ['ben', 1],
        ],
      );
      // The premiums are posted after the settlement batch, not in it.
      const credited = (ts: readonly { creditAccountId: string; amount: number }[]) =>
        ts.filter((t) => t.creditAccountId === 'p.premium').reduce((s, t) => s + t.amount, 0);
      assert.equal(credited(period.settlement.transfers), 0);
      assert.equal(credited(period.transfers), 1_000);
      assert.equal(period.settlement.laterSurplusEffortMilli, 1_000);
    }
  });

  test('B = 10 WH, S = 1 WH every period: factor 1.0, then 0.9 from period 2 on', () => {
    assert.deepEqual(
      run.periods.map((p) => [
        p.priceFactorPpm,
        p.settlement.baseEffortMilli,
        p.settlement.netSurplusEffortMilli,
        p.settlement.nextPriceFactorPpm,
      ]),
      [
        [1_000_000, 10_000, 1_000, 900_000],
        [900_000, 10_000, 1_000, 900_000],
        [900_000, 10_000, 1_000, 900_000],
      ],
    );
    // Period 2: the premium account pays the bakery 0.4 + 0.4 + 0.2 WH and is empty after the
    // settlement batch; the period's plots refill it.
    assert.equal(run.periods[1]!.settlement.closingBalances.get('p.premium' as never), 0);
    assert.equal(balance(run, 2, 'premium'), 1_000);
  });

  test('balances after period 3: Ana, Ben −15.7, Cy −5.6, Dan +36, premium +1 WH', () => {
    assert.deepEqual(
      ['person.ana', 'person.ben', 'person.cy', 'person.dan', 'premium'].map((a) =>
        balance(run, 3, a),
      ),
      [-15_700, -15_700, -5_600, 36_000, 1_000],
    );
    assert.equal(balance(run, 3, 'project.bakery'), 0);
    assert.equal(balance(run, 3, 'project.garden'), 0);
  });

  test('it is period 1’s plots that lower period 2’s factor: without them it stays 1.0', () => {
    const variant = exampleVariant(FILE);
    // No plots in period 1, and so no tending either (the garden's books stay balanced).
    const noPlots = variant((s) => {
      const first = s.periods[0];
      first.resourceClaims = [];
      first.tasks = first.tasks.filter((t: { id: string }) => t.id !== 'tend1');
      first.bids = first.bids.filter((b: { instanceId: string }) => b.instanceId !== 'tend1');
      first.work = first.work.filter((w: { id: string }) => w.id !== 't1');
    });
    const without = runScenario(loadText(noPlots));
    assert.equal(without.stop, null);
    assert.deepEqual(
      without.periods.map((p) => p.priceFactorPpm),
      [1_000_000, 1_000_000, 900_000],
    );
  });

  test('per head: each settlement hands out the plots of the period before, 0.2 WH each', () => {
    const variant = exampleVariant(FILE);
    const perHead = runScenario(loadText(variant((s) => (s.pool.priceFactorMode = 'perHead'))));
    assert.equal(perHead.stop, null);
    assert.deepEqual(
      perHead.periods.map((p) => [
        p.priceFactorPpm,
        p.settlement.nextPriceFactorPpm,
        p.settlement.netSurplusEffortMilli,
        p.settlement.perHead.map((x) => x.amount),
      ]),
      [
        [1_000_000, 1_000_000, 0, []],
        [1_000_000, 1_000_000, 1_000, [200, 200, 200, 200, 200]],
        [1_000_000, 1_000_000, 1_000, [200, 200, 200, 200, 200]],
      ],
    );
    // Nothing counted twice: the premium account closes each period at that period's plots.
    assert.deepEqual(
      perHead.periods.map((p) => p.closingBalances.get('p.premium' as never)),
      [1_000, 1_000, 1_000],
    );
    // Mo takes nothing and works nothing: 0.2 WH from periods 2 and 3.
    assert.equal(balance(perHead, 3, 'person.mo'), 400);
    // Ana: 3 × (4 + 1.5) WH at factor 1.0, less two shares: −16.1 WH.
    assert.equal(balance(perHead, 3, 'person.ana'), -16_100);
  });
});
