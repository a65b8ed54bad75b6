// Allocation models: how taking from a product or bundle is coupled to contributing
// (reference §4.6 and §7.3, MODEL.md M5, M14). A product or bundle names one model; several
// can be combined in one period (a flat-rate food bundle plus an effort-based bicycle).
// Every share uses the largest-remainder split, so shares add up to the bundle exactly.

import { assert } from '../assert.ts';
import type { PersonId, ProductId } from '../ids.ts';
import { type Failure, failure, ok, type Result } from '../result.ts';
import {
  type Cents,
  cents,
  divRoundHalfEven,
  type EffortMilli,
  effortMilli,
  mulDivRoundHalfEven,
  type Ppm,
  type SplitPart,
  scaleByPpm,
  splitEvenly,
  splitLargestRemainder,
  sumIntegers,
} from '../units.ts';

export type AllocationModel =
  /** Freely copyable goods and designs (§4.15): taking is never coupled. */
  | { readonly kind: 'free' }
  /** A bundle whose effort is shared equally by its participants, who take what they need. */
  | { readonly kind: 'flatRate'; readonly bundleId: string }
  /** Every unit costs the same: the period's effort ÷ units produced. */
  | { readonly kind: 'flatAllocation' }
  /** Each unit costs its own effort price × the pool's price factor. */
  | { readonly kind: 'effortBased' }
  /** Possession for a time (housing): a rate per period, prorated by minutes of use. */
  | { readonly kind: 'byDuration'; readonly ratePerPeriodEffortMilli: EffortMilli }
  /** Solawi-style pledges until the budget is covered (§7.3). */
  | { readonly kind: 'biddingRound'; readonly bundleId: string };

export interface ProductOffer {
  readonly productId: ProductId;
  readonly allocation: AllocationModel;
  readonly copyable: boolean;
  /** Part of a basic-needs bundle: may be taken in arrears (MODEL.md §6.3). */
  readonly basicNeeds: boolean;
}

/** §4.15: a copyable good is always free; anything else would fence off a commons. */
export function validateOffer(
  offer: ProductOffer,
): Result<ProductOffer, Failure<'goods.copyable_must_be_free'>> {
  if (offer.copyable && offer.allocation.kind !== 'free') {
    return failure('goods.copyable_must_be_free', `${offer.productId} is copyable but not free`);
  }
  return ok(offer);
}

/**
 * Flat rate: share_B = (E_B + R_B) / N_B over the contributing participants, by largest
 * remainder (ties by person id). Returns the parts sorted by person id.
 */
export function flatRateShares(
  bundleEffortMilli: EffortMilli,
  redistributionEffortMilli: EffortMilli,
  participants: readonly PersonId[],
): Result<SplitPart<PersonId>[], Failure<'goods.no_participants'>> {
  if (participants.length === 0) {
    return failure('goods.no_participants', 'a flat-rate bundle needs at least one participant');
  }
  return ok(splitEvenly(bundleEffortMilli + redistributionEffortMilli, participants));
}

/** A flat-rate bundle whose users include dependents (reference §4.6, §4.11). */
export interface FlatRateRedistribution {
  /** Each user's even part of E_B (contributors and dependents), by largest remainder. */
  readonly useParts: readonly SplitPart<PersonId>[];
  /** R_B: the dependents' parts, carried by the contributing participants. */
  readonly redistributionEffortMilli: EffortMilli;
  /** (E_B − R_B + R_B) / N_contributing: what each contributing participant owes. */
  readonly shares: readonly SplitPart<PersonId>[];
}

/**
 * Flat rate with dependents among the users: E_B is the bundle's whole effort, used evenly by
 * every user; the dependents' parts are R_B and owe nothing, so the contributing participants
 * share their own use plus R_B. The shares add up to E_B exactly; both splits are largest
 * remainder with ties by person id, so neither depends on the order the users are listed in.
 */
export function flatRateSharesWithDependents(
  bundleEffortMilli: EffortMilli,
  participants: readonly PersonId[],
  dependents: readonly PersonId[],
): Result<FlatRateRedistribution, Failure<'goods.no_participants'>> {
  if (participants.length === 0) {
    return failure('goods.no_participants', 'a flat-rate bundle needs a contributing participant');
  }
  const users = [...participants, ...dependents];
  const useParts = splitEvenly(bundleEffortMilli, users);
  const dependent = new Set<string>(dependents);
  const redistribution = effortMilli(
    sumIntegers(useParts.filter((x) => dependent.has(x.id)).map((x) => x.amount)),
  );
  const shares = flatRateShares(
    effortMilli(bundleEffortMilli - redistribution),
    redistribution,
    participants,
  );
  assert(shares.ok, 'participants are not empty');
  return ok({ useParts, redistributionEffortMilli: redistribution, shares: shares.value });
}

/**
 * Fair use under a flat rate (reference §4.6): units above the cap switch to effort-based
 * pricing, so heavy use of a flat-rate good is not carried by light users.
 */
export function fairUseCharge(
  unitsTaken: number,
  fairUseCapUnits: number,
  unitPriceEffortMilli: EffortMilli,
  priceFactorPpm: Ppm,
): EffortMilli {
  const above = Math.max(0, unitsTaken - fairUseCapUnits);
  return takingCharge(unitPriceEffortMilli, above, priceFactorPpm);
}

/** Flat allocation: price per unit = E_total / Q_produced, rounded half-even. */
export function flatAllocationUnitPrice(
  totalEffortMilli: EffortMilli,
  unitsProduced: number,
): Result<EffortMilli, Failure<'goods.no_units'>> {
  if (!Number.isSafeInteger(unitsProduced) || unitsProduced < 1) {
    return failure('goods.no_units', 'flat allocation needs at least one unit produced');
  }
  return ok(effortMilli(divRoundHalfEven(totalEffortMilli, unitsProduced)));
}

/** What one taking costs under a per-unit model: unit price × units × price factor. */
export function takingCharge(
  unitPriceEffortMilli: EffortMilli,
  units: number,
  priceFactorPpm: Ppm,
): EffortMilli {
  return scaleByPpm(
    effortMilli(mulDivRoundHalfEven(unitPriceEffortMilli, units, 1)),
    priceFactorPpm,
  );
}

/** By duration: rate × minutes used ÷ minutes in the period, rounded half-even. */
export function byDurationCharge(
  ratePerPeriodEffortMilli: EffortMilli,
  minutesUsed: number,
  minutesInPeriod: number,
): Result<EffortMilli, Failure<'goods.bad_duration'>> {
  if (minutesInPeriod < 1 || minutesUsed < 0 || minutesUsed > minutesInPeriod) {
    return failure('goods.bad_duration', 'minutes used must lie within the period');
  }
  return ok(
    effortMilli(mulDivRoundHalfEven(ratePerPeriodEffortMilli, minutesUsed, minutesInPeriod)),
  );
}

/** A rate shared by several users by their minutes of use (housing over residents). */
export function byDurationShares(
  ratePerPeriodEffortMilli: EffortMilli,
  minutesByPerson: readonly { readonly id: PersonId; readonly weight: number }[],
): Result<SplitPart<PersonId>[], Failure<'goods.no_participants'>> {
  if (minutesByPerson.length === 0 || minutesByPerson.every((m) => m.weight === 0)) {
    return failure('goods.no_participants', 'nobody used it in this period');
  }
  return ok(splitLargestRemainder(ratePerPeriodEffortMilli, minutesByPerson));
}

// ---------------------------------------------------------------------------------------
// Bidding round (§7.3). A budget in effort and/or money (never converted into each other);
// members pledge; if the pledges cover both parts the round succeeds, otherwise the
// shortfall is published and members revise, up to a round limit.

export interface BiddingBudget {
  readonly effortMilli: EffortMilli;
  readonly moneyCents: Cents;
}

export interface Pledge {
  readonly personId: PersonId;
  readonly effortMilli: EffortMilli;
  readonly moneyCents: Cents;
}

export interface BiddingRoundOutcome {
  readonly round: number;
  readonly outcome: 'covered' | 'nextRound' | 'failed';
  readonly pledgedEffortMilli: number;
  readonly pledgedMoneyCents: number;
  /** Budget − pledges where positive (what is still missing). */
  readonly shortfallEffortMilli: number;
  readonly shortfallMoneyCents: number;
  /** Pledges − budget where positive (reserve, or a lower guideline next year). */
  readonly surplusEffortMilli: number;
  readonly surplusMoneyCents: number;
  /** The guideline shown for the next round: what is missing, split evenly (effort part). */
  readonly guidelineEffortMilli: readonly SplitPart<PersonId>[];
  /** When covered: each member's obligation for the bundle is their own pledge. */
  readonly obligations: readonly Pledge[];
}

/** The guideline for the first round: E_B / N and M_B / N by largest remainder. */
export function biddingGuideline(
  budget: BiddingBudget,
  members: readonly PersonId[],
): { effort: SplitPart<PersonId>[]; money: SplitPart<PersonId>[] } {
  if (members.length === 0) return { effort: [], money: [] };
  return {
    effort: splitEvenly(budget.effortMilli, members),
    money: splitEvenly(budget.moneyCents, members),
  };
}

/** A round whose budget covers several periods (reference §7.3: usually a year). */
export interface BiddingTerm {
  /** Periods the budget covers; pledges are per period of the term. */
  readonly periods: number;
  /** The surplus of the bundle's previous term, counted towards this budget. */
  readonly carriedEffortMilli: number;
  readonly carriedMoneyCents: number;
}

/** The guideline for a term's first round, per period: what is left of the budget after the
 *  carried surplus, per period (rounded up, so following it covers the budget), ÷ N. */
export function termGuideline(
  budget: BiddingBudget,
  term: BiddingTerm,
  members: readonly PersonId[],
): { effort: SplitPart<PersonId>[]; money: SplitPart<PersonId>[] } {
  const perPeriod = (total: number, carried: number) =>
    ceilDiv(Math.max(0, total - carried), term.periods);
  return biddingGuideline(
    {
      effortMilli: effortMilli(perPeriod(budget.effortMilli, term.carriedEffortMilli)),
      moneyCents: cents(perPeriod(budget.moneyCents, term.carriedMoneyCents)),
    },
    members,
  );
}

const ceilDiv = (a: number, b: number) => Math.floor((a + b - 1) / b);

/**
 * One round of a term: the per-period pledges × the term's periods, plus the carried surplus,
 * against the budget. Shortfall and surplus are over the term; the guideline for the next
 * round is the shortfall per period (rounded up) split evenly. A one-period term without a
 * carried surplus is exactly `evaluateBiddingRound`.
 */
export function evaluateTermRound(
  budget: BiddingBudget,
  term: BiddingTerm,
  round: number,
  roundLimit: number,
  pledges: readonly Pledge[],
): Result<BiddingRoundOutcome, Failure<'goods.bad_pledge' | 'goods.round_limit'>> {
  assert(Number.isSafeInteger(term.periods) && term.periods >= 1, 'a term has periods');
  const overTerm = pledges.map((p) => ({
    ...p,
    effortMilli: effortMilli(p.effortMilli * term.periods),
    moneyCents: cents(p.moneyCents * term.periods),
  }));
  const evaluated = evaluateBiddingRound(
    {
      effortMilli: effortMilli(Math.max(0, budget.effortMilli - term.carriedEffortMilli)),
      moneyCents: cents(Math.max(0, budget.moneyCents - term.carriedMoneyCents)),
    },
    round,
    roundLimit,
    overTerm,
  );
  if (!evaluated.ok) return evaluated;
  const o = evaluated.value;
  const members = pledges.map((p) => p.personId);
  return ok({
    ...o,
    surplusEffortMilli: Math.max(
      0,
      o.pledgedEffortMilli + term.carriedEffortMilli - budget.effortMilli,
    ),
    surplusMoneyCents: Math.max(
      0,
      o.pledgedMoneyCents + term.carriedMoneyCents - budget.moneyCents,
    ),
    guidelineEffortMilli:
      o.outcome === 'covered' || members.length === 0
        ? []
        : splitEvenly(ceilDiv(o.shortfallEffortMilli, term.periods), members),
    obligations: o.outcome === 'covered' ? [...pledges] : [],
  });
}

export function evaluateBiddingRound(
  budget: BiddingBudget,
  round: number,
  roundLimit: number,
  pledges: readonly Pledge[],
): Result<BiddingRoundOutcome, Failure<'goods.bad_pledge' | 'goods.round_limit'>> {
  if (round < 1 || round > roundLimit) {
    return failure('goods.round_limit', `round ${round} is outside 1..${roundLimit}`);
  }
  const seen = new Set<string>();
  for (const p of pledges) {
    if (p.effortMilli < 0 || p.moneyCents < 0 || seen.has(p.personId)) {
      return failure('goods.bad_pledge', `${p.personId}: pledges are one per member and ≥ 0`);
    }
    seen.add(p.personId);
  }
  const effort = sumIntegers(pledges.map((p) => p.effortMilli));
  const money = sumIntegers(pledges.map((p) => p.moneyCents));
  const shortEffort = Math.max(0, budget.effortMilli - effort);
  const shortMoney = Math.max(0, budget.moneyCents - money);
  const covered = shortEffort === 0 && shortMoney === 0;
  const members = pledges.map((p) => p.personId);
  return ok({
    round,
    outcome: covered ? 'covered' : round === roundLimit ? 'failed' : 'nextRound',
    pledgedEffortMilli: effort,
    pledgedMoneyCents: money,
    shortfallEffortMilli: shortEffort,
    shortfallMoneyCents: shortMoney,
    surplusEffortMilli: Math.max(0, effort - budget.effortMilli),
    surplusMoneyCents: Math.max(0, money - budget.moneyCents),
    guidelineEffortMilli: covered || members.length === 0 ? [] : splitEvenly(shortEffort, members),
    obligations: covered ? [...pledges] : [],
  });
}
