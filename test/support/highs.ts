// HiGHS (npm `highs`, WASM), the market's test oracle and benchmark peer: loading it and building
// a model from a round's LP (src/core/market/lp.ts), shared by the property test and the bench.
import type { Highs } from 'highs';
import type { RoundLp } from '../../src/core/market/index.ts';

/** The package ships CommonJS typings for an ESM default export; accept either shape. */
export async function loadHighs(): Promise<Highs> {
  type Load = () => Promise<Highs>;
  const module = (await import('highs')) as unknown as { default: Load | { default: Load } };
  return typeof module.default === 'function' ? module.default() : module.default.default();
}

/** A HiGHS model of the round's LP in compressed-column form. The caller disposes of it. */
export function highsModelOf(highs: Highs, lp: RoundLp) {
  return highs.createModel({
    numCols: lp.numCols,
    numRows: lp.numRows,
    colCost: lp.colCost,
    colLower: lp.colLower,
    colUpper: lp.colUpper,
    rowLower: lp.rowLower,
    rowUpper: lp.rowUpper,
    matrix: {
      format: 'csc',
      numRows: lp.numRows,
      numCols: lp.numCols,
      starts: lp.starts,
      indices: lp.indices,
      values: lp.values,
    },
  });
}
