// Posted prices re-estimated from recent actual prices (decision 0015): per period, each such
// price and where it came from (the recipe's estimate, or the mean over which periods).
import type { ReportContext, Section } from '../section.ts';
import { integerOrNone, listOrNone, mechanismSection, periodTable, whOrNone } from './section.ts';

export function postedPricesSection(ctx: ReportContext): Section | null {
  const { t, f } = ctx;
  return mechanismSection(ctx, 'posted-prices', 'postedPrices', (p) =>
    p.postedPrices === undefined
      ? []
      : [
          periodTable(ctx, p.period, {
            what: t('postedPrices.title'),
            head: [
              t('product'),
              t('postedPrices.price'),
              t('postedPrices.source'),
              t('postedPrices.fromPeriods'),
              t('units'),
              t('postedPrices.batch'),
            ],
            rows: p.postedPrices.map((x) => [
              x.productId,
              f.wh(x.unitPriceEffortMilli),
              t(`postedPrices.source.${x.source}`),
              listOrNone(ctx, x.fromPeriods),
              integerOrNone(ctx, x.units),
              whOrNone(ctx, x.batchEffortMilli),
            ]),
            numeric: [1, 4, 5],
          }),
        ],
  );
}
