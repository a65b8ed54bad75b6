// The open period of a stored pool as it stands: the period run from the pool's checkpoint with
// the inputs given so far, as if it closed now. For the pool: the clearing if bidding closed
// now and the price factor the period would hand on; for a person: the work confirmed so far
// and its credit, takings and premiums, association shares, redistribution and every other
// transfer, and the balance the period would close with.
import type { PeriodStage } from '../../core/cycle/stages.ts';
import {
  type Explanation,
  explainPerson,
  marketReport,
  type PeriodRun,
  type RunStop,
  type ScenarioRun,
} from '../../core/scenario/index.ts';

export interface PoolProjection {
  readonly poolId: string;
  readonly period: number;
  readonly stage: PeriodStage;
  /** The pool's input sequence number the projection was computed at. */
  readonly inputSeq: number;
  /** Why the period would not close with the inputs given so far; null when it would. */
  readonly stop: RunStop | null;
  /** The period's price factor, and the one it would hand on to the next period (M8). */
  readonly priceFactorPpm: number | null;
  readonly nextPriceFactorPpm: number | null;
  /** The task market as it would clear now (report form); null when the period stops. */
  readonly clearing: unknown;
  /** One person's part, when asked for; null when the period stops. */
  readonly person?: Explanation | null;
}

/** The open period's run as a projection; `personId` adds that person's part. */
export function projectionOf(
  base: { poolId: string; period: number; stage: PeriodStage; inputSeq: number },
  run: ScenarioRun,
  ran: PeriodRun | null,
  personId: string | undefined,
): PoolProjection | { readonly unknownPerson: string } {
  let person: Explanation | null | undefined;
  if (personId !== undefined && ran !== null) {
    const explained = explainPerson(run, base.period, personId);
    if (!explained.ok) return { unknownPerson: explained.error.detail };
    person = explained.value;
  } else if (personId !== undefined) {
    person = null;
  }
  return {
    ...base,
    stop: ran === null ? run.stop : null,
    priceFactorPpm: ran?.priceFactorPpm ?? null,
    nextPriceFactorPpm: ran?.settlement.nextPriceFactorPpm ?? null,
    clearing: ran === null ? null : marketReport(ran.market),
    ...(person === undefined ? {} : { person }),
  };
}
