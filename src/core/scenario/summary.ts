// The short terminal summary of a scenario run: per period the price factor, the tasks and
// their weights, and whether the run stopped and why. Plain text, fixed order.

import {
  type EffortMilli,
  formatEffortMilli,
  formatWeightMilli,
  type WeightMilli,
} from '../units.ts';
import type { ScenarioRun } from './run-types.ts';

const wh = (mWH: number) => formatEffortMilli(mWH as EffortMilli);

export function scenarioSummary(run: ScenarioRun): string {
  const lines: string[] = [
    `scenario ${run.scenario.name}: ${run.periods.length} of ${run.scenario.periods.length} periods`,
  ];
  for (const p of run.periods) {
    const s = p.settlement;
    const filled = p.market.auctions.filter((a) => a.status === 'filled').length;
    const weights = p.market.auctions
      .filter((a) => a.weightMilli !== null)
      .map((a) => a.weightMilli as number);
    const top = weights.length === 0 ? '-' : formatWeightMilli(Math.max(...weights) as WeightMilli);
    // After the association batch too, so from the ledger, not from the settlement.
    // The period's settings are reported once they differ from the file's.
    const allowance = (p.settings ?? run.scenario.pool).allowanceEffortMilli;
    const arrears = [...run.chart.persons.values()].filter(
      (id) => (p.closingBalances.get(id) ?? 0) < -allowance,
    ).length;
    const shared = p.associations?.shares.shares.reduce((t, x) => t + x.totalEffortMilli, 0);
    lines.push(
      `  period ${p.period}: factor ${(p.priceFactorPpm / 1e6).toFixed(6)} → ${(s.nextPriceFactorPpm / 1e6).toFixed(6)}, ` +
        `tasks ${filled}/${p.market.auctions.length} filled (highest weight ${top}), ` +
        `work ${wh(p.work.reduce((t, w) => t + w.amountEffortMilli, 0))} WH, ` +
        `base ${wh(s.baseEffortMilli)} WH, ` +
        (shared === undefined ? '' : `association shares ${wh(shared)} WH, `) +
        `in arrears ${arrears}`,
    );
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
        `  balances of persons: lowest ${wh(balances[0]!)} WH, median ${wh(balances[Math.floor(balances.length / 2)]!)} WH, highest ${wh(balances.at(-1)!)} WH`,
      );
    }
  }
  lines.push(
    run.stop === null
      ? '  every invariant held in every period'
      : `  STOPPED in period ${run.stop.period}: ${run.stop.invariant === null ? 'rule refused' : `invariant ${run.stop.invariant} broken`} (${run.stop.code}): ${run.stop.detail}`,
  );
  return `${lines.join('\n')}\n`;
}
