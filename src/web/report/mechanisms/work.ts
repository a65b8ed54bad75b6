// Work credited (M2, M3): per period the work records, minutes and weighted hours credited, the
// weight index W̄ of the period (what an hour counted on average) and the no-shows.
import type { ReportContext, Section } from '../section.ts';
import { renderTable } from '../table.ts';
import { tablesSection } from './section.ts';

export function workSection(ctx: ReportContext): Section | null {
  const { t, f, doc } = ctx;
  if (doc.periods.every((p) => (p.work ?? []).length === 0 && (p.noShows ?? []).length === 0)) {
    return null;
  }
  const table = renderTable({
    caption: t('work.caption'),
    head: [
      t('period'),
      t('work.records'),
      t('work.persons'),
      t('work.minutes'),
      t('work.credited'),
      t('work.index'),
      t('work.noShows'),
    ],
    rows: doc.periods.map((p) => {
      const work = (p.work ?? []).filter((w) => w.confirmed);
      const w = p.weightIndexMilli;
      return [
        String(p.period),
        f.integer(work.length),
        f.integer(new Set(work.map((x) => x.personId)).size),
        f.integer(work.reduce((s, x) => s + x.minutes, 0)),
        f.wh(work.reduce((s, x) => s + x.amountEffortMilli, 0)),
        w === null || w === undefined
          ? t('report.none')
          : `${f.weight(w)} (${t('plain.weight', { weight: f.weightPlain(w) })})`,
        f.integer((p.noShows ?? []).length),
      ];
    }),
    numeric: [1, 2, 3, 4, 5, 6],
  });
  return tablesSection(ctx, 'work', 'work', [table]);
}
