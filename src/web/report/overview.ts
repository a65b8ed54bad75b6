// The few sentences at the top of the report for the people who organise the community: what
// happened in this run, each sentence only for a mechanism the run used, every number taken from
// the report (in hours with one decimal; the exact amounts are in the sections below).
import { finalPersonBalances } from './charts/balances.ts';
import { plainFactor, premiumsOf } from './charts/price-factor.ts';
import { taskWeightSeries } from './charts/task-weights.ts';
import { isScarceLine } from './mechanisms/goods.ts';
import type { ReportContext } from './section.ts';

const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);

function workSentences(ctx: ReportContext): string[] {
  const { t, f, doc } = ctx;
  const work = doc.periods.flatMap((p) => (p.work ?? []).filter((w) => w.confirmed));
  const minutes = sum(work.map((w) => w.minutes));
  if (minutes === 0) return [];
  const credited = sum(work.map((w) => w.amountEffortMilli));
  const sentences = [
    t('overview.work', {
      hours: f.hours(Math.round((minutes * 1000) / 60)),
      persons: new Set(work.map((w) => w.personId)).size,
      credited: f.hours(credited),
      weight: f.weightPlain(Math.round((credited * 60) / minutes)),
    }),
  ];
  // The task that was hardest to fill: the highest final weight of any template.
  let top: { templateId: string; period: number; weightMilli: number } | null = null;
  for (const s of taskWeightSeries(ctx)) {
    s.weightsMilli.forEach((w, i) => {
      if (w !== null && (top === null || w > top.weightMilli)) {
        top = { templateId: s.templateId, period: doc.periods[i]!.period, weightMilli: w };
      }
    });
  }
  const highest = top as { templateId: string; period: number; weightMilli: number } | null;
  if (highest !== null) {
    sentences.push(
      t('overview.topWeight', {
        task: highest.templateId,
        period: highest.period,
        weight: f.weightPlain(highest.weightMilli),
      }),
    );
  }
  const unfilled = doc.periods.flatMap((p) => p.tasks.filter((x) => x.status !== 'filled'));
  if (unfilled.length > 0) {
    sentences.push(t('overview.unfilled', { tasks: unfilled.length }));
  }
  return sentences;
}

function goodsSentences(ctx: ReportContext): string[] {
  const { t, f, doc } = ctx;
  const scarce = new Map<string, { periods: number; units: number; premium: number }>();
  for (const p of doc.periods) {
    for (const g of (p.goods ?? []).filter(isScarceLine)) {
      const x = scarce.get(g.productId) ?? { periods: 0, units: 0, premium: 0 };
      x.periods += 1;
      x.units += sum(g.allocations.map((a) => a.units));
      x.premium += g.premiumTotalEffortMilli;
      scarce.set(g.productId, x);
    }
  }
  const resources = new Map<string, { flat: number; auction: number; premium: number }>();
  for (const p of doc.periods) {
    for (const r of p.resources ?? []) {
      const x = resources.get(r.resourceId) ?? { flat: 0, auction: 0, premium: 0 };
      if (r.mode === 'auction') x.auction += 1;
      else x.flat += 1;
      x.premium += r.premiumTotalEffortMilli;
      resources.set(r.resourceId, x);
    }
  }
  return [
    ...[...scarce].map(([product, x]) =>
      t('overview.scarce', {
        product,
        periods: x.periods,
        units: x.units,
        premium: f.hours(x.premium),
      }),
    ),
    ...[...resources].map(([resource, x]) =>
      t('overview.resource', {
        resource,
        flat: x.flat,
        auction: x.auction,
        premium: f.hours(x.premium),
      }),
    ),
  ];
}

function factorSentence(ctx: ReportContext): string[] {
  const { t, f, doc } = ctx;
  const factors = doc.periods.map((p) => p.nextPriceFactorPpm);
  if (factors.length === 0) return [];
  const premiums = sum(doc.periods.map((p) => premiumsOf(p).goods + premiumsOf(p).resources));
  const low = Math.min(...factors);
  const high = Math.max(...factors);
  return [
    low === high
      ? t('overview.factorSteady', { factor: plainFactor(ctx, low, true) })
      : t('overview.factor', {
          low: plainFactor(ctx, low, true),
          high: plainFactor(ctx, high, true),
          premiums: f.hours(premiums),
        }),
  ];
}

function commonsSentences(ctx: ReportContext): string[] {
  const { t, f, doc } = ctx;
  const sentences: string[] = [];
  const budgets = doc.periods.flatMap((p) => p.associations?.budgets ?? []);
  if (budgets.length > 0) {
    const redistribution = sum(budgets.map((b) => b.redistributionEffortMilli));
    sentences.push(
      t('overview.associations', {
        shares: f.hours(redistribution + sum(budgets.map((b) => b.servicesEffortMilli))),
        redistribution: f.hours(redistribution),
      }),
    );
  }
  const housing = doc.periods.flatMap((p) => p.housing ?? []);
  if (housing.length > 0) {
    sentences.push(
      t('overview.housing', {
        dwellings: new Set(housing.map((h) => h.unitId)).size,
        dues: f.hours(sum(housing.map((h) => h.recoveredEffortMilli))),
      }),
    );
  }
  const events = doc.periods.flatMap((p) => p.possession?.events ?? []);
  if (events.length > 0) {
    sentences.push(
      t('overview.possession', {
        goods: new Set(events.map((e) => e.goodId)).size,
        changes: events.length,
        flagged: events.filter((e) => e.kind === 'possession.idle_flagged').length,
      }),
    );
  }
  return sentences;
}

function balanceSentence(ctx: ReportContext): string[] {
  const { t, f } = ctx;
  const balances = finalPersonBalances(ctx)
    .map((b) => b.balanceEffortMilli)
    .sort((a, b) => a - b);
  if (balances.length === 0) return [];
  return [
    t('overview.balances', {
      persons: balances.length,
      low: f.hours(balances[0]!),
      median: f.hours(balances[Math.floor(balances.length / 2)]!),
      high: f.hours(balances.at(-1)!),
    }),
  ];
}

/** The overview's sentences, in reading order. */
export function overviewSentences(ctx: ReportContext): string[] {
  return [
    ...workSentences(ctx),
    ...factorSentence(ctx),
    ...goodsSentences(ctx),
    ...commonsSentences(ctx),
    ...balanceSentence(ctx),
  ];
}
