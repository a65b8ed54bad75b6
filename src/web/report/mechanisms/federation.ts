// Federation positions closed by agreement (decision 0017): per period, what each pool moved
// from its federation account to its adjustment account. They live in the report's
// `federation.periods`, not in the pool's own periods.
import type { ReportContext, Section } from '../section.ts';
import { periodTable, tablesSection } from './section.ts';

export function federationWriteOffsSection(ctx: ReportContext): Section | null {
  const { t, f, doc } = ctx;
  const tables = (doc.federation?.periods ?? []).flatMap((p) =>
    p.writeOffs === undefined
      ? []
      : [
          periodTable(ctx, p.period, {
            what: t('federationWriteOffs.title'),
            head: [
              t('federationWriteOffs.pool'),
              t('federationWriteOffs.other'),
              t('federationWriteOffs.share'),
              t('federationWriteOffs.before'),
              t('federationWriteOffs.otherBefore'),
              t('federationWriteOffs.writtenOff'),
              t('federationWriteOffs.otherWrittenOff'),
            ],
            rows: p.writeOffs.map((w) => [
              w.poolId,
              w.otherPoolId,
              f.factor(w.sharePpm),
              f.wh(w.balanceBeforeEffortMilli),
              f.wh(w.otherBalanceBeforeEffortMilli),
              f.wh(w.writtenOffEffortMilli),
              f.wh(w.otherWrittenOffEffortMilli),
            ]),
            numeric: [2, 3, 4, 5, 6],
          }),
        ],
  );
  return tablesSection(ctx, 'federation-write-offs', 'federationWriteOffs', tables);
}
