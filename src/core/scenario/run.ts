// The deterministic scenario runner (issue 6): a fold of `stepPeriod` over the file's periods.
// Per period it clears the task market, credits confirmed work through the ledger, allocates
// goods by their scarcity rule, settles the pool as one linked batch, and checks the MODEL.md
// §6 invariants it can see. A broken invariant or a refused rule stops the run with a report
// naming it; the periods before stay in the result.

import { runFederation } from './federation.ts';
import { runResult, startRun, stepPeriod } from './run-state.ts';
import type { PeriodRun, RunOptions, ScenarioRun } from './run-types.ts';
import type { Scenario } from './types.ts';

export type {
  InvariantName,
  PeriodRun,
  RunOptions,
  RunStop,
  ScenarioRun,
  WorkCredit,
} from './run-types.ts';

export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioRun {
  if (scenario.federation.length > 0) return runFederation(scenario, options);
  const total = Math.min(options.periods ?? scenario.periods.length, scenario.periods.length);
  let state = startRun(scenario);
  const periods: PeriodRun[] = [];
  while (periods.length < total) {
    const stepped = stepPeriod(state, scenario.periods[periods.length]!);
    state = stepped.state;
    if (stepped.period === null) break;
    periods.push(stepped.period);
    options.onPeriod?.(periods.length, total);
  }
  return runResult(state, periods);
}
