// Verifying stored pools: `db verify` runs every closed period again from the stored inputs
// and compares reports, journal heads, checkpoints, ledgers, clearings and stored answers;
// `--quick` checks from the last checkpoint (verify-quick.ts). `db migrate` keeps a
// checkpoint for each pool without a usable one.
import { assembleScenario } from '../../core/cycle/inputs.ts';
import { lastClosedPeriod } from '../../core/cycle/stages.ts';
import { ok, type Result } from '../../core/result.ts';
import { type RunState, runResult, type ScenarioRun } from '../../core/scenario/index.ts';
import type {
  EconomyStore,
  EconomyTransaction,
  StoredCheckpoint,
  StoredPool,
} from '../ports/economy-store.ts';
import { textSha256 } from '../sha256.ts';
import { checkpointOf, readCheckpoint } from './checkpoint-parts.ts';
import { foldFromStart } from './checkpointed-run.ts';
import type { EconomyFailure, EconomyVerification } from './economy-answers.ts';
import { unknownPool } from './refusals.ts';
import { quickProblem } from './verify-quick.ts';
import {
  answersDiffer,
  clearingsDiffer,
  foldCheckingClearings,
  ledgerDiffersFromRun,
  periodsOutOfStep,
} from './verify-stored.ts';
import type { WholeRuns } from './whole-runs.ts';

/** The pool's scenario through `periods` periods, from its stored inputs. */
export const scenarioOf = async (tx: EconomyTransaction, pool: StoredPool, periods: number) =>
  assembleScenario(pool.settings, await tx.loadInputs(pool.poolId), periods);

/** What is wrong with a pool's checkpoint against the state a run from its first period
 *  reached; null when nothing is (or the pool has none yet). */
function checkpointProblem(
  checkpoint: StoredCheckpoint | undefined,
  state: RunState,
): string | null {
  if (checkpoint === undefined) return null;
  const at = `checkpoint after period ${checkpoint.period}`;
  if (textSha256(checkpoint.state) !== checkpoint.stateSha256) return `${at}: hash differs`;
  if (checkpoint.period !== state.periodsRun) {
    return `${at}, but ${state.periodsRun} periods are closed`;
  }
  const ran = checkpointOf(state, 1);
  if (ran.stateSha256 !== checkpoint.stateSha256) return `${at}: state differs from the run`;
  // Every rotation segment stored, each the run's records of its period (decision 0062).
  const stored = new Map(checkpoint.rotation.map((x) => [x.period, x]));
  for (const segment of ran.rotation) {
    const held = stored.get(segment.period);
    if (held === undefined) return `${at}: rotation records of period ${segment.period} missing`;
    if (textSha256(held.records) !== held.recordsSha256) {
      return `${at}: rotation records of period ${segment.period}: hash differs`;
    }
    if (held.recordsSha256 !== segment.recordsSha256) {
      return `${at}: rotation records of period ${segment.period} differ from the run`;
    }
    stored.delete(segment.period);
  }
  const extra = [...stored.keys()][0];
  return extra === undefined ? null : `${at}: rotation records of period ${extra} not the run's`;
}

export function createVerification(store: EconomyStore, runs: WholeRuns) {
  const { runThrough, closedPeriodsDiffer } = runs;

  /**
   * Runs every closed period again from the stored inputs and compares each stored period
   * report and journal head with the run's: the books follow from the inputs, or this says
   * which period does not.
   */
  async function verifyPool(poolId: string): Promise<Result<EconomyVerification, EconomyFailure>> {
    return store.transaction(async (tx) => {
      const pool = await tx.findPool(poolId);
      if (pool === undefined) return unknownPool(poolId);
      const periods = await tx.loadPeriods(poolId);
      const closed = periods.filter((p) => p.stage === 'closed');
      const inputs = await tx.loadInputs(poolId);
      const base = { poolId, closedPeriods: closed.length, inputs: inputs.length };
      const outOfStep = periodsOutOfStep(pool.cycle, periods);
      if (outOfStep !== null) return ok({ ...base, problem: outOfStep });
      const scenario = assembleScenario(pool.settings, inputs, closed.length);
      const withOpen = assembleScenario(pool.settings, inputs, periods.length);
      let run: ScenarioRun | null = null;
      let checkpointed: string | null = null;
      let clearings: string | null;
      if (scenario.federation.length > 0) {
        run = closed.length > 0 ? runThrough(scenario, closed.length) : null;
        clearings = clearingsDiffer(withOpen, periods);
      } else {
        // One pass from the first period: each clearing from the state before its period,
        // and the checkpoint, the state of the same run after its period, byte for byte.
        const folded = foldCheckingClearings(withOpen, closed.length, periods);
        clearings = folded.clearings;
        if (closed.length > 0) {
          run = runResult(folded.state, folded.periods);
          checkpointed = checkpointProblem(await tx.loadCheckpoint(poolId), folded.state);
        }
      }
      const problem =
        (run === null ? null : closedPeriodsDiffer(scenario, closed, run)) ??
        checkpointed ??
        (await ledgerDiffersFromRun(tx, poolId, run)) ??
        clearings ??
        (await answersDiffer(tx, pool, periods));
      return ok({ ...base, problem });
    });
  }

  /** `verifyPool` from the pool's last checkpoint (verify-quick.ts); whole for a pool
   *  without one. */
  async function verifyPoolQuick(
    poolId: string,
  ): Promise<Result<EconomyVerification, EconomyFailure>> {
    const quick = await store.transaction(async (tx) => {
      const pool = await tx.findPool(poolId);
      if (pool === undefined) return unknownPool(poolId);
      const problem = await quickProblem(tx, pool);
      if (problem === undefined) return undefined;
      const closedPeriods = lastClosedPeriod(pool.cycle);
      return ok({
        poolId,
        closedPeriods,
        inputs: pool.nextSeq,
        problem,
        fromCheckpoint: closedPeriods,
      });
    });
    return quick ?? verifyPool(poolId);
  }

  /** Keeps a checkpoint for each pool whose last closed period has none (a pool stored
   *  before checkpoints): what `db migrate` does. Answers the pools given one. */
  async function checkpointPools(): Promise<string[]> {
    const made: string[] = [];
    for (const poolId of await store.listPools()) {
      const kept = await store.transaction(async (tx) => {
        const pool = await tx.lockPool(poolId);
        if (pool === undefined) return false;
        const closed = (await tx.loadPeriods(poolId)).filter((x) => x.stage === 'closed');
        if (closed.length === 0) return false;
        // One of an older state version (decision 0040) is made again.
        const held = await tx.loadCheckpoint(poolId);
        if (held?.period === closed.length && readCheckpoint(held).ok) return false;
        const scenario = await scenarioOf(tx, pool, closed.length);
        if (scenario.federation.length > 0) return false;
        const { state } = foldFromStart(scenario, closed.length);
        // A pool whose inputs no longer run gets none; `db verify` says why.
        if (state.stop !== null) return false;
        await tx.saveCheckpoint(poolId, checkpointOf(state, 1));
        return true;
      });
      if (kept) made.push(poolId);
    }
    return made;
  }

  return { verifyPool, verifyPoolQuick, checkpointPools };
}
