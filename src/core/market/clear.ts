// Clearing one pool round of the task market (MODEL.md §4): validate, index in canonical
// order, solve the min-cost flow, derive the uniform weights from the lattice of competitive
// prices, run the independent checker, and return the clearing with its certificate.

import { err, type Failure, ok, type Result } from '../result.ts';
import { creditEffortMilli, type Minutes, WEIGHT_ONE_MILLI, type WeightMilli } from '../units.ts';
import { checkIndexedClearing } from './check.ts';
import { type IndexedInput, indexRound, indexRoundColumns } from './index-round.ts';
import {
  bidCost,
  type FlowSolution,
  type IndexedRound,
  type Orientation,
  solveRound,
} from './round-solve.ts';
import type {
  Assignment,
  Clearing,
  ClearingColumns,
  ClearingInput,
  ClearingRule,
  InstanceOutcome,
  PersonDual,
  RoundHeader,
} from './types.ts';
import { highestPrices, lowestPrices, type SlotPrices } from './weights.ts';

export { type IndexedInput, indexRound, indexRoundColumns } from './index-round.ts';

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

export interface ClearOptions {
  /** Which side the solver searches from; by default chosen from the totals. For tests. */
  readonly orientation?: Orientation;
  /** false: skip the solver's warm start (the result is the same; for tests and benchmarks). */
  readonly warmStart?: boolean;
}

/** The published price vectors: the lowest competitive prices, or the highest for that rule. */
export function clearingPrices(
  round: IndexedRound,
  solution: FlowSolution,
  rule: ClearingRule,
): SlotPrices {
  const lowest = lowestPrices(round, solution);
  return rule === 'highest' ? highestPrices(round, solution, lowest) : lowest;
}

/** Clears one pool round. Fails with a stable code on invalid input or a failed certificate. */
export function clearRound(
  input: ClearingInput,
  options: ClearOptions = {},
): Result<Clearing, Failure> {
  const indexed = indexRound(input);
  if (!indexed.ok) return indexed;
  return clearIndexed(input, indexed.value, options);
}

/** clearRound for the columnar input: the same clearing, bit for bit (decision 0068). */
export function clearRoundColumns(
  input: ClearingColumns,
  options: ClearOptions = {},
): Result<Clearing, Failure> {
  const indexed = indexRoundColumns(input);
  if (!indexed.ok) return indexed;
  return clearIndexed(input, indexed.value, options);
}

function clearIndexed(
  header: RoundHeader,
  indexed: IndexedInput,
  options: ClearOptions,
): Result<Clearing, Failure> {
  const round = indexed.round;
  const solution = solveRound(round, options.orientation, {
    warmStart: options.warmStart !== false,
  });
  const prices = clearingPrices(round, solution, header.settings.clearingRule);
  const clearing = buildClearing(header, indexed, solution, prices);
  const check = checkIndexedClearing(header, indexed, clearing);
  if (!check.ok) return err(check.error);
  return ok(clearing);
}

/** The clearing with its certificate, from the solved round and its published prices. */
export function buildClearing(
  input: RoundHeader,
  indexed: IndexedInput,
  solution: FlowSolution,
  prices: SlotPrices,
): Clearing {
  const { round, personIds, instanceIds, templateIds } = indexed;
  const byInstance = round.bidsByInstance;
  const rule = input.settings.clearingRule;
  const flat = input.settings.weighting === 'flat';
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
  // Arc order is by instance, then person: the assignments' canonical order.
  const assignments: Assignment[] = [];
  for (let at = 0; at < byInstance.order.length; at += 1) {
    if (solution.assignedByArc[at] !== 1) continue;
    const b = byInstance.order[at]!;
    const i = round.bidInstance[b]!;
    const weight = weights[i]!;
    objective += bidCost(round, b);
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
  return clearing;
}
