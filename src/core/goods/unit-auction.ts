// The uniform-price auction for k units (reference §4.8, §4.14), keyed by any string id: goods
// are bid for by persons (preference.ts), natural resources by persons and projects (party ids,
// src/core/commons/). Every winner pays the (k+1)-th highest premium; ties by a seeded lottery.

import { assert } from '../assert.ts';
import { lotteryRanks } from '../random.ts';
import { compareIds, sumIntegers } from '../units.ts';

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
export function serveInOrder<Id extends string>(
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
export function auctionUnits<Id extends string>(
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
