// A uniform-price preference-weighting auction for units of a resource (reference §4.8,
// §4.14), kept behind this one function so it can be replaced by the goods module's
// auction (src/core/goods/) once both are settled; the rule is the same: the k available
// units go to the highest premiums per unit, everyone pays the premium of the first unit
// that could not be served (the (k+1)-th highest unit premium), ties go by a seeded lottery.
// Bidders here are persons or projects, which is why it is keyed by a party id string.

import { assert } from '../assert.ts';
import { compareIds, sumIntegers } from '../units.ts';

export interface UnitBid {
  /** Distinct per bidder; determines nothing but the lottery's starting order. */
  readonly partyId: string;
  readonly units: number;
  readonly premiumEffortMilliPerUnit: number;
}

export interface UnitAward {
  readonly partyId: string;
  readonly units: number;
}

export interface UnitAuctionResult {
  /** x*: the premium per unit every winner pays; 0 when all bids are served. */
  readonly clearingPremiumEffortMilliPerUnit: number;
  /** Sorted by party id; bidders who win nothing are left out. */
  readonly awards: readonly UnitAward[];
  readonly seed: number;
}

/** A small seeded PRNG (mulberry32): the seed is an input and is recorded with the result. */
export function seededStream(seed: number): () => number {
  assert(Number.isSafeInteger(seed), 'lottery seed must be an integer');
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Ids sorted, then shuffled by Fisher–Yates with unbiased draws; rank 0 is drawn first. */
export function lotteryRank(ids: readonly string[], seed: number): Map<string, number> {
  const order = [...ids].sort(compareIds);
  const next = seededStream(seed);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const bound = i + 1;
    const limit = 2 ** 32 - (2 ** 32 % bound);
    let value = next();
    while (value >= limit) value = next();
    const j = value % bound;
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  return new Map(order.map((id, rank) => [id, rank]));
}

export function clearUnitAuction(
  capacityUnits: number,
  bids: readonly UnitBid[],
  seed: number,
): UnitAuctionResult {
  assert(Number.isSafeInteger(capacityUnits) && capacityUnits >= 0, 'capacity must be ≥ 0');
  const rank = lotteryRank(
    bids.map((b) => b.partyId),
    seed,
  );
  assert(rank.size === bids.length, 'a party bids at most once per auction');
  const ordered = [...bids].sort(
    (a, b) =>
      b.premiumEffortMilliPerUnit - a.premiumEffortMilliPerUnit ||
      rank.get(a.partyId)! - rank.get(b.partyId)!,
  );
  let left = capacityUnits;
  let clearing: number | undefined;
  const awards: UnitAward[] = [];
  for (const bid of ordered) {
    const units = Math.min(bid.units, left);
    left -= units;
    if (units > 0) awards.push({ partyId: bid.partyId, units });
    if (units < bid.units && clearing === undefined) clearing = bid.premiumEffortMilliPerUnit;
  }
  assert(
    sumIntegers(awards.map((a) => a.units)) <= capacityUnits,
    'auction awarded more than capacity',
  );
  awards.sort((a, b) => compareIds(a.partyId, b.partyId));
  return { clearingPremiumEffortMilliPerUnit: clearing ?? 0, awards, seed };
}
