// Giving a stored pool inputs and withdrawing them, in the caller's transaction: each input
// is checked against the open period's window, then all of them as a whole against what the
// pool holds (decision 0041); a standing input must leave the closed periods as posted.
import {
  assembleScenario,
  isPeriodKind,
  isStandingKind,
  type PoolInput,
  stagesTaking,
} from '../../core/cycle/inputs.ts';
import { type CycleState, lastClosedPeriod } from '../../core/cycle/stages.ts';
import { failure, ok, type Result } from '../../core/result.ts';
import { runResult } from '../../core/scenario/index.ts';
import type { EconomyTransaction, StoredPool } from '../ports/economy-store.ts';
import { checkpointOf } from './checkpoint-parts.ts';
import { foldFromStart, LATER_KINDS } from './checkpointed-run.ts';
import type { EconomyFailure, InputRequest, SubmitAnswer } from './economy-answers.ts';
import {
  checkByIndex,
  indexOpenPeriod,
  type OpenPeriodIndex,
  withAccepted,
} from './open-period-index.ts';
import { type Answering, Refusal } from './refusals.ts';
import { validatePoolInputs } from './validate.ts';
import type { WholeRuns } from './whole-runs.ts';

/** Checks that a period input may be given now: its period is the open one, in a stage that takes it. */
export function checkWindow(cycle: CycleState, input: InputRequest, index: number) {
  const at = `inputs[${index}] (${input.kind})`;
  if (isStandingKind(input.kind)) {
    if (input.period !== 0) {
      return failure('economy.wrong_period', `${at}: a standing input has period 0`);
    }
    if (cycle.stage === 'settling') {
      return failure('economy.wrong_stage', `${at}: period ${cycle.period} is settling`);
    }
    return null;
  }
  if (!isPeriodKind(input.kind)) {
    return failure('economy.unknown_kind', `${at}: no input kind "${input.kind}"`);
  }
  if (cycle.stage === null || cycle.stage === 'closed' || input.period !== cycle.period) {
    const open =
      cycle.stage === null || cycle.stage === 'closed'
        ? 'no period is open'
        : `period ${cycle.period} is open`;
    return failure('economy.wrong_period', `${at}: for period ${input.period}, but ${open}`);
  }
  const stages = stagesTaking(input.kind);
  if (!stages.includes(cycle.stage)) {
    return failure(
      'economy.wrong_stage',
      `${at}: taken while ${stages.join(' or ')}; period ${cycle.period} is ${cycle.stage}`,
    );
  }
  return null;
}

export interface AppendOptions {
  /** Inputs were withdrawn in the same transaction (a replacement): a kept index is not of
   *  what is left. */
  readonly withdrew?: boolean;
  /** One of the inputs withdrawn was a standing one. */
  readonly standingWithdrawn?: boolean;
  /** Takes the open period's index after the inputs, for the caller to keep with `keepIndex`
   *  once the transaction has committed. */
  readonly indexed?: (index: OpenPeriodIndex) => void;
  /** The open period's index as this transaction holds the pool, in place of the one kept of
   *  the last commit: in a shared transaction, after the requests before this one (null: none
   *  is known). Read only while its sequence number is the pool's, as a kept one is. */
  readonly index?: OpenPeriodIndex | null;
  /** The answer to keep with the inputs' own write, when they are written in one. */
  readonly answering?: Answering<SubmitAnswer>;
}

export interface InputAppendingDeps {
  /** Forgets what is cached of a pool's open period (a withdrawal changes it). */
  readonly forget: (poolId: string) => void;
  readonly closedPeriodsDiffer: WholeRuns['closedPeriodsDiffer'];
}

export function createInputAppending(deps: InputAppendingDeps) {
  const { forget, closedPeriodsDiffer } = deps;
  // The open period's index by pool, each as a committed transaction left it: read only while
  // its sequence number is the pool's (every input and withdrawal, in any process, moves the
  // number on), so a rolled-back one is never kept and another process's input is never missed.
  const indexes = new Map<string, OpenPeriodIndex>();
  const keptIndex = (pool: StoredPool) => {
    const index = indexes.get(pool.poolId);
    return index?.seq === pool.nextSeq && index.period === pool.cycle.period ? index : undefined;
  };
  /** Keeps an index `appendChecked` gave, once its transaction has committed. */
  const keepIndex = (poolId: string, index: OpenPeriodIndex) => {
    if ((indexes.get(poolId)?.seq ?? -1) < index.seq) indexes.set(poolId, index);
  };

  /** Withdraws an input of the locked pool's open period (the work of withdrawInput); a
   *  withdrawal the rest of the inputs would not survive is thrown as a Refusal. */
  async function withdrawOne(
    tx: EconomyTransaction,
    pool: StoredPool,
    poolId: string,
    seq: number,
  ): Promise<Result<{ readonly withdrawn: number }, EconomyFailure>> {
    const input = await tx.findInput(poolId, seq);
    if (input === undefined) {
      return failure('economy.unknown_input', `pool "${poolId}" has no input ${seq}`);
    }
    if (!input.withdrawn) {
      forget(poolId);
      if (input.period === 0) {
        return failure(
          'economy.wrong_period',
          `input ${seq} (${input.kind}) is a standing input; it is not withdrawn`,
        );
      }
      const refused = checkWindow(pool.cycle, input, 0);
      if (refused !== null) {
        return failure(
          refused.error.code,
          refused.error.detail.replace('inputs[0]', `input ${seq}`),
        );
      }
      await tx.markWithdrawn(poolId, seq);
      // A withdrawal changes the inputs as an input does: it takes a sequence number,
      // so a projection cached by the number (in any process) is not read again.
      await tx.updatePool(poolId, pool.cycle, pool.nextSeq + 1);
      // What is left must still hold together (no bid on a withdrawn task …).
      const left = await tx.loadOpenInputs(poolId, input.period, LATER_KINDS);
      const valid = validatePoolInputs(pool.settings, left, [], pool.cycle.period);
      if (!valid.ok) {
        throw new Refusal({
          code: valid.error.code,
          detail: `withdrawing input ${seq} would leave: ${valid.error.detail}`,
        });
      }
    }
    return ok({ withdrawn: seq });
  }

  /** Appends inputs to the log after checking them as a whole, in the caller's transaction:
   *  standing ones any time but while settling, period ones in the stages that take them. A
   *  standing input given (or withdrawn by a replacement) must leave the closed periods as
   *  they were posted. */
  async function appendChecked(
    tx: EconomyTransaction,
    pool: StoredPool,
    inputs: readonly InputRequest[],
    options: AppendOptions = {},
  ): Promise<Result<SubmitAnswer, EconomyFailure>> {
    const poolId = pool.poolId;
    const standing =
      options.standingWithdrawn === true || inputs.some((input) => input.period === 0);
    for (const [index, input] of inputs.entries()) {
      const refused = checkWindow(pool.cycle, input, index);
      if (refused !== null) return refused;
    }
    const seqAfter = pool.nextSeq + inputs.length;
    // Bids and work records checked by id against the open period's index, when one is kept
    // of the pool as it stands (decisions 0056, 0069); the whole check answers what the index
    // has no rule for.
    const given = options.index === undefined ? keptIndex(pool) : options.index;
    const index =
      options.withdrew === true || given?.seq !== pool.nextSeq ? undefined : (given ?? undefined);
    const byIndex = index === undefined ? null : checkByIndex(index, inputs as PoolInput[]);
    if (byIndex !== null) {
      if (!byIndex.ok) return byIndex;
      const answer = { accepted: inputs.length, firstSeq: pool.nextSeq };
      const moved = { cycle: pool.cycle, nextSeq: seqAfter };
      await tx.appendMovingOn(
        poolId,
        pool.nextSeq,
        byIndex.value,
        moved,
        options.answering?.(answer),
      );
      options.indexed?.(withAccepted(index!, byIndex.value, seqAfter));
      return ok(answer);
    }
    // Period inputs are checked against the standing inputs, the open period's and the
    // kinds later periods read (decision 0041); a standing one against the whole log,
    // whose closed periods it must not change.
    const open = Math.max(pool.cycle.period, ...inputs.map((input) => input.period));
    const stored = standing
      ? await tx.loadInputs(poolId)
      : await tx.loadOpenInputs(poolId, open, LATER_KINDS);
    const validated = validatePoolInputs(
      pool.settings,
      stored,
      inputs as PoolInput[],
      pool.cycle.period,
    );
    if (!validated.ok) return validated;
    // A standing input (a new member, a product …) must not change a closed period:
    // those books are posted. Running the closed periods again proves it does not.
    if (standing) {
      const closed = lastClosedPeriod(pool.cycle);
      const scenario = assembleScenario(
        pool.settings,
        [...stored, ...validated.value.added],
        closed,
      );
      const closedPeriods = (await tx.loadPeriods(poolId)).filter((p) => p.stage === 'closed');
      let differs: string | null = null;
      if (closed > 0 && scenario.federation.length > 0) {
        differs = closedPeriodsDiffer(scenario, closedPeriods);
      } else if (closed > 0) {
        // The run that proves it is the pool's checkpoint from now on: the state after
        // the closed periods with the pool's standing inputs as they are now.
        const { state, periods } = foldFromStart(scenario, closed);
        differs = closedPeriodsDiffer(scenario, closedPeriods, runResult(state, periods));
        if (differs === null) await tx.saveCheckpoint(poolId, checkpointOf(state, 1));
      }
      if (differs !== null) {
        return failure(
          'economy.changes_closed_period',
          `these inputs would change a closed period (${differs})`,
        );
      }
    }
    await tx.appendInputs(poolId, pool.nextSeq, validated.value.added);
    await tx.updatePool(poolId, pool.cycle, seqAfter);
    if (options.indexed !== undefined && pool.cycle.period >= 1) {
      const built = indexOpenPeriod(validated.value.scenario, pool.cycle.period, seqAfter);
      if (built !== null) options.indexed(built);
    }
    return ok({ accepted: inputs.length, firstSeq: pool.nextSeq });
  }

  return { withdrawOne, appendChecked, keptIndex, keepIndex };
}
