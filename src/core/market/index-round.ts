// Validating one pool round and turning it into integer arrays in canonical order (persons and
// instances sorted by id, bids by person then instance). The round comes as objects
// (ClearingInput) or in columns (ClearingColumns, decision 0068); objects are turned into
// columns first, their ids looked up once per bid with a cursor (id-lookup.ts), never through a
// map per bid and person, and both forms are then checked and indexed by the same code.
// Everything after that is typed arrays, reordered without a second copy of the bids.

import type { PersonId, TaskInstanceId, TaskTemplateId } from '../ids.ts';
import { failure, ok, type Result } from '../result.ts';
import { orderBidsByPerson } from './bid-order.ts';
import { groupBidsByInstance } from './groups.ts';
import { IdLookup } from './id-lookup.ts';
import { lotteryRanks } from './lottery-ranks.ts';
import type { IndexedRound } from './round-solve.ts';
import { BIDS_PER_CLEARING_MAX, MINUTES_PER_SLOT_MAX, validateSettings } from './settings.ts';
import type { Bid, BidColumns, ClearingColumns, ClearingInput, RoundHeader } from './types.ts';

export interface IndexedInput {
  readonly round: IndexedRound;
  readonly personIds: readonly PersonId[];
  readonly instanceIds: readonly TaskInstanceId[];
  readonly templateIds: readonly TaskTemplateId[];
}

/** Positions 0..ids.length−1 ordered by id (code units); no sort when already in order. */
function positionsById(ids: readonly string[]): number[] {
  // Filled by push, which keeps a packed list of small integers (Array.from with a function
  // per entry took several times as long for a million persons).
  const positions: number[] = [];
  for (let k = 0; k < ids.length; k += 1) positions.push(k);
  let sorted = true;
  for (let k = 1; k < ids.length && sorted; k += 1) sorted = ids[k - 1]! <= ids[k]!;
  if (!sorted) positions.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
  return positions;
}

/** Validates the input and builds the integer round; persons and instances sorted by id. */
export function indexRound(input: ClearingInput): Result<IndexedInput> {
  const header = checkHeader(input, input.bids.length);
  if (!header.ok) return header;
  return indexColumns(columnsOf(input), input.bids);
}

/** indexRound for the columnar input (decision 0068): the same checks, arrays and failures. */
export function indexRoundColumns(input: ClearingColumns): Result<IndexedInput> {
  const { person, instance, weightMilli } = input.bids;
  if (instance.length !== person.length || weightMilli.length !== person.length) {
    return failure('market.columns_invalid', 'the bid columns differ in length');
  }
  if (input.persons.capacitySlots.length !== input.persons.ids.length) {
    return failure('market.columns_invalid', 'the person columns differ in length');
  }
  const header = checkHeader(input, person.length);
  if (!header.ok) return header;
  return indexColumns(input, null);
}

function checkHeader(input: RoundHeader, bidCount: number): Result<true> {
  const settings = validateSettings(input.settings);
  if (!settings.ok) return settings;
  if (bidCount > BIDS_PER_CLEARING_MAX) {
    return failure('market.too_many_bids', `at most ${BIDS_PER_CLEARING_MAX} bids per clearing`);
  }
  if (!Number.isSafeInteger(input.seed) || input.seed < 0 || input.seed > 0xffffffff) {
    return failure('market.seed_invalid', 'the seed is a 32-bit unsigned integer');
  }
  return ok(true);
}

/**
 * The columns of an object input, in the order given. Ids are found once per bid with a cursor
 * (id-lookup.ts); an unknown id becomes −1 and a weight or capacity that is no 32-bit integer
 * becomes a value that fails the same check, so indexColumns reports the same failure, in the
 * same order, as for any other input (its messages are taken from the bid objects).
 */
function columnsOf(input: ClearingInput): ClearingColumns {
  const n = input.capacities.length;
  // Filled by push: `new Array(n)` of a million entries would be a dictionary, not a list.
  const ids: PersonId[] = [];
  const capacitySlots = new Int32Array(n);
  for (let k = 0; k < n; k += 1) {
    const entry = input.capacities[k]!;
    ids.push(entry.personId);
    const slots = entry.capacitySlots;
    // 0 fails the capacity check as any value outside 1…1000000 does.
    capacitySlots[k] = Number.isSafeInteger(slots) && slots >= 1 && slots <= 1_000_000 ? slots : 0;
  }
  const persons = new IdLookup(ids);
  const instances = new IdLookup(input.instances.map((entry) => entry.id));
  const bidCount = input.bids.length;
  const person = new Int32Array(bidCount);
  const instance = new Int32Array(bidCount);
  const weightMilli = new Int32Array(bidCount);
  for (let b = 0; b < bidCount; b += 1) {
    const bid = input.bids[b]!;
    person[b] = persons.find(bid.personId);
    instance[b] = instances.find(bid.instanceId);
    const weight = bid.weightMilli;
    // Below 1 (and so below w_min) when no integer; above w_cap when beyond 32 bits.
    weightMilli[b] = !Number.isSafeInteger(weight) || weight < 1 ? 0 : Math.min(weight, INT32_MAX);
  }
  return { ...input, persons: { ids, capacitySlots }, bids: { person, instance, weightMilli } };
}

const INT32_MAX = 0x7fffffff;

/**
 * Validates the columns and builds the integer round. `asGiven` is the object input's bids
 * when the columns were built from them: the columns are then this module's own (their arrays
 * become the round's), and failures name the bids as given.
 */
function indexColumns(
  input: ClearingColumns,
  asGiven: readonly Bid[] | null,
): Result<IndexedInput> {
  const { minWeightMilli, capWeightMilli } = input.settings;
  const indexedInstances = indexInstances(input.instances, capWeightMilli);
  if (!indexedInstances.ok) return indexedInstances;
  const { instances, instanceOfPosition, slots, minutes, emptyCost } = indexedInstances.value;
  const m = instances.length;
  const instanceIds = instances.map((instance) => instance.id);

  const personIdsAsGiven = input.persons.ids;
  const indexedPersons = indexPersons(personIdsAsGiven, input.persons.capacitySlots);
  if (!indexedPersons.ok) return indexedPersons;
  const { personOrder, personOfPosition, capacity } = indexedPersons.value;
  const n = personOrder.length;
  const personIds = personOrder.map((k) => personIdsAsGiven[k]!);

  // Bids in input order first, checked and turned into canonical indices; then grouped by
  // person and sorted by instance. The caller's columns are copied, never written to.
  const columns = input.bids;
  const bidCount = columns.person.length;
  const own = asGiven !== null;
  const bidPerson = own ? columns.person : new Int32Array(bidCount);
  const bidInstanceAsGiven = own ? columns.instance : new Int32Array(bidCount);
  const bidWeightAsGiven = own ? columns.weightMilli : columns.weightMilli.slice();
  const failed = canonicalBids(
    columns,
    n,
    m,
    minWeightMilli,
    capWeightMilli,
    personOfPosition,
    instanceOfPosition,
    bidPerson,
    bidInstanceAsGiven,
  );
  if (failed >= 0) {
    const b = failed;
    const position = columns.person[b]!;
    if (!(position >= 0 && position < n)) {
      return failure(
        'market.bid_unknown_person',
        asGiven === null
          ? `bid ${b}: no person ${position} in this round`
          : `${asGiven[b]!.personId} has no capacity this period`,
      );
    }
    const at = columns.instance[b]!;
    if (!(at >= 0 && at < m)) {
      return failure(
        'market.bid_unknown_instance',
        asGiven === null
          ? `bid ${b}: no instance ${at} in this round`
          : `no instance ${asGiven[b]!.instanceId} in this round`,
      );
    }
    const weight = columns.weightMilli[b]!;
    const shown = asGiven === null ? weight : asGiven[b]!.weightMilli;
    const personId = personIdsAsGiven[position]!;
    return weight < minWeightMilli
      ? failure('market.bid_below_min', `bid ${shown} of ${personId} below w_min`)
      : failure('market.bid_above_cap', `bid ${shown} of ${personId} above w_cap`);
  }
  const ordered = orderBidsByPerson(bidPerson, bidInstanceAsGiven, bidWeightAsGiven, n);
  if (!('bidStart' in ordered)) {
    const { person, instance } = ordered;
    return failure(
      'market.duplicate_bid',
      `${personIds[person]} bid twice on ${instanceIds[instance]}`,
    );
  }
  const { bidStart, bidInstance, bidWeight } = ordered;

  // Priority for ties: fewer weighted hours from the template in the last K periods, then the
  // lottery ticket of the round's seed, then the id (MODEL.md §4 "Determinism").
  const recent = recentEffort(input, new IdLookup(personIdsAsGiven), personOfPosition);
  const distinctRecent = [...new Set([0, ...recent.values].filter((v) => v >= 0))];
  distinctRecent.sort((a, b) => a - b);
  const recentRank = new Map<number, number>(distinctRecent.map((value, rank) => [value, rank]));
  const lotteryRank = lotteryRanks(input.seed, personIds);

  let bidRecentRank: Int32Array | null = null;
  if (recent.values.length > 0) {
    bidRecentRank = new Int32Array(bidCount);
    for (let b = 0; b < bidCount; b += 1) {
      const effort = recent.lookup(bidPerson[b]!, instances[bidInstance[b]!]!.templateId);
      bidRecentRank[b] = recentRank.get(effort)!;
    }
  }

  const bidsByInstance = groupBidsByInstance(bidInstance, bidPerson, bidWeight, m);
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
      lotteryRank,
      bidRecentRank,
    },
    personIds,
    instanceIds,
    templateIds: instances.map((instance) => instance.templateId),
  });
}

/**
 * The instances sorted by id, checked, and their integer columns. This pass and the persons'
 * are functions of their own, as the passes over the bids are: the engine then optimises each
 * loop soon, where inside the long indexColumns it waited for the whole function.
 */
function indexInstances(
  given: ClearingColumns['instances'],
  capWeightMilli: number,
): Result<{
  readonly instances: ClearingColumns['instances'];
  readonly instanceOfPosition: Int32Array;
  readonly slots: Int32Array;
  readonly minutes: Int32Array;
  readonly emptyCost: Float64Array;
}> {
  const instanceOrder = positionsById(given.map((instance) => instance.id));
  const instances = instanceOrder.map((k) => given[k]!);
  const m = instances.length;
  // The canonical index of the instance given at each position of input.instances.
  const instanceOfPosition = new Int32Array(m);
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
    instanceOfPosition[instanceOrder[i]!] = i;
    slots[i] = instance.slots;
    minutes[i] = length;
    emptyCost[i] = capWeightMilli * length;
  }
  return ok({ instances, instanceOfPosition, slots, minutes, emptyCost });
}

/** The persons' order by id, checked (no duplicate, capacity 1…1000000), and their capacity. */
function indexPersons(
  personIdsAsGiven: readonly string[],
  capacityAsGiven: Int32Array,
): Result<{
  readonly personOrder: number[];
  readonly personOfPosition: Int32Array;
  readonly capacity: Int32Array;
}> {
  const personOrder = positionsById(personIdsAsGiven);
  const n = personOrder.length;
  // The canonical index of the person given at each position of input.persons.
  const personOfPosition = new Int32Array(n);
  const capacity = new Int32Array(n);
  for (let j = 0; j < n; j += 1) {
    const position = personOrder[j]!;
    const personId = personIdsAsGiven[position]!;
    if (j > 0 && personIdsAsGiven[personOrder[j - 1]!] === personId) {
      return failure('market.duplicate_person', `person ${personId} appears twice`);
    }
    const slotsOfPerson = capacityAsGiven[position]!;
    if (slotsOfPerson < 1 || slotsOfPerson > 1_000_000) {
      return failure('market.capacity_invalid', `person ${personId}: capacity must be ≥ 1`);
    }
    personOfPosition[position] = j;
    capacity[j] = slotsOfPerson;
  }
  return ok({ personOrder, personOfPosition, capacity });
}

/**
 * Checks the bids in input order and writes each one's canonical person and instance; returns
 * the first bid that fails (unknown person or instance, weight outside [w_min, w_cap]) or −1.
 * A function of its own so that the engine optimises this pass over every bid on its own.
 */
function canonicalBids(
  columns: BidColumns,
  n: number,
  m: number,
  minWeightMilli: number,
  capWeightMilli: number,
  personOfPosition: Int32Array,
  instanceOfPosition: Int32Array,
  bidPerson: Int32Array,
  bidInstance: Int32Array,
): number {
  const { person, instance, weightMilli } = columns;
  for (let b = 0; b < person.length; b += 1) {
    const position = person[b]!;
    const at = instance[b]!;
    const weight = weightMilli[b]!;
    if (!(position >= 0 && position < n && at >= 0 && at < m)) return b;
    if (weight < minWeightMilli || weight > capWeightMilli) return b;
    bidPerson[b] = personOfPosition[position]!;
    bidInstance[b] = instanceOfPosition[at]!;
  }
  return -1;
}

interface RecentEffort {
  readonly values: number[];
  lookup(person: number, templateId: string): number;
}

/** Σ weighted mWH per (person, template) over periods [period − K, period − 1]. */
function recentEffort(
  input: ClearingColumns,
  persons: IdLookup,
  personOfPosition: Int32Array,
): RecentEffort {
  const K = input.settings.rotationWindowPeriods;
  const byPerson = new Map<number, Map<string, number>>();
  for (const entry of input.history) {
    if (entry.period >= input.period || entry.period < input.period - K) continue;
    const position = persons.find(entry.personId);
    if (position < 0) continue;
    const j = personOfPosition[position]!;
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
