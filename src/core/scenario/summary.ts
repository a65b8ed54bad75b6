// The short terminal summary of a scenario run: per period the price factor, the tasks and
// their weights, and whether the run stopped and why. Plain text, fixed order. The words and
// the number formats come from the caller (the core holds no language), so the summary reads
// in the language of the report.

import type { ScenarioRun } from './run-types.ts';

/** The texts and number formats of the summary in one language. */
export interface SummaryText {
  /** The text of `summary.<key>` with its placeholders filled. */
  readonly t: (key: string, params?: Readonly<Record<string, string | number>>) => string;
  /** mWH → WH with three decimals. */
  readonly wh: (effortMilli: number) => string;
  /** Weight milli → weight with three decimals. */
  readonly weight: (weightMilli: number) => string;
  /** ppm → factor with six decimals. */
  readonly factor: (ppm: number) => string;
}

export function scenarioSummary(run: ScenarioRun, text: SummaryText): string {
  const { t, wh } = text;
  const lines: string[] = [
    t('head', {
      name: run.scenario.name,
      run: run.periods.length,
      total: run.scenario.periods.length,
    }),
  ];
  for (const p of run.periods) {
    const s = p.settlement;
    const filled = p.market.auctions.filter((a) => a.status === 'filled').length;
    const weights = p.market.auctions
      .filter((a) => a.weightMilli !== null)
      .map((a) => a.weightMilli as number);
    const top = weights.length === 0 ? t('none') : text.weight(Math.max(...weights));
    // After the association batch too, so from the ledger, not from the settlement.
    // The period's settings are reported once they differ from the file's.
    const allowance = (p.settings ?? run.scenario.pool).allowanceEffortMilli;
    const arrears = [...run.chart.persons.values()].filter(
      (id) => (p.closingBalances.get(id) ?? 0) < -allowance,
    ).length;
    const shared = p.associations?.shares.shares.reduce((sum, x) => sum + x.totalEffortMilli, 0);
    const parts = [
      t('factor', {
        factor: text.factor(p.priceFactorPpm),
        next: text.factor(s.nextPriceFactorPpm),
      }),
      t('tasks', { filled, tasks: p.market.auctions.length, top }),
      t('work', { work: wh(p.work.reduce((sum, w) => sum + w.amountEffortMilli, 0)) }),
      t('base', { base: wh(s.baseEffortMilli) }),
      ...(shared === undefined ? [] : [t('shares', { shares: wh(shared) })]),
      t('arrears', { arrears }),
    ];
    lines.push(`  ${t('period', { period: p.period })}: ${parts.join(', ')}`);
  }
  const last = run.periods.at(-1);
  if (last) {
    const persons = new Set(run.chart.persons.values());
    const balances = [...last.closingBalances]
      .filter(([id]) => persons.has(id))
      .map(([, b]) => b)
      .sort((a, b) => a - b);
    if (balances.length > 0) {
      lines.push(
        `  ${t('balances', {
          low: wh(balances[0]!),
          median: wh(balances[Math.floor(balances.length / 2)]!),
          high: wh(balances.at(-1)!),
        })}`,
      );
    }
  }
  const stop = run.stop;
  lines.push(
    `  ${
      stop === null
        ? t('allHeld')
        : t('stopped', {
            period: stop.period,
            what:
              stop.invariant === null
                ? t('ruleRefused')
                : t('invariantBroken', { invariant: stop.invariant }),
            code: stop.code,
            detail: stop.detail,
          })
    }`,
  );
  return `${lines.join('\n')}\n`;
}
