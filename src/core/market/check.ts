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
// It works on integer indices it builds itself, so it scales with the clearing.
// It runs on every clearing, in production as well as in tests.

import { failure, ok, type Result } from '../result.ts';
import { creditEffortMilli, type Minutes, WEIGHT_ONE_MILLI } from '../units.ts';
import { groupByKey } from './groups.ts';
import type { Clearing, ClearingInput } from './types.ts';

export function checkClearing(input: ClearingInput, clearing: Clearing): Result<true> {
  const cap = input.settings.capWeightMilli;
  // Index by id (independently of the solver's indexing), then work on integer arrays: at
  // region scale (5M bids) string keys would cost more than the clearing itself.
  const m = input.instances.length;
  const instanceIndex = new Map<string, number>();
  const minutes = new Float64Array(m);
  const slots = new Float64Array(m);
  for (let i = 0; i < m; i += 1) {
    const instance = input.instances[i]!;
    instanceIndex.set(instance.id, i);
    minutes[i] = instance.minutesPerSlot;
    slots[i] = instance.slots;
  }
  const n = input.capacities.length;
  const personIndex = new Map<string, number>();
  const capacity = new Float64Array(n);
  for (let j = 0; j < n; j += 1) {
    personIndex.set(input.capacities[j]!.personId, j);
    capacity[j] = input.capacities[j]!.capacitySlots;
  }
  if (instanceIndex.size !== m || personIndex.size !== n) {
    return failure('market.check.input', 'instances or persons appear twice');
  }
  // Bids by person (CSR), each person's bids sorted by instance for lookup.
  const bidCount = input.bids.length;
  const bidPerson = new Int32Array(bidCount);
  const bidInstance = new Int32Array(bidCount);
  for (let b = 0; b < bidCount; b += 1) {
    const bid = input.bids[b]!;
    const j = personIndex.get(bid.personId);
    const i = instanceIndex.get(bid.instanceId);
    if (j === undefined || i === undefined) {
      return failure('market.check.input', `bid of ${bid.personId} on ${bid.instanceId}`);
    }
    bidPerson[b] = j;
    bidInstance[b] = i;
  }
  const { start, order: byPerson } = groupByKey(bidPerson, n);
  for (let j = 0; j < n; j += 1) {
    byPerson.subarray(start[j]!, start[j + 1]!).sort((a, b) => bidInstance[a]! - bidInstance[b]!);
  }
  const findBid = (j: number, i: number): number => {
    let low = start[j]!;
    let high = start[j + 1]! - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const at = bidInstance[byPerson[mid]!]!;
      if (at === i) return byPerson[mid]!;
      if (at < i) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  };

  // 1. Feasibility.
  if (clearing.instances.length !== m || clearing.persons.length !== n) {
    return failure(
      'market.check.instances',
      'the clearing does not list every instance and person',
    );
  }
  const price = new Float64Array(m);
  const weight = new Float64Array(m).fill(-1);
  const outcomeFilled = new Float64Array(m);
  const listed = new Uint8Array(m);
  for (const o of clearing.instances) {
    const i = instanceIndex.get(o.instanceId);
    if (i === undefined || listed[i] === 1) {
      return failure('market.check.instances', `instance ${o.instanceId} listed wrongly`);
    }
    listed[i] = 1;
    price[i] = o.slotPrice;
    weight[i] = o.weightMilli ?? -1;
    outcomeFilled[i] = o.filledSlots;
    const status = o.filledSlots === slots[i] ? 'full' : o.filledSlots === 0 ? 'empty' : 'partial';
    if (o.unfilledSlots !== slots[i]! - o.filledSlots || o.status !== status) {
      return failure('market.check.counts', `instance ${o.instanceId}: counts do not add up`);
    }
  }
  const surplus = new Float64Array(n);
  const dualAssigned = new Float64Array(n);
  const personListed = new Uint8Array(n);
  for (const p of clearing.persons) {
    const j = personIndex.get(p.personId);
    if (j === undefined || personListed[j] === 1 || p.capacitySlots !== capacity[j]) {
      return failure('market.check.persons', `person ${p.personId} listed wrongly`);
    }
    personListed[j] = 1;
    surplus[j] = p.surplus;
    dualAssigned[j] = p.assignedSlots;
  }
  const won = new Uint8Array(bidCount);
  const filled = new Float64Array(m);
  const taken = new Float64Array(n);
  const highestAccepted = new Float64Array(m);
  let primal = 0;
  for (const a of clearing.assignments) {
    const j = personIndex.get(a.personId);
    const i = instanceIndex.get(a.instanceId);
    const b = j === undefined || i === undefined ? -1 : findBid(j, i);
    if (b < 0) return failure('market.check.not_a_bid', `${a.personId} on ${a.instanceId}`);
    const bid = input.bids[b]!;
    if (won[b] === 1) return failure('market.check.twice', `${a.personId} holds two slots of one`);
    if (bid.weightMilli !== a.bidWeightMilli) {
      return failure('market.check.bid_changed', `${a.personId} on ${a.instanceId}`);
    }
    won[b] = 1;
    const ii = i!;
    filled[ii] = filled[ii]! + 1;
    taken[j!] = taken[j!]! + 1;
    if (bid.weightMilli > highestAccepted[ii]!) highestAccepted[ii] = bid.weightMilli;
    primal += bid.weightMilli * minutes[ii]!;
    // 4. Credits: minutes × the instance's weight, rounded as MODEL.md §2.
    if (a.weightMilli !== weight[ii]) {
      return failure('market.check.credit', `${a.personId} not at the instance's weight`);
    }
    if (a.creditEffortMilli !== creditEffortMilli(minutes[ii]! as Minutes, a.weightMilli)) {
      return failure('market.check.credit', `${a.personId} on ${a.instanceId}: wrong credit`);
    }
  }
  for (let i = 0; i < m; i += 1) {
    if (filled[i]! > slots[i]!) {
      return failure('market.check.slots_exceeded', `instance ${i} has ${filled[i]} holders`);
    }
    if (outcomeFilled[i] !== filled[i]) {
      return failure('market.check.counts', `instance ${i}: filled counts do not match`);
    }
    primal += (slots[i]! - filled[i]!) * cap * minutes[i]!;
  }
  for (let j = 0; j < n; j += 1) {
    if (taken[j]! > capacity[j]! || dualAssigned[j] !== taken[j]) {
      return failure('market.check.capacity_exceeded', `person ${j} holds ${taken[j]} slots`);
    }
  }
  if (primal !== clearing.objective) {
    return failure('market.check.objective', `objective ${clearing.objective} ≠ ${primal}`);
  }

  // 2. Optimality: dual feasibility, complementary slackness, equal objectives.
  let dualObjective = 0;
  for (let i = 0; i < m; i += 1) {
    const p = price[i]!;
    const reserve = cap * minutes[i]!;
    if (!Number.isSafeInteger(p) || p > reserve) {
      return failure('market.check.dual_infeasible', `price of instance ${i} above the reserve`);
    }
    if (filled[i]! < slots[i]! && p !== reserve) {
      return failure('market.check.slackness', `instance ${i} has an empty slot below reserve`);
    }
    dualObjective += slots[i]! * p;
  }
  for (let j = 0; j < n; j += 1) {
    const u = surplus[j]!;
    if (!Number.isSafeInteger(u) || u < 0) {
      return failure('market.check.dual_infeasible', `surplus of person ${j} negative`);
    }
    if (taken[j]! < capacity[j]! && u !== 0) {
      return failure('market.check.slackness', `person ${j} has spare capacity and surplus`);
    }
    dualObjective -= capacity[j]! * u;
  }
  for (let b = 0; b < bidCount; b += 1) {
    const i = bidInstance[b]!;
    const gain = price[i]! - input.bids[b]!.weightMilli * minutes[i]! - surplus[bidPerson[b]!]!;
    if (won[b] === 1 ? gain < 0 : gain > 0) {
      const bid = input.bids[b]!;
      return failure('market.check.slackness', `bid ${bid.personId} on ${bid.instanceId}`);
    }
    if (gain > 0) dualObjective -= gain;
  }
  if (dualObjective !== primal) {
    return failure('market.check.not_optimal', `dual ${dualObjective} ≠ primal ${primal}`);
  }

  // 3. Weights.
  const flat = clearing.weighting === 'flat';
  for (let i = 0; i < m; i += 1) {
    const w = weight[i]!;
    if (filled[i] === 0) {
      if (w !== -1) return failure('market.check.weight', `empty instance ${i} has a weight`);
      continue;
    }
    if (w === -1) return failure('market.check.weight', `instance ${i} has no weight`);
    if (flat) {
      if (w !== WEIGHT_ONE_MILLI) return failure('market.check.weight', `${i} not at 1.000`);
      continue;
    }
    if (filled[i]! < slots[i]!) {
      if (w !== highestAccepted[i]) {
        return failure('market.check.weight', `partial ${i} not at its highest accepted bid`);
      }
      continue;
    }
    // A full instance: the published weight is p / minutes rounded inward (< 1 milli away).
    const inward =
      clearing.rule === 'lowest' ? w * minutes[i]! - price[i]! : price[i]! - w * minutes[i]!;
    if (inward < 0 || inward >= minutes[i]!) {
      return failure('market.check.weight_rounding', `weight of ${i} is not p/minutes rounded`);
    }
  }
  if (!flat) {
    for (let b = 0; b < bidCount; b += 1) {
      const i = bidInstance[b]!;
      const w = weight[i]!;
      if (w === -1) continue;
      const bid = input.bids[b]!;
      if (won[b] === 1) {
        if (bid.weightMilli > w) {
          return failure(
            'market.check.winner_above_weight',
            `${bid.personId} on ${bid.instanceId}`,
          );
        }
        continue;
      }
      if (filled[i]! < slots[i]!) continue;
      const j = bidPerson[b]!;
      if (taken[j]! < capacity[j]!) {
        if (bid.weightMilli < w) {
          return failure('market.check.loser_below_weight', `${bid.personId} on ${bid.instanceId}`);
        }
      } else if ((w - bid.weightMilli) * minutes[i]! > surplus[j]! + minutes[i]! - 1) {
        return failure('market.check.loser_envies', `${bid.personId} on ${bid.instanceId}`);
      }
    }
  }
  return ok(true);
}
