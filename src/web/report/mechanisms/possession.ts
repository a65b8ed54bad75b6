// Commons in possession (M12): who held each shared good at the end of the run, and every
// claim, release, idle flag and reclaim over the run.
import type { ReportContext, Section } from '../section.ts';
import { renderTable } from '../table.ts';
import { periodOrNone, tablesSection } from './section.ts';

export function possessionSection(ctx: ReportContext): Section | null {
  const { t, doc } = ctx;
  const events = doc.periods.flatMap((p) => p.possession?.events ?? []);
  const goods = doc.periods.at(-1)?.possession?.goods ?? [];
  if (events.length === 0 && goods.length === 0) return null;
  const tables = [
    renderTable({
      caption: t('possession.atEnd'),
      head: [
        t('possession.good'),
        t('possession.state'),
        t('possession.by'),
        t('possession.since'),
        t('possession.lastUsed'),
        t('possession.flagged'),
        t('possession.returnDemanded'),
      ],
      rows: goods.map((g) => [
        g.id,
        t(`possession.state.${g.state}`),
        g.by ?? t('report.none'),
        periodOrNone(ctx, g.sincePeriod),
        periodOrNone(ctx, g.lastUsedPeriod),
        periodOrNone(ctx, g.idleFlaggedAtPeriod),
        periodOrNone(ctx, g.returnDemandedAtPeriod),
      ]),
      numeric: [3, 4, 5, 6],
    }),
    renderTable({
      caption: t('possession.events'),
      head: [t('period'), t('possession.good'), t('possession.event')],
      rows: events.map((e) => [
        String(e.period),
        e.goodId,
        t(`possession.event.${e.kind.slice('possession.'.length)}`),
      ]),
      numeric: [],
    }),
  ];
  return tablesSection(ctx, 'possession', 'possession', tables);
}
