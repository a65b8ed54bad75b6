// Decision 0020: goods reserved until a commitment's work is done, means of production
// abandoned early, and service units offered and not taken (both written off).
import type { ReportContext, Section } from '../section.ts';
import { mechanismSection, periodTable, whOrNone } from './section.ts';

export function reservationsSection(ctx: ReportContext): Section | null {
  const { t, f } = ctx;
  return mechanismSection(ctx, 'reservations', 'reservations', (p) =>
    p.reservations === undefined
      ? []
      : [
          periodTable(ctx, p.period, {
            what: t('reservations.title'),
            head: [
              t('person'),
              t('product'),
              t('units'),
              t('reservations.madeIn'),
              t('reservations.due'),
              t('reservations.premium'),
              t('reservations.status'),
              t('reservations.price'),
            ],
            rows: p.reservations.map((r) => [
              r.personId,
              r.productId,
              f.integer(r.units),
              String(r.madeIn),
              String(r.duePeriod),
              f.wh(r.premiumEffortMilli),
              t(`reservations.status.${r.status}`),
              whOrNone(ctx, r.unitPriceEffortMilli),
            ]),
            numeric: [2, 3, 4, 5, 7],
          }),
        ],
  );
}

export function meansWrittenOffSection(ctx: ReportContext): Section | null {
  const { t, f } = ctx;
  return mechanismSection(ctx, 'means-written-off', 'meansWrittenOff', (p) =>
    p.meansWrittenOff === undefined
      ? []
      : [
          periodTable(ctx, p.period, {
            what: t('meansWrittenOff.title'),
            head: [
              t('projects.project'),
              t('meansWrittenOff.means'),
              t('meansWrittenOff.build'),
              t('meansWrittenOff.charged'),
              t('meansWrittenOff.writtenOff'),
            ],
            rows: p.meansWrittenOff.map((m) => [
              m.projectId,
              m.meansOfProductionId,
              f.wh(m.buildEffortMilli),
              f.wh(m.chargedEffortMilli),
              f.wh(m.writtenOffEffortMilli),
            ]),
            numeric: [2, 3, 4],
          }),
        ],
  );
}

export function servicesUnusedSection(ctx: ReportContext): Section | null {
  const { t, f } = ctx;
  return mechanismSection(ctx, 'services-unused', 'servicesUnused', (p) =>
    p.servicesUnused === undefined
      ? []
      : [
          periodTable(ctx, p.period, {
            what: t('servicesUnused.title'),
            head: [t('product'), t('units'), t('servicesUnused.writtenOff')],
            rows: p.servicesUnused.map((s) => [
              s.productId,
              f.integer(s.units),
              f.wh(s.effortMilli),
            ]),
            numeric: [1, 2],
          }),
        ],
  );
}
