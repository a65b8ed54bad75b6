// Goods handed out (M5, M7): the scarce goods' auctions (winners, their premiums and the uniform
// price every winner paid), the units of every good taken per period, and the surplus discounts.
import type { ReportAllocation, ReportGoods } from '../report-doc.ts';
import type { ReportContext, Section } from '../section.ts';
import { renderTable } from '../table.ts';
import { listOrNone, periodTable, tablesSection } from './section.ts';

/** A good that went to whoever offered the most (or by lottery): more wanted than there was. */
export function isScarceLine(g: ReportGoods): boolean {
  return g.scarce || g.premiumTotalEffortMilli > 0;
}

const unitsOf = (allocations: readonly ReportAllocation[]) =>
  allocations.reduce((s, a) => s + a.units, 0);

export function scarceGoodsSection(ctx: ReportContext): Section | null {
  const { t, f, doc } = ctx;
  const rows = doc.periods.flatMap((p) =>
    (p.goods ?? []).filter(isScarceLine).map((g) => {
      const winners = g.allocations.filter((a) => a.units > 0);
      return [
        String(p.period),
        g.productId,
        t(`scarceGoods.rule.${g.rule}`),
        f.integer(unitsOf(winners)),
        listOrNone(
          ctx,
          winners.map((a) => `${a.personId} (${f.wh(a.premiumEffortMilli)})`),
        ),
        f.wh(g.clearingPremiumEffortMilli),
        f.wh(g.premiumTotalEffortMilli),
        f.integer(g.unitsLeft),
      ];
    }),
  );
  if (rows.length === 0) return null;
  const table = renderTable({
    caption: t('scarceGoods.title'),
    head: [
      t('period'),
      t('product'),
      t('scarceGoods.rule'),
      t('scarceGoods.units'),
      t('scarceGoods.winners'),
      t('scarceGoods.uniform'),
      t('scarceGoods.total'),
      t('scarceGoods.left'),
    ],
    rows,
    numeric: [3, 5, 6, 7],
  });
  return tablesSection(ctx, 'scarce-goods', 'scarceGoods', [table]);
}

export function goodsTakenSection(ctx: ReportContext): Section | null {
  const { t, f, doc } = ctx;
  const products = [
    ...new Set(doc.periods.flatMap((p) => (p.goods ?? []).map((g) => g.productId))),
  ].sort();
  if (products.length === 0) return null;
  const tables = [
    renderTable({
      caption: t('goodsTaken.units'),
      head: [t('period'), ...products],
      rows: doc.periods.map((p) => [
        String(p.period),
        ...products.map((id) => {
          const g = (p.goods ?? []).find((x) => x.productId === id);
          return g === undefined ? t('report.none') : f.integer(unitsOf(g.allocations));
        }),
      ]),
      numeric: products.map((_, i) => i + 1),
    }),
    ...doc.periods.flatMap((p) =>
      (p.discounted ?? []).length === 0
        ? []
        : [
            periodTable(ctx, p.period, {
              what: t('goodsTaken.discounted'),
              head: [t('product'), t('units'), t('goodsTaken.takers'), t('scarceGoods.left')],
              rows: (p.discounted ?? []).map((d) => [
                d.productId,
                f.integer(unitsOf(d.allocations)),
                listOrNone(
                  ctx,
                  d.allocations.filter((a) => a.units > 0).map((a) => a.personId),
                ),
                f.integer(d.unitsLeft),
              ]),
              numeric: [1, 3],
            }),
          ],
    ),
  ];
  return tablesSection(ctx, 'goods-taken', 'goodsTaken', tables);
}
