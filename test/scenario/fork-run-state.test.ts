// Proves that a fork of a run state (decision 0070) steps as the state read back anew and leaves
// the state it was taken from as it was: on every example without federated pools, from the
// state after each period read back from its text (as a stored checkpoint is), two forks step
// the next period; both give the period and the state after it byte for byte as a fresh read
// of the text does, and the state forked still serialises to the same text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  canonicalJson,
  forkRunState,
  periodReport,
  type RunState,
  type Scenario,
  serialiseRunState,
  startRun,
  stepPeriod,
} from '../../src/core/scenario/index.ts';
import { readRunState, singlePoolExamples } from './support.ts';

const FILES = singlePoolExamples();

/** The next period stepped from `state`: its report and the state after it, as text. */
function stepped(state: RunState, scenario: Scenario) {
  const next = stepPeriod(state, scenario.periods[state.periodsRun]!);
  return {
    period: next.period === null ? null : canonicalJson(periodReport(next.period)),
    stop: next.state.stop,
    state: next.state.stop === null ? serialiseRunState(next.state) : null,
  };
}

test('a fork steps as the state read back anew, and the state forked stays as it was', () => {
  let cuts = 0;
  for (const { file, scenario } of FILES) {
    // Each period's inputs as it comes, as a stored pool's checkpoints are made.
    let state = startRun({ ...scenario, periods: [] });
    for (let cut = 0; cut < scenario.periods.length && state.stop === null; cut += 1) {
      const text = serialiseRunState(state);
      const kept = readRunState(text);
      const fresh = stepped(readRunState(text), scenario);
      assert.deepEqual(stepped(forkRunState(kept), scenario), fresh, `${file}, period ${cut + 1}`);
      assert.equal(serialiseRunState(kept), text, `${file}: the state forked, period ${cut + 1}`);
      assert.deepEqual(stepped(forkRunState(kept), scenario), fresh, `${file}, again`);
      assert.equal(serialiseRunState(kept), text, `${file}: the state forked, again`);
      state = stepPeriod(state, scenario.periods[cut]!).state;
      cuts += 1;
    }
  }
  assert.ok(cuts >= 40, `only ${cuts} periods stepped`);
});
