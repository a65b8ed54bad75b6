// The lowest and the highest competitive slot prices of a solved round (MODEL.md §4 "How to
// compute the weights"). The competitive prices (p, u) of an optimal assignment are exactly the
// solutions of a system of difference constraints on the residual graph, with D and Z merged
// into one root R of value 0:
//   bid not won:  p_i ≤ u_j + c_ij          bid won:     u_j ≤ p_i − c_ij
//   u_j ≥ 0, and u_j ≤ 0 if j has spare capacity
//   p_i ≤ w_cap·m_i, and p_i ≥ w_cap·m_i if i has an empty slot
// The solutions form a lattice. The greatest solution is the shortest-path distance from R; the
// least is minus the distance to R. Both are found by Dijkstra on reduced costs, using the
// solver's duals (a feasible solution) as potentials. Reasoning: docs/decisions/0005.

import { PairHeap } from './heap.ts';
import type { FlowSolution, IndexedRound } from './round-solve.ts';

export interface SlotPrices {
  readonly instancePrice: Float64Array;
  readonly personSurplus: Float64Array;
}

/**
 * The state of one Dijkstra over persons (0..n−1) and instances (n..n+m−1), with reduced costs
 * taken against the given feasible prices as potentials. Both price bounds search this graph,
 * in opposite directions.
 */
function dijkstraOver(round: IndexedRound, prices: SlotPrices) {
  const n = round.personCount;
  const m = round.instanceCount;
  const potential = new Float64Array(n + m);
  potential.set(prices.personSurplus, 0);
  potential.set(prices.instancePrice, n);
  // dist[2v] is the distance; dist[2v + 1] stays 0 (the heap compares pairs).
  const dist = new Float64Array(2 * (n + m));
  for (let v = 0; v < n + m; v += 1) dist[2 * v] = Number.POSITIVE_INFINITY;
  const heap = new PairHeap(n + m, dist, 2, 0);
  const done = new Uint8Array(n + m);
  return { n, m, potential, dist, heap, done };
}

/**
 * Runs the Dijkstra from the seeded distances over the constraint edges: P_j → I_i of weight c
 * for a bid not won, I_i → P_j of weight −c for a bid won. `reversed` walks every edge
 * backwards (distances to R instead of from R), so the reduced cost of an edge u → v is
 * c + π(u) − π(v) forward and c + π(v) − π(u) reversed, both ≥ 0 for feasible potentials.
 */
function settle(
  round: IndexedRound,
  solution: FlowSolution,
  search: ReturnType<typeof dijkstraOver>,
  reversed: boolean,
): void {
  const { assigned, assignedCount } = solution;
  const { n, potential, dist, heap, done } = search;
  const { start: arcStart, person: arcPerson, weight: arcWeight } = round.bidsByInstance;
  const arcWon = solution.assignedByArc;
  const { bidStart, bidInstance, bidWeight, minutes } = round;
  // A person's outgoing edges are its bids won when reversed, its bids not won forward; an
  // instance's are the other kind.
  const personWalks = reversed ? 1 : 0;
  while (heap.size > 0) {
    const v = heap.pop();
    done[v] = 1;
    const d = dist[2 * v]!;
    const pv = potential[v]!;
    if (v < n) {
      const end = bidStart[v + 1]!;
      for (let b = bidStart[v]!; b < end; b += 1) {
        if (assigned[b] !== personWalks) continue;
        const w = n + bidInstance[b]!;
        if (done[w] === 1) continue;
        const cost = bidWeight[b]! * minutes[w - n]!;
        const c = reversed ? -cost : cost;
        const nd = reversed ? d + c + potential[w]! - pv : d + c + pv - potential[w]!;
        if (nd < dist[2 * w]!) {
          dist[2 * w] = nd;
          heap.pushOrDecrease(w);
        }
      }
    } else {
      const i = v - n;
      const end = arcStart[i + 1]!;
      const minutesOfI = minutes[i]!;
      for (let at = arcStart[i]!; at < end; at += 1) {
        if (arcWon[at] === personWalks) continue;
        const k = arcPerson[at]!;
        if (done[k] === 1) continue;
        const cost = arcWeight[at]! * minutesOfI;
        const c = reversed ? cost : -cost;
        const nd = reversed ? d + c + potential[k]! - pv : d + c + pv - potential[k]!;
        if (nd < dist[2 * k]!) {
          dist[2 * k] = nd;
          // Reversed, a person without a won bid has no edge out: its distance is final as
          // soon as nothing improves it, so it never needs the heap (most persons of a region).
          if (!reversed || assignedCount[k] !== 0) heap.pushOrDecrease(k);
        }
      }
    }
  }
}

/** Least competitive prices: p_i = −dist(I_i → R), by Dijkstra from R on reversed edges. */
export function lowestPrices(round: IndexedRound, solution: FlowSolution): SlotPrices {
  const search = dijkstraOver(round, solution);
  const { n, m, potential, dist, heap } = search;
  const { filledCount } = solution;

  // Edges into R: u_j ≥ 0 for every person; p_i ≥ w_cap·m_i for instances with an empty slot.
  for (let j = 0; j < n; j += 1) {
    dist[2 * j] = potential[j]!;
    if (solution.assignedCount[j] !== 0) heap.pushOrDecrease(j);
  }
  for (let i = 0; i < m; i += 1) {
    if (filledCount[i]! < round.slots[i]!) {
      dist[2 * (n + i)] = potential[n + i]! - round.emptyCost[i]!;
      heap.pushOrDecrease(n + i);
    }
  }
  settle(round, solution, search, true);
  const instancePrice = new Float64Array(m);
  const personSurplus = new Float64Array(n);
  for (let j = 0; j < n; j += 1) personSurplus[j] = potential[j]! - dist[2 * j]!;
  for (let i = 0; i < m; i += 1) instancePrice[i] = potential[n + i]! - dist[2 * (n + i)]!;
  return { instancePrice, personSurplus };
}

/**
 * Greatest competitive prices: p_i = dist(R → I_i). Each full instance is also bounded by its
 * highest bid (never below its lowest price): with one instance and no loser this gives the
 * n-th bid, as MODEL.md §4 demands, instead of the reserve w_cap. The box keeps the lattice.
 */
export function highestPrices(
  round: IndexedRound,
  solution: FlowSolution,
  lowest: SlotPrices,
): SlotPrices {
  const search = dijkstraOver(round, lowest);
  const { n, m, potential, dist, heap } = search;
  const { assignedCount } = solution;
  const byInstance = round.bidsByInstance;

  // Edges out of R: u_j ≤ 0 for persons with spare capacity; p_i ≤ its bound for every instance.
  for (let j = 0; j < n; j += 1) {
    if (assignedCount[j]! < round.capacity[j]!) {
      dist[2 * j] = -potential[j]!;
      heap.pushOrDecrease(j);
    }
  }
  for (let i = 0; i < m; i += 1) {
    let bound = round.emptyCost[i]!;
    if (solution.filledCount[i] === round.slots[i]) {
      let highestBid = 0;
      for (let at = byInstance.start[i]!; at < byInstance.start[i + 1]!; at += 1) {
        const cost = byInstance.weight[at]! * round.minutes[i]!;
        if (cost > highestBid) highestBid = cost;
      }
      bound = Math.max(potential[n + i]!, highestBid);
    }
    dist[2 * (n + i)] = bound - potential[n + i]!;
    heap.pushOrDecrease(n + i);
  }
  settle(round, solution, search, false);
  const instancePrice = new Float64Array(m);
  const personSurplus = new Float64Array(n);
  for (let j = 0; j < n; j += 1) {
    // Persons not reachable from R have no upper bound of their own; keep the lowest value.
    personSurplus[j] =
      dist[2 * j] === Number.POSITIVE_INFINITY ? potential[j]! : potential[j]! + dist[2 * j]!;
  }
  for (let i = 0; i < m; i += 1) instancePrice[i] = potential[n + i]! + dist[2 * (n + i)]!;
  return { instancePrice, personSurplus };
}
