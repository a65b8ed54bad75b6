// The price factor per period: the one in force (what takings were charged at) and the one the
// settlement computed for the next period, so a reader sees both the cause and the effect.
import { renderChartSvg } from '../chart.ts';
import { periodAxis, type ReportContext, type Section } from '../section.ts';
import { renderTable } from '../table.ts';

export function priceFactorSection(ctx: ReportContext): Section {
  const { t, f, doc } = ctx;
  const id = `${ctx.idPrefix}price-factor`;
  const title = t('priceFactor.title');
  const svg = renderChartSvg(
    id,
    title,
    {
      grid: { left: 72, right: 24, top: 24, bottom: 80 },
      legend: { bottom: 8, left: 'center' },
      xAxis: periodAxis(ctx),
      yAxis: {
        type: 'value',
        scale: true,
        axisLabel: { formatter: (v: number) => f.factor(Math.round(v * 1_000_000)) },
      },
      series: [
        {
          type: 'line',
          name: t('priceFactor.inForce'),
          symbolSize: 6,
          data: doc.periods.map((p) => p.priceFactorPpm / 1_000_000),
        },
        {
          type: 'line',
          name: t('priceFactor.next'),
          symbolSize: 4,
          lineStyle: { type: 'dashed' },
          data: doc.periods.map((p) => p.nextPriceFactorPpm / 1_000_000),
        },
      ],
    },
    { width: 860, height: 340 },
  );
  const table = renderTable({
    caption: `${t('report.numbers')}: ${title}`,
    head: [t('period'), t('priceFactor.inForce'), t('priceFactor.next')],
    rows: doc.periods.map((p) => [
      String(p.period),
      f.factor(p.priceFactorPpm),
      f.factor(p.nextPriceFactorPpm),
    ]),
    numeric: [1, 2],
  });
  return { id, title, note: t('priceFactor.note'), svg, tables: [table] };
}
