// Proves housing by duration of use (reference §4.13): the apartment example to the mWH, exact
// splits among co-residents, re-estimation from actual maintenance, and that the dues over a
// unit's life add up exactly to its build + maintenance effort when occupancy is as expected.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { asId } from '../ids.ts';
import { sumIntegers } from '../units.ts';
import {
  advanceHousingPeriod,
  checkHousingUnit,
  type HousingAccount,
  type HousingPeriod,
  type HousingUnit,
  openHousingAccount,
  unrecoveredEffortMilli,
} from './housing.ts';

const ana = asId<'Person'>('ana');
const ben = asId<'Person'>('ben');

/** Build 8,000 WH; 80 years of months; 8,000 WH maintenance over the life; occupancy 95 %. */
const apartment: HousingUnit = {
  id: 'apartment',
  buildEffortMilli: 8_000_000,
  lifePeriods: 960,
  expectedMaintenanceEffortMilli: 8_000_000,
  expectedOccupancyPpm: 950_000,
  reestimateEveryPeriods: 12,
};

function live(unit: HousingUnit, periods: HousingPeriod[], start = openHousingAccount(unit)) {
  let account: HousingAccount = start;
  const paid = new Map<string, number>();
  for (const period of periods) {
    const result = advanceHousingPeriod(unit, account, period);
    assert.ok(result.ok, result.ok ? '' : result.error.detail);
    account = result.value.account;
    for (const due of result.value.dues)
      paid.set(due.personId, (paid.get(due.personId) ?? 0) + due.amountEffortMilli);
  }
  return { account, paid };
}

const alone = (n: number): HousingPeriod[] =>
  Array.from({ length: n }, (_, m) => ({
    residents: [{ personId: ana, shareWeight: 1 }],
    actualMaintenanceEffortMilli: m % 12 === 11 ? 100_000 : 0, // 100 WH a year, as expected
  }));

describe('reference §4.13 worked example: the apartment', () => {
  test('16,000 WH / (960 months × 0.95) = 17.544 WH a month (≈ 210.5 WH a year)', () => {
    const account = openHousingAccount(apartment);
    assert.equal(account.ratePerPeriodEffortMilli, 17_544);
  });

  test('two residents sharing equally owe 8.772 WH a month each', () => {
    const result = advanceHousingPeriod(apartment, openHousingAccount(apartment), {
      residents: [
        { personId: ben, shareWeight: 1 },
        { personId: ana, shareWeight: 1 },
      ],
      actualMaintenanceEffortMilli: 0,
    });
    assert.ok(result.ok);
    assert.deepEqual(result.value.dues, [
      { personId: ana, amountEffortMilli: 8_772 },
      { personId: ben, amountEffortMilli: 8_772 },
    ]);
  });

  test('alone for 3 years ≈ 632 WH; alone for 40 years ≈ 8,421 WH', () => {
    assert.equal(live(apartment, alone(36)).paid.get(ana), 631_584);
    // The reference's "≈ 8,420" multiplies the rounded 210.5 WH a year; 210.526 × 40 = 8,421.05.
    assert.equal(live(apartment, alone(480)).paid.get(ana), 8_421_120);
  });

  test('an uneven split among co-residents adds up exactly', () => {
    const result = advanceHousingPeriod(apartment, openHousingAccount(apartment), {
      residents: [
        { personId: ana, shareWeight: 2 },
        { personId: ben, shareWeight: 1 },
      ],
      occupiedPpm: 500_000, // moved in mid-month
      actualMaintenanceEffortMilli: 0,
    });
    assert.ok(result.ok);
    // 17,544 × 0.5 = 8,772 split 2:1 → 5,848 and 2,924.
    assert.deepEqual(
      result.value.dues.map((d) => d.amountEffortMilli),
      [5_848, 2_924],
    );
  });

  test('a costly repair raises the rate at the next re-estimation', () => {
    const periods = alone(13);
    periods[5] = { ...periods[5]!, actualMaintenanceEffortMilli: 1_000_000 };
    const { account } = live(apartment, periods);
    assert.ok(account.ratePerPeriodEffortMilli > 17_544);
  });
});

describe('expected failures', () => {
  test('invalid unit and period, and a unit past its life', () => {
    assert.equal(checkHousingUnit({ ...apartment, expectedOccupancyPpm: 1_100_000 }).ok, false);
    assert.equal(checkHousingUnit({ ...apartment, lifePeriods: 0 }).ok, false);
    const fresh = openHousingAccount(apartment);
    const code = (p: HousingPeriod) => {
      const r = advanceHousingPeriod(apartment, fresh, p);
      return r.ok ? '' : r.error.code;
    };
    assert.equal(
      code({ residents: [{ personId: ana, shareWeight: 0 }], actualMaintenanceEffortMilli: 0 }),
      'housing.bad_period',
    );
    assert.equal(code({ residents: [], actualMaintenanceEffortMilli: -1 }), 'housing.bad_period');
    assert.equal(
      code({
        residents: [{ personId: ana, shareWeight: 1 }],
        occupiedPpm: 0,
        actualMaintenanceEffortMilli: 0,
      }),
      'housing.bad_period',
    );
    const over = advanceHousingPeriod(
      apartment,
      { ...fresh, elapsedPeriods: 960 },
      { residents: [], actualMaintenanceEffortMilli: 0 },
    );
    assert.equal(over.ok ? '' : over.error.code, 'housing.life_over');
  });
});

describe('properties', () => {
  const unitArb = fc.record({
    id: fc.constant('u'),
    buildEffortMilli: fc.integer({ min: 0, max: 50_000_000 }),
    lifePeriods: fc.integer({ min: 1, max: 60 }),
    expectedMaintenanceEffortMilli: fc.integer({ min: 0, max: 10_000_000 }),
    expectedOccupancyPpm: fc.integer({ min: 1, max: 1_000_000 }),
    reestimateEveryPeriods: fc.integer({ min: 1, max: 12 }),
  });

  test('dues over the life sum exactly to build + maintenance when occupancy is as expected', () => {
    fc.assert(
      fc.property(unitArb, fc.integer({ min: 1, max: 4 }), (unit, residents) => {
        // Occupied every period for the expected fraction; maintenance spread as expected.
        const perPeriod = Math.floor(unit.expectedMaintenanceEffortMilli / unit.lifePeriods);
        const periods: HousingPeriod[] = Array.from({ length: unit.lifePeriods }, (_, n) => ({
          residents: Array.from({ length: residents }, (_, r) => ({
            personId: asId<'Person'>(`r${r}`),
            shareWeight: r + 1,
          })),
          occupiedPpm: unit.expectedOccupancyPpm,
          actualMaintenanceEffortMilli:
            n === unit.lifePeriods - 1
              ? unit.expectedMaintenanceEffortMilli - perPeriod * (unit.lifePeriods - 1)
              : perPeriod,
        }));
        const { account, paid } = live(unit, periods);
        const total = unit.buildEffortMilli + unit.expectedMaintenanceEffortMilli;
        assert.equal(sumIntegers(paid.values()), total);
        assert.equal(account.recoveredEffortMilli, total);
        assert.equal(unrecoveredEffortMilli(unit, account), 0);
      }),
      { numRuns: 150 },
    );
  });

  test('with any maintenance and occupancy, recovered + unrecovered = build + actual maintenance', () => {
    fc.assert(
      fc.property(
        unitArb,
        fc.array(
          fc.record({ lived: fc.boolean(), maintenance: fc.integer({ min: 0, max: 500_000 }) }),
          { minLength: 60, maxLength: 60 },
        ),
        (unit, history) => {
          const periods = history.slice(0, unit.lifePeriods).map((h) => ({
            residents: h.lived ? [{ personId: ana, shareWeight: 1 }] : [],
            actualMaintenanceEffortMilli: h.maintenance,
          }));
          const { account, paid } = live(unit, periods);
          assert.equal(sumIntegers(paid.values()), account.recoveredEffortMilli);
          assert.equal(
            account.recoveredEffortMilli + unrecoveredEffortMilli(unit, account),
            unit.buildEffortMilli + account.actualMaintenanceEffortMilli,
          );
          assert.ok([...paid.values()].every((v) => v >= 0));
        },
      ),
      { numRuns: 150 },
    );
  });
});
