// The distribution of persons' balances at the end of the run: a histogram over ranges of a
// "nice" width (1, 2 or 5 × a power of ten mWH, at least 1 WH) so about a dozen bars show the
// shape, and every person's exact balance in a second table.

import { renderChartSvg } from '../chart.ts';
import { personOf } from '../report-doc.ts';
import type { ReportContext, Section } from '../section.ts';
import { renderTable } from '../table.ts';

export interface BalanceBin {
  /** Inclusive lower bound, mWH. */
  readonly fromEffortMilli: number;
  /** Exclusive upper bound, mWH. */
  readonly toEffortMilli: number;
  readonly persons: number;
}

/** Persons' ledger balances after the last period, in the report's (id) order. */
export function finalPersonBalances(
  ctx: Pick<ReportContext, 'doc'>,
): { readonly personId: string; readonly balanceEffortMilli: number }[] {
  const last = ctx.doc.periods.at(-1);
  if (last === undefined) return [];
  return last.balances.flatMap((b) => {
    const personId = personOf(ctx.doc.poolId, b.accountId);
    return personId === null ? [] : [{ personId, balanceEffortMilli: b.balanceEffortMilli }];
  });
}

const TARGET_BINS = 12;

export function balanceBins(balances: readonly number[]): BalanceBin[] {
  if (balances.length === 0) return [];
  const min = Math.min(...balances);
  const max = Math.max(...balances);
  let width = 1000;
  search: for (let scale = 1000; ; scale *= 10) {
    for (const multiple of [1, 2, 5]) {
      width = multiple * scale;
      if (width * TARGET_BINS >= max - min) break search;
    }
  }
  const start = Math.floor(min / width) * width;
  const count = Math.floor((max - start) / width) + 1;
  const bins = Array.from({ length: count }, (_, i) => ({
    fromEffortMilli: start + i * width,
    toEffortMilli: start + (i + 1) * width,
    persons: 0,
  }));
  for (const b of balances) bins[Math.floor((b - start) / width)]!.persons += 1;
  return bins;
}

export function balancesSection(ctx: ReportContext): Section {
  const { t, f } = ctx;
  const id = `${ctx.idPrefix}balances`;
  const title = t('balances.title');
  const persons = finalPersonBalances(ctx);
  const values = persons.map((p) => p.balanceEffortMilli);
  const bins = balanceBins(values);
  const label = (b: BalanceBin) => `${f.wh(b.fromEffortMilli)} … ${f.wh(b.toEffortMilli)}`;
  const svg = renderChartSvg(
    id,
    title,
    {
      grid: { left: 56, right: 24, top: 24, bottom: 96 },
      xAxis: {
        type: 'category',
        name: t('balances.range'),
        nameLocation: 'middle',
        nameGap: 72,
        data: bins.map(label),
        axisLabel: { rotate: 30, interval: 0, fontSize: 10 },
      },
      yAxis: { type: 'value', name: t('balances.persons'), minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('balances.persons'),
          barCategoryGap: '8%',
          label: { show: true, position: 'top' },
          data: bins.map((b) => b.persons),
        },
      ],
    },
    { width: 860, height: 380 },
  );
  const binTable = renderTable({
    caption: `${t('report.numbers')}: ${title}`,
    head: [t('balances.from'), t('balances.to'), t('balances.persons')],
    rows: bins.map((b) => [f.wh(b.fromEffortMilli), f.wh(b.toEffortMilli), f.integer(b.persons)]),
    numeric: [0, 1, 2],
  });
  const eachTable = renderTable({
    caption: t('balances.each'),
    head: [t('balances.person'), t('balances.balance')],
    rows: persons.map((p) => [p.personId, f.wh(p.balanceEffortMilli)]),
    numeric: [1],
  });
  const note = t('balances.note', {
    count: f.integer(persons.length),
    min: values.length === 0 ? t('report.none') : f.wh(Math.min(...values)),
    max: values.length === 0 ? t('report.none') : f.wh(Math.max(...values)),
  });
  return { id, title, note, svg, tables: [binTable, eachTable] };
}
