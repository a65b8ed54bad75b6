// Preference weighting for scarce goods (reference §4.8, MODEL.md M7). Upward: when more is
// requested than is available, a basic-needs quota is drawn by lottery first (at the normal
// price), then the rest goes by the product's scarcity rule: a uniform-price auction at the
// (k+1)-th highest premium (default; unit-auction.ts, keyed by any string id because natural
// resources in src/core/commons/ are auctioned by the same rule to persons and projects alike),
// a lottery, or first come first served. All ties: canonical id order, then a seeded lottery
// whose seed is recorded with the result. Paying a premium is in premium-payment.ts; downward,
// the discounts for perishable surplus, in surplus-discounts.ts.

import type { PersonId, ProductId } from '../ids.ts';
import { lotteryRanks } from '../random.ts';
import { type Failure, failure, ok, type Result } from '../result.ts';
import {
  compareIds,
  type EffortMilli,
  effortMilli,
  mulDivRoundHalfEven,
  sumIntegers,
} from '../units.ts';
import { auctionUnits, serveInOrder, type UnitAward, type UnitBid } from './unit-auction.ts';

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

/** Checks the requests of one good (shared with the surplus discounts). */
export function validateRequests(
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
