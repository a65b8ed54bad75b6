// Putting a round's bids in canonical order (by person, then instance) as typed arrays. Stores
// usually list each person's bids together, so when the input does, each person's run is copied
// as one block to its place and sorted there: sequential reads and writes, no permutation to
// chase. Otherwise the bids are grouped by a counting sort and permuted in place along the
// permutation's cycles (no second copy of the bids, but one cache miss after another).

import { groupByKey } from './groups.ts';

export interface BidsByPerson {
  /** Bids of person j are bidStart[j] … bidStart[j+1]−1, instances strictly ascending. */
  readonly bidStart: Int32Array;
  readonly bidPerson: Int32Array;
  readonly bidInstance: Int32Array;
  readonly bidWeight: Int32Array;
}

/** A person who bid twice on one instance (the first such person in canonical order). */
export interface DuplicateBid {
  readonly person: number;
  readonly instance: number;
}

/**
 * Orders the bids, given in input order as (person, instance, weight) in three arrays, by
 * person and instance. The arrays may be reused for the result (bidPerson always is).
 */
export function orderBidsByPerson(
  bidPerson: Int32Array,
  bidInstance: Int32Array,
  bidWeight: Int32Array,
  personCount: number,
): BidsByPerson | DuplicateBid {
  const copied = copyRunsInPlace(bidPerson, bidInstance, bidWeight, personCount);
  if (copied !== null) return copied;
  const ordered = permuteByPerson(bidPerson, bidInstance, bidWeight, personCount);
  const { bidStart } = ordered;
  for (let j = 0; j < personCount; j += 1) {
    const duplicate = duplicateIn(ordered.bidInstance, bidStart[j]!, bidStart[j + 1]!);
    if (duplicate >= 0) return { person: j, instance: duplicate };
  }
  for (let j = 0; j < personCount; j += 1) bidPerson.fill(j, bidStart[j]!, bidStart[j + 1]!);
  return { ...ordered, bidPerson };
}

type Ordered = Omit<BidsByPerson, 'bidPerson'>;

/** The first instance that appears twice in the sorted key[from..to), or −1. */
function duplicateIn(key: Int32Array, from: number, to: number): number {
  for (let at = from + 1; at < to; at += 1) if (key[at] === key[at - 1]) return key[at]!;
  return -1;
}

/**
 * When each person's bids are one run of the input: copies each run to its place, sorts it,
 * checks it for duplicates and writes its person, person by person in canonical order (one
 * pass that writes in order); else null.
 */
function copyRunsInPlace(
  bidPerson: Int32Array,
  bidInstance: Int32Array,
  bidWeight: Int32Array,
  personCount: number,
): BidsByPerson | DuplicateBid | null {
  const bids = bidPerson.length;
  const bidStart = new Int32Array(personCount + 1);
  // Where each person's run begins in the input: after this pass bidPerson is no longer read,
  // so it can take the persons in canonical order.
  const runStart = new Int32Array(personCount);
  for (let b = 0; b < bids; b += 1) {
    const j = bidPerson[b]!;
    if (bidStart[j + 1] === 0) runStart[j] = b;
    // A person seen before whose run has ended: the bids are not grouped.
    else if (bidPerson[b - 1] !== j) return null;
    bidStart[j + 1] = bidStart[j + 1]! + 1;
  }
  for (let j = 0; j < personCount; j += 1) bidStart[j + 1] = bidStart[j + 1]! + bidStart[j]!;
  const instance = new Int32Array(bids);
  const weight = new Int32Array(bids);
  for (let j = 0; j < personCount; j += 1) {
    const to = bidStart[j]!;
    const end = bidStart[j + 1]!;
    const from = runStart[j]! - to;
    // Element by element: a subarray view per person would be a million allocations.
    for (let at = to; at < end; at += 1) {
      instance[at] = bidInstance[from + at]!;
      weight[at] = bidWeight[from + at]!;
      bidPerson[at] = j;
    }
    sortPairs(instance, weight, to, end);
    const duplicate = duplicateIn(instance, to, end);
    if (duplicate >= 0) return { person: j, instance: duplicate };
  }
  return { bidStart, bidPerson, bidInstance: instance, bidWeight: weight };
}

/** Sorts key[from..to) ascending, moving value[] along: insertion sort for a person's few bids. */
function sortPairs(key: Int32Array, value: Int32Array, from: number, to: number): void {
  if (to - from > 24) {
    const keys = key.slice(from, to);
    const values = value.slice(from, to);
    const order = Int32Array.from({ length: to - from }, (_, k) => k);
    order.sort((a, b) => keys[a]! - keys[b]! || a - b);
    for (let k = 0; k < order.length; k += 1) {
      key[from + k] = keys[order[k]!]!;
      value[from + k] = values[order[k]!]!;
    }
    return;
  }
  for (let at = from + 1; at < to; at += 1) {
    const k = key[at]!;
    const v = value[at]!;
    let into = at;
    while (into > from && key[into - 1]! > k) {
      key[into] = key[into - 1]!;
      value[into] = value[into - 1]!;
      into -= 1;
    }
    key[into] = k;
    value[into] = v;
  }
}

/** Any input order: a counting sort by person, each person's bids sorted, permuted in place. */
function permuteByPerson(
  bidPerson: Int32Array,
  bidInstance: Int32Array,
  bidWeight: Int32Array,
  personCount: number,
): Ordered {
  const { start: bidStart, order } = groupByKey(bidPerson, personCount);
  for (let j = 0; j < personCount; j += 1) {
    sortByKey(order, bidStart[j]!, bidStart[j + 1]!, bidInstance);
  }
  permuteInPlace(order, bidInstance, bidWeight);
  return { bidStart, bidInstance, bidWeight };
}

/** Sorts items[from..to) by key[item]: insertion sort for the few bids of one person. */
function sortByKey(items: Int32Array, from: number, to: number, key: Int32Array): void {
  if (to - from > 24) {
    items.subarray(from, to).sort((a, b) => key[a]! - key[b]!);
    return;
  }
  for (let at = from + 1; at < to; at += 1) {
    const item = items[at]!;
    const value = key[item]!;
    let into = at;
    while (into > from && key[items[into - 1]!]! > value) {
      items[into] = items[into - 1]!;
      into -= 1;
    }
    items[into] = item;
  }
}

/**
 * Rearranges both arrays so that a[at] becomes the old a[order[at]], following the cycles of
 * the permutation instead of copying; `order` is used up (its entries are marked as visited).
 */
function permuteInPlace(order: Int32Array, a: Int32Array, b: Int32Array): void {
  for (let first = 0; first < order.length; first += 1) {
    if (order[first]! < 0) continue;
    const keptA = a[first]!;
    const keptB = b[first]!;
    let at = first;
    for (;;) {
      const from = order[at]!;
      order[at] = ~from;
      if (from === first) {
        a[at] = keptA;
        b[at] = keptB;
        break;
      }
      a[at] = a[from]!;
      b[at] = b[from]!;
      at = from;
    }
  }
}
