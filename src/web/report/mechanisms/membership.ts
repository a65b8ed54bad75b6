// Who is in the pool (M1) and what projects keep in money: per period the members and those who
// left, and each project's money (cents, never converted into effort).
import type { ReportContext, Section } from '../section.ts';
import { renderTable } from '../table.ts';
import { listOrNone, tablesSection } from './section.ts';

export function membershipSection(ctx: ReportContext): Section | null {
  const { t, f, doc } = ctx;
  const rows = doc.periods.flatMap((p) =>
    p.membership === undefined
      ? []
      : [
          [
            String(p.period),
            f.integer(p.membership.members.length),
            listOrNone(
              ctx,
              p.membership.departed.map((d) => d.personId),
            ),
          ],
        ],
  );
  if (rows.length === 0) return null;
  const table = renderTable({
    caption: t('membership.title'),
    head: [t('period'), t('membership.members'), t('membership.departed')],
    rows,
    numeric: [1],
  });
  return tablesSection(ctx, 'membership', 'membership', [table]);
}

export function moneySection(ctx: ReportContext): Section | null {
  const { t, f, doc } = ctx;
  const rows = doc.periods.flatMap((p) =>
    (p.money ?? []).map((m) => [
      String(p.period),
      m.projectId,
      m.currency,
      f.integer(m.incomeCents),
      f.integer(m.expenseCents),
      f.integer(m.balanceCents),
    ]),
  );
  if (rows.length === 0) return null;
  const table = renderTable({
    caption: t('money.title'),
    head: [
      t('period'),
      t('projects.project'),
      t('money.currency'),
      t('money.income'),
      t('money.expense'),
      t('money.balance'),
    ],
    rows,
    numeric: [3, 4, 5],
  });
  return tablesSection(ctx, 'money', 'money', [table]);
}
