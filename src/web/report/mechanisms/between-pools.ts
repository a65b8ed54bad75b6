// What crossed between a federated pool and the other pools of the file (decision 0012), shown
// in that pool's part of the page: the federation accounts of every pair it belongs to per
// period (as the report's `federation.periods[].lines` hold them: the pair in id order, the
// conversion difference in the second pool's hours), and per period the takings and work of
// members of one pool in the other (`deliveries`). The numbers live in the file's own report,
// not in the federated pool's, so the section is given them.
import type { ReportDoc } from '../report-doc.ts';
import type { ReportContext, Section } from '../section.ts';
import { renderTable } from '../table.ts';
import { integerOrNone, periodTable, tablesSection } from './section.ts';

type ReportFederation = NonNullable<ReportDoc['federation']>;

/** The section for pool `poolId` (the context's pool); null when no period reconciled. */
export function betweenPoolsSection(
  ctx: ReportContext,
  federation: ReportFederation,
  poolId: string,
): Section | null {
  const { t, f } = ctx;
  const involves = (a: string, b: string) => a === poolId || b === poolId;
  const lines = federation.periods.flatMap((p) =>
    p.lines.filter((l) => involves(l.poolId, l.otherPoolId)).map((l) => ({ period: p.period, l })),
  );
  if (lines.length === 0) return null;
  const accounts = renderTable({
    caption: t('betweenPools.accounts'),
    head: [
      t('period'),
      t('betweenPools.pool'),
      t('betweenPools.other'),
      t('betweenPools.weightIndex'),
      t('betweenPools.otherWeightIndex'),
      t('betweenPools.change'),
      t('betweenPools.otherChange'),
      t('betweenPools.conversionDifference'),
      t('betweenPools.balance'),
      t('betweenPools.otherBalance'),
      t('betweenPools.debtor'),
    ],
    rows: lines.map(({ period, l }) => [
      String(period),
      l.poolId,
      l.otherPoolId,
      f.weight(l.weightIndexMilli),
      f.weight(l.otherWeightIndexMilli),
      f.wh(l.changeEffortMilli),
      f.wh(l.otherChangeEffortMilli),
      f.wh(l.conversionDifferenceEffortMilli),
      f.wh(l.balanceEffortMilli),
      f.wh(l.otherBalanceEffortMilli),
      l.debtorPoolId ?? t('betweenPools.even'),
    ]),
    numeric: [3, 4, 5, 6, 7, 8, 9],
  });
  const deliveries = federation.periods.flatMap((p) => {
    const crossed = p.deliveries.filter((d) => involves(d.memberPoolId, d.hostPoolId));
    if (crossed.length === 0) return [];
    return [
      periodTable(ctx, p.period, {
        what: t('betweenPools.deliveries'),
        head: [
          t('person'),
          t('betweenPools.memberPool'),
          t('betweenPools.kind'),
          t('betweenPools.hostPool'),
          t('betweenPools.reference'),
          t('betweenPools.project'),
          t('units'),
          t('betweenPools.minutes'),
          t('betweenPools.memberAmount'),
          t('betweenPools.hostAmount'),
        ],
        rows: crossed.map((d) => [
          d.personId,
          d.memberPoolId,
          t(d.kind === 'take' ? 'betweenPools.take' : 'betweenPools.work'),
          d.hostPoolId,
          d.reference,
          d.projectId,
          integerOrNone(ctx, d.units),
          integerOrNone(ctx, d.minutes),
          f.wh(d.memberEffortMilli),
          f.wh(d.hostEffortMilli),
        ]),
        numeric: [6, 7, 8, 9],
      }),
    ];
  });
  return tablesSection(ctx, 'between-pools', 'betweenPools', [accounts, ...deliveries]);
}
