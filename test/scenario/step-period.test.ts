// Proves that the runner as a step function is the runner: folding `stepPeriod` over a file's
// periods gives `runScenario`'s report byte for byte, whether the periods' inputs are known at
// the start or come one period at a time, and that a state serialised after any period, read
// back and run on gives the same bytes (on every example without federated pools).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  canonicalJson,
  type PeriodRun,
  parseRunState,
  RUN_STATE_VERSION,
  type RunState,
  runResult,
  runScenario,
  type Scenario,
  scenarioReport,
  serialiseRunState,
  startRun,
  stepPeriod,
} from '../../src/core/scenario/index.ts';
import { singlePoolExamples } from './support.ts';

const FILES = singlePoolExamples();

/** Steps `state` through periods from..to of `file`, collecting the periods run. */
function fold(state: RunState, file: Scenario, from: number, to: number, periods: PeriodRun[]) {
  let current = state;
  for (let p = from; p <= to; p += 1) {
    const stepped = stepPeriod(current, file.periods[p - 1]!);
    current = stepped.state;
    if (stepped.period === null) break;
    periods.push(stepped.period);
  }
  return current;
}

const reportOf = (state: RunState, periods: readonly PeriodRun[]) =>
  canonicalJson(scenarioReport(runResult(state, periods)));

test('examples without federated pools are there to step through', () => {
  assert.ok(FILES.length >= 20, `only ${FILES.length} examples`);
});

test('folding stepPeriod, with a serialise-and-parse after any period, is runScenario', () => {
  fc.assert(
    fc.property(
      fc.nat({ max: FILES.length - 1 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.boolean(),
      (which, at, knownAhead) => {
        const { file, scenario } = FILES[which]!;
        const expected = canonicalJson(scenarioReport(runScenario(scenario)));
        const n = scenario.periods.length;
        const cut = Math.min(n, Math.floor(at * (n + 1)));
        // Known ahead: the whole file at the start; otherwise each period's inputs as it comes.
        const start = startRun(knownAhead ? scenario : { ...scenario, periods: [] });
        const periods: PeriodRun[] = [];
        const before = fold(start, scenario, 1, cut, periods);
        const text = serialiseRunState(before);
        const parsed = parseRunState(text);
        assert.ok(parsed.ok, file);
        assert.equal(serialiseRunState(parsed.value), text, `${file}: state read back`);
        const after = fold(parsed.value, scenario, cut + 1, n, periods);
        assert.equal(reportOf(after, periods), expected, `${file}, cut after period ${cut}`);
      },
    ),
    { numRuns: 24, seed: 20261207 },
  );
});

test('every example folds to the same bytes as runScenario with its inputs given per period', () => {
  for (const { file, scenario } of FILES) {
    const periods: PeriodRun[] = [];
    const n = scenario.periods.length;
    const state = fold(startRun({ ...scenario, periods: [] }), scenario, 1, n, periods);
    const expected = canonicalJson(scenarioReport(runScenario(scenario)));
    assert.equal(reportOf(state, periods), expected, file);
  }
});

test('a state of another version or not a state at all is refused with its code', () => {
  const state = startRun(FILES[0]!.scenario);
  const text = serialiseRunState(state);
  const other = text.replace(`"version":${RUN_STATE_VERSION}`, '"version":999');
  assert.notEqual(other, text);
  const refused = parseRunState(other);
  assert.equal(refused.ok ? 'read' : refused.error.code, 'run_state.version');
  const garbage = parseRunState('{"version":');
  assert.equal(garbage.ok ? 'read' : garbage.error.code, 'run_state.malformed');
});
