// What the task market carries from one period to the next: who earned how much from each
// template (rotation fairness) and each template's last clearing weight (the indicated weight
// when a task gives none). The runner folds each period in as it goes; the period cycle
// rebuilds it from the closed periods to clear the open period's market on its own
// (src/core/cycle/clear-market.ts).

import type { PersonId } from '../ids.ts';
import type { TemplateHistory } from '../market/index.ts';
import type { EffortMilli } from '../units.ts';
import type { PeriodMarket } from './market.ts';
import type { PeriodRun } from './run-types.ts';
import type { WorkCredit } from './work.ts';

export interface MarketState {
  readonly history: TemplateHistory[];
  readonly lastWeights: Map<string, number>;
}

/** Folds one period's confirmed credits and clearing weights into the carried market state. */
export function recordMarketOutcome(
  state: MarketState,
  period: number,
  credits: readonly WorkCredit[],
  market: PeriodMarket,
): void {
  for (const c of credits) {
    if (!c.confirmed) continue;
    const auction = market.auctions.find((a) => a.instanceId === c.instanceId)!;
    state.history.push({
      personId: c.personId as PersonId,
      templateId: auction.templateId,
      period,
      effortMilli: c.amountEffortMilli as EffortMilli,
    });
  }
  for (const a of market.auctions) {
    if (a.weightMilli !== null) state.lastWeights.set(a.templateId, a.weightMilli);
  }
}

export function marketStateAfter(periods: readonly PeriodRun[]): MarketState {
  const state: MarketState = { history: [], lastWeights: new Map() };
  for (const run of periods) recordMarketOutcome(state, run.period, run.work, run.market);
  return state;
}
