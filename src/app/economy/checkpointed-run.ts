// A stored pool's open period run from its checkpoint (decision 0027): the pure runner's state
// after the last closed period, read back and stepped through the open period, instead of
// every period from the first. Without a usable checkpoint (none yet, a pool stored before
// checkpoints, standing inputs added since, federated pools) the periods before are run again
// from the stored inputs, as the pure runner does.
import { assembleScenario, PERIOD_KINDS, type PoolInput } from '../../core/cycle/inputs.ts';
import type { Failure, Result } from '../../core/result.ts';
import {
  canonicalJson,
  foldPeriods,
  type MarketMemo,
  type PeriodChecks,
  type PeriodRun,
  type RunState,
  runResult,
  type Scenario,
  type ScenarioRun,
  SPENT_PERIOD_KINDS,
  startRun,
  stepPeriod,
} from '../../core/scenario/index.ts';
import type { EconomyTransaction, StoredCheckpoint, StoredPool } from '../ports/economy-store.ts';
import { type CheckpointReadCode, readCheckpoint, rotationFromFor } from './checkpoint-parts.ts';

/** The pool's settings and standing inputs: everything of the file but its periods. */
const standingOf = (file: Scenario): string => canonicalJson({ ...file, periods: [] });

/** The state after `through` periods, run from the first with each period's inputs given as
 *  it comes, as a pool's checkpoints were: so the state read back from a checkpoint and the
 *  state of this run serialise alike. */
export function foldFromStart(
  scenario: Scenario,
  through: number,
): { state: RunState; periods: PeriodRun[] } {
  return foldPeriods(startRun({ ...scenario, periods: [] }), scenario.periods, through);
}

/** The checkpoint's state when it is after period p − 1, reads back with the rotation records
 *  of p's window, and the pool's settings and standing inputs are still those it ran with;
 *  else null. */
function checkpointState(
  scenario: Scenario,
  checkpoint: StoredCheckpoint | undefined,
  p: number,
  standing?: {
    readonly memo: StandingMemo;
    readonly settings: string;
    readonly inputs: readonly PoolInput[];
  },
  read: CheckpointReader = readCheckpoint,
): RunState | null {
  if (scenario.federation.length > 0 || checkpoint?.period !== p - 1) return null;
  if (checkpoint.rotationFrom > rotationFromFor(scenario, p)) return null;
  const parsed = read(checkpoint);
  if (!parsed.ok) return null;
  const held = standing?.memo.held;
  const same =
    held !== undefined &&
    held !== null &&
    held.text === checkpoint.state &&
    held.settings === standing!.settings &&
    held.inputs.length === standing!.inputs.length &&
    held.inputs.every((input, i) => input === standing!.inputs[i]);
  if (!same) {
    if (standingOf(parsed.value.file) !== standingOf(scenario)) return null;
    if (standing !== undefined) {
      const { settings, inputs } = standing;
      standing.memo.held = { text: checkpoint.state, settings, inputs };
    }
  }
  return parsed.value;
}

/**
 * A checkpoint found to have run with the pool's settings and standing inputs (decision
 * 0067): while its text, the settings' text and the standing inputs (the very input objects,
 * which a kept list of open inputs gives again) are the same, so is the answer, without
 * serialising the pool's file twice to compare.
 */
export interface StandingMemo {
  held: {
    readonly text: string;
    readonly settings: string;
    readonly inputs: readonly PoolInput[];
  } | null;
}

/**
 * The state after period p − 1: the checkpoint's when it is usable, else run from the first
 * period. Null for a pool with federated pools (run whole by the pure runner).
 */
export function stateBeforePeriod(
  scenario: Scenario,
  checkpoint: StoredCheckpoint | undefined,
  p: number,
): { state: RunState; fromCheckpoint: boolean } | null {
  if (scenario.federation.length > 0) return null;
  const state = checkpointState(scenario, checkpoint, p);
  if (state !== null) return { state, fromCheckpoint: true };
  return { state: foldFromStart(scenario, p - 1).state, fromCheckpoint: false };
}

/** The kinds of inputs of the periods before the open one that a step reads: those a later
 *  period's rules look back at (run-state-compact.ts). */
export const LATER_KINDS = PERIOD_KINDS.filter((kind) => !SPENT_PERIOD_KINDS.has(kind));

/** What `tx.loadOpenInputs(pool, open, LATER_KINDS)` returns, loaded or kept. */
export type OpenInputsLoader = (
  tx: EconomyTransaction,
  pool: StoredPool,
  open: number,
) => Promise<readonly PoolInput[]>;

/** How a checkpoint is read back: `readCheckpoint`, or a kept state's fork (decision 0070). */
export type CheckpointReader = (
  checkpoint: StoredCheckpoint,
) => Result<RunState, Failure<CheckpointReadCode>>;

/** What a read keeps of a pool's open period between reads (decisions 0067, 0070), or how a
 *  period step loads what it hands on to the reads. */
export interface OpenPeriodKept {
  readonly openInputs: OpenInputsLoader;
  readonly standing?: StandingMemo;
  readonly readCheckpoint: CheckpointReader;
}

/**
 * What a period step hands to the open period's reads (decision 0070): what it loaded or made
 * anyway, and made anew, which a read would make alike: the open inputs at the pool's sequence
 * number, the checkpoint read back (by the clearing, which does not change it), the clearing.
 */
export interface StepOffers {
  readonly openInputs: (
    poolId: string,
    period: number,
    nextSeq: number,
    inputs: readonly PoolInput[],
  ) => void;
  readonly checkpoint: (poolId: string, checkpoint: StoredCheckpoint, state: RunState) => void;
  readonly marketMemo: (poolId: string) => MarketMemo;
}

export const loadOpen: OpenInputsLoader = (t, x, open) =>
  t.loadOpenInputs(x.poolId, open, LATER_KINDS);

/**
 * What a step of open period p starts from, read from the store (decision 0041): with a usable
 * checkpoint, only the standing inputs, the open period's and the few kinds later periods read
 * are loaded (the scenario's periods before p hold nothing else); otherwise the whole log, run
 * from the first period. `before` is null for a pool with federated pools.
 */
export async function openPeriodStart(
  tx: EconomyTransaction,
  pool: StoredPool,
  p: number,
  kept?: OpenPeriodKept,
): Promise<{ scenario: Scenario; before: RunState | null; fromCheckpoint: boolean }> {
  const memo = kept?.standing;
  const open = await (kept?.openInputs ?? loadOpen)(tx, pool, p);
  const openScenario = assembleScenario(pool.settings, open, p);
  // The rotation records of p's window only (decision 0062): what the market reads of them.
  const checkpoint = await tx.loadCheckpoint(pool.poolId, rotationFromFor(openScenario, p));
  if (checkpoint?.period === p - 1) {
    const standing =
      memo === undefined
        ? undefined
        : {
            memo,
            settings: JSON.stringify(pool.settings),
            inputs: open.filter((input) => input.period === 0),
          };
    const state = checkpointState(openScenario, checkpoint, p, standing, kept?.readCheckpoint);
    if (state !== null) return { scenario: openScenario, before: state, fromCheckpoint: true };
  }
  const scenario = assembleScenario(pool.settings, await tx.loadInputs(pool.poolId), p);
  const before = stateBeforePeriod(scenario, checkpoint, p);
  return {
    scenario,
    before: before?.state ?? null,
    fromCheckpoint: before?.fromCheckpoint ?? false,
  };
}

/** Period p run from the state before it; `run` has the books after it and that period. */
export function runOpenPeriod(
  before: RunState,
  scenario: Scenario,
  p: number,
  marketMemo?: MarketMemo,
  checks: PeriodChecks = 'all',
): { state: RunState; period: PeriodRun | null; run: ScenarioRun } {
  const stepped = stepPeriod(before, scenario.periods[p - 1]!, undefined, marketMemo, checks);
  return {
    state: stepped.state,
    period: stepped.period,
    run: runResult(stepped.state, stepped.period === null ? [] : [stepped.period]),
  };
}

/** A whole run through period p, and that period (null when the run stopped before it). */
export const wholeRun = (run: ScenarioRun, p: number) => ({
  run,
  period: run.stop === null ? (run.periods[p - 1] ?? null) : null,
});
