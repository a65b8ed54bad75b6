// The clearing step of the period cycle: the open period's task market, cleared from its tasks
// and bids after the periods before it ran, so members see their assignments and weights
// before the work starts. From a run state after the period before (a stored pool's
// checkpoint), or from the file by running the periods before it.

import type { PeriodMarket } from '../scenario/market.ts';
import { runPeriodMarket } from '../scenario/market.ts';
import { keepMarket, type MarketMemo } from '../scenario/market-memo.ts';
import type { MarketState } from '../scenario/market-state.ts';
import { marketStateAfter } from '../scenario/market-state.ts';
import { runScenario } from '../scenario/run.ts';
import type { RunState } from '../scenario/run-state.ts';
import type { RunStop } from '../scenario/run-types.ts';
import { scenarioInForce } from '../scenario/settings.ts';
import type { Scenario } from '../scenario/types.ts';

type Cleared = { ok: true; value: PeriodMarket } | { ok: false; stop: RunStop };

/**
 * Clears period `period`'s task market from its tasks and bids, after running the periods
 * before it: what members see once bidding closes. Work records and no-shows of the period
 * are not looked at (they come later; settlement clears the market again with them).
 */
export function clearPeriodMarket(scenario: Scenario, period: number): Cleared {
  const before = runScenario(scenario, { periods: period - 1 });
  if (before.stop !== null) return { ok: false, stop: before.stop };
  return clearWith(scenario, period, marketStateAfter(before.periods));
}

/** `clearPeriodMarket` from the run state after the period before (`state.periodsRun` is
 *  `period − 1`) and the period's inputs in `scenario`: no period before is run again. The
 *  clearing is made anew; `keep` is given it, for the period's projection reads (decision
 *  0070). */
export function clearMarketFrom(
  state: RunState,
  scenario: Scenario,
  period: number,
  keep?: MarketMemo,
): Cleared {
  if (state.stop !== null) return { ok: false, stop: state.stop };
  const file = {
    ...state.file,
    periods: [...state.file.periods.slice(0, period - 1), scenario.periods[period - 1]!],
  };
  return clearWith(file, period, state.carried!, keep);
}

function clearWith(
  scenario: Scenario,
  period: number,
  state: MarketState,
  keep?: MarketMemo,
): Cleared {
  const spec = scenario.periods[period - 1]!;
  // The market settings in force in the period (decision 0018).
  const inForce = scenarioInForce(scenario, period);
  const asked = { ...spec, work: [], noShows: [] };
  const cleared = runPeriodMarket(inForce, period, asked, state.history, state.lastWeights);
  if (keep !== undefined) {
    keepMarket(keep, inForce, period, asked, state.history, state.lastWeights, cleared);
  }
  if (!cleared.ok) {
    const certificate = cleared.error.code.startsWith('market.check');
    return {
      ok: false,
      stop: {
        period,
        invariant: certificate ? 'certificate' : null,
        code: cleared.error.code,
        detail: cleared.error.detail,
      },
    };
  }
  return cleared;
}
