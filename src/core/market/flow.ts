// The exact solver of one pool round: a transportation problem solved by successive shortest
// paths with Dijkstra on reduced costs (Jonker–Volgenant style: one unit of a row at a time,
// each search stopping at the first way out). See docs/decisions/0005.
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
  readonly arcCol: Int32Array;
  readonly arcCost: Float64Array;
  readonly arcRank: Float64Array;
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

export function solveTransportation(t: Transportation): TransportationSolution {
  const n = t.rowCount;
  const m = t.colCount;
  const nodes = n + m;
  const { arcStart, arcRow, rowSupply, colDemand } = t;
  const { rowIdleCost, rowIdleRank, colEmptyCost, colEmptyRank } = t;
  const arcCount = arcRow.length;

  // Memory layout for the hot loop (it is bound by memory latency): the four numbers of a
  // node share a cache line — node[4v] potential, [4v+1] its secondary, [4v+2] distance,
  // [4v+3] its secondary — and so do an arc's cost and rank. An arc in use is marked by
  // storing its column as ~column. Rows 0..n−1, columns n..n+m−1.
  const node = new Float64Array(4 * nodes);
  for (let c = 0; c < m; c += 1) {
    node[4 * (n + c)] = colEmptyCost[c]!;
    node[4 * (n + c) + 1] = colEmptyRank[c]!;
  }
  const arc = new Float64Array(2 * arcCount);
  for (let a = 0; a < arcCount; a += 1) {
    arc[2 * a] = t.arcCost[a]!;
    arc[2 * a + 1] = t.arcRank[a]!;
  }
  const arcHead = t.arcCol.slice();
  // mark[v] = 2·stamp once v is reached in search `stamp`, 2·stamp + 1 once it is settled.
  const mark = new Int32Array(nodes);
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

  let stamp = 0;
  let augmentations = 0;
  let settledNodes = 0;

  for (let source = 0; source < n; source += 1) {
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
      stamp += 1;
      const seenMark = 2 * stamp;
      const doneMark = seenMark + 1;
      let settledCount = 0;
      node[sourceAt + 2] = 0;
      node[sourceAt + 3] = 0;
      mark[source] = seenMark;
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
        mark[v] = doneMark;
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
            const seen = mark[w]!;
            if (seen === doneMark) continue;
            const wAt = 4 * w;
            const nP = dP + arc[2 * a]! + vP - node[wAt]!;
            const nS = dS + arc[2 * a + 1]! + vS - node[wAt + 1]!;
            // A node at or beyond the best way out will never be settled: do not queue it.
            if (nP > zP || (nP === zP && nS >= zS)) continue;
            if (
              seen !== seenMark ||
              nP < node[wAt + 2]! ||
              (nP === node[wAt + 2]! && nS < node[wAt + 3]!)
            ) {
              mark[w] = seenMark;
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
            const seen = mark[k]!;
            if (seen === doneMark) continue;
            const a = holderArc[at]!;
            const kAt = 4 * k;
            const nP = dP - arc[2 * a]! + vP - node[kAt]!;
            const nS = dS - arc[2 * a + 1]! + vS - node[kAt + 1]!;
            if (nP > zP || (nP === zP && nS >= zS)) continue;
            if (
              seen !== seenMark ||
              nP < node[kAt + 2]! ||
              (nP === node[kAt + 2]! && nS < node[kAt + 3]!)
            ) {
              mark[k] = seenMark;
              node[kAt + 2] = nP;
              node[kAt + 3] = nS;
              pred[k] = a;
              heap.pushOrDecrease(k);
            }
          }
        }
      }
      heap.clear();
      settledNodes += settledCount;

      // Keep reduced costs non-negative: settled nodes move by d(v) − d(Z) (JV update).
      for (let s = 0; s < settledCount; s += 1) {
        const vAt = 4 * settled[s]!;
        node[vAt] = node[vAt]! + node[vAt + 2]! - zP;
        node[vAt + 1] = node[vAt + 1]! + node[vAt + 3]! - zS;
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

/** A round in integer indices, persons and instances already in canonical order. */
export interface IndexedRound {
  readonly personCount: number;
  readonly instanceCount: number;
  readonly capacity: Int32Array;
  readonly slots: Int32Array;
  readonly minutes: Int32Array;
  /** w_cap × minutes_i: the cost of leaving one slot of i empty. */
  readonly emptyCost: Float64Array;
  /** The secondary cost of an empty slot: larger than every bid's rank. */
  readonly emptyRank: number;
  /** CSR by person: bids of person j are bidStart[j] … bidStart[j+1]−1, instances ascending. */
  readonly bidStart: Int32Array;
  readonly bidInstance: Int32Array;
  readonly bidPerson: Int32Array;
  readonly bidWeight: Int32Array;
  /** bid weight × minutes of the instance. */
  readonly bidCost: Float64Array;
  readonly bidRank: Float64Array;
}

export interface FlowSolution {
  /** 1 where the bid won a slot. */
  readonly assigned: Uint8Array;
  readonly assignedCount: Int32Array;
  readonly filledCount: Int32Array;
  /** p_i for instances, u_j for persons (optimal duals of the primary problem). */
  readonly instancePrice: Float64Array;
  readonly personSurplus: Float64Array;
  /** Which side the searches started from. */
  readonly orientation: Orientation;
  readonly augmentations: number;
  readonly settledNodes: number;
}

export type Orientation = 'persons' | 'slots';

/**
 * Which side the searches start from. A search ends at the first way out: an empty slot when
 * starting from persons, an idle person when starting from slots. With more capacity than
 * slots, idle persons abound, so slots are the better start (region: 0.2M settled nodes
 * instead of 49M); with less, empty slots abound and persons are. When the two are close,
 * skew decides: if some instance draws far more bids than the average (Zipf popularity), the
 * searches from persons wander through the crowd around it, so start from slots (Z 100k: 1M
 * settled nodes instead of 81M); on uniform instances persons are slightly better. The choice
 * depends only on totals and counts, so it does not depend on input order.
 */
export function chooseOrientation(round: IndexedRound): Orientation {
  let capacity = 0;
  let slots = 0;
  for (const c of round.capacity) capacity += c;
  for (const s of round.slots) slots += s;
  if (capacity < slots) return 'persons';
  if (capacity >= 2 * slots) return 'slots';
  const perInstance = new Int32Array(round.instanceCount);
  let most = 0;
  for (const i of round.bidInstance) {
    perInstance[i] = perInstance[i]! + 1;
    if (perInstance[i]! > most) most = perInstance[i]!;
  }
  const average = round.bidInstance.length / Math.max(1, round.instanceCount);
  return most > SKEW_FACTOR * average ? 'slots' : 'persons';
}

/** An instance with this many times the average number of bids makes the round skewed. */
const SKEW_FACTOR = 8;

export function solveRound(
  round: IndexedRound,
  orientation: Orientation = chooseOrientation(round),
): FlowSolution {
  const n = round.personCount;
  const m = round.instanceCount;
  const bids = round.bidInstance.length;
  const zeros = (k: number) => new Float64Array(k);
  const emptyRanks = new Float64Array(m).fill(round.emptyRank);
  if (orientation === 'persons') {
    const s = solveTransportation({
      rowCount: n,
      colCount: m,
      rowSupply: round.capacity,
      colDemand: round.slots,
      rowIdleCost: zeros(n),
      rowIdleRank: zeros(n),
      colEmptyCost: round.emptyCost,
      colEmptyRank: emptyRanks,
      arcStart: round.bidStart,
      arcRow: round.bidPerson,
      arcCol: round.bidInstance,
      arcCost: round.bidCost,
      arcRank: round.bidRank,
    });
    return {
      assigned: s.used,
      assignedCount: s.rowUsed,
      filledCount: s.colFilled,
      instancePrice: s.colPotential,
      personSurplus: s.rowPotential,
      orientation,
      augmentations: s.augmentations,
      settledNodes: s.settledNodes,
    };
  }
  // Transposed: instances are rows (idle = empty slot), persons are columns (unmet = idle).
  const arcStart = new Int32Array(m + 1);
  for (let b = 0; b < bids; b += 1) {
    const at = round.bidInstance[b]! + 1;
    arcStart[at] = arcStart[at]! + 1;
  }
  for (let i = 0; i < m; i += 1) arcStart[i + 1] = arcStart[i + 1]! + arcStart[i]!;
  const fill = arcStart.slice(0, m);
  const arcBid = new Int32Array(bids);
  for (let b = 0; b < bids; b += 1) {
    const i = round.bidInstance[b]!;
    arcBid[fill[i]!] = b;
    fill[i] = fill[i]! + 1;
  }
  const arcRow = new Int32Array(bids);
  const arcCol = new Int32Array(bids);
  const arcCost = new Float64Array(bids);
  const arcRank = new Float64Array(bids);
  for (let a = 0; a < bids; a += 1) {
    const b = arcBid[a]!;
    arcRow[a] = round.bidInstance[b]!;
    arcCol[a] = round.bidPerson[b]!;
    arcCost[a] = round.bidCost[b]!;
    arcRank[a] = round.bidRank[b]!;
  }
  const s = solveTransportation({
    rowCount: m,
    colCount: n,
    rowSupply: round.slots,
    colDemand: round.capacity,
    rowIdleCost: round.emptyCost,
    rowIdleRank: emptyRanks,
    colEmptyCost: zeros(n),
    colEmptyRank: zeros(n),
    arcStart,
    arcRow,
    arcCol,
    arcCost,
    arcRank,
  });
  const assigned = new Uint8Array(bids);
  for (let a = 0; a < bids; a += 1) if (s.used[a] === 1) assigned[arcBid[a]!] = 1;
  // Row potentials are −p_i and column potentials −u_j in this orientation.
  const instancePrice = s.rowPotential.map((value) => (value === 0 ? 0 : -value));
  const personSurplus = s.colPotential.map((value) => (value === 0 ? 0 : -value));
  return {
    assigned,
    assignedCount: s.colFilled,
    filledCount: s.rowUsed,
    instancePrice,
    personSurplus,
    orientation,
    augmentations: s.augmentations,
    settledNodes: s.settledNodes,
  };
}
