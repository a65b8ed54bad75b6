// Proves the allocation models of reference §4.6 and §7.3 with the worked examples to the mWH
// (food flat rate, bicycle flat allocation, motorcycle, Eva's mixed month) and that every
// share adds up to its bundle exactly.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { asId, type PersonId, type ProductId } from '../ids.ts';
import { cents, effortMilli, PPM_ONE, ppm, sumIntegers } from '../units.ts';
import {
  biddingGuideline,
  byDurationCharge,
  byDurationShares,
  evaluateBiddingRound,
  evaluateTermRound,
  fairUseCharge,
  flatAllocationUnitPrice,
  flatRateShares,
  flatRateSharesWithDependents,
  takingCharge,
  termGuideline,
  validateOffer,
} from './allocation.ts';

const person = (id: string) => asId<'Person'>(id) as PersonId;
const people = (n: number) =>
  Array.from({ length: n }, (_, i) => person(`p${String(i).padStart(3, '0')}`));
const E = effortMilli;

describe('allocation models (reference §4.6)', () => {
  test('flat rate: 1,500 WH over 100 participants is 15 WH each', () => {
    const shares = flatRateShares(E(1_500_000), E(0), people(100));
    assert.ok(shares.ok);
    assert.ok(shares.value.every((s) => s.amount === 15_000));
    const none = flatRateShares(E(1), E(0), []);
    assert.equal(!none.ok && none.error.code, 'goods.no_participants');
  });

  test('flat allocation: 700 WH over 40 bikes is 17.5 WH; Carla takes 2 and owes 35 WH', () => {
    const price = flatAllocationUnitPrice(E(700_000), 40);
    assert.deepEqual(price, { ok: true, value: 17_500 });
    assert.equal(takingCharge(E(17_500), 2, PPM_ONE), 35_000);
    const none = flatAllocationUnitPrice(E(1), 0);
    assert.equal(!none.ok && none.error.code, 'goods.no_units');
  });

  test('effort-based: Dan’s motorcycle (3 × 17.5 WH) is 52.5 WH; Eva’s mixed month 32.5 WH', () => {
    assert.equal(takingCharge(E(52_500), 1, PPM_ONE), 52_500);
    const food = flatRateShares(E(1_500_000), E(0), people(100));
    assert.ok(food.ok);
    const eva = food.value[0]!.amount + takingCharge(E(17_500), 1, PPM_ONE);
    assert.equal(eva, 32_500);
    // With the price factor of reference §4.8 (0.998) a 19 WH bicycle costs 18.962 WH.
    assert.equal(takingCharge(E(19_000), 1, ppm(998_000)), 18_962);
  });

  test('fair use: units above the cap of a flat-rate good are charged effort-based', () => {
    assert.equal(fairUseCharge(12, 10, E(500), PPM_ONE), 1_000);
    assert.equal(fairUseCharge(8, 10, E(500), PPM_ONE), 0);
  });

  test('copyable goods must be free', () => {
    const base = {
      productId: asId<'Product'>('design') as ProductId,
      copyable: true,
      basicNeeds: false,
    };
    assert.ok(validateOffer({ ...base, allocation: { kind: 'free' } }).ok);
    const fenced = validateOffer({ ...base, allocation: { kind: 'effortBased' } });
    assert.equal(!fenced.ok && fenced.error.code, 'goods.copyable_must_be_free');
  });

  test('by duration: a rate prorated by minutes, shared by minutes of use', () => {
    // 30 WH a month of 43 200 minutes, used for 10 days (14 400 minutes) → 10 WH.
    assert.deepEqual(byDurationCharge(E(30_000), 14_400, 43_200), { ok: true, value: 10_000 });
    const bad = byDurationCharge(E(30_000), 50_000, 43_200);
    assert.equal(!bad.ok && bad.error.code, 'goods.bad_duration');
    const shares = byDurationShares(E(10_000), [
      { id: person('a'), weight: 1 },
      { id: person('b'), weight: 1 },
      { id: person('c'), weight: 1 },
    ]);
    assert.ok(shares.ok);
    assert.deepEqual(
      shares.value.map((s) => s.amount),
      [3_334, 3_333, 3_333],
    );
    const nobody = byDurationShares(E(1), []);
    assert.equal(!nobody.ok && nobody.error.code, 'goods.no_participants');
  });

  test('property: flat-rate shares sum to E + R and differ by at most 1 mWH', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 60 }),
        (e, r, n) => {
          const shares = flatRateShares(E(e), E(r), people(n));
          assert.ok(shares.ok);
          const amounts = shares.value.map((s) => s.amount);
          assert.equal(sumIntegers(amounts), e + r);
          assert.ok(Math.max(...amounts) - Math.min(...amounts) <= 1);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('bidding round (reference §7.3)', () => {
  const budget = { effortMilli: E(1_000_000), moneyCents: cents(300_000) };
  const pledge = (id: string, wh: number, eur: number) => ({
    personId: person(id),
    effortMilli: E(wh * 1000),
    moneyCents: cents(eur * 100),
  });

  test('a guideline of E/N and M/N, a shortfall round, then a covered round', () => {
    const guide = biddingGuideline(budget, [person('a'), person('b'), person('c')]);
    assert.deepEqual(
      guide.effort.map((g) => g.amount),
      [333_334, 333_333, 333_333],
    );
    assert.deepEqual(
      guide.money.map((g) => g.amount),
      [100_000, 100_000, 100_000],
    );
    assert.deepEqual(biddingGuideline(budget, []), { effort: [], money: [] });

    const first = evaluateBiddingRound(budget, 1, 3, [
      pledge('a', 400, 1000),
      pledge('b', 300, 1000),
      pledge('c', 200, 500),
    ]);
    assert.ok(first.ok);
    assert.equal(first.value.outcome, 'nextRound');
    assert.equal(first.value.shortfallEffortMilli, 100_000);
    assert.equal(first.value.shortfallMoneyCents, 50_000);
    assert.deepEqual(
      first.value.guidelineEffortMilli.map((g) => g.amount),
      [33_334, 33_333, 33_333],
    );
    assert.deepEqual(first.value.obligations, []);

    const second = evaluateBiddingRound(budget, 2, 3, [
      pledge('a', 450, 1200),
      pledge('b', 350, 1000),
      pledge('c', 220, 800),
    ]);
    assert.ok(second.ok);
    assert.equal(second.value.outcome, 'covered');
    assert.equal(second.value.surplusEffortMilli, 20_000);
    assert.equal(second.value.surplusMoneyCents, 0);
    assert.equal(second.value.obligations.length, 3);
  });

  test('the last round without cover fails; bad rounds and pledges are refused', () => {
    const last = evaluateBiddingRound(budget, 3, 3, [pledge('a', 1, 1)]);
    assert.equal(last.ok && last.value.outcome, 'failed');
    const beyond = evaluateBiddingRound(budget, 4, 3, []);
    assert.equal(!beyond.ok && beyond.error.code, 'goods.round_limit');
    const twice = evaluateBiddingRound(budget, 1, 3, [pledge('a', 1, 1), pledge('a', 1, 1)]);
    assert.equal(!twice.ok && twice.error.code, 'goods.bad_pledge');
  });
});

describe('redistribution inside a flat rate (reference §4.6, §4.11)', () => {
  test('a dependent user: 3 001 over 3 users, R_B 1 000, the two participants 1 501 / 1 500', () => {
    const split = flatRateSharesWithDependents(E(3001), [person('b'), person('a')], [person('k')]);
    assert.ok(split.ok);
    assert.deepEqual(
      split.value.useParts.map((x) => [x.id, x.amount]),
      [
        ['a', 1001],
        ['b', 1000],
        ['k', 1000],
      ],
    );
    assert.equal(split.value.redistributionEffortMilli, 1000);
    assert.deepEqual(
      split.value.shares.map((x) => [x.id, x.amount]),
      [
        ['a', 1501],
        ['b', 1500],
      ],
    );
    const none = flatRateSharesWithDependents(E(10), [], [person('k')]);
    assert.equal(!none.ok && none.error.code, 'goods.no_participants');
  });

  test('property: shares add up to E_B, R_B is the dependents’ parts, order does not matter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        (e, n, d) => {
          const all = people(n + d);
          const participants = all.slice(0, n);
          const dependents = all.slice(n);
          const split = flatRateSharesWithDependents(E(e), participants, dependents);
          const reversed = flatRateSharesWithDependents(
            E(e),
            [...participants].reverse(),
            [...dependents].reverse(),
          );
          assert.ok(split.ok && reversed.ok);
          assert.deepEqual(split.value, reversed.value);
          const amounts = split.value.shares.map((x) => x.amount);
          assert.equal(sumIntegers(amounts), e);
          assert.ok(Math.max(...amounts) - Math.min(...amounts) <= 1);
          const r = split.value.redistributionEffortMilli;
          assert.ok(r >= d * Math.floor(e / (n + d)) && r <= d * Math.ceil(e / (n + d)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('bidding rounds over a term (reference §7.3)', () => {
  const budget = { effortMilli: E(18_000), moneyCents: cents(0) };
  const pledges = (...amounts: number[]) =>
    amounts.map((a, i) => ({
      personId: person(['a', 'b', 'c'][i]!),
      effortMilli: E(a),
      moneyCents: cents(0),
    }));
  const term = (periods: number, carried = 0) => ({
    periods,
    carriedEffortMilli: carried,
    carriedMoneyCents: 0,
  });

  test('per-period pledges × 3 periods; the shortfall per period is the next guideline', () => {
    const first = evaluateTermRound(budget, term(3), 1, 2, pledges(2000, 1000, 2000));
    assert.ok(first.ok);
    assert.deepEqual(
      [first.value.outcome, first.value.pledgedEffortMilli, first.value.shortfallEffortMilli],
      ['nextRound', 15_000, 3000],
    );
    assert.deepEqual(
      first.value.guidelineEffortMilli.map((g) => g.amount),
      [334, 333, 333],
    );
    const second = evaluateTermRound(budget, term(3), 2, 2, pledges(2500, 1500, 2500));
    assert.ok(second.ok);
    assert.deepEqual([second.value.outcome, second.value.surplusEffortMilli], ['covered', 1500]);
    assert.deepEqual(
      second.value.obligations.map((o) => o.effortMilli),
      [2500, 1500, 2500],
    );
    assert.deepEqual(
      termGuideline(
        budget,
        term(3),
        pledges(0, 0, 0).map((x) => x.personId),
      ).effort.map((g) => g.amount),
      [2000, 2000, 2000],
    );
  });

  test('a carried surplus counts towards the budget and lowers the first guideline', () => {
    const six = { effortMilli: E(6000), moneyCents: cents(0) };
    const round = evaluateTermRound(six, term(1, 1500), 1, 1, pledges(1500, 1000, 1500));
    assert.ok(round.ok);
    assert.deepEqual(
      [round.value.outcome, round.value.pledgedEffortMilli, round.value.shortfallEffortMilli],
      ['failed', 4000, 500],
    );
    const covered = evaluateTermRound(six, term(1, 1500), 1, 1, pledges(2000, 1000, 2000));
    assert.deepEqual(covered.ok && covered.value.surplusEffortMilli, 500);
    assert.deepEqual(
      termGuideline(
        six,
        term(1, 1500),
        pledges(0, 0, 0).map((x) => x.personId),
      ).effort.map((g) => g.amount),
      [1500, 1500, 1500],
    );
  });

  test('property: a one-period term without a carried surplus is one bidding round', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 400_000 }), fc.integer({ min: 0, max: 50_000 })),
          {
            minLength: 0,
            maxLength: 3,
          },
        ),
        fc.integer({ min: 1, max: 3 }),
        (e, m, amounts, round) => {
          const b = { effortMilli: E(e), moneyCents: cents(m) };
          const ps = amounts.map(([x, y], i) => ({
            personId: person(['a', 'b', 'c'][i]!),
            effortMilli: E(x),
            moneyCents: cents(y),
          }));
          assert.deepEqual(
            evaluateTermRound(b, term(1), round, 3, ps),
            evaluateBiddingRound(b, round, 3, ps),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
