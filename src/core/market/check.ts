// The certificate check of a clearing (MODEL.md §4 "Certificate", §6.5), independent of the
// solver: it rebuilds everything it needs from the input by id and verifies
//   1. feasibility: every assignment is a bid, ≤ slots per instance, ≤ capacity per person;
//   2. optimality: the duals (p, u) are dual feasible and their dual objective equals the
//      primal objective (weak duality then proves the assignment optimal), with complementary
//      slackness checked bid by bid for clear error messages;
//   3. competitiveness of the published weights: every weight an integer; a full instance's
//      weight its price per minute rounded inward (< 1 milli away); partial instances at their
//      highest accepted bid; flat weighting at 1.000. With the slackness of 2 these imply the
//      weights are competitive, so no pass over the bids checks that again (see
//      the proof before `bidName` below; competitiveness.test.ts checks it);
//   4. credits: minutes × weight, rounded as MODEL.md §2.
// It works in linear passes over the integer arrays of the indexed round (index-round.ts, which
// turns the input into arrays and is no part of the solver), and never reads the solver's state:
// only the clearing it is given. The clearing lists instances, assignments and persons in
// canonical order, so walking it beside the arrays finds every id without a string map; an
// entry out of that order is looked up by id instead (slower, same verdict).
// It runs on every clearing, in production as well as in tests.

import { failure, ok, type Result } from '../result.ts';
import { compareIds, creditEffortMilli, type Minutes, WEIGHT_ONE_MILLI } from '../units.ts';
import { IdLookup } from './id-lookup.ts';
import { type IndexedInput, indexRound, indexRoundColumns } from './index-round.ts';
import type { Assignment, Clearing, ClearingColumns, ClearingInput, RoundHeader } from './types.ts';

/** Checks a clearing of the input: indexes the input, then checks as checkIndexedClearing. */
export function checkClearing(input: ClearingInput, clearing: Clearing): Result<true> {
  const indexed = indexRound(input);
  if (!indexed.ok) {
    return failure('market.check.input', `${indexed.error.code}: ${indexed.error.detail}`);
  }
  return checkIndexedClearing(input, indexed.value, clearing);
}

/** checkClearing for the columnar input (decision 0068). */
export function checkClearingColumns(input: ClearingColumns, clearing: Clearing): Result<true> {
  const indexed = indexRoundColumns(input);
  if (!indexed.ok) {
    return failure('market.check.input', `${indexed.error.code}: ${indexed.error.detail}`);
  }
  return checkIndexedClearing(input, indexed.value, clearing);
}

/** Checks a clearing against the indexed input it claims to clear (see the top of the file). */
export function checkIndexedClearing(
  input: RoundHeader,
  indexed: IndexedInput,
  clearing: Clearing,
): Result<true> {
  const cap = input.settings.capWeightMilli;
  const { round, personIds, instanceIds } = indexed;
  const { minutes, slots, capacity } = round;
  const m = round.instanceCount;
  const n = round.personCount;
  const instances = new IdLookup(instanceIds);
  const persons = new IdLookup(personIds);

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
  for (let at = 0; at < m; at += 1) {
    const o = clearing.instances[at]!;
    const i = instanceIds[at] === o.instanceId ? at : instances.find(o.instanceId);
    if (i < 0 || listed[i] === 1) {
      return failure('market.check.instances', `instance ${o.instanceId} listed wrongly`);
    }
    listed[i] = 1;
    price[i] = o.slotPrice;
    weight[i] = o.weightMilli ?? -1;
    // Whole millis only: the credits below and the proof of competitiveness rest on it.
    if (o.weightMilli !== null && !Number.isSafeInteger(o.weightMilli)) {
      return failure('market.check.weight', `${o.instanceId} has a weight in parts of a milli`);
    }
    outcomeFilled[i] = o.filledSlots;
    const status = o.filledSlots === slots[i] ? 'full' : o.filledSlots === 0 ? 'empty' : 'partial';
    if (o.unfilledSlots !== slots[i]! - o.filledSlots || o.status !== status) {
      return failure('market.check.counts', `instance ${o.instanceId}: counts do not add up`);
    }
  }
  const surplus = new Float64Array(n);
  const dualAssigned = new Float64Array(n);
  const personListed = new Uint8Array(n);
  for (let at = 0; at < n; at += 1) {
    const p = clearing.persons[at]!;
    const j = personIds[at] === p.personId ? at : persons.find(p.personId);
    if (j < 0 || personListed[j] === 1 || p.capacitySlots !== capacity[j]) {
      return failure('market.check.persons', `person ${p.personId} listed wrongly`);
    }
    personListed[j] = 1;
    surplus[j] = p.surplus;
    dualAssigned[j] = p.assignedSlots;
  }
  const tally = tallyAssignments(
    indexed,
    clearing,
    new BidWalk(indexed, instances, persons),
    weight,
  );
  if (!tally.ok) return tally;
  const { won, filled, taken, highestAccepted } = tally.value;
  let primal = tally.value.primal;
  for (let i = 0; i < m; i += 1) {
    if (filled[i]! > slots[i]!) {
      return failure('market.check.slots_exceeded', `${instanceIds[i]} has ${filled[i]} holders`);
    }
    if (outcomeFilled[i] !== filled[i]) {
      return failure('market.check.counts', `${instanceIds[i]}: filled counts do not match`);
    }
    primal += (slots[i]! - filled[i]!) * cap * minutes[i]!;
  }
  for (let j = 0; j < n; j += 1) {
    if (taken[j]! > capacity[j]! || dualAssigned[j] !== taken[j]) {
      return failure('market.check.capacity_exceeded', `${personIds[j]} holds ${taken[j]} slots`);
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
      return failure(
        'market.check.dual_infeasible',
        `price of ${instanceIds[i]} above the reserve`,
      );
    }
    if (filled[i]! < slots[i]! && p !== reserve) {
      return failure('market.check.slackness', `${instanceIds[i]} has an empty slot below reserve`);
    }
    dualObjective += slots[i]! * p;
  }
  for (let j = 0; j < n; j += 1) {
    const u = surplus[j]!;
    if (!Number.isSafeInteger(u) || u < 0) {
      return failure('market.check.dual_infeasible', `surplus of ${personIds[j]} negative`);
    }
    if (taken[j]! < capacity[j]! && u !== 0) {
      return failure('market.check.slackness', `${personIds[j]} has spare capacity and surplus`);
    }
    dualObjective -= capacity[j]! * u;
  }
  const slackBid = bidSlackness(indexed, price, surplus, won);
  if (slackBid.failedBid >= 0) {
    return failure('market.check.slackness', `bid ${bidName(indexed, slackBid.failedBid)}`);
  }
  dualObjective -= slackBid.gains;
  if (dualObjective !== primal) {
    return failure('market.check.not_optimal', `dual ${dualObjective} ≠ primal ${primal}`);
  }

  // 3. Weights.
  const flat = clearing.weighting === 'flat';
  for (let i = 0; i < m; i += 1) {
    const w = weight[i]!;
    if (filled[i] === 0) {
      if (w !== -1) return failure('market.check.weight', `empty ${instanceIds[i]} has a weight`);
      continue;
    }
    if (w === -1) return failure('market.check.weight', `${instanceIds[i]} has no weight`);
    if (flat) {
      if (w !== WEIGHT_ONE_MILLI)
        return failure('market.check.weight', `${instanceIds[i]} not at 1.000`);
      continue;
    }
    if (filled[i]! < slots[i]!) {
      if (w !== highestAccepted[i]) {
        return failure('market.check.weight', `partial ${instanceIds[i]} not at its highest bid`);
      }
      continue;
    }
    // A full instance: the published weight is p / minutes rounded inward (< 1 milli away).
    const inward =
      clearing.rule === 'lowest' ? w * minutes[i]! - price[i]! : price[i]! - w * minutes[i]!;
    if (inward < 0 || inward >= minutes[i]!) {
      return failure(
        'market.check.weight_rounding',
        `weight of ${instanceIds[i]} is not p/minutes rounded`,
      );
    }
  }
  return ok(true);
}

interface Tally {
  /** Per bid: 1 when an assignment holds it. */
  readonly won: Uint8Array;
  readonly filled: Float64Array;
  readonly taken: Float64Array;
  readonly highestAccepted: Float64Array;
  /** Σ bid weight × minutes over the assignments. */
  readonly primal: number;
}

/**
 * The bid behind every assignment, its credit checked, and the counts per instance and person.
 * Its own function: the engine optimises this loop on its own and soon, where inside the long
 * checkIndexedClearing it waited for the whole function to be compiled.
 */
function tallyAssignments(
  indexed: IndexedInput,
  clearing: Clearing,
  bids: BidWalk,
  weight: Float64Array,
): Result<Tally> {
  const { minutes, bidInstance, bidPerson, bidWeight } = indexed.round;
  const m = indexed.round.instanceCount;
  const n = indexed.round.personCount;
  const bidCount = bidInstance.length;
  const won = new Uint8Array(bidCount);
  const filled = new Float64Array(m);
  const taken = new Float64Array(n);
  const highestAccepted = new Float64Array(m);
  let primal = 0;
  for (const a of clearing.assignments) {
    const b = bids.find(a);
    if (b < 0) return failure('market.check.not_a_bid', `${a.personId} on ${a.instanceId}`);
    if (won[b] === 1) return failure('market.check.twice', `${a.personId} holds two slots of one`);
    const bidWeightMilli = bidWeight[b]!;
    if (bidWeightMilli !== a.bidWeightMilli) {
      return failure('market.check.bid_changed', `${a.personId} on ${a.instanceId}`);
    }
    won[b] = 1;
    const i = bidInstance[b]!;
    const j = bidPerson[b]!;
    filled[i] = filled[i]! + 1;
    taken[j] = taken[j]! + 1;
    if (bidWeightMilli > highestAccepted[i]!) highestAccepted[i] = bidWeightMilli;
    primal += bidWeightMilli * minutes[i]!;
    // 4. Credits: minutes × the instance's weight, rounded as MODEL.md §2.
    if (a.weightMilli !== weight[i]) {
      return failure('market.check.credit', `${a.personId} not at the instance's weight`);
    }
    if (a.creditEffortMilli !== creditEffortMilli(minutes[i]! as Minutes, a.weightMilli)) {
      return failure('market.check.credit', `${a.personId} on ${a.instanceId}: wrong credit`);
    }
  }
  return ok({ won, filled, taken, highestAccepted, primal });
}

/**
 * Complementary slackness bid by bid (a won bid has no gain, a lost one none above zero); the
 * sum of the gains of lost bids for the dual objective, or the first bid that fails.
 * Its own function, like the other passes over every bid, so that the engine optimises each
 * pass on its own instead of leaving one long function halfway.
 */
function bidSlackness(
  indexed: IndexedInput,
  price: Float64Array,
  surplus: Float64Array,
  won: Uint8Array,
): { readonly gains: number; readonly failedBid: number } {
  const { bidInstance, bidPerson, bidWeight, minutes } = indexed.round;
  let gains = 0;
  for (let b = 0; b < bidInstance.length; b += 1) {
    const i = bidInstance[b]!;
    const gain = price[i]! - bidWeight[b]! * minutes[i]! - surplus[bidPerson[b]!]!;
    if (won[b] === 1 ? gain < 0 : gain > 0) return { gains, failedBid: b };
    if (gain > 0) gains += gain;
  }
  return { gains, failedBid: -1 };
}

/*
 * Competitiveness follows from what is checked; the proof, for a bid of person j on instance i
 * with bid weight b, minutes t ≥ 1, price p, surplus u, weight w, all integers (the bids and
 * minutes by the index, p and u by the dual checks, w by the weight checks):
 * - A winner pays no more than its weight: a won bid has no negative gain, so p ≥ b·t + u ≥ b·t.
 *   Under the lowest rule w·t ≥ p, so w ≥ b; under the highest rule w·t > p − t ≥ b·t − t, so
 *   w > b − 1, and w ≥ b. On a partial instance w is the highest accepted bid, so w ≥ b.
 * - A loser on a full instance gains nothing by switching: a lost bid has no positive gain, so
 *   p ≤ b·t + u. Under the lowest rule w·t ≤ p + t − 1 ≤ b·t + u + t − 1; under the highest
 *   w·t ≤ p ≤ b·t + u. Either way (w − b)·t ≤ u + t − 1: no more than rounding allows. A loser
 *   with spare capacity has u = 0 (slackness), so (w − b)·t ≤ t − 1 < t gives w ≤ b: no
 *   bidder below the weight is left out of a full instance.
 * Checking these bid by bid was a pass over every bid that could not fail once the passes
 * above had passed; the checker's verdict is the same without it.
 */

function bidName(indexed: IndexedInput, b: number): string {
  const { round, personIds, instanceIds } = indexed;
  return `${personIds[round.bidPerson[b]!]} on ${instanceIds[round.bidInstance[b]!]}`;
}

/**
 * Finds the bid behind each assignment. Assignments come sorted by instance, then person, as
 * the bids grouped by instance are (persons ascending by index, so by id), so a cursor walks
 * both, finding the person among the instance's bids by a binary search on their ids: no map
 * from id to person. Anything else is looked up by id and by binary search among the person's
 * bids (sorted by instance).
 */
class BidWalk {
  private instance = 0;
  private at = 0;

  private readonly indexed: IndexedInput;
  private readonly instances: IdLookup;
  private readonly persons: IdLookup;

  constructor(indexed: IndexedInput, instances: IdLookup, persons: IdLookup) {
    this.indexed = indexed;
    this.instances = instances;
    this.persons = persons;
  }

  /** The bid index of the assignment, or −1 when it is not a bid. */
  find(a: Assignment): number {
    const { round, instanceIds, personIds } = this.indexed;
    const { start, order, person: arcPerson } = round.bidsByInstance;
    const m = round.instanceCount;
    while (this.instance < m && compareIds(instanceIds[this.instance]!, a.instanceId) < 0) {
      this.instance += 1;
      this.at = start[this.instance]!;
    }
    if (this.instance < m && instanceIds[this.instance] === a.instanceId) {
      // The first of the instance's bids from the cursor on whose person's id is not below
      // the assignment's (ids compare as code units, the order persons are indexed in).
      const id = a.personId;
      let low = this.at;
      let high = start[this.instance + 1]!;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (personIds[arcPerson[mid]!]! < id) low = mid + 1;
        else high = mid;
      }
      this.at = low;
      if (low < start[this.instance + 1]! && personIds[arcPerson[low]!] === id) {
        this.at = low + 1;
        return order[low]!;
      }
    }
    return this.lookUp(a);
  }

  private lookUp(a: Assignment): number {
    const { bidStart, bidInstance } = this.indexed.round;
    const i = this.instances.find(a.instanceId);
    const j = this.persons.find(a.personId);
    if (i < 0 || j < 0) return -1;
    let low = bidStart[j]!;
    let high = bidStart[j + 1]! - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (bidInstance[mid] === i) return mid;
      if (bidInstance[mid]! < i) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }
}
