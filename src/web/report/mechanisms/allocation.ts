// Coupling contribution to use (decision 0016): flat-rate bundles with dependent users (R_B,
// carried by the participants) and bidding terms charged over several periods.
import type { ReportContext, Section } from '../section.ts';
import { listOrNone, mechanismSection, periodTable } from './section.ts';

export function flatRatesSection(ctx: ReportContext): Section | null {
  const { t, f } = ctx;
  return mechanismSection(ctx, 'flat-rates', 'flatRates', (p) => {
    const lines = p.allocationModels?.flatRates;
    if (lines === undefined) return [];
    return [
      periodTable(ctx, p.period, {
        what: t('flatRates.title'),
        head: [
          t('flatRates.bundle'),
          t('flatRates.effort'),
          t('flatRates.redistribution'),
          t('flatRates.participants'),
          t('flatRates.dependents'),
          t('flatRates.shares'),
        ],
        rows: lines.map((x) => [
          x.bundleId,
          f.wh(x.effortMilli),
          f.wh(x.redistributionEffortMilli),
          f.integer(x.participants),
          listOrNone(ctx, x.dependentUsers),
          listOrNone(
            ctx,
            x.shares.map((s) => `${s.id} ${f.wh(s.amount)}`),
          ),
        ]),
        numeric: [1, 2, 3],
      }),
    ];
  });
}

export function biddingChargesSection(ctx: ReportContext): Section | null {
  const { t, f } = ctx;
  return mechanismSection(ctx, 'bidding-charges', 'biddingCharges', (p) => {
    const lines = p.allocationModels?.biddingCharges;
    if (lines === undefined) return [];
    return [
      periodTable(ctx, p.period, {
        what: t('biddingCharges.title'),
        head: [
          t('biddingCharges.round'),
          t('biddingCharges.project'),
          t('biddingCharges.termPeriod'),
          t('biddingCharges.budgetPart'),
          t('biddingCharges.charged'),
          t('biddingCharges.money'),
        ],
        rows: lines.map((x) => [
          x.id,
          x.projectId,
          t('biddingCharges.of', { n: x.termPeriod, of: x.termPeriods }),
          f.wh(x.budgetPartEffortMilli),
          f.wh(x.chargedEffortMilli),
          f.integer(x.chargedMoneyCents),
        ]),
        numeric: [2, 3, 4, 5],
      }),
    ];
  });
}
