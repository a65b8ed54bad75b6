// Production planning (M9): per period and product, the units planned for the next period from
// wishes, commitments and recent takings, the stock left, and the signals (produce more or less,
// restructure) the period gave.
import type { ReportContext, Section } from '../section.ts';
import { renderTable } from '../table.ts';
import { listOrNone, tablesSection } from './section.ts';

export function planningSection(ctx: ReportContext): Section | null {
  const { t, f, doc } = ctx;
  const rows = doc.periods.flatMap((p) =>
    (p.plans ?? []).map((plan) => {
      const signals = p.signals?.find((s) => s.productId === plan.productId)?.signals ?? [];
      const stock = p.stock?.find((s) => s.productId === plan.productId)?.units;
      return [
        String(p.period),
        plan.productId,
        f.integer(plan.plannedUnits),
        f.integer(plan.wishedUnits),
        f.integer(plan.committedUnits),
        f.integer(plan.averageNonPreorderedUnits),
        stock === undefined ? t('report.none') : f.integer(stock),
        listOrNone(
          ctx,
          signals.map((s) => t(`planning.signal.${s}`)),
        ),
      ];
    }),
  );
  if (rows.length === 0) return null;
  const table = renderTable({
    caption: t('planning.title'),
    head: [
      t('period'),
      t('product'),
      t('planning.planned'),
      t('planning.wished'),
      t('planning.committed'),
      t('planning.average'),
      t('planning.stock'),
      t('planning.signals'),
    ],
    rows,
    numeric: [2, 3, 4, 5, 6],
  });
  // A long list (a row per product and period): folded under its caption.
  return tablesSection(ctx, 'planning', 'planning', [table], 'all');
}
