// Proves that a period run without the close's checks of the books (`checks: 'notLedger'`, a
// projection's, decision 0075) runs the period as the checked run does: on every example without
// federated pools, from the state after each period read back from its text (as a stored
// checkpoint is), the period run with and without the checks, both with journals that hash
// nothing as a projection's are, gives the same report byte for byte, and the period after it
// stepped from each gives the same report too (the state carried on is the same). And only a
// state that can never be kept may be run so.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withoutJournalHashes } from '../../src/core/ledger/index.ts';
import {
  canonicalJson,
  forkRunState,
  type PeriodChecks,
  periodReport,
  type RunState,
  type Scenario,
  serialiseRunState,
  startRun,
  stepPeriod,
} from '../../src/core/scenario/index.ts';
import { readRunState, singlePoolExamples } from './support.ts';

const FILES = singlePoolExamples();

/** The next two periods from `state` with journals that hash nothing, the first run with
 *  `checks`: each period's report (or why the run stopped), as text. */
function twoPeriods(state: RunState, scenario: Scenario, checks: PeriodChecks) {
  const fork = forkRunState(state);
  const unhashed = { ...fork, ledger: withoutJournalHashes(fork.ledger) };
  const first = stepPeriod(
    unhashed,
    scenario.periods[state.periodsRun]!,
    undefined,
    undefined,
    checks,
  );
  const report = (x: typeof first) =>
    x.period === null ? canonicalJson(x.state.stop) : canonicalJson(periodReport(x.period));
  const next = scenario.periods[first.state.periodsRun];
  const second = next === undefined ? null : stepPeriod(first.state, next);
  return { first: report(first), second: second === null ? null : report(second) };
}

test('a period run without the ledger checks reports what the checked run does', () => {
  let cuts = 0;
  for (const { file, scenario } of FILES) {
    let state = startRun({ ...scenario, periods: [] });
    for (let cut = 0; cut < scenario.periods.length && state.stop === null; cut += 1) {
      const text = serialiseRunState(state);
      assert.deepEqual(
        twoPeriods(readRunState(text), scenario, 'notLedger'),
        twoPeriods(readRunState(text), scenario, 'all'),
        `${file}, period ${cut + 1}`,
      );
      state = stepPeriod(state, scenario.periods[cut]!).state;
      cuts += 1;
    }
  }
  assert.ok(cuts >= 40, `only ${cuts} periods stepped`);
});

test('only a state whose journals hash nothing may leave out the ledger checks', () => {
  const { scenario } = FILES[0]!;
  const state = startRun(scenario);
  assert.throws(
    () => stepPeriod(state, scenario.periods[0]!, undefined, undefined, 'notLedger'),
    /never kept/,
  );
});
