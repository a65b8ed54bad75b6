// The weight index W̄ of a period (MODEL.md M3, reference §4.3): Σ minutes × weight / Σ minutes
// over the confirmed work of the period. Published so that members see the level of weights
// drift; past credits are never renormalised by it.
import { divRoundHalfEven, type Minutes, type WeightMilli, weightMilli } from '../units.ts';

export interface WeightedDuration {
  readonly durationMinutes: Minutes;
  readonly weightMilli: WeightMilli;
}

/** W̄ in milli, rounded half even; undefined for a period without work. */
export function weightIndexMilli(work: readonly WeightedDuration[]): WeightMilli | undefined {
  let weightedMinutes = 0n;
  let totalMinutes = 0n;
  for (const item of work) {
    weightedMinutes += BigInt(item.durationMinutes) * BigInt(item.weightMilli);
    totalMinutes += BigInt(item.durationMinutes);
  }
  if (totalMinutes === 0n) return undefined;
  return weightMilli(divRoundHalfEven(weightedMinutes, totalMinutes));
}
