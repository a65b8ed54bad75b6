// Natural resources (M13): each period's claims on a resource, shared at a flat rate while the
// demand stays within the cap and auctioned at the cap when it does not; land leases; reserves
// of a depleting resource.
import type { ReportClaimant } from '../report-doc.ts';
import type { ReportContext, Section } from '../section.ts';
import { renderTable } from '../table.ts';
import { listOrNone, tablesSection } from './section.ts';

/** A person or project claiming a resource, as one word. */
export function claimantName(c: ReportClaimant): string {
  if (c.kind === 'person' && 'personId' in c) return String(c.personId);
  if (c.kind === 'project' && 'projectId' in c) return String(c.projectId);
  const id = Object.entries(c).find(([key]) => key !== 'kind')?.[1];
  return id === undefined ? c.kind : String(id);
}

export function resourcesSection(ctx: ReportContext): Section | null {
  const { t, f, doc } = ctx;
  const claims = doc.periods.flatMap((p) =>
    (p.resources ?? []).map((r) => [
      String(p.period),
      r.resourceId,
      t(`resources.mode.${r.mode}`),
      f.integer(r.capUnits),
      f.integer(r.demandUnits),
      f.wh(r.clearingPremiumEffortMilliPerUnit),
      f.wh(r.premiumTotalEffortMilli),
      listOrNone(
        ctx,
        r.awards.map((a) => `${claimantName(a.claimant)}: ${f.integer(a.units)}`),
      ),
      listOrNone(
        ctx,
        r.rejected.map((c) => claimantName(c.claimant)),
      ),
    ]),
  );
  const leases = doc.periods.flatMap((p) =>
    (p.leases ?? []).map((l) => [
      String(p.period),
      l.leaseId,
      claimantName(l.holder),
      f.integer(l.units),
      `${l.fromPeriod}–${l.untilPeriod}`,
      t(`resources.lease.${l.status}`),
      f.wh(l.duesPriceEffortMilli),
      f.wh(l.duesPremiumEffortMilli),
    ]),
  );
  const reserves = doc.periods.flatMap((p) =>
    (p.reserves ?? []).map((r) => [
      String(p.period),
      r.resourceId,
      f.integer(r.reserveUnits),
      f.integer(r.extractedUnits),
      f.integer(r.extractedToDateUnits),
      f.integer(r.remainingUnits),
      f.integer(r.capUnits),
    ]),
  );
  const tables = [
    claims.length === 0
      ? null
      : renderTable({
          caption: t('resources.claims'),
          head: [
            t('period'),
            t('resources.resource'),
            t('resources.mode'),
            t('resources.cap'),
            t('resources.demand'),
            t('resources.premiumPerUnit'),
            t('resources.premiumTotal'),
            t('resources.awards'),
            t('resources.rejected'),
          ],
          rows: claims,
          numeric: [3, 4, 5, 6],
        }),
    leases.length === 0
      ? null
      : renderTable({
          caption: t('resources.leases'),
          head: [
            t('period'),
            t('resources.lease'),
            t('resources.holder'),
            t('units'),
            t('resources.leasePeriods'),
            t('resources.leaseStatus'),
            t('resources.duesPrice'),
            t('resources.duesPremium'),
          ],
          rows: leases,
          numeric: [3, 6, 7],
        }),
    reserves.length === 0
      ? null
      : renderTable({
          caption: t('resources.reserves'),
          head: [
            t('period'),
            t('resources.resource'),
            t('resources.reserve'),
            t('resources.extracted'),
            t('resources.extractedToDate'),
            t('resources.remaining'),
            t('resources.cap'),
          ],
          rows: reserves,
          numeric: [2, 3, 4, 5, 6],
        }),
  ].filter((x): x is string => x !== null);
  return tablesSection(ctx, 'resources', 'resources', tables);
}
