// Dwellings possessed under a steward association (decision 0017): per period, where each
// stands (household, idle periods, flag and notice) and what happened to it in the period.
import type { DwellingEvent } from '../../../core/commons/index.ts';
import type { ReportContext, Section } from '../section.ts';
import { listOrNone, mechanismSection, periodOrNone, periodTable } from './section.ts';

export function dwellingsSection(ctx: ReportContext): Section | null {
  const { t } = ctx;
  const eventText = (kind: DwellingEvent['kind']) =>
    t(`dwellings.event.${kind.slice('dwelling.'.length)}`);
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
          t(`dwellings.state.${u.state}`),
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
