// Proves preference weighting (reference §4.8): the e-bike example to the mWH, the basic-needs
// quota, lottery and fcfs rules, quantity bids, premium payment, surplus discounts, and that
// clearing is deterministic, order-independent and competitive at the uniform premium.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { asId, type PersonId, type ProductId } from '../ids.ts';
import { lotteryOrder, mulberry32 } from '../random.ts';
import { effortMilli, ppm, sumIntegers } from '../units.ts';
import { clearScarceGood, type GoodsRequest, type ScarceGood } from './preference.ts';
import { commitmentStatus, mayRelease, settlePremium } from './premium-payment.ts';
import { clearSurplus, discountedSale } from './surplus-discounts.ts';

const person = (id: string) => asId<'Person'>(id) as PersonId;
const product = (id: string) => asId<'Product'>(id) as ProductId;
const E = effortMilli;

const ebike: ScarceGood = {
  productId: product('ebike'),
  availableUnits: 3,
  postedUnitPriceEffortMilli: E(40_000),
  scarcityRule: 'auction',
};
const bid = (id: string, premiumWh: number, extra: Partial<GoodsRequest> = {}): GoodsRequest => ({
  personId: person(id),
  quantity: 1,
  premiumEffortMilliPerUnit: premiumWh * 1000,
  ...extra,
});

describe('upward: scarce goods', () => {
  test('reference §4.8: 3 e-bikes, premiums 30/20/12/8/0 → each pays 48 WH, Π = 24 WH', () => {
    const result = clearScarceGood(
      ebike,
      [bid('P5', 0), bid('P3', 12), bid('P1', 30), bid('P4', 8), bid('P2', 20)],
      42,
    );
    assert.ok(result.ok);
    const c = result.value;
    assert.equal(c.scarce, true);
    assert.equal(c.clearingPremiumEffortMilli, 8_000);
    assert.equal(c.premiumTotalEffortMilli, 24_000);
    assert.equal(c.seed, 42);
    assert.deepEqual(
      c.allocations.map((a) => [a.personId, a.priceEffortMilli + a.premiumEffortMilli]),
      [
        ['P1', 48_000],
        ['P2', 48_000],
        ['P3', 48_000],
      ],
    );
    assert.equal(c.unitsLeft, 0);
  });

  test('x* is 0 when only k bidders offer a premium', () => {
    const result = clearScarceGood(ebike, [bid('a', 5), bid('b', 4), bid('c', 3), bid('d', 0)], 1);
    assert.ok(result.ok);
    assert.equal(result.value.clearingPremiumEffortMilli, 0);
    assert.equal(result.value.premiumTotalEffortMilli, 0);
  });

  test('enough for everyone: no rule, no premium', () => {
    const result = clearScarceGood(ebike, [bid('a', 30), bid('b', 0)], 1);
    assert.ok(result.ok);
    assert.equal(result.value.scarce, false);
    assert.equal(result.value.premiumTotalEffortMilli, 0);
    assert.equal(result.value.unitsLeft, 1);
  });

  test('ties at the cut go to the seeded lottery, and the seed replays the draw', () => {
    const bids = [bid('a', 10), bid('b', 10), bid('c', 10), bid('d', 10), bid('e', 1)];
    const winners = (seed: number) => {
      const r = clearScarceGood(ebike, bids, seed);
      assert.ok(r.ok);
      assert.equal(r.value.clearingPremiumEffortMilli, 10_000);
      return r.value.allocations.map((a) => a.personId);
    };
    // Every requester is ranked by the lottery; among the tied a..d the first three win.
    const order = lotteryOrder(['a', 'b', 'c', 'd', 'e'], 7).filter((id) => id !== 'e');
    assert.deepEqual(winners(7), order.slice(0, 3).sort());
    assert.deepEqual(winners(7), winners(7));
    const seen = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((s) => winners(s).join()));
    assert.ok(seen.size > 1, 'different seeds draw differently');
  });

  test('basic-needs quota is drawn by lottery first at the normal price', () => {
    const good = { ...ebike, basicNeedsQuotaUnits: 1 };
    const result = clearScarceGood(
      good,
      [bid('rich1', 30), bid('rich2', 20), bid('rich3', 12), bid('need', 0, { basicNeeds: true })],
      3,
    );
    assert.ok(result.ok);
    const c = result.value;
    // 2 units left for the auction among rich1..3: x* = 12 WH (rich3's premium).
    assert.equal(c.clearingPremiumEffortMilli, 12_000);
    assert.deepEqual(
      c.allocations.map((a) => [
        a.personId,
        a.quotaUnits,
        a.priceEffortMilli,
        a.premiumEffortMilli,
      ]),
      [
        ['need', 1, 40_000, 0],
        ['rich1', 0, 40_000, 12_000],
        ['rich2', 0, 40_000, 12_000],
      ],
    );
    assert.equal(c.premiumTotalEffortMilli, 24_000);
  });

  test('lottery and fcfs rules charge no premium', () => {
    const bids = [
      bid('a', 30, { arrivalSeq: 4 }),
      bid('b', 20, { arrivalSeq: 1 }),
      bid('c', 12, { arrivalSeq: 3 }),
      bid('d', 8, { arrivalSeq: 2 }),
    ];
    const fcfs = clearScarceGood({ ...ebike, scarcityRule: 'fcfs' }, bids, 1);
    assert.ok(fcfs.ok);
    assert.deepEqual(
      fcfs.value.allocations.map((a) => a.personId),
      ['b', 'c', 'd'],
    );
    assert.equal(fcfs.value.premiumTotalEffortMilli, 0);
    const lottery = clearScarceGood({ ...ebike, scarcityRule: 'lottery' }, bids, 9);
    assert.ok(lottery.ok);
    assert.deepEqual(
      lottery.value.allocations.map((a) => a.personId),
      lotteryOrder(['a', 'b', 'c', 'd'], 9).slice(0, 3).sort(),
    );
    assert.equal(lottery.value.premiumTotalEffortMilli, 0);
  });

  test('divisible goods: quantity bids clear at the premium of the first unserved unit', () => {
    // 100 kWh; demand 60 @ 5 mWH, 30 @ 3 mWH, 50 @ 2 mWH, 40 @ 1 mWH per kWh.
    const result = clearScarceGood(
      { ...ebike, availableUnits: 100, postedUnitPriceEffortMilli: E(20) },
      [
        { personId: person('w'), quantity: 60, premiumEffortMilliPerUnit: 5 },
        { personId: person('x'), quantity: 30, premiumEffortMilliPerUnit: 3 },
        { personId: person('y'), quantity: 50, premiumEffortMilliPerUnit: 2 },
        { personId: person('z'), quantity: 40, premiumEffortMilliPerUnit: 1 },
      ],
      1,
    );
    assert.ok(result.ok);
    const c = result.value;
    assert.equal(c.clearingPremiumEffortMilli, 2);
    assert.deepEqual(
      c.allocations.map((a) => [a.personId, a.units, a.priceEffortMilli, a.premiumEffortMilli]),
      [
        ['w', 60, 1_200, 120],
        ['x', 30, 600, 60],
        ['y', 10, 200, 20],
      ],
    );
    assert.equal(c.premiumTotalEffortMilli, 200);
  });

  test('bad requests are typed failures', () => {
    const dup = clearScarceGood(ebike, [bid('a', 1), bid('a', 2)], 1);
    assert.equal(!dup.ok && dup.error.code, 'goods.duplicate_request');
    const qty = clearScarceGood(ebike, [bid('a', 1, { quantity: 0 })], 1);
    assert.equal(!qty.ok && qty.error.code, 'goods.bad_quantity');
    const neg = clearScarceGood(ebike, [bid('a', -1)], 1);
    assert.equal(!neg.ok && neg.error.code, 'goods.negative_premium');
    const avail = clearScarceGood({ ...ebike, availableUnits: -1 }, [], 1);
    assert.equal(!avail.ok && avail.error.code, 'goods.bad_quantity');
  });

  test('property: feasible, competitive, Π = x* × auctioned units, order-independent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(
          fc.record({
            premium: fc.integer({ min: 0, max: 50 }),
            quantity: fc.integer({ min: 1, max: 3 }),
            basicNeeds: fc.boolean(),
          }),
          { maxLength: 10 },
        ),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (available, quota, raw, seed) => {
          const requests: GoodsRequest[] = raw.map((r, i) => ({
            personId: person(`p${i}`),
            quantity: r.quantity,
            premiumEffortMilliPerUnit: r.premium,
            basicNeeds: r.basicNeeds,
          }));
          const good = { ...ebike, availableUnits: available, basicNeedsQuotaUnits: quota };
          const result = clearScarceGood(good, requests, seed);
          assert.ok(result.ok);
          const c = result.value;
          const units = sumIntegers(c.allocations.map((a) => a.units));
          assert.equal(units + c.unitsLeft, available);
          const xStar = c.clearingPremiumEffortMilli;
          let auctionedUnits = 0;
          for (const a of c.allocations) {
            const r = requests.find((q) => q.personId === a.personId)!;
            assert.ok(a.units <= r.quantity);
            if (a.units > a.quotaUnits) assert.ok(r.premiumEffortMilliPerUnit >= xStar);
            auctionedUnits += a.units - a.quotaUnits;
          }
          for (const r of requests) {
            const a = c.allocations.find((x) => x.personId === r.personId);
            const won = a ? a.units - a.quotaUnits : 0;
            const quotaUnits = a?.quotaUnits ?? 0;
            if (won < r.quantity - quotaUnits) assert.ok(r.premiumEffortMilliPerUnit <= xStar);
          }
          assert.equal(c.premiumTotalEffortMilli, c.scarce ? xStar * auctionedUnits : 0);
          const shuffled = clearScarceGood(good, [...requests].reverse(), seed);
          assert.deepEqual(shuffled, result);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('paying a premium', () => {
  const won = {
    personId: person('a'),
    units: 1,
    quotaUnits: 0,
    priceEffortMilli: E(40_000),
    premiumEffortMilli: E(8_000),
  };
  test('from balance needs a balance that covers the premium', () => {
    const covered = settlePremium(won, product('ebike'), { kind: 'balance' }, 8_000, 3);
    assert.deepEqual(covered, { ok: true, value: { kind: 'balance', amountEffortMilli: 8_000 } });
    const short = settlePremium(won, product('ebike'), { kind: 'balance' }, 7_999, 3);
    assert.equal(!short.ok && short.error.code, 'goods.premium_not_covered');
  });
  test('as a commitment with a term: due, fulfilled, overdue, released', () => {
    const r = settlePremium(
      won,
      product('ebike'),
      { kind: 'commitment', termPeriods: 2, release: 'onCompletion' },
      -5_000,
      3,
    );
    assert.ok(r.ok && r.value.kind === 'commitment');
    const c = r.value.commitment;
    assert.equal(c.duePeriod, 5);
    assert.equal(commitmentStatus(c, 7_999, 5), 'open');
    assert.equal(commitmentStatus(c, 7_999, 6), 'overdue');
    assert.equal(commitmentStatus(c, 8_000, 6), 'fulfilled');
    assert.equal(mayRelease(r.value, false), false);
    assert.equal(mayRelease(r.value, true), true);
    assert.equal(mayRelease({ kind: 'balance', amountEffortMilli: E(1) }, false), true);
    const bad = settlePremium(
      won,
      product('ebike'),
      { kind: 'commitment', termPeriods: 0, release: 'atOnce' },
      0,
      3,
    );
    assert.equal(!bad.ok && bad.error.code, 'goods.bad_term');
  });
});

describe('downward: perishable surplus', () => {
  test('discounts charge less and the shortfall goes to adjustment, exactly', () => {
    const sale = discountedSale(person('a'), E(500), 3, ppm(250_000));
    assert.equal(sale.chargedEffortMilli, 1_125);
    assert.equal(sale.shortfallEffortMilli, 375);
  });
  test('steps 25 %, 50 %, 100 % until the surplus is gone', () => {
    const result = clearSurplus(
      { availableUnits: 10, postedUnitPriceEffortMilli: E(500) },
      [
        { discountPpm: ppm(250_000), requests: [bid('a', 0, { quantity: 4 })] },
        { discountPpm: ppm(500_000), requests: [bid('b', 0, { quantity: 3 })] },
        { discountPpm: ppm(1_000_000), requests: [bid('c', 0, { quantity: 5 })] },
      ],
      11,
    );
    assert.ok(result.ok);
    assert.deepEqual(
      result.value.sales.map((s) => [
        s.personId,
        s.units,
        s.chargedEffortMilli,
        s.shortfallEffortMilli,
      ]),
      [
        ['a', 4, 1_500, 500],
        ['b', 3, 750, 750],
        ['c', 3, 0, 1_500],
      ],
    );
    assert.equal(result.value.shortfallEffortMilli, 2_750);
    assert.equal(result.value.unitsLeft, 0);
    const bad = clearSurplus(
      { availableUnits: 1, postedUnitPriceEffortMilli: E(1) },
      [{ discountPpm: ppm(1_000_001), requests: [] }],
      1,
    );
    assert.equal(!bad.ok && bad.error.code, 'goods.bad_discount');
    const dup = clearSurplus(
      { availableUnits: 1, postedUnitPriceEffortMilli: E(1) },
      [{ discountPpm: ppm(1), requests: [bid('a', 0), bid('a', 0)] }],
      1,
    );
    assert.equal(!dup.ok && dup.error.code, 'goods.duplicate_request');
  });
});

describe('seeded lottery', () => {
  test('mulberry32 is a fixed stream and the order ignores input order', () => {
    const next = mulberry32(1);
    const first = [next(), next(), next()];
    const again = mulberry32(1);
    assert.deepEqual([again(), again(), again()], first);
    assert.deepEqual(lotteryOrder(['c', 'a', 'b'], 5), lotteryOrder(['b', 'c', 'a'], 5));
    assert.deepEqual([...lotteryOrder(['c', 'a', 'b'], 5)].sort(), ['a', 'b', 'c']);
  });
});
