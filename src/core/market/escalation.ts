// Escalation rounds for unfilled slots (MODEL.md §4, reference §4.4): after a round that left
// slots empty, the indicated weight rises by δ_up and a new round opens for the remaining
// slots; winners of earlier rounds are upgraded to the later, higher weight (nobody gets less
// than a later joiner for the same task, and a weight is never lowered after assignment). At
// the weight cap or too close to the start the template is flagged NEEDS_RESTRUCTURING and the
// fair rota (rota.ts) takes over.

import type { PersonId, TaskInstanceId, TaskTemplateId } from '../ids.ts';
import { failure, ok, type Result } from '../result.ts';
import {
  creditEffortMilli,
  type EffortMilli,
  type Minutes,
  mulDivRoundHalfEven,
  PPM_ONE,
  type WeightMilli,
} from '../units.ts';
import type {
  Bid,
  Capacity,
  Clearing,
  ClearingInstance,
  MarketSettings,
  TaskInstance,
} from './types.ts';

export type AuctionStatus = 'open' | 'filled' | 'needsRestructuring';

export interface Winner {
  readonly personId: PersonId;
  /** The round in which the person won a slot. */
  readonly round: number;
  readonly bidWeightMilli: WeightMilli;
}

/** Where one instance's auction stands across its rounds. */
export interface InstanceAuction {
  readonly instanceId: TaskInstanceId;
  readonly templateId: TaskTemplateId;
  readonly slots: number;
  readonly minutesPerSlot: Minutes;
  readonly startsAtMinute: number;
  readonly deadlineMinute: number;
  readonly indicatedWeightMilli: WeightMilli;
  /** The uniform weight every winner is credited at; null before anyone won. */
  readonly weightMilli: WeightMilli | null;
  readonly winners: readonly Winner[];
  /** The last round that cleared (−1 before the main round). */
  readonly round: number;
  readonly status: AuctionStatus;
  /** When the next escalation round closes; null unless status is open after round 0. */
  readonly nextCloseMinute: number | null;
}

export type EscalationEvent =
  | {
      readonly kind: 'upgraded';
      readonly personId: PersonId;
      readonly fromWeightMilli: WeightMilli;
      readonly toWeightMilli: WeightMilli;
    }
  | {
      readonly kind: 'escalated';
      readonly round: number;
      readonly indicatedWeightMilli: WeightMilli;
      readonly closesAtMinute: number;
      readonly unfilledSlots: number;
    }
  | { readonly kind: 'filled'; readonly weightMilli: WeightMilli }
  | {
      readonly kind: 'needsRestructuring';
      readonly reason: 'cap' | 'deadline';
      readonly unfilledSlots: number;
    };

export function openAuction(instance: TaskInstance): InstanceAuction {
  return {
    instanceId: instance.id,
    templateId: instance.templateId,
    slots: instance.slots,
    minutesPerSlot: instance.minutesPerSlot,
    startsAtMinute: instance.startsAtMinute,
    deadlineMinute: instance.deadlineMinute,
    indicatedWeightMilli: instance.indicatedWeightMilli,
    weightMilli: null,
    winners: [],
    round: -1,
    status: 'open',
    nextCloseMinute: instance.biddingClosesAtMinute,
  };
}

export function unfilledSlots(auction: InstanceAuction): number {
  return auction.slots - auction.winners.length;
}

/** The instance as the next round clears it: only the slots still empty. */
export function remainingInstance(auction: InstanceAuction): ClearingInstance | null {
  if (auction.status !== 'open' || unfilledSlots(auction) === 0) return null;
  return {
    id: auction.instanceId,
    templateId: auction.templateId,
    slots: unfilledSlots(auction),
    minutesPerSlot: auction.minutesPerSlot,
  };
}

/** Drops bids of persons who already hold a slot of the instance (one slot per person). */
export function bidsForNextRound(
  auctions: readonly InstanceAuction[],
  bids: readonly Bid[],
): Bid[] {
  const holders = new Set<string>();
  const open = new Set<string>();
  for (const auction of auctions) {
    if (remainingInstance(auction) !== null) open.add(auction.instanceId);
    for (const winner of auction.winners)
      holders.add(`${winner.personId}\u0000${auction.instanceId}`);
  }
  return bids.filter(
    (bid) => open.has(bid.instanceId) && !holders.has(`${bid.personId}\u0000${bid.instanceId}`),
  );
}

/** Capacity left for the next round: slots already held in this period's auctions count. */
export function capacitiesForNextRound(
  auctions: readonly InstanceAuction[],
  capacities: readonly Capacity[],
): Capacity[] {
  const held = new Map<string, number>();
  for (const auction of auctions) {
    for (const winner of auction.winners) {
      held.set(winner.personId, (held.get(winner.personId) ?? 0) + 1);
    }
  }
  return capacities
    .map((c) => ({
      personId: c.personId,
      capacitySlots: c.capacitySlots - (held.get(c.personId) ?? 0),
    }))
    .filter((c) => c.capacitySlots > 0);
}

/** w_next = max(w*, w_ind) × (1 + δ_up), rounded half-even to a whole milli. */
export function nextIndicatedWeight(
  weight: WeightMilli | null,
  indicated: WeightMilli,
  settings: MarketSettings,
): WeightMilli {
  const base = Math.max(weight ?? 0, indicated);
  return mulDivRoundHalfEven(base, PPM_ONE + settings.escalationStepPpm, PPM_ONE) as WeightMilli;
}

export interface RoundApplied {
  readonly auction: InstanceAuction;
  readonly events: readonly EscalationEvent[];
}

/**
 * Folds one round's clearing into the instance's auction. `nowMinute` is when the round
 * cleared; the next round closes one escalation window later, unless that is past the start
 * minus the minimum notice or the deadline, or the weight would have to pass the cap.
 */
export function applyRound(
  auction: InstanceAuction,
  clearing: Clearing,
  settings: MarketSettings,
  nowMinute: number,
): Result<RoundApplied> {
  if (auction.status !== 'open') {
    return failure('market.auction_closed', `instance ${auction.instanceId} is ${auction.status}`);
  }
  if (clearing.round !== auction.round + 1) {
    return failure('market.round_out_of_order', `expected round ${auction.round + 1}`);
  }
  const outcome = clearing.instances.find((o) => o.instanceId === auction.instanceId);
  const newWinners: Winner[] = clearing.assignments
    .filter((a) => a.instanceId === auction.instanceId)
    .map((a) => ({
      personId: a.personId,
      round: clearing.round,
      bidWeightMilli: a.bidWeightMilli,
    }));
  if (newWinners.length > unfilledSlots(auction)) {
    return failure(
      'market.round_overfilled',
      `more winners than empty slots on ${auction.instanceId}`,
    );
  }
  const events: EscalationEvent[] = [];
  let weight = auction.weightMilli;
  const roundWeight = outcome?.weightMilli ?? null;
  if (roundWeight !== null && (weight === null || roundWeight > weight)) {
    // Upgrade: everyone already on the instance moves up to the later, higher weight.
    if (weight !== null) {
      for (const winner of auction.winners) {
        events.push({
          kind: 'upgraded',
          personId: winner.personId,
          fromWeightMilli: weight,
          toWeightMilli: roundWeight,
        });
      }
    }
    weight = roundWeight;
  }
  const winners = [...auction.winners, ...newWinners];
  const base = { ...auction, winners, weightMilli: weight, round: clearing.round };
  const unfilled = auction.slots - winners.length;
  if (unfilled === 0) {
    events.push({ kind: 'filled', weightMilli: weight! });
    return ok({ auction: { ...base, status: 'filled', nextCloseMinute: null }, events });
  }
  const capped = Math.min(
    nextIndicatedWeight(weight, auction.indicatedWeightMilli, settings),
    settings.capWeightMilli,
  ) as WeightMilli;
  const closesAtMinute = nowMinute + settings.escalationWindowMinutes;
  const lastClose = Math.min(
    auction.startsAtMinute - settings.minNoticeMinutes,
    auction.deadlineMinute,
  );
  // A round already at the cap that still left slots empty shows the weight is not the issue.
  const atCap = auction.round >= 0 && auction.indicatedWeightMilli >= settings.capWeightMilli;
  if (atCap || closesAtMinute > lastClose) {
    events.push({
      kind: 'needsRestructuring',
      reason: atCap ? 'cap' : 'deadline',
      unfilledSlots: unfilled,
    });
    return ok({
      auction: { ...base, status: 'needsRestructuring', nextCloseMinute: null },
      events,
    });
  }
  events.push({
    kind: 'escalated',
    round: clearing.round + 1,
    indicatedWeightMilli: capped,
    closesAtMinute,
    unfilledSlots: unfilled,
  });
  return ok({
    auction: {
      ...base,
      indicatedWeightMilli: capped,
      status: 'open',
      nextCloseMinute: closesAtMinute,
    },
    events,
  });
}

/** What each winner earns for a full slot at the instance's current weight. */
export function winnerCredits(
  auction: InstanceAuction,
): { personId: PersonId; creditEffortMilli: EffortMilli }[] {
  if (auction.weightMilli === null) return [];
  const credit = creditEffortMilli(auction.minutesPerSlot, auction.weightMilli);
  return auction.winners.map((w) => ({ personId: w.personId, creditEffortMilli: credit }));
}

/**
 * A no-show (reference §4.4): the person loses the slot without credit and the slot goes back
 * to escalation. The weight of the others stays (it is never lowered after assignment).
 */
export function releaseSlot(auction: InstanceAuction, personId: PersonId): Result<InstanceAuction> {
  if (!auction.winners.some((w) => w.personId === personId)) {
    return failure('market.not_a_winner', `${personId} holds no slot of ${auction.instanceId}`);
  }
  return ok({
    ...auction,
    winners: auction.winners.filter((w) => w.personId !== personId),
    status: auction.status === 'filled' ? 'open' : auction.status,
  });
}
