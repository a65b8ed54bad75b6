// The exact solver of one pool round: a transportation problem solved by successive shortest
// paths with Dijkstra on reduced costs (Jonker–Volgenant style: one person's capacity unit at a
// time, each search stopping at the first way out). See docs/decisions/0005.
//
// Network. Rows: persons j (supply capacity_j) and a dummy D (the "empty slot" supplier).
// Columns: instances i (demand slots_i) and a sink Z for unused capacity. Arcs: j→i for each
// bid (capacity 1, cost bid × minutes), j→Z (cost 0: idle), D→i (cost w_cap × minutes),
// D→Z (cost 0). D and Z always have potential 0, so the potentials are the duals of MODEL.md §4:
// π(i) = p_i, the price of one slot of i; π(j) = u_j ≥ 0, the person's marginal surplus.
//
// Ties. Every cost is a pair (primary, secondary) compared lexicographically: the primary is
// weight-milli × minutes, the secondary a priority rank (rotation fairness, then the lottery).
// The flow therefore minimises the objective exactly and, among optimal flows, Σ rank; the
// primary parts of the potentials are optimal duals of the primary problem.

import { PairHeap } from './heap.ts';

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
  /** Primary potentials: p_i for instances, u_j for persons (optimal duals). */
  readonly instancePrice: Float64Array;
  readonly personSurplus: Float64Array;
  readonly augmentations: number;
  readonly settledNodes: number;
}

export function solveRound(round: IndexedRound): FlowSolution {
  const n = round.personCount;
  const m = round.instanceCount;
  const nodes = n + m;
  const { bidStart, bidInstance, bidPerson, bidCost, bidRank, capacity, slots, emptyCost } = round;
  const emptyRank = round.emptyRank;
  const bidCount = bidInstance.length;

  // Potentials (pairs). Persons 0..n−1, instances n..n+m−1.
  const potP = new Float64Array(nodes);
  const potS = new Float64Array(nodes);
  for (let i = 0; i < m; i += 1) {
    potP[n + i] = emptyCost[i]!;
    potS[n + i] = emptyRank;
  }
  const distP = new Float64Array(nodes);
  const distS = new Float64Array(nodes);
  const pred = new Int32Array(nodes);
  const seen = new Int32Array(nodes);
  const done = new Int32Array(nodes);
  const settled = new Int32Array(nodes);
  const heap = new PairHeap(nodes, distP, distS);

  // Holders of each instance's slots: bid numbers, swap-removed via holderPosition.
  const holderStart = new Int32Array(m + 1);
  for (let i = 0; i < m; i += 1) holderStart[i + 1] = holderStart[i]! + slots[i]!;
  const holders = new Int32Array(holderStart[m]!);
  const filledCount = new Int32Array(m);
  const holderPosition = new Int32Array(bidCount).fill(-1);
  const assigned = new Uint8Array(bidCount);
  const assignedCount = new Int32Array(n);

  let stamp = 0;
  let augmentations = 0;
  let settledNodes = 0;

  for (let source = 0; source < n; source += 1) {
    const first = bidStart[source]!;
    const last = bidStart[source + 1]!;
    if (first === last) continue;
    // A feasible start potential: u_j = max(0, max_i (p_i − c_ij)) lexicographically.
    let uP = 0;
    let uS = 0;
    for (let b = first; b < last; b += 1) {
      const w = n + bidInstance[b]!;
      const gP = potP[w]! - bidCost[b]!;
      const gS = potS[w]! - bidRank[b]!;
      if (gP > uP || (gP === uP && gS > uS)) {
        uP = gP;
        uS = gS;
      }
    }
    potP[source] = uP;
    potS[source] = uS;

    const units = Math.min(capacity[source]!, last - first);
    for (let unit = 0; unit < units; unit += 1) {
      stamp += 1;
      let settledCount = 0;
      distP[source] = 0;
      distS[source] = 0;
      seen[source] = stamp;
      heap.pushOrDecrease(source);
      // The best way out found so far: to Z through an idle person or an empty slot (via D).
      let zP = Number.POSITIVE_INFINITY;
      let zS = Number.POSITIVE_INFINITY;
      let zFrom = -1;

      while (heap.size > 0) {
        const v = heap.peek();
        const dP = distP[v]!;
        const dS = distS[v]!;
        if (dP > zP || (dP === zP && dS >= zS)) break;
        heap.pop();
        done[v] = stamp;
        settled[settledCount] = v;
        settledCount += 1;
        const vP = potP[v]!;
        const vS = potS[v]!;
        if (v < n) {
          // Person: idle one more unit (reduced cost u_v), or take another instance.
          const outP = dP + vP;
          const outS = dS + vS;
          if (outP < zP || (outP === zP && outS < zS)) {
            zP = outP;
            zS = outS;
            zFrom = v;
          }
          const end = bidStart[v + 1]!;
          for (let b = bidStart[v]!; b < end; b += 1) {
            if (assigned[b] === 1) continue;
            const w = n + bidInstance[b]!;
            if (done[w] === stamp) continue;
            const nP = dP + bidCost[b]! + vP - potP[w]!;
            const nS = dS + bidRank[b]! + vS - potS[w]!;
            if (seen[w] !== stamp || nP < distP[w]! || (nP === distP[w]! && nS < distS[w]!)) {
              seen[w] = stamp;
              distP[w] = nP;
              distS[w] = nS;
              pred[w] = b;
              heap.pushOrDecrease(w);
            }
          }
        } else {
          const i = v - n;
          if (filledCount[i]! < slots[i]!) {
            // An empty slot: the path ends through D (reduced cost p_i − w_cap·minutes ≥ 0).
            const outP = dP + vP - emptyCost[i]!;
            const outS = dS + vS - emptyRank;
            if (outP < zP || (outP === zP && outS < zS)) {
              zP = outP;
              zS = outS;
              zFrom = v;
            }
          }
          const end = holderStart[i]! + filledCount[i]!;
          for (let at = holderStart[i]!; at < end; at += 1) {
            const b = holders[at]!;
            const k = bidPerson[b]!;
            if (done[k] === stamp) continue;
            const nP = dP - bidCost[b]! + vP - potP[k]!;
            const nS = dS - bidRank[b]! + vS - potS[k]!;
            if (seen[k] !== stamp || nP < distP[k]! || (nP === distP[k]! && nS < distS[k]!)) {
              seen[k] = stamp;
              distP[k] = nP;
              distS[k] = nS;
              pred[k] = b;
              heap.pushOrDecrease(k);
            }
          }
        }
      }
      heap.clear();
      settledNodes += settledCount;

      // Keep reduced costs non-negative: settled nodes move by d(v) − d(Z) (JV update).
      for (let s = 0; s < settledCount; s += 1) {
        const v = settled[s]!;
        potP[v] = potP[v]! + distP[v]! - zP;
        potS[v] = potS[v]! + distS[v]! - zS;
      }

      if (zFrom === source) break; // the person's best use of the rest is to stay idle
      augmentations += 1;
      let v = zFrom;
      if (v < n) assignedCount[v] = assignedCount[v]! - 1;
      while (v !== source) {
        const b = pred[v]!;
        if (v >= n) {
          const i = v - n;
          assigned[b] = 1;
          const at = holderStart[i]! + filledCount[i]!;
          holders[at] = b;
          holderPosition[b] = at;
          filledCount[i] = filledCount[i]! + 1;
          v = bidPerson[b]!;
        } else {
          const i = bidInstance[b]!;
          assigned[b] = 0;
          const at = holderPosition[b]!;
          const lastAt = holderStart[i]! + filledCount[i]! - 1;
          const moved = holders[lastAt]!;
          holders[at] = moved;
          holderPosition[moved] = at;
          holderPosition[b] = -1;
          filledCount[i] = filledCount[i]! - 1;
          v = n + i;
        }
      }
      assignedCount[source] = assignedCount[source]! + 1;
    }
  }

  return {
    assigned,
    assignedCount,
    filledCount,
    instancePrice: potP.slice(n),
    personSurplus: potP.slice(0, n),
    augmentations,
    settledNodes,
  };
}
