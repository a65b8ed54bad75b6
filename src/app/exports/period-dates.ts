// The calendar date of each period, for exports that need one (the hledger journal). The model
// numbers periods and gives them no dates; a pool says when its first period starts and how
// long a period is, or its first period's task starts say it.
import { type Failure, failure, ok, type Result } from '../../core/result.ts';
import { addToDate, isIsoDate, localDate, taskStartInstant } from '../scenario/date-time.ts';
import type { PoolExportData } from './pool-data.ts';

export type PeriodLength = 'month' | 'week';

export interface PeriodDateOptions {
  /** The first day of period 1 (YYYY-MM-DD); default: from period 1's task starts. */
  readonly firstPeriodDate?: string | undefined;
  readonly periodLength?: PeriodLength | undefined;
}

/**
 * Period p's first day. Without `firstPeriodDate`, period 1 starts on the first day of the
 * month (monthly periods) or on the day (weekly) of its earliest task start, in the pool's time
 * zone; a pool whose first period has no task with a start has no dates: refused.
 */
export function periodStartDates(
  data: PoolExportData,
  options: PeriodDateOptions,
): Result<(period: number) => string, Failure<'export.no_dates' | 'export.bad_date'>> {
  const length = options.periodLength ?? 'month';
  let first = options.firstPeriodDate;
  if (first !== undefined && !isIsoDate(first)) {
    return failure('export.bad_date', `"${first}" is not a date written YYYY-MM-DD`);
  }
  if (first === undefined) {
    const starts = (data.scenario.periods[0]?.tasks ?? []).flatMap((t) =>
      t.start === undefined ? [] : [taskStartInstant(t.start, data.scenario.timeZone)],
    );
    if (starts.length === 0) {
      return failure(
        'export.no_dates',
        `pool "${data.poolId}" gives its periods no dates: name the first period's first day`,
      );
    }
    const earliest = localDate(Math.min(...starts), data.scenario.timeZone);
    first = length === 'month' ? `${earliest.slice(0, 8)}01` : earliest;
  }
  const from = first;
  return ok((period: number) =>
    length === 'month'
      ? addToDate(from, period - 1, 'month')
      : addToDate(from, 7 * (period - 1), 'day'),
  );
}
