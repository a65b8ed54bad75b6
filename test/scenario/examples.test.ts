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
