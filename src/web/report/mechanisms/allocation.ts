// Coupling contribution to use (decision 0016): flat-rate bundles with dependent users (R_B,
// carried by the participants) and bidding terms charged over several periods.
import type { ReportContext, Section } from '../section.ts';
import { renderTable } from '../table.ts';
import { listOrNone, mechanismSection, periodTable, tablesSection } from './section.ts';

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

/** The other ways of coupling contribution to use (M5): a flat allocation of a product's
 *  effort, charges by duration of use, fair-use caps on a bundle, and bidding rounds. */
export function allocationModelsSection(ctx: ReportContext): Section | null {
  const { t, f, doc } = ctx;
  const each = <T>(lines: (p: (typeof doc.periods)[number]) => readonly T[] | undefined) =>
    doc.periods.flatMap((p) => (lines(p) ?? []).map((x) => [p.period, x] as const));
  const flat = each((p) => p.allocationModels?.flatAllocation);
  const duration = each((p) => p.allocationModels?.durationUses);
  const fair = each((p) => p.allocationModels?.fairUse);
  const rounds = each((p) => p.allocationModels?.biddingRounds);
  const tables = [
    flat.length === 0
      ? null
      : renderTable({
          caption: t('allocationModels.flat'),
          head: [
            t('period'),
            t('product'),
            t('units'),
            t('allocationModels.effort'),
            t('allocationModels.unitPrice'),
          ],
          rows: flat.map(([period, x]) => [
            String(period),
            x.productId,
            f.integer(x.units),
            f.wh(x.effortMilli),
            f.wh(x.unitPriceEffortMilli),
          ]),
          numeric: [2, 3, 4],
        }),
    duration.length === 0
      ? null
      : renderTable({
          caption: t('allocationModels.duration'),
          head: [
            t('period'),
            t('person'),
            t('product'),
            t('allocationModels.minutes'),
            t('allocationModels.charge'),
          ],
          rows: duration.map(([period, x]) => [
            String(period),
            x.personId,
            x.productId,
            f.integer(x.minutes),
            f.wh(x.chargeEffortMilli),
          ]),
          numeric: [3, 4],
        }),
    fair.length === 0
      ? null
      : renderTable({
          caption: t('allocationModels.fairUse'),
          head: [
            t('period'),
            t('person'),
            t('allocationModels.bundle'),
            t('product'),
            t('units'),
            t('allocationModels.cap'),
            t('allocationModels.charge'),
          ],
          rows: fair.map(([period, x]) => [
            String(period),
            x.personId,
            x.bundleId,
            x.productId,
            f.integer(x.units),
            f.integer(x.capUnits),
            f.wh(x.chargeEffortMilli),
          ]),
          numeric: [4, 5, 6],
        }),
    rounds.length === 0
      ? null
      : renderTable({
          caption: t('allocationModels.rounds'),
          head: [
            t('period'),
            t('allocationModels.round'),
            t('biddingCharges.project'),
            t('allocationModels.roundsHeld'),
            t('allocationModels.outcome'),
          ],
          rows: rounds.map(([period, x]) => [
            String(period),
            x.id,
            x.projectId,
            f.integer(x.rounds.length),
            x.outcome,
          ]),
          numeric: [3],
        }),
  ].filter((x): x is string => x !== null);
  return tablesSection(ctx, 'allocation-models', 'allocationModels', tables);
}
