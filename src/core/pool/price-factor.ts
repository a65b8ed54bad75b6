// The price factor of the next period (reference §4.8 "How the premium lowers other prices",
// §4.9; MODEL.md M8). Premiums make everything cheaper and uncovered effort makes everything
// dearer, spread "evenly over the pool":
//   proportional (default): priceFactor_{t+1} = 1 + (Adj − Π) / B, in ppm, rounded half-even;
//   per head (option):      (Π − Adj) split evenly over the contributing members.
// Here Π − Adj is the pool's NET SURPLUS: the closing balance of the premium account plus the
// closing balance of the adjustment account at the end of the period, batches posted after the
// settlement included (balance = credits − debits, so uncovered effort is a negative
// adjustment balance; docs/decisions/0022). Using closing balances rather than the period's
// flows carries forward whatever the last factor did not recover exactly, so rounding and
// changes in demand correct themselves instead of accumulating (docs/decisions/0006).

import type { PersonId } from '../ids.ts';
import { PPM_ONE, type Ppm, ppm, ratioPpm, type SplitPart, splitEvenly } from '../units.ts';

export type PriceFactorMode = 'proportional' | 'perHead';

/**
 * 1 − surplus / base in ppm (rounded half-even by ratioPpm). With no base the factor stays
 * 1.0 and the surplus waits for a period with takings; a surplus larger than the base makes
 * the takings free (factor 0), never negative, and the rest carries forward.
 */
export function nextPriceFactor(netSurplusEffortMilli: number, baseEffortMilli: number): Ppm {
  if (baseEffortMilli <= 0) return PPM_ONE;
  const factor = ratioPpm(baseEffortMilli - netSurplusEffortMilli, baseEffortMilli);
  return factor < 0 ? ppm(0) : factor;
}

/** The per-head reading: the net surplus split evenly (largest remainder) over contributors. */
export function perHeadShares(
  netSurplusEffortMilli: number,
  contributing: readonly PersonId[],
): SplitPart<PersonId>[] {
  if (contributing.length === 0) return [];
  return splitEvenly(netSurplusEffortMilli, contributing);
}
