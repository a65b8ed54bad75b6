// Proves that standing subscriptions are taken each active period at the posted price × factor,
// that pre-orders become takings when their product is next produced, and that cancelling one
// is free before production starts and costs the spent share after.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseScenarioText } from '../../src/app/scenario/load.ts';
import { runScenario, type Scenario } from '../../src/core/scenario/index.ts';
import { EXAMPLES } from './support.ts';

/** Ada bakes 5 loaves a period (2 WH each); 1 spoils in period 1, so period 2's factor is 1.5. */
const TEXT = readFileSync(join(EXAMPLES, 'mechanism-subscriptions-pre-orders.yaml'), 'utf8');

function load(text: string): Scenario {
  const parsed = parseScenarioText(text, 'committed.yaml');
  if (!parsed.ok) throw new Error(parsed.error.detail);
  return parsed.value;
}

const balances = (run: ReturnType<typeof runScenario>, p: number) =>
  ['ada', 'bo', 'cy'].map((id) =>
    run.periods[p - 1]!.closingBalances.get(`p.person.${id}` as never),
  );

describe('subscriptions and pre-orders', () => {
  const run = runScenario(load(TEXT));

  test('the run completes and keeps every invariant', () => {
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 3);
  });

  test('period 1: Cy’s subscription takes 2 of 5 loaves at factor 1 (4 WH); pre-orders wait', () => {
    const p1 = run.periods[0]!;
    assert.deepEqual(p1.committed.subscriptions, [
      { id: 's1', personId: 'cy', productId: 'bread', units: 2 },
    ]);
    assert.deepEqual(p1.committed.fulfilled, []);
    assert.deepEqual(p1.committed.open, ['o1', 'o2']);
    assert.deepEqual(balances(run, 1), [10_000, 0, -4000]);
    assert.equal(p1.stockUnits.get('bread'), 2);
    // Committed for period 2: o1 2 + o2 1 + s1 2 = 5; 2 in stock → make 3.
    assert.deepEqual(
      [p1.plans[0]!.committedUnits, p1.plans[0]!.plannedUnits, p1.settlement.nextPriceFactorPpm],
      [5, 3, 1_500_000],
    );
  });

  test('period 2: o1 taken at 2 × 2 WH × 1.5 = 6 WH, s1 the same, o2 cancelled at 30 % of 2 WH', () => {
    const p2 = run.periods[1]!;
    assert.equal(p2.priceFactorPpm, 1_500_000);
    assert.deepEqual(p2.committed.fulfilled, [
      { id: 'o1', personId: 'bo', productId: 'bread', units: 2, placedIn: 1 },
    ]);
    assert.deepEqual(p2.committed.cancelled, [
      {
        id: 'o2',
        personId: 'ada',
        productId: 'bread',
        spentSharePpm: 300_000,
        chargeEffortMilli: 600,
      },
    ]);
    assert.deepEqual(p2.committed.open, ['o3']);
    // Ada: 10 + 10 WH of work − 0.6 WH for the cancelled loaf; Bo −6; Cy −4 − 6.
    assert.deepEqual(balances(run, 2), [19_400, -6000, -10_000]);
    assert.equal(p2.stockUnits.get('bread'), 3);
    assert.deepEqual(
      p2.transfers.filter((t) => t.code === 'take.cancelled').map((t) => t.amount),
      [600],
    );
  });

  test('period 3: the subscription has ended; o3 cancelled before production is free', () => {
    const p3 = run.periods[2]!;
    assert.deepEqual(p3.committed.subscriptions, []);
    assert.deepEqual(p3.committed.cancelled, [
      { id: 'o3', personId: 'cy', productId: 'bread', spentSharePpm: 0, chargeEffortMilli: 0 },
    ]);
    assert.equal(p3.transfers.length, 0);
    assert.deepEqual(balances(run, 3), [19_400, -6000, -10_000]);
  });

  test('cancelling a pre-order already taken stops the run', () => {
    const stopped = runScenario(
      load(TEXT.replace('[{ preOrderId: o3 }]', '[{ preOrderId: o1 }]')),
    ).stop;
    assert.deepEqual(stopped && [stopped.period, stopped.invariant, stopped.code], [
      3,
      null,
      'scenario.pre_order_not_open',
    ]);
  });

  test('a subscription the stock cannot serve stops the run as a planning failure', () => {
    const stopped = runScenario(load(TEXT.replace('unitsPerPeriod: 2', 'unitsPerPeriod: 6'))).stop;
    assert.deepEqual(stopped && [stopped.period, stopped.code, stopped.detail], [
      1,
      'scenario.subscription_exceeds_stock',
      's1: 6 units of bread due, 5 in stock',
    ]);
  });

  test('a cancellation of an unknown pre-order is refused with its path', () => {
    const parsed = parseScenarioText(
      TEXT.replace('[{ preOrderId: o3 }]', '[{ preOrderId: o9 }]'),
      'c.yaml',
    );
    assert.deepEqual(
      parsed.ok ? null : parsed.error.detail,
      'c.yaml: periods[2].preOrderCancellations[0].preOrderId: unknown pre-order "o9"',
    );
  });

  test('a cancellation of a pre-order taken by a later request is refused by the check', () => {
    const text = TEXT.replace(
      '{ id: o3, personId: cy, productId: bread, units: 1, fulfil: production }',
      '{ id: o3, personId: cy, productId: bread, units: 1, fulfil: request }',
    );
    assert.notEqual(text, TEXT);
    const parsed = parseScenarioText(text, 'c.yaml');
    assert.deepEqual(parsed.ok ? null : [parsed.error.code, parsed.error.detail], [
      'scenario.pre_order_not_open',
      'c.yaml: periods[2].preOrderCancellations[0].preOrderId: "o3" is taken by a request, not when produced: there is no commitment to cancel',
    ]);
  });
});
