// What a what-if comparison reads of a run: per period the price factor it handed on, the
// premiums, the redistribution, the highest task weight and the spread of balances, and the
// report's plain-language overview. Small, so it crosses from the run's process cheaply.
import type { Lang } from '../../../i18n/index.ts';
import { overviewSentences } from '../../report/overview.ts';
import { asReportDoc, personOf } from '../../report/report-doc.ts';
import { reportContext } from '../../report/section.ts';

export interface PeriodSummary {
  readonly period: number;
  readonly priceFactorPpm: number;
  readonly nextPriceFactorPpm: number;
  readonly highestWeightMilli: number | null;
  readonly premiumsEffortMilli: number;
  readonly redistributionEffortMilli: number;
  readonly lowestBalanceEffortMilli: number | null;
  readonly highestBalanceEffortMilli: number | null;
}

export interface RunSummary {
  readonly periods: readonly PeriodSummary[];
  readonly overview: readonly string[];
  /** Why the run stopped early, as one line; null when every period ran. */
  readonly stop: string | null;
}

export function summarizeReport(report: unknown, lang: Lang): RunSummary {
  const doc = asReportDoc(report);
  const ctx = reportContext(doc, lang);
  return {
    periods: doc.periods.map((p) => {
      const balances = p.balances
        .filter((b) => personOf(doc.poolId, b.accountId) !== null)
        .map((b) => b.balanceEffortMilli);
      const weights = p.tasks.map((t) => t.weightMilli);
      return {
        period: p.period,
        priceFactorPpm: p.priceFactorPpm,
        nextPriceFactorPpm: p.nextPriceFactorPpm,
        highestWeightMilli: weights.length === 0 ? null : Math.max(...weights),
        premiumsEffortMilli: p.transfers
          .filter((t) => t.code.startsWith('premium'))
          .reduce((sum, t) => sum + t.amount, 0),
        redistributionEffortMilli: (p.associations?.budgets ?? []).reduce(
          (sum, b) => sum + b.redistributionEffortMilli,
          0,
        ),
        lowestBalanceEffortMilli: balances.length === 0 ? null : Math.min(...balances),
        highestBalanceEffortMilli: balances.length === 0 ? null : Math.max(...balances),
      };
    }),
    overview: overviewSentences(ctx),
    stop:
      doc.stop === null ? null : `period ${doc.stop.period}: ${doc.stop.code}: ${doc.stop.detail}`,
  };
}
