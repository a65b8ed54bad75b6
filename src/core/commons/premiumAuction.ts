// A uniform-price preference-weighting auction for units of a resource (reference §4.8,
// §4.14), kept behind this one function so it can be replaced by the goods module's
// auction (src/core/goods/) once both are settled; the rule is the same: the k available
// units go to the highest premiums per unit, everyone pays the premium of the first unit
// that could not be served (the (k+1)-th highest unit premium), ties go by a seeded lottery.
// Bidders here are persons or projects, which is why it is keyed by a party id string.

import { assert } from '../assert.ts';
import { lotteryRanks } from '../random.ts';
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

export function clearUnitAuction(
  capacityUnits: number,
  bids: readonly UnitBid[],
  seed: number,
): UnitAuctionResult {
  assert(Number.isSafeInteger(capacityUnits) && capacityUnits >= 0, 'capacity must be ≥ 0');
  const rank = lotteryRanks(
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
