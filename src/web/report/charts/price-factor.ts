// The price factor per period: the one in force (what takings were charged at) and the one the
// settlement computed for the next period, so a reader sees both the cause and the effect. The
// table says each factor in plain words and what moved it: the period's net surplus S (premiums
// for scarce goods and resources, adjustments) spread over its base B (decisions 0006, 0022).
import { renderChartSvg } from '../chart.ts';
import type { ReportPeriod } from '../report-doc.ts';
import { periodAxis, type ReportContext, type Section } from '../section.ts';
import { renderTable } from '../table.ts';

/** What a factor means for the price of goods, e.g. "goods cost 10 % less". */
function meaning(ctx: Pick<ReportContext, 't'>, ppm: number): string {
  // Whole percent, from the integer ppm: 1 % is 10,000 ppm (rounded half away from zero).
  const percent = Math.floor((Math.abs(1_000_000 - ppm) + 5_000) / 10_000);
  if (percent === 0) return ctx.t('plain.meaning.same');
  return ctx.t(ppm < 1_000_000 ? 'plain.meaning.less' : 'plain.meaning.more', { percent });
}

/** "0.90: goods cost 10 % less" — the factor with two decimals and what it means; `inline`
 *  gives "0.90 (goods cost 10 % less)" for use inside a sentence. */
export function plainFactor(
  ctx: Pick<ReportContext, 't' | 'f'>,
  ppm: number,
  inline = false,
): string {
  return ctx.t(inline ? 'plain.factorInline' : 'plain.factor', {
    factor: ctx.f.factorPlain(ppm),
    meaning: meaning(ctx, ppm),
  });
}

/** Premiums a period collected: for scarce goods, and for resources auctioned at their cap. */
export function premiumsOf(p: ReportPeriod): { goods: number; resources: number } {
  return {
    goods: (p.goods ?? []).reduce((s, g) => s + g.premiumTotalEffortMilli, 0),
    resources: (p.resources ?? []).reduce((s, r) => s + r.premiumTotalEffortMilli, 0),
  };
}

/** The sentence that says, with this run's numbers, why the factor moved: the last two periods,
 *  where a zigzag shows as one high and one low surplus. */
function whyNote(ctx: ReportContext): string {
  const { t, f, doc } = ctx;
  const [a, b] = doc.periods.filter((p) => p.netSurplusEffortMilli !== undefined).slice(-2);
  if (a === undefined || b === undefined || a.nextPriceFactorPpm === b.nextPriceFactorPpm)
    return '';
  return t('priceFactor.example', {
    a: a.period,
    surplusA: f.hours(a.netSurplusEffortMilli!),
    factorA: plainFactor(ctx, a.nextPriceFactorPpm, true),
    b: b.period,
    surplusB: f.hours(b.netSurplusEffortMilli!),
    factorB: plainFactor(ctx, b.nextPriceFactorPpm, true),
  });
}

export function priceFactorSection(ctx: ReportContext): Section {
  const { t, f, doc } = ctx;
  const id = `${ctx.idPrefix}price-factor`;
  const title = t('priceFactor.title');
  const svg = renderChartSvg(
    id,
    title,
    {
      grid: { left: 72, right: 24, top: 24, bottom: 80 },
      legend: { bottom: 8, left: 'center', itemGap: 28 },
      xAxis: periodAxis(ctx),
      yAxis: {
        type: 'value',
        scale: true,
        axisLabel: { formatter: (v: number) => f.factorPlain(Math.round(v * 1_000_000)) },
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
  const whOr = (v: number | undefined) => (v === undefined ? t('report.none') : f.wh(v));
  const table = renderTable({
    caption: `${t('report.numbers')}: ${title}`,
    head: [
      t('period'),
      t('priceFactor.inForce'),
      t('priceFactor.plain'),
      t('priceFactor.base'),
      t('priceFactor.surplus'),
      t('priceFactor.goodsPremiums'),
      t('priceFactor.resourcePremiums'),
      t('priceFactor.next'),
    ],
    rows: doc.periods.map((p) => {
      const premiums = premiumsOf(p);
      return [
        String(p.period),
        f.factor(p.priceFactorPpm),
        plainFactor(ctx, p.priceFactorPpm),
        whOr(p.baseEffortMilli),
        whOr(p.netSurplusEffortMilli),
        f.wh(premiums.goods),
        f.wh(premiums.resources),
        f.factor(p.nextPriceFactorPpm),
      ];
    }),
    numeric: [1, 3, 4, 5, 6, 7],
  });
  const explain = [t('priceFactor.why'), whyNote(ctx)].filter((x) => x !== '');
  return { id, title, note: t('priceFactor.note'), explain, svg, tables: [table] };
}
