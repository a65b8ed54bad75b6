// Proves the effort price of reference §4.7: the bicycle example to the mWH, services, joint
// products, posted-versus-actual adjustments, and that every published breakdown sums exactly.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type AccountId, asId, type ProductId, type ResourceId } from '../ids.ts';
import { effortMilli, type Ppm, ppm, sumIntegers } from '../units.ts';
import {
  adjustmentTransfer,
  computeEffortPrice,
  PRICE_COMPONENTS,
  postedPrice,
  priceAdjustment,
  splitJointProducts,
} from './effort-price.ts';
import { bicycleRecipe } from './testing.ts';

const product = (id: string) => asId<'Product'>(id) as ProductId;
const E = effortMilli;

/** Reference §4.7: 400 bikes a year. */
const bicycle = bicycleRecipe();

describe('effort price (reference §4.7)', () => {
  test('the bicycle costs 19.0 WH with the published breakdown', () => {
    const result = computeEffortPrice(bicycle);
    assert.ok(result.ok);
    const b = result.value;
    assert.equal(b.unitPriceEffortMilli, 19_000);
    assert.equal(b.batchTotalEffortMilli, 7_600_000);
    assert.deepEqual(b.batch, {
      labour: 4_000_000,
      meansOfProduction: 600_000,
      inputs: 2_800_000,
      resources: 0,
      overhead: 200_000,
    });
    assert.deepEqual(b.perUnit, {
      labour: 10_000,
      meansOfProduction: 1_500,
      inputs: 7_000,
      resources: 0,
      overhead: 500,
    });
    assert.deepEqual(
      b.inputLines.map((l) => l.effortMilli),
      [2_400_000, 400_000],
    );
    assert.deepEqual(b.meansOfProductionLines, [{ id: 'workshop', effortMilli: 600_000 }]);
  });

  test('posted next month at factor 0.998: 18.962 WH, and the breakdown still sums', () => {
    const result = computeEffortPrice(bicycle);
    assert.ok(result.ok);
    const posted = postedPrice(result.value, ppm(998_000));
    assert.equal(posted.postedUnitPriceEffortMilli, 18_962);
    assert.equal(posted.effortPriceEffortMilli, 19_000);
    assert.equal(sumIntegers(Object.values(posted.perUnit)), 18_962);
  });

  test('a service uses the same formula with Q = service units', () => {
    // 100 haircuts of 30 minutes at weight 1.0, salon built with 1200 WH over 120 periods.
    const result = computeEffortPrice({
      productId: product('haircut'),
      kind: 'service',
      units: 100,
      labourEffortMilli: E(50_000),
      meansOfProduction: [
        {
          id: 'salon',
          buildEffortMilli: E(1_200_000),
          lifePeriods: 120,
          maintenanceEffortMilli: E(0),
          useSharePpm: ppm(1_000_000),
        },
      ],
      inputs: [],
      resources: [],
      overheadEffortMilli: E(5_000),
    });
    assert.ok(result.ok);
    assert.equal(result.value.unitPriceEffortMilli, 650);
    assert.equal(result.value.kind, 'service');
    assert.deepEqual(result.value.perUnit, {
      labour: 500,
      meansOfProduction: 100,
      inputs: 0,
      resources: 0,
      overhead: 50,
    });
  });

  test('resources count with extraction and premium; use shares scale a machine', () => {
    const result = computeEffortPrice({
      productId: product('bread'),
      kind: 'good',
      units: 40,
      labourEffortMilli: E(16_000),
      meansOfProduction: [
        {
          id: 'oven',
          buildEffortMilli: E(100_000),
          lifePeriods: 3,
          maintenanceEffortMilli: E(1_000),
          useSharePpm: ppm(250_000),
        },
      ],
      inputs: [],
      resources: [
        {
          resourceId: asId<'Resource'>('water') as ResourceId,
          quantity: 10,
          extractionEffortMilliPerUnit: E(30),
          premiumEffortMilli: E(200),
        },
      ],
      overheadEffortMilli: E(4_000),
    });
    assert.ok(result.ok);
    // Amortisation 100 000 / 3 = 33 333.3 → 33 333; (33 333 + 1 000) × 0.25 = 8 583.25 → 8 583.
    assert.equal(result.value.batch.meansOfProduction, 8_583);
    assert.equal(result.value.batch.resources, 500);
    // (16 000 + 8 583 + 500 + 4 000) / 40 = 727.075 → 727.
    assert.equal(result.value.unitPriceEffortMilli, 727);
    assert.equal(sumIntegers(Object.values(result.value.perUnit)), 727);
  });

  test('bad recipes are typed failures', () => {
    const noUnits = computeEffortPrice({ ...bicycle, units: 0 });
    assert.equal(!noUnits.ok && noUnits.error.code, 'goods.no_units');
    const badLife = computeEffortPrice({
      ...bicycle,
      meansOfProduction: [{ ...bicycle.meansOfProduction[0]!, lifePeriods: 0 }],
    });
    assert.equal(!badLife.ok && badLife.error.code, 'goods.bad_life');
    const badShare = computeEffortPrice({
      ...bicycle,
      meansOfProduction: [{ ...bicycle.meansOfProduction[0]!, useSharePpm: ppm(1_000_001) }],
    });
    assert.equal(!badShare.ok && badShare.error.code, 'goods.bad_use_share');
    const negative = computeEffortPrice({ ...bicycle, labourEffortMilli: E(-1) });
    assert.equal(!negative.ok && negative.error.code, 'goods.negative_amount');
  });

  test('property: parts sum to the unit price, batch lines to the batch total', () => {
    const amount = fc.integer({ min: 0, max: 5_000_000 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000 }),
        amount,
        amount,
        fc.array(
          fc.record({
            build: amount,
            life: fc.integer({ min: 1, max: 300 }),
            maint: amount,
            share: fc.integer({ min: 0, max: 1_000_000 }),
          }),
          { maxLength: 3 },
        ),
        fc.array(fc.record({ q: fc.integer({ min: 0, max: 5_000 }), p: amount }), {
          maxLength: 3,
        }),
        (units, labour, overhead, mops, inputs) => {
          const result = computeEffortPrice({
            productId: product('p'),
            kind: 'good',
            units,
            labourEffortMilli: E(labour),
            meansOfProduction: mops.map((m, i) => ({
              id: `m${i}`,
              buildEffortMilli: E(m.build),
              lifePeriods: m.life,
              maintenanceEffortMilli: E(m.maint),
              useSharePpm: ppm(m.share) as Ppm,
            })),
            inputs: inputs.map((input, i) => ({
              productId: product(`in${i}`),
              quantity: input.q,
              unitPriceEffortMilli: E(input.p),
            })),
            resources: [],
            overheadEffortMilli: E(overhead),
          });
          assert.ok(result.ok);
          const b = result.value;
          const batchSum = sumIntegers(PRICE_COMPONENTS.map((c) => b.batch[c]));
          assert.equal(batchSum, b.batchTotalEffortMilli);
          assert.equal(
            sumIntegers(PRICE_COMPONENTS.map((c) => b.perUnit[c])),
            b.unitPriceEffortMilli,
          );
          // The unit price is within half a mWH of the exact quotient.
          assert.ok(Math.abs(b.unitPriceEffortMilli * units - batchSum) * 2 <= units);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('joint products (declared split)', () => {
  test('the batch is split by largest remainder and each share priced per unit', () => {
    const batch = computeEffortPrice({
      productId: product('dairy'),
      kind: 'good',
      units: 1,
      labourEffortMilli: E(1_000),
      meansOfProduction: [],
      inputs: [],
      resources: [],
      overheadEffortMilli: E(0),
    });
    assert.ok(batch.ok);
    const split = splitJointProducts(batch.value, [
      { productId: product('whey'), units: 3, splitWeight: 1 },
      { productId: product('cheese'), units: 1, splitWeight: 1 },
      { productId: product('butter'), units: 2, splitWeight: 1 },
    ]);
    assert.ok(split.ok);
    // 1000 / 3 = 333.3 each; the left-over unit goes to the smallest id (butter).
    assert.deepEqual(
      split.value.map((p) => [p.productId, p.batchShareEffortMilli, p.unitPriceEffortMilli]),
      [
        ['butter', 334, 167],
        ['cheese', 333, 333],
        ['whey', 333, 111],
      ],
    );
    const empty = splitJointProducts(batch.value, []);
    assert.equal(!empty.ok && empty.error.code, 'goods.joint_split_empty');
    const noUnits = splitJointProducts(batch.value, [
      { productId: product('whey'), units: 0, splitWeight: 1 },
    ]);
    assert.equal(!noUnits.ok && noUnits.error.code, 'goods.no_units');
  });
});

describe('posted versus actual price', () => {
  const ids = {
    transferId: asId<'Transfer'>('t1'),
    projectAccountId: asId<'Account'>('bikes') as AccountId,
    adjustmentAccountId: asId<'Account'>('adj') as AccountId,
    period: 7,
  };
  test('an under-estimate charges (actual − posted) × units to the adjustment account', () => {
    const adjustment = priceAdjustment(product('bicycle'), E(19_000), E(19_250), 3);
    assert.equal(adjustment.uncoveredEffortMilli, 750);
    assert.deepEqual(adjustmentTransfer(adjustment, ids), {
      id: 't1',
      debitAccountId: 'adj',
      creditAccountId: 'bikes',
      amount: 750,
      unit: 'effort',
      code: 'adjustment.estimate',
      reference: 'bicycle',
      period: 7,
    });
  });
  test('an over-estimate goes back to the adjustment account; equal prices post nothing', () => {
    const over = priceAdjustment(product('bicycle'), E(19_000), E(18_500), 4);
    assert.equal(over.uncoveredEffortMilli, -2_000);
    const transfer = adjustmentTransfer(over, ids);
    assert.equal(transfer?.debitAccountId, 'bikes');
    assert.equal(transfer?.creditAccountId, 'adj');
    assert.equal(transfer?.amount, 2_000);
    assert.equal(
      adjustmentTransfer(priceAdjustment(product('bicycle'), E(5), E(5), 9), ids),
      undefined,
    );
  });
});
