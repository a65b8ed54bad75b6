// Task weights over time: one line per task template, the final clearing weight per period.
// Templates rather than instances, because instances are new each period and a line per
// instance would be a dot; several instances of one template in a period show the highest.
import { compareIds } from '../../../core/units.ts';
import { renderChartSvg } from '../chart.ts';
import { periodAxis, type ReportContext, type Section } from '../section.ts';
import { renderTable } from '../table.ts';

/** Per template (sorted by id), per period: the highest final weight, or null if not auctioned. */
export function taskWeightSeries(
  ctx: Pick<ReportContext, 'doc'>,
): { readonly templateId: string; readonly weightsMilli: readonly (number | null)[] }[] {
  const templates = [...new Set(ctx.doc.periods.flatMap((p) => p.tasks.map((t) => t.templateId)))];
  templates.sort(compareIds);
  return templates.map((templateId) => ({
    templateId,
    weightsMilli: ctx.doc.periods.map((p) => {
      const weights = p.tasks.filter((t) => t.templateId === templateId).map((t) => t.weightMilli);
      return weights.length === 0 ? null : Math.max(...weights);
    }),
  }));
}

export function taskWeightsSection(ctx: ReportContext): Section {
  const { t, f } = ctx;
  const id = `${ctx.idPrefix}task-weights`;
  const title = t('taskWeights.title');
  const series = taskWeightSeries(ctx);
  const legendRows = Math.ceil(series.length / 5);
  const svg = renderChartSvg(
    id,
    title,
    {
      grid: { left: 56, right: 24, top: 24, bottom: 56 + legendRows * 22 },
      legend: { bottom: 8, left: 'center', itemGap: 14 },
      xAxis: periodAxis(ctx),
      yAxis: {
        type: 'value',
        name: t('taskWeights.axis'),
        scale: true,
        axisLabel: { formatter: (v: number) => f.weight(Math.round(v * 1000)) },
      },
      series: series.map((s) => ({
        type: 'line',
        name: s.templateId,
        connectNulls: false,
        symbolSize: 6,
        data: s.weightsMilli.map((w) => (w === null ? null : w / 1000)),
      })),
    },
    { width: 860, height: 360 + legendRows * 22 },
  );
  const table = renderTable({
    caption: `${t('report.numbers')}: ${title}`,
    head: [t('period'), ...series.map((s) => s.templateId)],
    rows: ctx.doc.periods.map((p, i) => [
      String(p.period),
      ...series.map((s) => {
        const w = s.weightsMilli[i];
        return w === null || w === undefined ? t('report.none') : f.weight(w);
      }),
    ]),
    numeric: series.map((_, i) => i + 1),
  });
  return { id, title, note: t('taskWeights.note'), svg, tables: [table] };
}
