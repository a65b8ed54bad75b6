// The deterministic scenario runner (issue 6): a fold of `stepPeriod` over the file's periods.
// Per period it clears the task market, credits confirmed work through the ledger, allocates
// goods by their scarcity rule, settles the pool as one linked batch, and checks the MODEL.md
// §6 invariants it can see. A broken invariant or a refused rule stops the run with a report
// naming it; the periods before stay in the result.

import { runFederation } from './federation.ts';
import { foldPeriods, runResult, startRun } from './run-state.ts';
import type { RunOptions, ScenarioRun } from './run-types.ts';
import type { Scenario } from './types.ts';

export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioRun {
  if (scenario.federation.length > 0) return runFederation(scenario, options);
  const total = Math.min(options.periods ?? scenario.periods.length, scenario.periods.length);
  const { state, periods } = foldPeriods(startRun(scenario), scenario.periods, total, (p) =>
    options.onPeriod?.(p, total),
  );
  return runResult(state, periods);
}
