// Proves the taking rules: the debit-allowance gate (arrears block optional takings, never
// basic needs, which are flagged), pre-order cancellation, subscriptions and the carry-over cap.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { asId, type PersonId, type ProductId } from '../ids.ts';
import { effortMilli } from '../units.ts';
import {
  applyCarryOverCap,
  cancellationCharge,
  checkTaking,
  type PreOrder,
  spentSharePpm,
  subscribedUnits,
  subscriptionActive,
} from './takings.ts';

const person = (id: string) => asId<'Person'>(id) as PersonId;
const product = (id: string) => asId<'Product'>(id) as ProductId;

describe('taking gate (debit allowance 40 WH)', () => {
  const base = {
    balanceEffortMilli: 0,
    pendingDebitsEffortMilli: 0,
    allowanceEffortMilli: 40_000,
    chargeEffortMilli: 0,
    basicNeeds: false,
  };
  test('optional takings down to −allowance, not past it', () => {
    assert.deepEqual(checkTaking({ ...base, chargeEffortMilli: 40_000 }), { ok: true, value: {} });
    const past = checkTaking({ ...base, chargeEffortMilli: 40_001 });
    assert.equal(!past.ok && past.error.code, 'goods.allowance_exceeded');
    const pending = checkTaking({
      ...base,
      chargeEffortMilli: 30_000,
      pendingDebitsEffortMilli: 10_001,
    });
    assert.equal(!pending.ok && pending.error.code, 'goods.allowance_exceeded');
  });
  test('in arrears: optional takings blocked, basic needs go ahead flagged', () => {
    const arrears = { ...base, balanceEffortMilli: -40_001, chargeEffortMilli: 1 };
    const blocked = checkTaking(arrears);
    assert.equal(!blocked.ok && blocked.error.code, 'goods.in_arrears');
    assert.deepEqual(checkTaking({ ...arrears, basicNeeds: true }), {
      ok: true,
      value: { boundException: 'basicNeeds' },
    });
    assert.deepEqual(checkTaking({ ...base, basicNeeds: true, chargeEffortMilli: 5 }), {
      ok: true,
      value: {},
    });
  });
  test('property: no accepted taking leaves a balance past its bound unless flagged', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            charge: fc.integer({ min: 0, max: 30_000 }),
            basicNeeds: fc.boolean(),
            credit: fc.integer({ min: 0, max: 20_000 }),
          }),
          { maxLength: 30 },
        ),
        (steps) => {
          let balance = 0;
          for (const step of steps) {
            balance += step.credit;
            const gate = checkTaking({
              ...base,
              balanceEffortMilli: balance,
              chargeEffortMilli: step.charge,
              basicNeeds: step.basicNeeds,
            });
            if (!gate.ok) continue;
            balance -= step.charge;
            if (gate.value.boundException === undefined) assert.ok(balance >= -40_000);
            else assert.ok(step.basicNeeds && balance < -40_000);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('pre-orders', () => {
  const order: PreOrder = {
    id: 'po1',
    personId: person('a'),
    productId: product('bicycle'),
    units: 2,
    postedUnitPriceEffortMilli: effortMilli(19_000),
    period: 4,
  };
  test('free before production starts, then the spent share', () => {
    const notStarted = { started: false, spentEffortMilli: 500, plannedEffortMilli: 1_000 };
    assert.equal(cancellationCharge(order, notStarted), 0);
    const third = { started: true, spentEffortMilli: 1, plannedEffortMilli: 3 };
    assert.equal(spentSharePpm(third), 333_333);
    // 38 000 × 0.333333 = 12 666.65 → 12 667.
    assert.equal(cancellationCharge(order, third), 12_667);
    const over = { started: true, spentEffortMilli: 5, plannedEffortMilli: 3 };
    assert.equal(cancellationCharge(order, over), 38_000);
    assert.equal(spentSharePpm({ started: true, spentEffortMilli: 1, plannedEffortMilli: 0 }), 0);
  });
});

describe('subscriptions', () => {
  test('active periods and units due per product', () => {
    const subs = [
      { personId: person('a'), productId: product('bread'), unitsPerPeriod: 4, fromPeriod: 1 },
      {
        personId: person('b'),
        productId: product('bread'),
        unitsPerPeriod: 2,
        fromPeriod: 2,
        untilPeriod: 3,
      },
      { personId: person('b'), productId: product('milk'), unitsPerPeriod: 7, fromPeriod: 5 },
    ];
    assert.equal(subscriptionActive(subs[1]!, 4), false);
    assert.deepEqual([...subscribedUnits(subs, 3)], [['bread', 6]]);
    assert.deepEqual(
      [...subscribedUnits(subs, 5)],
      [
        ['bread', 4],
        ['milk', 7],
      ],
    );
  });
});

describe('carry-over cap (200 WH)', () => {
  test('kept up to the cap, the excess donated as chosen', () => {
    assert.deepEqual(applyCarryOverCap(250_000, 200_000, 'redistribution'), {
      keptEffortMilli: 200_000,
      donatedEffortMilli: 50_000,
      donateTo: 'redistribution',
    });
    assert.deepEqual(applyCarryOverCap(-5_000, 200_000, 'pool'), {
      keptEffortMilli: -5_000,
      donatedEffortMilli: 0,
      donateTo: 'pool',
    });
  });
});
