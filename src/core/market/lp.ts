// The linear program of one pool round in compressed-column form, for an outside LP solver
// (HiGHS) used as test oracle and benchmark peer. Columns: one per bid (0 ≤ x ≤ 1), then one
// per instance for its empty slots (0 ≤ e_i ≤ slots_i). Rows: instances (Σ x + e = slots),
// then persons (Σ x ≤ capacity). Objective: Σ bid·minutes·x + Σ w_cap·minutes·e.

import { bidCost, type IndexedRound } from './round-solve.ts';

export interface RoundLp {
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

export function roundLp(round: IndexedRound, infinity: number): RoundLp {
  const m = round.instanceCount;
  const n = round.personCount;
  const bids = round.bidInstance.length;
  const numCols = bids + m;
  const numRows = m + n;
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols);
  const starts = new Int32Array(numCols + 1);
  const indices = new Int32Array(2 * bids + m);
  const values = new Float64Array(2 * bids + m).fill(1);
  let at = 0;
  for (let b = 0; b < bids; b += 1) {
    colCost[b] = bidCost(round, b);
    colUpper[b] = 1;
    starts[b] = at;
    indices[at] = round.bidInstance[b]!;
    indices[at + 1] = m + round.bidPerson[b]!;
    at += 2;
  }
  for (let i = 0; i < m; i += 1) {
    colCost[bids + i] = round.emptyCost[i]!;
    colUpper[bids + i] = round.slots[i]!;
    starts[bids + i] = at;
    indices[at] = i;
    at += 1;
  }
  starts[numCols] = at;
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  for (let i = 0; i < m; i += 1) {
    rowLower[i] = round.slots[i]!;
    rowUpper[i] = round.slots[i]!;
  }
  for (let j = 0; j < n; j += 1) {
    rowLower[m + j] = -infinity;
    rowUpper[m + j] = round.capacity[j]!;
  }
  return {
    numCols,
    numRows,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    starts,
    indices,
    values,
  };
}
