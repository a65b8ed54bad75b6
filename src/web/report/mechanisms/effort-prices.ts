// Effort prices with their published breakdown (M6): the posted price of each product made by a
// recipe, per unit by component, and per period the actual price of the batch made and what the
// posted price left uncovered; then the projects' inventory at the end of each period, in WH.
import type { ReportBreakdown } from '../report-doc.ts';
import type { ReportContext, Section } from '../section.ts';
import { renderTable } from '../table.ts';
import { tablesSection } from './section.ts';

/** The per-unit components of a breakdown, in the order of the heading. */
function components(ctx: ReportContext, b: ReportBreakdown): string[] {
  const u = b.perUnit;
  return [u.labour, u.meansOfProduction, u.inputs, u.resources, u.overhead].map(ctx.f.wh);
}

export function effortPricesSection(ctx: ReportContext): Section | null {
  const { t, f, doc } = ctx;
  const parts = [
    t('effortPrices.labour'),
    t('effortPrices.means'),
    t('effortPrices.inputs'),
    t('effortPrices.resources'),
    t('effortPrices.overhead'),
  ];
  const posted = doc.postedPrices ?? [];
  const batches = doc.periods.flatMap((p) =>
    (p.recipes ?? []).map((r) => [
      String(p.period),
      r.productId,
      f.integer(r.units),
      f.wh(r.postedUnitPriceEffortMilli),
      f.wh(r.actual.unitPriceEffortMilli),
      ...components(ctx, r.actual),
      f.wh(r.uncoveredEffortMilli),
    ]),
  );
  // The projects' inventory (stock and work in progress at effort price): a column per project.
  const projects = [
    ...new Set(doc.periods.flatMap((p) => (p.inventory ?? []).map((x) => x.projectId))),
  ].sort();
  const inventory = doc.periods.map((p) => [
    String(p.period),
    ...projects.map((id) => {
      const value = p.inventory?.find((x) => x.projectId === id)?.valueEffortMilli;
      return value === undefined ? t('report.none') : f.wh(value);
    }),
  ]);
  const tables = [
    posted.length === 0
      ? null
      : renderTable({
          caption: t('effortPrices.posted'),
          head: [t('product'), t('effortPrices.price'), ...parts],
          rows: posted.map((b) => [
            b.productId,
            f.wh(b.unitPriceEffortMilli),
            ...components(ctx, b),
          ]),
          numeric: [1, 2, 3, 4, 5, 6],
        }),
    batches.length === 0
      ? null
      : renderTable({
          caption: t('effortPrices.batches'),
          head: [
            t('period'),
            t('product'),
            t('units'),
            t('effortPrices.postedPrice'),
            t('effortPrices.actualPrice'),
            ...parts,
            t('effortPrices.uncovered'),
          ],
          rows: batches,
          numeric: [2, 3, 4, 5, 6, 7, 8, 9, 10],
        }),
    projects.length === 0
      ? null
      : renderTable({
          caption: t('effortPrices.inventory'),
          head: [t('period'), ...projects],
          rows: inventory,
          numeric: projects.map((_, i) => i + 1),
        }),
  ].filter((x): x is string => x !== null);
  return tablesSection(ctx, 'effort-prices', 'effortPrices', tables);
}
