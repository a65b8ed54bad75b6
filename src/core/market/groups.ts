// Items grouped by an integer key, each group in item order (a stable counting sort): the
// compressed layout (CSR) in which the solver, the price searches and the checker walk bids by
// person or by instance.

export interface Groups {
  /** Items of group g are order[start[g]] … order[start[g + 1] − 1]. */
  readonly start: Int32Array;
  readonly order: Int32Array;
}

/** Where each group starts when items are grouped by key: the counts' running sums. */
function groupStarts(key: Int32Array, groupCount: number): Int32Array {
  const start = new Int32Array(groupCount + 1);
  // An indexed loop: the iterator of `for … of` is many times slower until the engine has
  // optimised this function, and a clearing calls it once or twice.
  for (let item = 0; item < key.length; item += 1) {
    const g = key[item]!;
    start[g + 1] = start[g + 1]! + 1;
  }
  for (let g = 0; g < groupCount; g += 1) start[g + 1] = start[g + 1]! + start[g]!;
  return start;
}

/** Groups items 0..key.length−1 by key[item] ∈ 0..groupCount−1. */
export function groupByKey(key: Int32Array, groupCount: number): Groups {
  const start = groupStarts(key, groupCount);
  const fill = start.slice(0, groupCount);
  const order = new Int32Array(key.length);
  for (let item = 0; item < key.length; item += 1) {
    const g = key[item]!;
    order[fill[g]!] = item;
    fill[g] = fill[g]! + 1;
  }
  return { start, order };
}

/**
 * The bids grouped by instance, with each arc's person and weight copied beside the order: the
 * solver's transposed orientation, the price searches, the clearing and the checker then read
 * these in arc order instead of gathering bidPerson[order[at]] from all over the bid arrays (a
 * cache miss per read on a round of millions of bids). No arc per bid: only the persons
 * orientation needs one, once, and gathers through `order` instead.
 */
export interface BidsByInstance extends Groups {
  /** bidPerson[order[a]], for arc a. */
  readonly person: Int32Array;
  /** bidWeight[order[a]], for arc a. */
  readonly weight: Int32Array;
}

/** Groups bids by instance (stable, as groupByKey) and writes the per-arc copies in one pass. */
export function groupBidsByInstance(
  bidInstance: Int32Array,
  bidPerson: Int32Array,
  bidWeight: Int32Array,
  instanceCount: number,
): BidsByInstance {
  const bids = bidInstance.length;
  const start = groupStarts(bidInstance, instanceCount);
  const fill = start.slice(0, instanceCount);
  const order = new Int32Array(bids);
  const person = new Int32Array(bids);
  const weight = new Int32Array(bids);
  for (let b = 0; b < bids; b += 1) {
    const i = bidInstance[b]!;
    const a = fill[i]!;
    fill[i] = a + 1;
    order[a] = b;
    person[a] = bidPerson[b]!;
    weight[a] = bidWeight[b]!;
  }
  return { start, order, person, weight };
}
