// The certificate check of a clearing (MODEL.md §4 "Certificate", §6.5), independent of the
// solver: it rebuilds everything it needs from the input by id and verifies
//   1. feasibility: every assignment is a bid, ≤ slots per instance, ≤ capacity per person;
//   2. optimality: the duals (p, u) are dual feasible and their dual objective equals the
//      primal objective (weak duality then proves the assignment optimal), with complementary
//      slackness checked bid by bid for clear error messages;
//   3. competitiveness of the published weights: no winner's bid above the weight; no bidder
//      with spare capacity left out of a full instance while bidding below its weight; no
//      busy loser who would gain more than rounding allows by switching; partial instances
//      at their highest accepted bid; flat weighting at 1.000;
//   4. credits: minutes × weight, rounded as MODEL.md §2.
// It runs on every clearing, in production as well as in tests.

import { failure, ok, type Result } from '../result.ts';
import { creditEffortMilli, type Minutes, WEIGHT_ONE_MILLI } from '../units.ts';
import type { Clearing, ClearingInput } from './types.ts';

function key(personId: string, instanceId: string): string {
  return `${personId}\u0000${instanceId}`;
}

export function checkClearing(input: ClearingInput, clearing: Clearing): Result<true> {
  const cap = input.settings.capWeightMilli;
  const instances = new Map(input.instances.map((instance) => [instance.id as string, instance]));
  const capacity = new Map(input.capacities.map((c) => [c.personId as string, c.capacitySlots]));
  const bids = new Map(input.bids.map((bid) => [key(bid.personId, bid.instanceId), bid]));

  // 1. Feasibility.
  const outcomes = new Map(clearing.instances.map((o) => [o.instanceId as string, o]));
  if (outcomes.size !== instances.size || clearing.instances.length !== instances.size) {
    return failure('market.check.instances', 'the clearing does not list every instance once');
  }
  const duals = new Map(clearing.persons.map((p) => [p.personId as string, p]));
  if (duals.size !== capacity.size || clearing.persons.length !== capacity.size) {
    return failure('market.check.persons', 'the clearing does not list every person once');
  }
  const filled = new Map<string, number>();
  const taken = new Map<string, number>();
  const won = new Set<string>();
  let primal = 0;
  for (const a of clearing.assignments) {
    const k = key(a.personId, a.instanceId);
    const bid = bids.get(k);
    if (bid === undefined) return failure('market.check.not_a_bid', `${k} was not bid`);
    if (won.has(k)) return failure('market.check.twice', `${a.personId} holds two slots of one`);
    if (bid.weightMilli !== a.bidWeightMilli) {
      return failure('market.check.bid_changed', `${a.personId} on ${a.instanceId}`);
    }
    won.add(k);
    filled.set(a.instanceId, (filled.get(a.instanceId) ?? 0) + 1);
    taken.set(a.personId, (taken.get(a.personId) ?? 0) + 1);
    primal += bid.weightMilli * instances.get(a.instanceId)!.minutesPerSlot;
  }
  for (const [id, instance] of instances) {
    const count = filled.get(id) ?? 0;
    const outcome = outcomes.get(id);
    if (outcome === undefined || count > instance.slots) {
      return failure('market.check.slots_exceeded', `instance ${id} has ${count} holders`);
    }
    if (outcome.filledSlots !== count || outcome.unfilledSlots !== instance.slots - count) {
      return failure('market.check.counts', `instance ${id}: filled counts do not match`);
    }
    primal += (instance.slots - count) * cap * instance.minutesPerSlot;
  }
  for (const [id, dual] of duals) {
    const count = taken.get(id) ?? 0;
    if (count > capacity.get(id)! || dual.assignedSlots !== count) {
      return failure('market.check.capacity_exceeded', `person ${id} holds ${count} slots`);
    }
  }
  if (primal !== clearing.objective) {
    return failure('market.check.objective', `objective ${clearing.objective} ≠ ${primal}`);
  }

  // 2. Optimality: dual feasibility, complementary slackness, equal objectives.
  let dualObjective = 0;
  for (const [id, instance] of instances) {
    const p = outcomes.get(id)!.slotPrice;
    const reserve = cap * instance.minutesPerSlot;
    if (!Number.isSafeInteger(p) || p > reserve) {
      return failure('market.check.dual_infeasible', `price of ${id} above the reserve`);
    }
    if ((filled.get(id) ?? 0) < instance.slots && p !== reserve) {
      return failure('market.check.slackness', `instance ${id} has an empty slot below reserve`);
    }
    dualObjective += instance.slots * p;
  }
  for (const [id, dual] of duals) {
    const u = dual.surplus;
    if (!Number.isSafeInteger(u) || u < 0) {
      return failure('market.check.dual_infeasible', `surplus of ${id} negative`);
    }
    if ((taken.get(id) ?? 0) < capacity.get(id)! && u !== 0) {
      return failure('market.check.slackness', `person ${id} has spare capacity and surplus`);
    }
    dualObjective -= capacity.get(id)! * u;
  }
  for (const [k, bid] of bids) {
    const instance = instances.get(bid.instanceId)!;
    const gain =
      outcomes.get(bid.instanceId)!.slotPrice -
      bid.weightMilli * instance.minutesPerSlot -
      duals.get(bid.personId)!.surplus;
    if (won.has(k) ? gain < 0 : gain > 0) {
      return failure('market.check.slackness', `bid ${bid.personId} on ${bid.instanceId}`);
    }
    if (gain > 0) dualObjective -= gain;
  }
  if (dualObjective !== primal) {
    return failure('market.check.not_optimal', `dual ${dualObjective} ≠ primal ${primal}`);
  }

  // 3. Weights.
  const flat = clearing.weighting === 'flat';
  const highestAccepted = new Map<string, number>();
  for (const a of clearing.assignments) {
    highestAccepted.set(
      a.instanceId,
      Math.max(highestAccepted.get(a.instanceId) ?? 0, a.bidWeightMilli),
    );
  }
  for (const [id, instance] of instances) {
    const outcome = outcomes.get(id)!;
    const count = filled.get(id) ?? 0;
    const w = outcome.weightMilli;
    if (count === 0) {
      if (w !== null) return failure('market.check.weight', `empty instance ${id} has a weight`);
      continue;
    }
    if (w === null) return failure('market.check.weight', `instance ${id} has no weight`);
    if (flat) {
      if (w !== WEIGHT_ONE_MILLI) return failure('market.check.weight', `${id} not at 1.000`);
      continue;
    }
    if (count < instance.slots) {
      if (w !== highestAccepted.get(id)) {
        return failure('market.check.weight', `partial ${id} not at its highest accepted bid`);
      }
      continue;
    }
    // A full instance: the published weight is p / minutes rounded inward (< 1 milli away).
    const m = instance.minutesPerSlot;
    const p = outcome.slotPrice;
    const exact = clearing.rule === 'lowest' ? w * m - p : p - w * m;
    if (exact < 0 || exact >= m) {
      return failure('market.check.weight_rounding', `weight of ${id} is not p/minutes rounded`);
    }
  }
  for (const [k, bid] of bids) {
    if (flat) break;
    const outcome = outcomes.get(bid.instanceId)!;
    const w = outcome.weightMilli;
    if (w === null) continue;
    if (won.has(k)) {
      if (bid.weightMilli > w) {
        return failure('market.check.winner_above_weight', `${bid.personId} on ${bid.instanceId}`);
      }
      continue;
    }
    if (outcome.status !== 'full') continue;
    const person = duals.get(bid.personId)!;
    const m = instances.get(bid.instanceId)!.minutesPerSlot;
    if (person.assignedSlots < person.capacitySlots) {
      if (bid.weightMilli < w) {
        return failure('market.check.loser_below_weight', `${bid.personId} on ${bid.instanceId}`);
      }
    } else if ((w - bid.weightMilli) * m > person.surplus + m - 1) {
      return failure('market.check.loser_envies', `${bid.personId} on ${bid.instanceId}`);
    }
  }

  // 4. Credits.
  for (const a of clearing.assignments) {
    const outcome = outcomes.get(a.instanceId)!;
    const m = instances.get(a.instanceId)!.minutesPerSlot as Minutes;
    if (a.weightMilli !== outcome.weightMilli || outcome.weightMilli === null) {
      return failure('market.check.credit', `${a.personId} not at the instance's weight`);
    }
    if (a.creditEffortMilli !== creditEffortMilli(m, outcome.weightMilli)) {
      return failure('market.check.credit', `${a.personId} on ${a.instanceId}: wrong credit`);
    }
  }
  return ok(true);
}
