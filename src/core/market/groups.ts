// Items grouped by an integer key, each group in item order (a stable counting sort): the
// compressed layout (CSR) in which the solver, the price searches and the checker walk bids by
// person or by instance.

export interface Groups {
  /** Items of group g are order[start[g]] … order[start[g + 1] − 1]. */
  readonly start: Int32Array;
  readonly order: Int32Array;
}

/** Groups items 0..key.length−1 by key[item] ∈ 0..groupCount−1. */
export function groupByKey(key: Int32Array, groupCount: number): Groups {
  const start = new Int32Array(groupCount + 1);
  for (const g of key) start[g + 1] = start[g + 1]! + 1;
  for (let g = 0; g < groupCount; g += 1) start[g + 1] = start[g + 1]! + start[g]!;
  const fill = start.slice(0, groupCount);
  const order = new Int32Array(key.length);
  for (let item = 0; item < key.length; item += 1) {
    const g = key[item]!;
    order[fill[g]!] = item;
    fill[g] = fill[g]! + 1;
  }
  return { start, order };
}
