// The exact solver of one pool round: a transportation problem solved by successive shortest
// paths with Dijkstra on reduced costs (Jonker–Volgenant style: one unit of a row at a time,
// each search stopping at the first way out). See docs/decisions/0005. An exact auction places
// most single-unit rows first (`warmStart`), so the searches only finish the rest.
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

import type { BidsByInstance } from './groups.ts';
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
  /** The same bids grouped by instance (persons ascending within one), built once per round
   *  for the transposed solver, the price searches and the assignments. */
  readonly bidsByInstance: BidsByInstance;
  readonly bidPerson: Int32Array;
  readonly bidWeight: Int32Array;
  /** Each person's place in the round's lottery (0 draws first). */
  readonly lotteryRank: Int32Array;
  /** Per bid, the rank of the bidder's recent hours on its template (fewer first); null when
   *  nobody has any, so every bid's is 0. */
  readonly bidRecentRank: Int32Array | null;
}

/** What bid b costs: its weight × the minutes of its instance (weight-milli × minutes). */
export function bidCost(round: IndexedRound, b: number): number {
  return round.bidWeight[b]! * round.minutes[round.bidInstance[b]!]!;
}

/** The secondary cost of bid b: rotation fairness first, then the lottery. */
export function bidRank(round: IndexedRound, b: number): number {
  const recent = round.bidRecentRank === null ? 0 : round.bidRecentRank[b]!;
  return recent * round.personCount + round.lotteryRank[round.bidPerson[b]!]!;
}

export interface FlowSolution {
  /** 1 where the bid won a slot. */
  readonly assigned: Uint8Array;
  /** The same, arc by arc of the bids grouped by instance (`round.bidsByInstance`). */
  readonly assignedByArc: Uint8Array;
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
  options: SolveOptions = {},
): FlowSolution {
  const n = round.personCount;
  const m = round.instanceCount;
  const bids = round.bidInstance.length;
  const zeros = (k: number) => new Float64Array(k);
  const emptyRanks = new Float64Array(m).fill(round.emptyRank);
  if (orientation === 'persons') {
    const s = solveTransportation(
      {
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
        arcHead: round.bidInstance.slice(),
        arc: costAndRank(round),
      },
      options,
    );
    const assignedByArc = new Uint8Array(bids);
    const { order } = round.bidsByInstance;
    for (let a = 0; a < bids; a += 1) assignedByArc[a] = s.used[order[a]!]!;
    return {
      assigned: s.used,
      assignedByArc,
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
  const { start: arcStart, order: arcBid } = round.bidsByInstance;
  // Arcs are the bids grouped by instance: row i owns arcs arcStart[i] … arcStart[i+1]−1, and
  // each arc's person was copied beside the order when the round was indexed.
  const arcRow = new Int32Array(bids);
  for (let i = 0; i < m; i += 1) arcRow.fill(i, arcStart[i]!, arcStart[i + 1]!);
  const arcHead = round.bidsByInstance.person.slice();
  const s = solveTransportation(
    {
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
      arcHead,
      arc: costAndRankByInstance(round),
    },
    options,
  );
  const assigned = new Uint8Array(bids);
  for (let a = 0; a < bids; a += 1) if (s.used[a] === 1) assigned[arcBid[a]!] = 1;
  // Row potentials are −p_i and column potentials −u_j in this orientation.
  const instancePrice = s.rowPotential.map((value) => (value === 0 ? 0 : -value));
  const personSurplus = s.colPotential.map((value) => (value === 0 ? 0 : -value));
  return {
    assigned,
    assignedByArc: s.used,
    assignedCount: s.colFilled,
    filledCount: s.rowUsed,
    instancePrice,
    personSurplus,
    orientation,
    augmentations: s.augmentations,
    settledNodes: s.settledNodes,
  };
}

/** Cost and rank of every bid side by side, bid b being arc b (bids grouped by person). */
function costAndRank(round: IndexedRound): Float64Array {
  const bids = round.bidWeight.length;
  const arc = new Float64Array(2 * bids);
  for (let b = 0; b < bids; b += 1) {
    arc[2 * b] = bidCost(round, b);
    arc[2 * b + 1] = bidRank(round, b);
  }
  return arc;
}

/**
 * costAndRank for the bids grouped by instance, arc by arc: the same values as bidCost and
 * bidRank of each arc's bid, read from the person and weight copied beside each arc, so that
 * nothing of a bid is gathered from elsewhere (only the rotation ranks, where there are any).
 */
function costAndRankByInstance(round: IndexedRound): Float64Array {
  const { start, order, person, weight } = round.bidsByInstance;
  const { minutes, lotteryRank, bidRecentRank, personCount } = round;
  const arc = new Float64Array(2 * order.length);
  for (let i = 0; i < round.instanceCount; i += 1) {
    const minutesOfI = minutes[i]!;
    for (let a = start[i]!; a < start[i + 1]!; a += 1) {
      const recent = bidRecentRank === null ? 0 : bidRecentRank[order[a]!]!;
      arc[2 * a] = weight[a]! * minutesOfI;
      arc[2 * a + 1] = recent * personCount + lotteryRank[person[a]!]!;
    }
  }
  return arc;
}

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
function warmStart(
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
