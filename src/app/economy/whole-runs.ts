// The pure runner run whole through a pool's periods, reused while the inputs stay the same,
// and the check that such a run still gives the closed periods as they were posted.
import {
  canonicalJson,
  periodReport,
  runScenario,
  type Scenario,
  type ScenarioRun,
} from '../../core/scenario/index.ts';
import { headOf } from './post-period.ts';

export function createWholeRuns() {
  // The settling step's dry run and the closing step run the same pool through the same
  // period, and a verification right after a close runs it again; each reuses the last run
  // when the inputs are still the same (compared as canonical JSON, so any change, a
  // withdrawal included, runs again).
  let lastRun: {
    readonly input: string;
    readonly periods: number;
    readonly run: ScenarioRun;
  } | null = null;
  const runThrough = (scenario: Scenario, periods: number): ScenarioRun => {
    const input = canonicalJson(scenario);
    if (lastRun?.input === input && lastRun.periods === periods) return lastRun.run;
    const run = runScenario(scenario, { periods });
    lastRun = { input, periods, run };
    return run;
  };

  /** Where a run of the stored inputs departs from the closed periods: null when it does not. */
  function closedPeriodsDiffer(
    scenario: Scenario,
    closed: readonly { period: number; journalHead: string | null; report: unknown }[],
    given?: ScenarioRun,
  ): string | null {
    if (closed.length === 0) return null;
    const run = given ?? runThrough(scenario, closed.at(-1)!.period);
    for (const stored of closed) {
      const ran = run.periods[stored.period - 1];
      if (ran === undefined) {
        const why = run.stop === null ? '' : `: ${run.stop.code}: ${run.stop.detail}`;
        return `period ${stored.period} no longer runs${why}`;
      }
      if (headOf(ran) !== stored.journalHead)
        return `period ${stored.period}: journal head differs`;
      if (canonicalJson(periodReport(ran)) !== canonicalJson(stored.report)) {
        return `period ${stored.period}: report differs`;
      }
    }
    return null;
  }

  return { runThrough, closedPeriodsDiffer };
}

export type WholeRuns = ReturnType<typeof createWholeRuns>;
