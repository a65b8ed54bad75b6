// Dwellings possessed under a steward association (decision 0017): per period, where each
// stands (household, idle periods, flag and notice) and what happened to it in the period.
import type { ReportContext, Section } from '../section.ts';
import { listOrNone, mechanismSection, periodOrNone, periodTable } from './section.ts';

/** The event kinds the catalogues name; any other kind is shown as the report holds it. */
const EVENTS = ['moved_in', 'released', 'idle_flagged', 'reassigned'];

export function dwellingsSection(ctx: ReportContext): Section | null {
  const { t } = ctx;
  const eventText = (kind: string) => {
    const name = kind.replace(/^dwelling\./, '');
    return EVENTS.includes(name) ? t(`dwellings.event.${name}`) : kind;
  };
  const stateText = (state: string) =>
    state === 'commons' || state === 'possessed' ? t(`dwellings.state.${state}`) : state;
  return mechanismSection(ctx, 'dwellings', 'dwellings', (p) => {
    const x = p.dwellings;
    if (x === undefined) return [];
    return [
      periodTable(ctx, p.period, {
        what: t('dwellings.title'),
        head: [
          t('dwellings.unit'),
          t('dwellings.steward'),
          t('dwellings.state'),
          t('dwellings.household'),
          t('dwellings.since'),
          t('dwellings.lastUsed'),
          t('dwellings.idle'),
          t('dwellings.flagged'),
          t('dwellings.reassignable'),
          t('dwellings.events'),
        ],
        rows: x.units.map((u) => [
          u.unitId,
          u.stewardAssociationId,
          stateText(u.state),
          listOrNone(ctx, u.household),
          periodOrNone(ctx, u.sincePeriod),
          periodOrNone(ctx, u.lastUsedPeriod),
          periodOrNone(ctx, u.idlePeriods),
          periodOrNone(ctx, u.idleFlaggedAtPeriod),
          periodOrNone(ctx, u.reassignableFromPeriod),
          listOrNone(
            ctx,
            x.events.filter((e) => e.unitId === u.unitId).map((e) => eventText(e.kind)),
          ),
        ]),
        numeric: [4, 5, 6, 7, 8],
      }),
    ];
  });
}
