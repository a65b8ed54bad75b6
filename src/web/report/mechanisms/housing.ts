// Housing by duration of use (M12): each dwelling's dues at the end of the run, split among its
// residents, and what the dues have recovered of the building's effort over the whole run.
import type { ReportHousing } from '../report-doc.ts';
import type { ReportContext, Section } from '../section.ts';
import { renderTable } from '../table.ts';
import { listOrNone, tablesSection } from './section.ts';

export function housingSection(ctx: ReportContext): Section | null {
  const { t, f, doc } = ctx;
  const last = new Map<string, { period: number; line: ReportHousing }>();
  const recovered = new Map<string, number>();
  for (const p of doc.periods) {
    for (const h of p.housing ?? []) {
      last.set(h.unitId, { period: p.period, line: h });
      recovered.set(h.unitId, (recovered.get(h.unitId) ?? 0) + h.recoveredEffortMilli);
    }
  }
  if (last.size === 0) return null;
  const table = renderTable({
    caption: t('housing.caption'),
    head: [
      t('housing.unit'),
      t('housing.project'),
      t('housing.residents'),
      t('housing.rate'),
      t('housing.occupied'),
      t('housing.recovered'),
      t('housing.unrecovered'),
      t('housing.lastPeriod'),
    ],
    rows: [...last.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([unitId, { period, line }]) => [
        unitId,
        line.projectId,
        listOrNone(
          ctx,
          line.dues.map((d) => `${d.personId} (${f.wh(d.amountEffortMilli)})`),
        ),
        f.wh(line.ratePerPeriodEffortMilli),
        f.percent(line.occupiedPpm / 1_000_000),
        f.wh(recovered.get(unitId) ?? 0),
        f.wh(line.unrecoveredEffortMilli),
        String(period),
      ]),
    numeric: [3, 4, 5, 6, 7],
  });
  return tablesSection(ctx, 'housing', 'housing', [table]);
}
