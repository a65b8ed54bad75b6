// Solving one pool round with the transportation solver (flow.ts): the round in integer indices,
// what each bid costs (weight × minutes, then its priority rank), which side the searches start
// from (persons, or instances when that is cheaper), and the solution read back in both
// orientations. The lowest and highest prices are read from it in weights.ts.

import { type SolveOptions, solveTransportation } from './flow.ts';
import type { BidsByInstance } from './groups.ts';

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
