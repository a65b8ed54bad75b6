// Services from person to person (M15, the time bank): the only transfer between persons, the
// beneficiary debited and the giver credited.
import type { ReportContext, Section } from '../section.ts';
import { renderTable } from '../table.ts';
import { tablesSection } from './section.ts';

export function personalServicesSection(ctx: ReportContext): Section | null {
  const { t, f, doc } = ctx;
  const rows = doc.periods.flatMap((p) =>
    (p.personalServices ?? []).map((s) => [
      String(p.period),
      s.id,
      s.giverId,
      s.beneficiaryId,
      f.integer(s.minutes),
      f.wh(s.amountEffortMilli),
      t(s.confirmed ? 'personalServices.confirmed' : 'personalServices.unconfirmed'),
    ]),
  );
  if (rows.length === 0) return null;
  const table = renderTable({
    caption: t('personalServices.title'),
    head: [
      t('period'),
      t('personalServices.service'),
      t('personalServices.giver'),
      t('personalServices.beneficiary'),
      t('personalServices.minutes'),
      t('personalServices.amount'),
      t('personalServices.status'),
    ],
    rows,
    numeric: [4, 5],
  });
  return tablesSection(ctx, 'personal-services', 'personalServices', [table]);
}
