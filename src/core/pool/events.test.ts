// Proves the whole path from goods decisions to the books: the e-bike auction of reference §4.8
// and a 12,000 WH flat-rate bundle settle into one ledger batch with Π = 24 WH and a next price
// factor of 0.998; surplus discounts and an under-estimate become Adj, to the mWH.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { flatRateShares } from '../goods/allocation.ts';
import { priceAdjustment } from '../goods/effort-price.ts';
import { clearScarceGood } from '../goods/preference.ts';
import { type PremiumSettlement, settlePremium } from '../goods/premium-payment.ts';
import { clearSurplus } from '../goods/surplus-discounts.ts';
import { asId, type PersonId, type PoolId, type ProductId, type ProjectId } from '../ids.ts';
import { createLedger, createTransfers, getBalance, verifyLedger } from '../ledger/index.ts';
import { openAccounts } from '../ledger/testing.ts';
import { effortMilli, PPM_ONE, ppm } from '../units.ts';
import { accountKinds, conventionalChart } from './chart.ts';
import {
  cancellationEvent,
  estimateEvent,
  flatRateEvents,
  scarcityEvents,
  subscriptionEvents,
  surplusEvents,
} from './events.ts';
import { settlePeriod } from './settlement.ts';
import { poolStatement } from './statement.ts';

const person = (id: string) => asId<'Person'>(id) as PersonId;
const ebike = asId<'Product'>('ebike') as ProductId;
const bread = asId<'Product'>('bread') as ProductId;
const bikes = asId<'Project'>('bikes') as ProjectId;
const food = asId<'Project'>('food') as ProjectId;
const persons = ['P1', 'P2', 'P3', 'P4', 'P5'].map(person);
const chart = conventionalChart(asId<'Pool'>('vp') as PoolId, persons, [bikes, food]);

describe('goods → settlement → ledger', () => {
  test('reference §4.8 end to end: winners pay 48 WH, Π = 24 WH, next factor 0.998', () => {
    const clearing = clearScarceGood(
      {
        productId: ebike,
        availableUnits: 3,
        postedUnitPriceEffortMilli: effortMilli(40_000),
        scarcityRule: 'auction',
      },
      [30, 20, 12, 8, 0].map((wh, i) => ({
        personId: persons[i]!,
        quantity: 1,
        premiumEffortMilliPerUnit: wh * 1000,
      })),
      2026,
    );
    assert.ok(clearing.ok);
    // P3 pays its premium as a commitment due in two periods.
    const payments = new Map<PersonId, PremiumSettlement>();
    const p3 = clearing.value.allocations.find((a) => a.personId === 'P3')!;
    const commitment = settlePremium(
      p3,
      ebike,
      { kind: 'commitment', termPeriods: 2, release: 'atOnce' },
      0,
      1,
    );
    assert.ok(commitment.ok);
    payments.set(person('P3'), commitment.value);

    const shares = flatRateShares(effortMilli(12_000_000), effortMilli(0), persons);
    assert.ok(shares.ok);
    const events = [
      ...scarcityEvents(clearing.value, bikes, 'auction.ebike', payments),
      ...flatRateEvents(shares.value, food, 'foodBundle', 'share.food'),
      ...persons.map((p) => ({
        kind: 'work' as const,
        id: `work.${p}`,
        personId: p,
        projectId: food,
        amountEffortMilli: 2_500_000,
      })),
    ];
    const settled = settlePeriod({
      chart,
      period: 1,
      batchId: 'settle.1',
      priceFactorPpm: PPM_ONE,
      mode: 'proportional',
      openingBalances: new Map(),
      events,
      members: persons.map((p) => ({
        personId: p,
        allowanceEffortMilli: 40_000,
        carryOverCapEffortMilli: 200_000,
        donateTo: 'pool' as const,
        contributing: true,
      })),
      inventory: [
        { projectId: food, openingEffortMilli: 0, closingEffortMilli: 500_000 },
        { projectId: bikes, openingEffortMilli: 120_000, closingEffortMilli: 0 },
      ],
    });
    assert.ok(settled.ok, !settled.ok ? settled.error.detail : '');
    const s = settled.value;
    assert.equal(s.identity.premiumEffortMilli, 24_000);
    assert.equal(s.baseEffortMilli, 12_000_000);
    assert.equal(s.nextPriceFactorPpm, 998_000);
    assert.deepEqual(
      s.members.map((m) => [m.personId, m.closingEffortMilli]),
      [
        ['P1', 2_500_000 - 2_400_000 - 48_000],
        ['P2', 52_000],
        ['P3', 52_000],
        ['P4', 100_000],
        ['P5', 100_000],
      ],
    );

    const ledger = createLedger();
    openAccounts(
      ledger,
      [...accountKinds(chart)].map(([id, kind]) => ({ id, kind, pool: chart.poolId })),
    );
    assert.ok(createTransfers(ledger, s.transfers).ok);
    assert.equal(getBalance(ledger, chart.premiumAccountId)?.postedBalance, 24_000);
    assert.ok(verifyLedger(ledger).ok);

    const statement = poolStatement(chart, 1, s.transfers);
    assert.deepEqual(
      statement.rows
        .filter((r) => r.code.startsWith('premium'))
        .map((r) => [r.code, r.transfers, r.amountEffortMilli]),
      [
        ['premium', 2, 16_000],
        ['premium.commitment', 1, 8_000],
      ],
    );
    assert.equal(statement.netEffortMilli, 0);
  });

  test('quota and lottery allocations are ordinary takings, quota units flagged basic needs', () => {
    const clearing = clearScarceGood(
      {
        productId: ebike,
        availableUnits: 2,
        postedUnitPriceEffortMilli: effortMilli(40_000),
        scarcityRule: 'auction',
        basicNeedsQuotaUnits: 1,
      },
      [
        { personId: person('P1'), quantity: 1, premiumEffortMilliPerUnit: 9_000 },
        { personId: person('P2'), quantity: 1, premiumEffortMilliPerUnit: 5_000 },
        { personId: person('P5'), quantity: 1, premiumEffortMilliPerUnit: 0, basicNeeds: true },
      ],
      1,
    );
    assert.ok(clearing.ok);
    const events = scarcityEvents(clearing.value, bikes, 'a');
    assert.deepEqual(
      events.map((e) => [e.id, e.kind, e.kind === 'take' ? (e.pricing?.kind ?? 'factor') : '']),
      [
        ['a.P1.a', 'take', 'auction'],
        ['a.P1.p', 'premium', ''],
        ['a.P5.q', 'take', 'factor'],
      ],
    );
    const quota = events.find((e) => e.id === 'a.P5.q');
    assert.equal(quota?.kind === 'take' && quota.basicNeeds, true);
  });

  test('surplus discounts and an under-estimate reach the adjustment account exactly', () => {
    const surplus = clearSurplus(
      { availableUnits: 10, postedUnitPriceEffortMilli: effortMilli(500) },
      [
        {
          discountPpm: ppm(250_000),
          requests: [{ personId: person('P1'), quantity: 4, premiumEffortMilliPerUnit: 0 }],
        },
        {
          discountPpm: ppm(500_000),
          requests: [{ personId: person('P2'), quantity: 6, premiumEffortMilliPerUnit: 0 }],
        },
      ],
      5,
    );
    assert.ok(surplus.ok);
    const adjustment = priceAdjustment(bread, effortMilli(500), effortMilli(520), 10);
    const events = [
      ...surplusEvents(surplus.value, bread, food, 500, 'surplus.bread'),
      estimateEvent(adjustment, food, 'estimate.bread'),
      ...persons.slice(0, 2).map((p) => ({
        kind: 'work' as const,
        id: `work.${p}`,
        personId: p,
        projectId: food,
        amountEffortMilli: 5_000,
      })),
    ];
    const settled = settlePeriod({
      chart,
      period: 1,
      batchId: 's',
      priceFactorPpm: PPM_ONE,
      mode: 'proportional',
      openingBalances: new Map(),
      events,
      members: [],
      // Work 10 000 in, 10 units × 500 posted out, 200 under-estimate recovered.
      inventory: [{ projectId: food, openingEffortMilli: 0, closingEffortMilli: 4_800 }],
    });
    assert.ok(settled.ok, !settled.ok ? settled.error.detail : '');
    // Shortfall 4 × 500 × 25 % + 6 × 500 × 50 % = 500 + 1 500; under-estimate 10 × 20 = 200.
    assert.equal(settled.value.identity.adjustmentEffortMilli, 2_200);
    assert.equal(settled.value.netSurplusEffortMilli, -2_200);
    assert.equal(settled.value.nextPriceFactorPpm, PPM_ONE);
    assert.deepEqual(flatRateEvents([{ id: person('P1'), amount: 0 }], food, 'b', 'x'), []);
  });

  test('subscriptions and a late pre-order cancellation become takings of the period', () => {
    const milk = asId<'Product'>('milk') as ProductId;
    const events = subscriptionEvents(
      [
        { personId: person('P1'), productId: bread, unitsPerPeriod: 4, fromPeriod: 1 },
        { personId: person('P2'), productId: bread, unitsPerPeriod: 2, fromPeriod: 5 },
        { personId: person('P2'), productId: milk, unitsPerPeriod: 2, fromPeriod: 1 },
      ],
      3,
      new Map([[bread, 500]]),
      new Map([[bread, food]]),
      'sub.3',
      new Set([bread]),
    );
    assert.deepEqual(
      events.map((e) => [e.id, e.kind === 'take' && e.units, e.kind === 'take' && e.basicNeeds]),
      [['sub.3.P1.bread', 4, true]],
    );
    const order = {
      id: 'po7',
      personId: person('P2'),
      productId: bread,
      units: 10,
      postedUnitPriceEffortMilli: effortMilli(500),
      period: 3,
    };
    assert.equal(
      cancellationEvent(
        order,
        { started: false, spentEffortMilli: 0, plannedEffortMilli: 1 },
        food,
      ),
      undefined,
    );
    const late = cancellationEvent(
      order,
      { started: true, spentEffortMilli: 1, plannedEffortMilli: 4 },
      food,
    );
    assert.ok(late);
    const settled = settlePeriod({
      chart,
      period: 3,
      batchId: 's3',
      priceFactorPpm: PPM_ONE,
      mode: 'proportional',
      openingBalances: new Map(),
      events: [...events, late],
      members: [],
      inventory: [{ projectId: food, openingEffortMilli: 0, closingEffortMilli: -2_000 - 1_250 }],
    });
    assert.ok(settled.ok, !settled.ok ? settled.error.detail : '');
    // The basic-needs subscription is flagged, so it is posted last.
    assert.deepEqual(
      settled.value.transfers.map((t) => [t.code, t.amount, t.boundException ?? '']),
      [
        ['take.cancelled', 1_250, ''],
        ['take.goods', 2_000, 'basicNeeds'],
      ],
    );
    // The cancellation is not a taking at posted price: it stays out of the factor base.
    assert.equal(settled.value.baseEffortMilli, 2_000);
  });
});
