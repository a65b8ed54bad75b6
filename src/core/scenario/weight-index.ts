// The weight index W̄ a period publishes (MODEL.md M3): over the period's confirmed, credited
// work, by the minutes it was credited for. Shared by the report and the federation of pools,
// which converts between pools' weighted hours by it.

import { weightIndexMilli } from '../market/index.ts';
import { minutes, weightMilli } from '../units.ts';
import type { PeriodRun } from './run-types.ts';

/** W̄ in milli; null in a period without credited work. */
export function periodWeightIndexMilli(period: PeriodRun): number | null {
  return (
    weightIndexMilli(
      period.work
        .filter((w) => w.confirmed && w.weightMilli !== null)
        .map((w) => ({
          durationMinutes: minutes(w.creditedMinutes),
          weightMilli: weightMilli(w.weightMilli!),
        })),
    ) ?? null
  );
}
