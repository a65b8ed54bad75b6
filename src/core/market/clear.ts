// Clearing one pool round of the task market (MODEL.md §4): validate, index in canonical
// order, solve the min-cost flow, derive the uniform weights from the lattice of competitive
// prices, run the independent checker, and return the clearing with its certificate.

import type { PersonId, TaskInstanceId, TaskTemplateId } from '../ids.ts';
import { lotteryTicket } from '../random.ts';
import { err, type Failure, failure, ok, type Result } from '../result.ts';
import {
  compareIds,
  creditEffortMilli,
  type Minutes,
  WEIGHT_ONE_MILLI,
  type WeightMilli,
} from '../units.ts';
import { checkClearing } from './check.ts';
import { type IndexedRound, type Orientation, solveRound } from './flow.ts';
import { groupByKey } from './groups.ts';
import { BIDS_PER_CLEARING_MAX, MINUTES_PER_SLOT_MAX, validateSettings } from './settings.ts';
import type {
  Assignment,
  Clearing,
  ClearingInput,
  ClearingRule,
  InstanceOutcome,
  PersonDual,
} from './types.ts';
import { highestPrices, lowestPrices } from './weights.ts';

/** The weight published for a full instance: its exact price per minute, rounded inward. */
export function roundedWeight(
  slotPrice: number,
  minutesPerSlot: number,
  rule: ClearingRule,
): WeightMilli {
  const floor = Math.floor(slotPrice / minutesPerSlot);
  const remainder = slotPrice - floor * minutesPerSlot;
  // Lowest rule rounds up and highest rounds down: no winner is ever credited below the bid.
  return (rule === 'lowest' && remainder > 0 ? floor + 1 : floor) as WeightMilli;
}

export interface IndexedInput {
  readonly round: IndexedRound;
  readonly personIds: readonly PersonId[];
  readonly instanceIds: readonly TaskInstanceId[];
  readonly templateIds: readonly TaskTemplateId[];
}

/** Validates the input and builds the integer round; persons and instances sorted by id. */
export function indexRound(input: ClearingInput): Result<IndexedInput> {
  const settings = validateSettings(input.settings);
  if (!settings.ok) return settings;
  const { minWeightMilli, capWeightMilli } = input.settings;
  if (input.bids.length > BIDS_PER_CLEARING_MAX) {
    return failure('market.too_many_bids', `at most ${BIDS_PER_CLEARING_MAX} bids per clearing`);
  }
  if (!Number.isSafeInteger(input.seed) || input.seed < 0 || input.seed > 0xffffffff) {
    return failure('market.seed_invalid', 'the seed is a 32-bit unsigned integer');
  }

  const instances = [...input.instances].sort((a, b) => compareIds(a.id, b.id));
  const m = instances.length;
  const instanceIndex = new Map<string, number>();
  const slots = new Int32Array(m);
  const minutes = new Int32Array(m);
  const emptyCost = new Float64Array(m);
  for (let i = 0; i < m; i += 1) {
    const instance = instances[i]!;
    if (i > 0 && instances[i - 1]!.id === instance.id) {
      return failure('market.duplicate_instance', `instance ${instance.id} appears twice`);
    }
    if (!Number.isSafeInteger(instance.slots) || instance.slots < 1 || instance.slots > 1_000_000) {
      return failure('market.slots_invalid', `instance ${instance.id}: slots must be 1…1000000`);
    }
    const length = instance.minutesPerSlot;
    if (!Number.isSafeInteger(length) || length < 1 || length > MINUTES_PER_SLOT_MAX) {
      return failure(
        'market.minutes_invalid',
        `instance ${instance.id}: minutes per slot must be 1…${MINUTES_PER_SLOT_MAX}`,
      );
    }
    instanceIndex.set(instance.id, i);
    slots[i] = instance.slots;
    minutes[i] = length;
    emptyCost[i] = capWeightMilli * length;
  }

  const capacities = [...input.capacities].sort((a, b) => compareIds(a.personId, b.personId));
  const n = capacities.length;
  const personIndex = new Map<string, number>();
  const capacity = new Int32Array(n);
  for (let j = 0; j < n; j += 1) {
    const entry = capacities[j]!;
    if (j > 0 && capacities[j - 1]!.personId === entry.personId) {
      return failure('market.duplicate_person', `person ${entry.personId} appears twice`);
    }
    const slotsOfPerson = entry.capacitySlots;
    if (!Number.isSafeInteger(slotsOfPerson) || slotsOfPerson < 1 || slotsOfPerson > 1_000_000) {
      return failure('market.capacity_invalid', `person ${entry.personId}: capacity must be ≥ 1`);
    }
    personIndex.set(entry.personId, j);
    capacity[j] = slotsOfPerson;
  }

  // Bids: check, then order by (person, instance) so each person's arcs are canonical.
  const bidCount = input.bids.length;
  const bidPersonRaw = new Int32Array(bidCount);
  const bidInstanceRaw = new Int32Array(bidCount);
  for (let b = 0; b < bidCount; b += 1) {
    const bid = input.bids[b]!;
    const j = personIndex.get(bid.personId);
    if (j === undefined) {
      return failure('market.bid_unknown_person', `${bid.personId} has no capacity this period`);
    }
    const i = instanceIndex.get(bid.instanceId);
    if (i === undefined) {
      return failure('market.bid_unknown_instance', `no instance ${bid.instanceId} in this round`);
    }
    const weight = bid.weightMilli;
    if (!Number.isSafeInteger(weight) || weight < minWeightMilli) {
      return failure('market.bid_below_min', `bid ${weight} of ${bid.personId} below w_min`);
    }
    if (weight > capWeightMilli) {
      return failure('market.bid_above_cap', `bid ${weight} of ${bid.personId} above w_cap`);
    }
    bidPersonRaw[b] = j;
    bidInstanceRaw[b] = i;
  }
  const { start: bidStart, order } = groupByKey(bidPersonRaw, n);
  for (let j = 0; j < n; j += 1) {
    const part = order.subarray(bidStart[j]!, bidStart[j + 1]!);
    part.sort((a, b) => bidInstanceRaw[a]! - bidInstanceRaw[b]!);
    for (let at = 1; at < part.length; at += 1) {
      if (bidInstanceRaw[part[at]!] === bidInstanceRaw[part[at - 1]!]) {
        const bid = input.bids[part[at]!]!;
        return failure('market.duplicate_bid', `${bid.personId} bid twice on ${bid.instanceId}`);
      }
    }
  }

  // Priority for ties: fewer weighted hours from the template in the last K periods, then the
  // lottery ticket of the round's seed, then the id (MODEL.md §4 "Determinism").
  const recent = recentEffort(input, personIndex);
  const distinctRecent = [...new Set([0, ...recent.values].filter((v) => v >= 0))];
  distinctRecent.sort((a, b) => a - b);
  const recentRank = new Map<number, number>(distinctRecent.map((value, rank) => [value, rank]));
  const tickets = new Float64Array(n);
  const byTicket = new Int32Array(n);
  for (let j = 0; j < n; j += 1) {
    tickets[j] = lotteryTicket(input.seed, capacities[j]!.personId);
    byTicket[j] = j;
  }
  byTicket.sort((a, b) => tickets[a]! - tickets[b]! || a - b);
  const lotteryRank = new Int32Array(n);
  for (let rank = 0; rank < n; rank += 1) lotteryRank[byTicket[rank]!] = rank;

  const bidInstance = new Int32Array(bidCount);
  const bidPerson = new Int32Array(bidCount);
  const bidWeight = new Int32Array(bidCount);
  const bidCost = new Float64Array(bidCount);
  const bidRank = new Float64Array(bidCount);
  for (let at = 0; at < bidCount; at += 1) {
    const b = order[at]!;
    const i = bidInstanceRaw[b]!;
    const j = bidPersonRaw[b]!;
    const weight = input.bids[b]!.weightMilli;
    bidInstance[at] = i;
    bidPerson[at] = j;
    bidWeight[at] = weight;
    bidCost[at] = weight * minutes[i]!;
    const effort = recent.values.length === 0 ? 0 : recent.lookup(j, instances[i]!.templateId);
    bidRank[at] = recentRank.get(effort)! * n + lotteryRank[j]!;
  }

  const bidsByInstance = groupByKey(bidInstance, m);
  return ok({
    round: {
      personCount: n,
      instanceCount: m,
      capacity,
      slots,
      minutes,
      emptyCost,
      emptyRank: distinctRecent.length * n,
      bidStart,
      bidInstance,
      bidsByInstance,
      bidPerson,
      bidWeight,
      bidCost,
      bidRank,
    },
    personIds: capacities.map((entry) => entry.personId),
    instanceIds: instances.map((instance) => instance.id),
    templateIds: instances.map((instance) => instance.templateId),
  });
}

interface RecentEffort {
  readonly values: number[];
  lookup(person: number, templateId: string): number;
}

/** Σ weighted mWH per (person, template) over periods [period − K, period − 1]. */
function recentEffort(input: ClearingInput, personIndex: Map<string, number>): RecentEffort {
  const K = input.settings.rotationWindowPeriods;
  const byPerson = new Map<number, Map<string, number>>();
  for (const entry of input.history) {
    if (entry.period >= input.period || entry.period < input.period - K) continue;
    const j = personIndex.get(entry.personId);
    if (j === undefined) continue;
    let templates = byPerson.get(j);
    if (templates === undefined) {
      templates = new Map();
      byPerson.set(j, templates);
    }
    templates.set(entry.templateId, (templates.get(entry.templateId) ?? 0) + entry.effortMilli);
  }
  const values: number[] = [];
  for (const templates of byPerson.values()) values.push(...templates.values());
  return {
    values,
    // A negative sum (a reversal larger than the credit) counts as no recent effort.
    lookup: (person, templateId) => Math.max(0, byPerson.get(person)?.get(templateId) ?? 0),
  };
}

export interface ClearOptions {
  /** Which side the solver searches from; by default chosen from the totals. For tests. */
  readonly orientation?: Orientation;
  /** false: skip the solver's warm start (the result is the same; for tests and benchmarks). */
  readonly warmStart?: boolean;
}

/** Clears one pool round. Fails with a stable code on invalid input or a failed certificate. */
export function clearRound(
  input: ClearingInput,
  options: ClearOptions = {},
): Result<Clearing, Failure> {
  const indexed = indexRound(input);
  if (!indexed.ok) return indexed;
  const { round, personIds, instanceIds, templateIds } = indexed.value;
  const solution = solveRound(round, options.orientation, {
    warmStart: options.warmStart !== false,
  });
  const byInstance = round.bidsByInstance;
  const rule = input.settings.clearingRule;
  const flat = input.settings.weighting === 'flat';
  const lowest = lowestPrices(round, solution);
  const prices = rule === 'highest' ? highestPrices(round, solution, lowest) : lowest;

  const n = round.personCount;
  const m = round.instanceCount;
  const weights: (WeightMilli | null)[] = new Array(m);
  const highestAccepted = new Int32Array(m);
  for (let b = 0; b < round.bidInstance.length; b += 1) {
    if (solution.assigned[b] !== 1) continue;
    const i = round.bidInstance[b]!;
    if (round.bidWeight[b]! > highestAccepted[i]!) highestAccepted[i] = round.bidWeight[b]!;
  }
  const instances: InstanceOutcome[] = [];
  let objective = 0;
  for (let i = 0; i < m; i += 1) {
    const filled = solution.filledCount[i]!;
    const slots = round.slots[i]!;
    let weight: WeightMilli | null = null;
    if (filled > 0) {
      if (flat) weight = WEIGHT_ONE_MILLI;
      else if (filled === slots)
        weight = roundedWeight(prices.instancePrice[i]!, round.minutes[i]!, rule);
      else weight = highestAccepted[i]! as WeightMilli;
    }
    weights[i] = weight;
    objective += (slots - filled) * round.emptyCost[i]!;
    instances.push({
      instanceId: instanceIds[i]!,
      templateId: templateIds[i]!,
      slots,
      filledSlots: filled,
      unfilledSlots: slots - filled,
      status: filled === slots ? 'full' : filled === 0 ? 'empty' : 'partial',
      weightMilli: weight,
      slotPrice: prices.instancePrice[i]!,
    });
  }
  const assignments: Assignment[] = [];
  for (let at = 0; at < byInstance.order.length; at += 1) {
    const b = byInstance.order[at]!;
    if (solution.assigned[b] !== 1) continue;
    const i = round.bidInstance[b]!;
    const weight = weights[i]!;
    objective += round.bidCost[b]!;
    assignments.push({
      instanceId: instanceIds[i]!,
      personId: personIds[round.bidPerson[b]!]!,
      bidWeightMilli: round.bidWeight[b]! as WeightMilli,
      weightMilli: weight,
      creditEffortMilli: creditEffortMilli(round.minutes[i]! as Minutes, weight),
    });
  }
  // Within an instance, bids are in person order already (persons are indexed by id).
  const persons: PersonDual[] = [];
  for (let j = 0; j < n; j += 1) {
    persons.push({
      personId: personIds[j]!,
      surplus: prices.personSurplus[j]!,
      assignedSlots: solution.assignedCount[j]!,
      capacitySlots: round.capacity[j]!,
    });
  }
  const clearing: Clearing = {
    poolId: input.poolId,
    period: input.period,
    round: input.round,
    seed: input.seed,
    rule,
    weighting: input.settings.weighting,
    capWeightMilli: input.settings.capWeightMilli,
    objective,
    assignments,
    instances,
    persons,
  };
  const check = checkClearing(input, clearing);
  if (!check.ok) return err(check.error);
  return ok(clearing);
}
