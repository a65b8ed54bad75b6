// The solver's warm start (flow.ts): an exact auction that places most single-unit rows before
// the successive shortest path searches finish the rest.

import type { Transportation } from './flow.ts';

/**
 * Limits of the warm start, in arc scans. It is a heuristic (the searches finish whatever it
 * leaves), so it stops when it stops paying: after one pass over all arcs' worth of bids
 * without placing one more row (by then its last rows take about a million bids each on the
 * uniform 100k town, more than a search costs), and in any case after WARM_START_SCANS_PER_ARC
 * passes. Measured on U 100k × 100k × 20 (one run each, shared cores): a fixed cap of 16, 32,
 * 64, 128 passes left 486, 82, 18, 18 rows to the searches and the flow took 31, 12, 7.8 and
 * 12 s; the progress rule stops after about 60 passes with 32 rows left, flow 10.5 s.
 */
const WARM_START_SCANS_PER_ARC = 64;

/**
 * Warm start: the augmenting row reduction of Jonker and Volgenant, an auction with ε = 0 in
 * the same exact pair arithmetic as the searches. A free single-unit row takes the column of
 * best value (column potential − arc cost, pairs); if that column is full with one unit, its
 * potential drops until the row is indifferent to its second best, and the previous holder
 * becomes free and bids again. Every row placed this way keeps the invariants of the searches
 * (no reduced cost below zero, unmet columns at their empty cost, no idle flow), so the exact
 * successive shortest paths simply continue from here and the optimum (objective, then Σ rank)
 * is the same as without the warm start; only which of several exactly tied optima is found
 * may differ. Long augmentations late in the searches are the cost on tight uniform rounds
 * (docs/BENCHMARKS.md); the auction settles most rows in a few arc scans each. Rows are taken
 * first in index order, then in the order they were displaced, so the result is canonical.
 * Returns 1 for each row it placed.
 */
export function warmStart(
  t: Transportation,
  node: Float64Array,
  arc: Float64Array,
  arcHead: Int32Array,
  holderStart: Int32Array,
  holderArc: Int32Array,
  holderRow: Int32Array,
  holderPosition: Int32Array,
  colFilled: Int32Array,
  rowUsed: Int32Array,
): Uint8Array {
  const n = t.rowCount;
  const { arcStart, rowSupply, colDemand, rowIdleCost, rowIdleRank } = t;
  const warm = new Uint8Array(n);
  if (n === 0) return warm;
  // Free rows waiting to bid, a ring: a row is in it at most once, so n entries suffice.
  const queue = new Int32Array(n);
  let head = 0;
  let size = 0;
  for (let r = 0; r < n; r += 1) {
    if (rowSupply[r] === 1 && arcStart[r + 1]! > arcStart[r]!) {
      queue[size] = r;
      size += 1;
    }
  }
  const arcCount = arcStart[n]!;
  let budget = WARM_START_SCANS_PER_ARC * arcCount;
  let fewestFree = size;
  let sinceProgress = 0;
  // A third price coordinate that only the warm start sees: each displacement lowers it by one
  // more than needed, so rows tied in (primary, secondary) still make progress, as ε does in
  // an auction. A reduced cost ≥ (0, 0, −1) in triples is ≥ (0, 0) in pairs, so the searches,
  // which ignore it, still see exact complementary slackness. It lives in the column's distance
  // field, node[4(n + c) + 2] (unused until the searches, which set a distance before reading
  // it), so that a bid reads one cache line per column; it is cleared before returning.
  while (size > 0 && budget > 0 && sinceProgress <= arcCount) {
    if (size < fewestFree) {
      fewestFree = size;
      sinceProgress = 0;
    }
    const r = queue[head]!;
    head = head + 1 === n ? 0 : head + 1;
    size -= 1;
    const first = arcStart[r]!;
    const last = arcStart[r + 1]!;
    budget -= last - first + 1;
    sinceProgress += last - first + 1;
    // Best and second-best value; staying idle is a candidate too (no arc, value −idle).
    let b1P = -rowIdleCost[r]!;
    let b1S = -rowIdleRank[r]!;
    let a1 = -1;
    let b1T = 0;
    let b2P = Number.NEGATIVE_INFINITY;
    let b2S = Number.NEGATIVE_INFINITY;
    let b2T = Number.NEGATIVE_INFINITY;
    for (let a = first; a < last; a += 1) {
      const c = arcHead[a]!;
      const cAt = 4 * (n + c);
      const vP = node[cAt]! - arc[2 * a]!;
      const vS = node[cAt + 1]! - arc[2 * a + 1]!;
      const vT = node[cAt + 2]!;
      if (vP > b1P || (vP === b1P && (vS > b1S || (vS === b1S && vT > b1T)))) {
        b2P = b1P;
        b2S = b1S;
        b2T = b1T;
        b1P = vP;
        b1S = vS;
        b1T = vT;
        a1 = a;
      } else if (vP > b2P || (vP === b2P && (vS > b2S || (vS === b2S && vT > b2T)))) {
        b2P = vP;
        b2S = vS;
        b2T = vT;
      }
    }
    // Idle is best: the searches decide that row (one short search).
    if (a1 < 0) continue;
    const a = a1;
    const c = arcHead[a1]!;
    // The row's potential after taking c: b1 if c has room, b2 once c's price has dropped.
    let uP = b2P;
    let uS = b2S;
    if (colFilled[c]! < colDemand[c]!) {
      uP = b1P;
      uS = b1S;
    } else if (colDemand[c] !== 1) {
      continue; // displacing one of several holders would need more care: left to the searches
    } else {
      // Lower c's potential so that r is indifferent to its second best; the previous holder
      // is free and bids again.
      const cAt = 4 * (n + c);
      node[cAt] = arc[2 * a]! + uP;
      node[cAt + 1] = arc[2 * a + 1]! + uS;
      node[cAt + 2] = b2T - 1;
      const at = holderStart[c]!;
      const k = holderRow[at]!;
      const ka = holderArc[at]!;
      arcHead[ka] = c;
      holderPosition[ka] = -1;
      colFilled[c] = 0;
      rowUsed[k] = 0;
      warm[k] = 0;
      let tail = head + size;
      if (tail >= n) tail -= n;
      queue[tail] = k;
      size += 1;
    }
    arcHead[a] = ~c;
    const at = holderStart[c]! + colFilled[c]!;
    holderArc[at] = a;
    holderRow[at] = r;
    holderPosition[a] = at;
    colFilled[c] = colFilled[c]! + 1;
    rowUsed[r] = 1;
    warm[r] = 1;
    node[4 * r] = uP;
    node[4 * r + 1] = uS;
  }
  for (let c = 0; c < t.colCount; c += 1) node[4 * (n + c) + 2] = 0;
  return warm;
}
