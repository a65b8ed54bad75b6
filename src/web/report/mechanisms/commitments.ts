// Commitments to take goods (M5, M7): per period the pre-orders fulfilled, cancelled and still
// open, the subscriptions served, and the premium commitments (work promised for a scarce good).
import type { ReportContext, Section } from '../section.ts';
import { renderTable } from '../table.ts';
import { tablesSection } from './section.ts';

export function commitmentsSection(ctx: ReportContext): Section | null {
  const { t, f, doc } = ctx;
  const used = doc.periods.some(
    (p) =>
      (p.preOrders?.fulfilled.length ?? 0) +
        (p.preOrders?.cancelled.length ?? 0) +
        (p.preOrders?.open.length ?? 0) +
        (p.subscriptions?.length ?? 0) +
        (p.commitments?.length ?? 0) >
      0,
  );
  if (!used) return null;
  const table = renderTable({
    caption: t('commitments.caption'),
    head: [
      t('period'),
      t('commitments.fulfilled'),
      t('commitments.cancelled'),
      t('commitments.open'),
      t('commitments.subscriptions'),
      t('commitments.subscribedUnits'),
      t('commitments.premium'),
      t('commitments.premiumOpen'),
    ],
    rows: doc.periods.map((p) => {
      const commitments = p.commitments ?? [];
      return [
        String(p.period),
        f.integer(p.preOrders?.fulfilled.length ?? 0),
        f.integer(p.preOrders?.cancelled.length ?? 0),
        f.integer(p.preOrders?.open.length ?? 0),
        f.integer(p.subscriptions?.length ?? 0),
        f.integer((p.subscriptions ?? []).reduce((s, x) => s + x.units, 0)),
        f.integer(commitments.length),
        f.wh(
          commitments
            .filter((c) => c.status === 'open')
            .reduce((s, c) => s + c.amountEffortMilli, 0),
        ),
      ];
    }),
    numeric: [1, 2, 3, 4, 5, 6, 7],
  });
  return tablesSection(ctx, 'commitments', 'commitments', [table]);
}
