// Preference weighting for scarce goods and discounts for perishable surplus (reference §4.8,
// MODEL.md M7). Upward: when more is requested than is available, a basic-needs quota is drawn
// by lottery first (at the normal price), then the rest goes by the product's scarcity rule:
// a uniform-price auction at the (k+1)-th highest premium (default), a lottery, or first come
// first served. Downward: a perishable surplus is offered at growing discounts; the uncovered
// effort goes to the pool's adjustment account. All ties: canonical id order, then a seeded
// lottery whose seed is recorded with the result. The uniform-price rule itself is keyed by
// any string id (`clearUnitAuction`), because natural resources (src/core/commons/) are
// auctioned by the same rule to persons and projects alike.

import { assert } from '../assert.ts';
import type { PersonId, ProductId } from '../ids.ts';
import { lotteryRanks } from '../random.ts';
import { type Failure, failure, ok, type Result } from '../result.ts';
import {
  compareIds,
  type EffortMilli,
  effortMilli,
  mulDivRoundHalfEven,
  PPM_ONE,
  type Ppm,
  sumIntegers,
} from '../units.ts';

export type ScarcityRule = 'auction' | 'lottery' | 'fcfs';

/** How a winner pays a premium: now from a positive balance, or as a commitment with a term. */
export type PremiumPayment =
  | { readonly kind: 'balance' }
  | {
      readonly kind: 'commitment';
      readonly termPeriods: number;
      /** Hand the good out at once (on the debit allowance) or when the work is done. */
      readonly release: 'atOnce' | 'onCompletion';
    };

export interface GoodsRequest {
  readonly personId: PersonId;
  /** Units wanted; for divisible goods (kWh, kg) in the good's smallest unit. */
  readonly quantity: number;
  /** Extra effort offered per unit on top of the posted price (0 = only at the normal price). */
  readonly premiumEffortMilliPerUnit: number;
  /** Eligible for the basic-needs quota (decided by the local association). */
  readonly basicNeeds?: boolean;
  /** Arrival order for `fcfs`; lower comes first. */
  readonly arrivalSeq?: number;
  readonly payment?: PremiumPayment;
}

export interface ScarceGood {
  readonly productId: ProductId;
  readonly availableUnits: number;
  readonly postedUnitPriceEffortMilli: EffortMilli;
  readonly scarcityRule: ScarcityRule;
  /** Units reserved for basic needs, drawn by lottery at the posted price (default 0). */
  readonly basicNeedsQuotaUnits?: number;
  /** Most quota units one person may draw (default 1). */
  readonly quotaUnitsPerPerson?: number;
}

export interface GoodsAllocation {
  readonly personId: PersonId;
  /** All units this person receives (quota units included). */
  readonly units: number;
  /** Of these, units from the basic-needs quota (never charged a premium). */
  readonly quotaUnits: number;
  /** Posted price × units. */
  readonly priceEffortMilli: EffortMilli;
  /** Clearing premium × the non-quota units won in an auction. */
  readonly premiumEffortMilli: EffortMilli;
}

export interface ScarcityClearing {
  readonly productId: ProductId;
  readonly rule: ScarcityRule;
  /** False when every request could be met: no rule was needed and no premium is due. */
  readonly scarce: boolean;
  /** The lottery seed used for the quota draw and every tie. */
  readonly seed: number;
  /** x*: the (k+1)-th highest unit premium (0 without an auction or with too few bids). */
  readonly clearingPremiumEffortMilli: EffortMilli;
  /** Π: premiums collected for this good; credited to the pool's premium account. */
  readonly premiumTotalEffortMilli: EffortMilli;
  /** Sorted by person id; persons who receive nothing are left out. */
  readonly allocations: readonly GoodsAllocation[];
  readonly unitsLeft: number;
}

export type PreferenceFailureCode =
  | 'goods.duplicate_request'
  | 'goods.bad_quantity'
  | 'goods.negative_premium';

function validateRequests(
  good: { readonly availableUnits: number },
  requests: readonly GoodsRequest[],
): Failure<PreferenceFailureCode> | undefined {
  if (!Number.isSafeInteger(good.availableUnits) || good.availableUnits < 0) {
    return { code: 'goods.bad_quantity', detail: 'available units must be ≥ 0' };
  }
  const seen = new Set<string>();
  for (const r of requests) {
    if (seen.has(r.personId)) {
      return { code: 'goods.duplicate_request', detail: `${r.personId} requested twice` };
    }
    seen.add(r.personId);
    if (!Number.isSafeInteger(r.quantity) || r.quantity < 1) {
      return { code: 'goods.bad_quantity', detail: `${r.personId}: quantity must be ≥ 1` };
    }
    if (!Number.isSafeInteger(r.premiumEffortMilliPerUnit) || r.premiumEffortMilliPerUnit < 0) {
      return { code: 'goods.negative_premium', detail: `${r.personId}: premium must be ≥ 0` };
    }
  }
  return undefined;
}

/** Clears one scarce good for one request window. Deterministic for a given seed. */
export function clearScarceGood(
  good: ScarceGood,
  requests: readonly GoodsRequest[],
  seed: number,
): Result<ScarcityClearing, Failure<PreferenceFailureCode>> {
  const problem = validateRequests(good, requests);
  if (problem) return failure(problem.code, problem.detail);
  const ranks = lotteryRanks(
    requests.map((r) => r.personId),
    seed,
  );
  const byLottery = [...requests].sort((a, b) => ranks.get(a.personId)! - ranks.get(b.personId)!);

  // 1. Basic-needs quota by lottery, before any auction, at the normal price.
  const quotaUnits = drawBasicNeedsQuota(
    Math.min(good.basicNeedsQuotaUnits ?? 0, good.availableUnits),
    good.quotaUnitsPerPerson ?? 1,
    byLottery.map((r) => ({ partyId: r.personId, units: r.quantity, basicNeeds: r.basicNeeds })),
  );
  const wonUnits = new Map<PersonId, number>();
  let left = good.availableUnits - sumIntegers(quotaUnits.values());

  // 2. The rest of the demand.
  const rest = requests
    .map((r) => ({ request: r, wanted: r.quantity - (quotaUnits.get(r.personId) ?? 0) }))
    .filter((d) => d.wanted > 0);
  const demand = sumIntegers(rest.map((d) => d.wanted));
  const scarce = sumIntegers(requests.map((r) => r.quantity)) > good.availableUnits;
  let clearingPremium = 0;
  let auctioned = false;
  if (demand <= left) {
    for (const d of rest) wonUnits.set(d.request.personId, d.wanted);
    left -= demand;
  } else {
    const rank = (id: PersonId) => ranks.get(id)!;
    const toBid = (d: (typeof rest)[number]): UnitBid<PersonId> => ({
      partyId: d.request.personId,
      units: d.wanted,
      premiumEffortMilliPerUnit: d.request.premiumEffortMilliPerUnit,
    });
    let served: readonly UnitAward<PersonId>[];
    if (good.scarcityRule === 'auction') {
      auctioned = true;
      // Ranked over every requester (not only those left after the quota), so the quota
      // draw and the auction's ties come from one and the same lottery.
      const auction = auctionUnits(left, rest.map(toBid), rank);
      clearingPremium = auction.clearingPremiumEffortMilliPerUnit;
      served = auction.awards;
    } else {
      const ordered = [...rest];
      if (good.scarcityRule === 'lottery') {
        ordered.sort((a, b) => rank(a.request.personId) - rank(b.request.personId));
      } else {
        ordered.sort(
          (a, b) =>
            (a.request.arrivalSeq ?? Number.MAX_SAFE_INTEGER) -
              (b.request.arrivalSeq ?? Number.MAX_SAFE_INTEGER) ||
            compareIds(a.request.personId, b.request.personId),
        );
      }
      served = serveInOrder(left, ordered.map(toBid)).awards;
    }
    for (const award of served) {
      wonUnits.set(award.partyId, award.units);
      left -= award.units;
    }
  }

  const allocations: GoodsAllocation[] = [];
  for (const r of [...requests].sort((a, b) => compareIds(a.personId, b.personId))) {
    const quota = quotaUnits.get(r.personId) ?? 0;
    const won = wonUnits.get(r.personId) ?? 0;
    if (quota + won === 0) continue;
    allocations.push({
      personId: r.personId,
      units: quota + won,
      quotaUnits: quota,
      priceEffortMilli: effortMilli(
        mulDivRoundHalfEven(good.postedUnitPriceEffortMilli, quota + won, 1),
      ),
      premiumEffortMilli: effortMilli(auctioned ? mulDivRoundHalfEven(clearingPremium, won, 1) : 0),
    });
  }
  return ok({
    productId: good.productId,
    rule: good.scarcityRule,
    scarce,
    seed,
    clearingPremiumEffortMilli: effortMilli(clearingPremium),
    premiumTotalEffortMilli: effortMilli(sumIntegers(allocations.map((a) => a.premiumEffortMilli))),
    allocations,
    unitsLeft: left,
  });
}

/**
 * The basic-needs quota (reference §4.8 equity), drawn before any scarcity rule: the claims
 * marked as basic needs, taken in lottery order, get up to `perPartyUnits` each until the quota
 * is gone. Goods and natural resources (src/core/commons/) draw it by this one rule.
 */
export function drawBasicNeedsQuota<Id extends string>(
  quotaUnits: number,
  perPartyUnits: number,
  inLotteryOrder: readonly {
    readonly partyId: Id;
    readonly units: number;
    readonly basicNeeds?: boolean | undefined;
  }[],
): Map<Id, number> {
  const drawn = new Map<Id, number>();
  let left = quotaUnits;
  for (const claim of inLotteryOrder) {
    if (left === 0) break;
    if (claim.basicNeeds !== true) continue;
    const units = Math.min(perPartyUnits, claim.units, left);
    drawn.set(claim.partyId, units);
    left -= units;
  }
  return drawn;
}

// ---------------------------------------------------------------------------------------
// The uniform-price auction for k units (reference §4.8, §4.14), keyed by any string id:
// goods are bid for by persons, natural resources by persons and projects (party ids).

export interface UnitBid<Id extends string = string> {
  /** Distinct per bidder; orders nothing but the lottery for ties. */
  readonly partyId: Id;
  readonly units: number;
  readonly premiumEffortMilliPerUnit: number;
}

export interface UnitAward<Id extends string = string> {
  readonly partyId: Id;
  readonly units: number;
}

export interface UnitAuctionResult<Id extends string = string> {
  /** x*: the premium per unit every winner pays; 0 when all bids are served. */
  readonly clearingPremiumEffortMilliPerUnit: number;
  /** Sorted by party id; bidders who win nothing are left out. */
  readonly awards: readonly UnitAward<Id>[];
  readonly seed: number;
}

/** Serves bids in the given order until the units run out; awards come in serving order. */
function serveInOrder<Id extends string>(
  capacityUnits: number,
  ordered: readonly UnitBid<Id>[],
): { awards: UnitAward<Id>[]; firstUnserved: UnitBid<Id> | undefined } {
  let left = capacityUnits;
  let firstUnserved: UnitBid<Id> | undefined;
  const awards: UnitAward<Id>[] = [];
  for (const bid of ordered) {
    const units = Math.min(bid.units, left);
    left -= units;
    if (units > 0) awards.push({ partyId: bid.partyId, units });
    if (units < bid.units && firstUnserved === undefined) firstUnserved = bid;
  }
  return { awards, firstUnserved };
}

/**
 * The rule itself: the units go to the highest premiums per unit, ties by `rank` (lower
 * first), and everyone pays the premium of the first unit that could not be served (the
 * (k+1)-th highest unit premium). The rank is a parameter because a caller that has already
 * drawn a lottery over more parties (goods: quota and auction together) must reuse that draw.
 */
function auctionUnits<Id extends string>(
  capacityUnits: number,
  bids: readonly UnitBid<Id>[],
  rank: (id: Id) => number,
): { clearingPremiumEffortMilliPerUnit: number; awards: UnitAward<Id>[] } {
  const ordered = [...bids].sort(
    (a, b) =>
      b.premiumEffortMilliPerUnit - a.premiumEffortMilliPerUnit ||
      rank(a.partyId) - rank(b.partyId),
  );
  const { awards, firstUnserved } = serveInOrder(capacityUnits, ordered);
  return {
    clearingPremiumEffortMilliPerUnit: firstUnserved?.premiumEffortMilliPerUnit ?? 0,
    awards,
  };
}

/**
 * A uniform-price auction of `capacityUnits` among the bids, ties by a lottery over the
 * bidders drawn with `seed` (recorded in the result). Deterministic and independent of the
 * order of the bids.
 */
export function clearUnitAuction<Id extends string>(
  capacityUnits: number,
  bids: readonly UnitBid<Id>[],
  seed: number,
): UnitAuctionResult<Id> {
  assert(Number.isSafeInteger(capacityUnits) && capacityUnits >= 0, 'capacity must be ≥ 0');
  const ranks = lotteryRanks(
    bids.map((b) => b.partyId),
    seed,
  );
  assert(ranks.size === bids.length, 'a party bids at most once per auction');
  const auction = auctionUnits(capacityUnits, bids, (id) => ranks.get(id)!);
  assert(
    sumIntegers(auction.awards.map((a) => a.units)) <= capacityUnits,
    'auction awarded more than capacity',
  );
  const awards = [...auction.awards].sort((a, b) => compareIds(a.partyId, b.partyId));
  return {
    clearingPremiumEffortMilliPerUnit: auction.clearingPremiumEffortMilliPerUnit,
    awards,
    seed,
  };
}

// ---------------------------------------------------------------------------------------
// Paying a premium.

export interface PremiumCommitment {
  readonly personId: PersonId;
  readonly productId: ProductId;
  readonly amountEffortMilli: EffortMilli;
  /** The last period in which the committed effort must have been contributed. */
  readonly duePeriod: number;
  readonly release: 'atOnce' | 'onCompletion';
}

export type PremiumSettlement =
  | { readonly kind: 'balance'; readonly amountEffortMilli: EffortMilli }
  | { readonly kind: 'commitment'; readonly commitment: PremiumCommitment };

/**
 * How a won premium is paid. From balance: the person's balance must cover it (a premium is
 * extra effort already contributed). As a commitment: recorded with its due period; the
 * premium is still debited at settlement, so the commitment shows as a debt to work off.
 */
export function settlePremium(
  allocation: GoodsAllocation,
  productId: ProductId,
  payment: PremiumPayment,
  balanceEffortMilli: number,
  period: number,
): Result<PremiumSettlement, Failure<'goods.premium_not_covered' | 'goods.bad_term'>> {
  const amount = allocation.premiumEffortMilli;
  if (payment.kind === 'balance') {
    if (balanceEffortMilli < amount) {
      return failure(
        'goods.premium_not_covered',
        `${allocation.personId}: balance ${balanceEffortMilli} does not cover premium ${amount}`,
      );
    }
    return ok({ kind: 'balance', amountEffortMilli: amount });
  }
  if (!Number.isSafeInteger(payment.termPeriods) || payment.termPeriods < 1) {
    return failure('goods.bad_term', 'a commitment term must be ≥ 1 period');
  }
  return ok({
    kind: 'commitment',
    commitment: {
      personId: allocation.personId,
      productId,
      amountEffortMilli: amount,
      duePeriod: period + payment.termPeriods,
      release: payment.release,
    },
  });
}

/** Fulfilled once the person has been credited the committed effort since the commitment. */
export function commitmentStatus(
  commitment: PremiumCommitment,
  creditedSinceEffortMilli: number,
  currentPeriod: number,
): 'fulfilled' | 'open' | 'overdue' {
  if (creditedSinceEffortMilli >= commitment.amountEffortMilli) return 'fulfilled';
  return currentPeriod > commitment.duePeriod ? 'overdue' : 'open';
}

/** Whether the good may be handed out now. */
export function mayRelease(settlement: PremiumSettlement, fulfilled: boolean): boolean {
  return settlement.kind === 'balance' || settlement.commitment.release === 'atOnce' || fulfilled;
}

// ---------------------------------------------------------------------------------------
// Downward: discounts for perishable surplus.

export interface DiscountedSale {
  readonly personId: PersonId;
  readonly units: number;
  readonly discountPpm: Ppm;
  /** What the taker is debited: round_half_even(posted × units × (1 − discount)). */
  readonly chargedEffortMilli: EffortMilli;
  /** posted × units − charged: goes to the adjustment account; charged + shortfall is exact. */
  readonly shortfallEffortMilli: EffortMilli;
}

export function discountedSale(
  personId: PersonId,
  postedUnitPriceEffortMilli: EffortMilli,
  units: number,
  discountPpm: Ppm,
): DiscountedSale {
  const full = mulDivRoundHalfEven(postedUnitPriceEffortMilli, units, 1);
  const charged = mulDivRoundHalfEven(full, PPM_ONE - discountPpm, PPM_ONE);
  return {
    personId,
    units,
    discountPpm,
    chargedEffortMilli: effortMilli(charged),
    shortfallEffortMilli: effortMilli(full - charged),
  };
}

export interface SurplusClearing {
  readonly sales: readonly DiscountedSale[];
  readonly shortfallEffortMilli: EffortMilli;
  readonly unitsLeft: number;
  readonly seed: number;
}

/**
 * Offers a perishable surplus step by step (for example 25 %, 50 %, 100 % off). At each step
 * the requests made at that step are served in lottery order until the surplus is gone.
 */
export function clearSurplus(
  good: { readonly availableUnits: number; readonly postedUnitPriceEffortMilli: EffortMilli },
  steps: readonly { readonly discountPpm: Ppm; readonly requests: readonly GoodsRequest[] }[],
  seed: number,
): Result<SurplusClearing, Failure<PreferenceFailureCode | 'goods.bad_discount'>> {
  let left = good.availableUnits;
  const sales: DiscountedSale[] = [];
  for (const [index, step] of steps.entries()) {
    if (step.discountPpm < 0 || step.discountPpm > PPM_ONE) {
      return failure('goods.bad_discount', 'a discount must be 0..1 000 000 ppm');
    }
    const problem = validateRequests(good, step.requests);
    if (problem) return failure(problem.code, problem.detail);
    const ranks = lotteryRanks(
      step.requests.map((r) => r.personId),
      seed + index,
    );
    const ordered = [...step.requests].sort(
      (a, b) => ranks.get(a.personId)! - ranks.get(b.personId)!,
    );
    for (const r of ordered) {
      const units = Math.min(r.quantity, left);
      if (units === 0) break;
      left -= units;
      sales.push(
        discountedSale(r.personId, good.postedUnitPriceEffortMilli, units, step.discountPpm),
      );
    }
  }
  return ok({
    sales,
    shortfallEffortMilli: effortMilli(sumIntegers(sales.map((s) => s.shortfallEffortMilli))),
    unitsLeft: left,
    seed,
  });
}
