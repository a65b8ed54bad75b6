// The redistribution share per period: of everything the associations charged as shares
// (public services + redistribution), the part that covered dependents' takings. The budgets
// are summed over all associations; a period without associations has no share (a gap).
import { renderChartSvg } from '../chart.ts';
import { periodAxis, type ReportContext, type Section } from '../section.ts';
import { renderTable } from '../table.ts';

export interface RedistributionRow {
  readonly period: number;
  readonly redistributionEffortMilli: number;
  readonly totalEffortMilli: number;
  /** Redistribution ÷ total, null when nothing was charged. */
  readonly share: number | null;
}

export function redistributionRows(ctx: Pick<ReportContext, 'doc'>): RedistributionRow[] {
  return ctx.doc.periods.map((p) => {
    const budgets = p.associations?.budgets ?? [];
    const redistribution = budgets.reduce((s, b) => s + b.redistributionEffortMilli, 0);
    const total = budgets.reduce(
      (s, b) => s + b.redistributionEffortMilli + b.servicesEffortMilli,
      0,
    );
    return {
      period: p.period,
      redistributionEffortMilli: redistribution,
      totalEffortMilli: total,
      share: total === 0 ? null : redistribution / total,
    };
  });
}

export function redistributionSection(ctx: ReportContext): Section {
  const { t, f, doc } = ctx;
  const id = `${ctx.idPrefix}redistribution`;
  const title = t('redistribution.title');
  const rows = redistributionRows(ctx);
  const svg = renderChartSvg(
    id,
    title,
    {
      grid: { left: 64, right: 24, top: 24, bottom: 56 },
      xAxis: periodAxis(ctx),
      yAxis: {
        type: 'value',
        min: 0,
        max: 1,
        axisLabel: { formatter: (v: number) => f.percent(v) },
      },
      series: [
        {
          type: 'line',
          name: t('redistribution.share'),
          symbolSize: 6,
          areaStyle: { opacity: 0.15 },
          data: rows.map((r) => r.share),
        },
      ],
    },
    { width: 860, height: 320 },
  );
  const table = renderTable({
    caption: `${t('report.numbers')}: ${title}`,
    head: [
      t('period'),
      t('redistribution.amount'),
      t('redistribution.total'),
      t('redistribution.share'),
    ],
    rows: rows.map((r) => [
      String(r.period),
      f.wh(r.redistributionEffortMilli),
      f.wh(r.totalEffortMilli),
      r.share === null ? t('report.none') : f.percent(r.share),
    ]),
    numeric: [1, 2, 3],
  });
  const empty = doc.periods.every((p) => p.associations === null);
  const note = empty ? t('redistribution.empty') : t('redistribution.note');
  return { id, title, note, svg, tables: [table] };
}
