// The settings in force per period (decision 0018): the pool's, listed from the first period
// that changed them on, and the associations', from the first period that changed one of
// theirs; one row per setting with its name in the scenario file.
import type { ReportSettings } from '../report-doc.ts';
import type { ReportContext, Section } from '../section.ts';
import { mechanismSection, periodTable } from './section.ts';

/** Each setting: its path in the file and its value as the page shows it. */
function settingRows(ctx: ReportContext, s: ReportSettings): [string, string][] {
  const { f } = ctx;
  const m = s.market;
  return [
    ['weighting', s.weighting],
    ['priceFactorMode', s.priceFactorMode],
    ['allowanceEffortMilli', f.wh(s.allowanceEffortMilli)],
    ['carryOverCapEffortMilli', f.wh(s.carryOverCapEffortMilli)],
    ['donateTo', s.donateTo],
    ['forgiveAfterPeriods', f.integer(s.forgiveAfterPeriods)],
    ['market.minWeightMilli', f.weight(m.minWeightMilli)],
    ['market.capWeightMilli', f.weight(m.capWeightMilli)],
    ['market.escalationStepPpm', f.factor(m.escalationStepPpm)],
    ['market.escalationWindowMinutes', f.integer(m.escalationWindowMinutes)],
    ['market.minNoticeMinutes', f.integer(m.minNoticeMinutes)],
    ['market.clearingRule', m.clearingRule],
    ['market.rotationWindowPeriods', f.integer(m.rotationWindowPeriods)],
  ];
}

/** Each association's settings: label, path in the file, value. */
function associationRows(ctx: ReportContext, s: ReportSettings): [string, string, string][] {
  const { f, t } = ctx;
  const rows: [string, string, string][] = [];
  for (const a of s.associations ?? []) {
    const at = `associations[${a.id}]`;
    for (const x of a.allowances) {
      rows.push([
        t('settings.association.allowance', { association: a.id, category: x.category }),
        `${at}.allowances.${x.category}`,
        f.wh(x.allowanceEffortMilli),
      ]);
    }
    rows.push(
      [
        t('settings.association.basicNeedsInArrears', { association: a.id }),
        `${at}.basicNeedsInArrears`,
        String(a.basicNeedsInArrears),
      ],
      [
        t('settings.association.dwellingIdleLimitPeriods', { association: a.id }),
        `${at}.dwellingIdleLimitPeriods`,
        f.integer(a.dwellingIdleLimitPeriods),
      ],
      [
        t('settings.association.dwellingNoticePeriods', { association: a.id }),
        `${at}.dwellingNoticePeriods`,
        f.integer(a.dwellingNoticePeriods),
      ],
    );
  }
  return rows;
}

export function settingsSection(ctx: ReportContext): Section | null {
  const { t } = ctx;
  return mechanismSection(ctx, 'settings', 'settings', (p) =>
    p.settings === undefined
      ? []
      : [
          periodTable(ctx, p.period, {
            what: t('settings.title'),
            head: [t('settings.setting'), t('settings.field'), t('settings.value')],
            rows: [
              ...settingRows(ctx, p.settings).map(([field, value]) => [
                t(`settings.${field}`),
                `pool.${field}`,
                value,
              ]),
              ...associationRows(ctx, p.settings),
            ],
            // Values are numbers and words (weighting, clearing rule): left-aligned alike.
            numeric: [],
          }),
        ],
  );
}
