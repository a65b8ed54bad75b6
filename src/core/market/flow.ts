// The exact solver of one pool round: a transportation problem solved by successive shortest
// paths with Dijkstra on reduced costs (Jonker–Volgenant style: one unit of a row at a time,
// each search stopping at the first way out). See docs/decisions/0005. An exact auction places
// most single-unit rows first (`warmStart`, warm-start.ts), so the searches only finish the rest.
//
// The solver is written for an abstract orientation so it can search from either side:
// rows (supply rowSupply_r, leaving a unit unused costs rowIdleCost_r) and columns (demand
// colDemand_c, leaving a unit unmet costs colEmptyCost_c), with arcs r→c of capacity 1.
// Persons as rows and instances as columns: idle costs 0, empty costs w_cap × minutes. The
// transposed orientation has the same optimum. Network: r→c (arc cost), r→Z (idle), D→c
// (empty), D→Z (0); D and Z keep potential 0, so the potentials are the problem's duals.
//
// Ties. Every cost is a pair (primary, secondary) compared lexicographically: the primary is
// weight-milli × minutes, the secondary a priority rank (rotation fairness, then the lottery).
// The flow therefore minimises the objective exactly and, among optimal flows, Σ rank; the
// primary parts of the potentials are optimal duals of the primary problem.

import { PairHeap } from './heap.ts';
import { warmStart } from './warm-start.ts';

export interface Transportation {
  readonly rowCount: number;
  readonly colCount: number;
  readonly rowSupply: Int32Array;
  readonly colDemand: Int32Array;
  readonly rowIdleCost: Float64Array;
  readonly rowIdleRank: Float64Array;
  readonly colEmptyCost: Float64Array;
  readonly colEmptyRank: Float64Array;
  /** CSR by row: arcs of row r are arcStart[r] … arcStart[r+1]−1. */
  readonly arcStart: Int32Array;
  readonly arcRow: Int32Array;
  /** The column of each arc. The solver takes this array over and marks arcs in use in it. */
  readonly arcHead: Int32Array;
  /** Cost and rank of arc a at [2a] and [2a + 1] (one cache line for the hot loop). */
  readonly arc: Float64Array;
}

export interface TransportationSolution {
  /** 1 where the arc carries a unit. */
  readonly used: Uint8Array;
  readonly rowUsed: Int32Array;
  readonly colFilled: Int32Array;
  /** Primary potentials (π(D) = π(Z) = 0). */
  readonly rowPotential: Float64Array;
  readonly colPotential: Float64Array;
  readonly augmentations: number;
  readonly settledNodes: number;
}

export interface SolveOptions {
  /** Place single-unit rows by an exact auction first (default); false for tests. */
  readonly warmStart?: boolean;
}

export function solveTransportation(
  t: Transportation,
  options: SolveOptions = {},
): TransportationSolution {
  const n = t.rowCount;
  const m = t.colCount;
  const nodes = n + m;
  const { arcStart, arcRow, rowSupply, colDemand } = t;
  const { rowIdleCost, rowIdleRank, colEmptyCost, colEmptyRank } = t;
  const arcCount = arcRow.length;

  // Memory layout for the hot loop (it is bound by memory latency): the four numbers of a
  // node share a cache line — node[4v] potential, [4v+1] its secondary, [4v+2] distance,
  // [4v+3] its secondary — and so do an arc's cost and rank. An arc in use is marked by
  // storing its column as ~column (arcHead is the solver's own). Rows 0..n−1, columns n..n+m−1.
  // A distance of +∞ means "not reached in this search": every search puts the distances it
  // set back to +∞, so no search needs a separate array of marks (one cache line per arc).
  const node = new Float64Array(4 * nodes);
  for (let c = 0; c < m; c += 1) {
    node[4 * (n + c)] = colEmptyCost[c]!;
    node[4 * (n + c) + 1] = colEmptyRank[c]!;
  }
  const { arc, arcHead } = t;
  const pred = new Int32Array(nodes);
  const settled = new Int32Array(nodes);
  const heap = new PairHeap(nodes, node, 4, 2);

  // Holders of each column's units (arc numbers and their rows side by side), swap-removed.
  const holderStart = new Int32Array(m + 1);
  for (let c = 0; c < m; c += 1) holderStart[c + 1] = holderStart[c]! + colDemand[c]!;
  const holderArc = new Int32Array(holderStart[m]!);
  const holderRow = new Int32Array(holderStart[m]!);
  const colFilled = new Int32Array(m);
  const holderPosition = new Int32Array(arcCount).fill(-1);
  const rowUsed = new Int32Array(n);

  let augmentations = 0;
  let settledNodes = 0;

  const warm =
    options.warmStart === false
      ? new Uint8Array(n)
      : warmStart(
          t,
          node,
          arc,
          arcHead,
          holderStart,
          holderArc,
          holderRow,
          holderPosition,
          colFilled,
          rowUsed,
        );

  for (let v = 0; v < nodes; v += 1) node[4 * v + 2] = Number.POSITIVE_INFINITY;

  for (let source = 0; source < n; source += 1) {
    // Rows placed by the warm start already satisfy every invariant the searches rely on.
    if (warm[source] === 1) continue;
    const first = arcStart[source]!;
    const last = arcStart[source + 1]!;
    const sourceAt = 4 * source;
    // A feasible start potential: max(−idle, max_c (π_c − cost)) lexicographically.
    let uP = -rowIdleCost[source]!;
    let uS = -rowIdleRank[source]!;
    for (let a = first; a < last; a += 1) {
      const wAt = 4 * (n + arcHead[a]!);
      const gP = node[wAt]! - arc[2 * a]!;
      const gS = node[wAt + 1]! - arc[2 * a + 1]!;
      if (gP > uP || (gP === uP && gS > uS)) {
        uP = gP;
        uS = gS;
      }
    }
    node[sourceAt] = uP;
    node[sourceAt + 1] = uS;

    const units = Math.min(rowSupply[source]!, last - first);
    for (let unit = 0; unit < units; unit += 1) {
      let settledCount = 0;
      node[sourceAt + 2] = 0;
      node[sourceAt + 3] = 0;
      heap.pushOrDecrease(source);
      // The best way out found so far: to Z through an idle row unit or an unmet column unit.
      let zP = Number.POSITIVE_INFINITY;
      let zS = Number.POSITIVE_INFINITY;
      let zFrom = -1;

      while (heap.size > 0) {
        const v = heap.peek();
        const vAt = 4 * v;
        const dP = node[vAt + 2]!;
        const dS = node[vAt + 3]!;
        if (dP > zP || (dP === zP && dS >= zS)) break;
        heap.pop();
        settled[settledCount] = v;
        settledCount += 1;
        const vP = node[vAt]!;
        const vS = node[vAt + 1]!;
        if (v < n) {
          // Row: leave one more unit idle, or take another column.
          const outP = dP + rowIdleCost[v]! + vP;
          const outS = dS + rowIdleRank[v]! + vS;
          if (outP < zP || (outP === zP && outS < zS)) {
            zP = outP;
            zS = outS;
            zFrom = v;
          }
          const end = arcStart[v + 1]!;
          for (let a = arcStart[v]!; a < end; a += 1) {
            const head = arcHead[a]!;
            if (head < 0) continue; // in use: its residual arc points back
            const w = n + head;
            const wAt = 4 * w;
            const nP = dP + arc[2 * a]! + vP - node[wAt]!;
            const nS = dS + arc[2 * a + 1]! + vS - node[wAt + 1]!;
            // A node at or beyond the best way out will never be settled: do not queue it.
            if (nP > zP || (nP === zP && nS >= zS)) continue;
            // Settled nodes need no test of their own: reduced costs are ≥ (0, 0), so a path
            // through v, settled after them, is never shorter than their distance.
            const wP = node[wAt + 2]!;
            if (nP < wP || (nP === wP && nS < node[wAt + 3]!)) {
              node[wAt + 2] = nP;
              node[wAt + 3] = nS;
              pred[w] = a;
              heap.pushOrDecrease(w);
            }
          }
        } else {
          const c = v - n;
          if (colFilled[c]! < colDemand[c]!) {
            // An unmet unit: the path ends through D.
            const outP = dP + vP - colEmptyCost[c]!;
            const outS = dS + vS - colEmptyRank[c]!;
            if (outP < zP || (outP === zP && outS < zS)) {
              zP = outP;
              zS = outS;
              zFrom = v;
            }
          }
          const end = holderStart[c]! + colFilled[c]!;
          for (let at = holderStart[c]!; at < end; at += 1) {
            const k = holderRow[at]!;
            const a = holderArc[at]!;
            const kAt = 4 * k;
            const nP = dP - arc[2 * a]! + vP - node[kAt]!;
            const nS = dS - arc[2 * a + 1]! + vS - node[kAt + 1]!;
            if (nP > zP || (nP === zP && nS >= zS)) continue;
            const kP = node[kAt + 2]!;
            if (nP < kP || (nP === kP && nS < node[kAt + 3]!)) {
              node[kAt + 2] = nP;
              node[kAt + 3] = nS;
              pred[k] = a;
              heap.pushOrDecrease(k);
            }
          }
        }
      }
      // Reached but not settled: back to "not reached".
      for (let at = 0; at < heap.size; at += 1)
        node[4 * heap.at(at) + 2] = Number.POSITIVE_INFINITY;
      heap.clear();
      settledNodes += settledCount;

      // Keep reduced costs non-negative: settled nodes move by d(v) − d(Z) (JV update).
      for (let s = 0; s < settledCount; s += 1) {
        const vAt = 4 * settled[s]!;
        node[vAt] = node[vAt]! + node[vAt + 2]! - zP;
        node[vAt + 1] = node[vAt + 1]! + node[vAt + 3]! - zS;
        node[vAt + 2] = Number.POSITIVE_INFINITY;
      }

      if (zFrom === source) break; // the row's best use of the rest is to stay idle
      augmentations += 1;
      let v = zFrom;
      if (v < n) rowUsed[v] = rowUsed[v]! - 1;
      while (v !== source) {
        const a = pred[v]!;
        if (v >= n) {
          const c = v - n;
          arcHead[a] = ~c;
          const at = holderStart[c]! + colFilled[c]!;
          holderArc[at] = a;
          holderRow[at] = arcRow[a]!;
          holderPosition[a] = at;
          colFilled[c] = colFilled[c]! + 1;
          v = arcRow[a]!;
        } else {
          const c = ~arcHead[a]!;
          arcHead[a] = c;
          const at = holderPosition[a]!;
          const lastAt = holderStart[c]! + colFilled[c]! - 1;
          const moved = holderArc[lastAt]!;
          holderArc[at] = moved;
          holderRow[at] = holderRow[lastAt]!;
          holderPosition[moved] = at;
          holderPosition[a] = -1;
          colFilled[c] = colFilled[c]! - 1;
          v = n + c;
        }
      }
      rowUsed[source] = rowUsed[source]! + 1;
    }
  }

  const used = new Uint8Array(arcCount);
  for (let a = 0; a < arcCount; a += 1) if (arcHead[a]! < 0) used[a] = 1;
  const rowPotential = new Float64Array(n);
  const colPotential = new Float64Array(m);
  for (let r = 0; r < n; r += 1) rowPotential[r] = node[4 * r]!;
  for (let c = 0; c < m; c += 1) colPotential[c] = node[4 * (n + c)]!;
  return { used, rowUsed, colFilled, rowPotential, colPotential, augmentations, settledNodes };
}
