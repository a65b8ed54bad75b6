// The period steps of a stored pool: clearing the open period's market, the settling dry run
// and the close that posts the period's books and keeps the checkpoint after it, each from
// the checkpoint after the period before (decisions 0027, 0041).
import { clearMarketFrom, clearPeriodMarket } from '../../core/cycle/clear-market.ts';
import type { CycleState, PeriodStage } from '../../core/cycle/stages.ts';
import { ok, type Result } from '../../core/result.ts';
import { marketReport, periodReport } from '../../core/scenario/index.ts';
import type { EconomyTransaction, StoredPool } from '../ports/economy-store.ts';
import { checkpointOf, readCheckpoint } from './checkpoint-parts.ts';
import {
  loadOpen,
  type OpenPeriodKept,
  openPeriodStart,
  runOpenPeriod,
  type StepOffers,
  wholeRun,
} from './checkpointed-run.ts';
import type { EconomyFailure, StepAnswer } from './economy-answers.ts';
import { postPeriod } from './post-period.ts';
import { stopped } from './refusals.ts';
import type { WholeRuns } from './whole-runs.ts';

export function createPeriodSteps(runThrough: WholeRuns['runThrough'], offers?: StepOffers) {
  /** How a step loads the open period: as without `offers`, and hands `offers` what it loaded
   *  (the checkpoint only when the step is the clearing, which leaves the state as read). */
  const loading = (pool: StoredPool, stage: PeriodStage): OpenPeriodKept | undefined =>
    offers === undefined
      ? undefined
      : {
          openInputs: async (tx, x, open) => {
            const inputs = await loadOpen(tx, x, open);
            offers.openInputs(x.poolId, open, x.nextSeq, inputs);
            return inputs;
          },
          readCheckpoint: (checkpoint) => {
            const read = readCheckpoint(checkpoint);
            if (read.ok && stage === 'cleared')
              offers.checkpoint(pool.poolId, checkpoint, read.value);
            return read;
          },
        };

  /** Carries out the step to `next` (decided to be the next one). */
  async function takeStep(
    tx: EconomyTransaction,
    pool: StoredPool,
    next: CycleState,
  ): Promise<Result<StepAnswer, EconomyFailure>> {
    const p = next.period;
    const stage = next.stage!;
    const current = (await tx.findPeriod(pool.poolId, p)) ?? {
      period: p,
      stage,
      clearing: null,
      report: null,
      journalEntries: null,
      journalHead: null,
    };
    let saved = { ...current, stage };
    if (stage === 'cleared' || stage === 'settling' || stage === 'closed') {
      // Each starts from the checkpoint after the period before (decision 0027) and reads only
      // the inputs the open period needs (decision 0041); a pool with federated pools is run
      // whole by the pure runner.
      const {
        scenario,
        before: state,
        fromCheckpoint,
      } = await openPeriodStart(tx, pool, p, loading(pool, stage));
      const before = state === null ? null : { state };
      if (stage === 'cleared') {
        const cleared =
          before === null
            ? clearPeriodMarket(scenario, p)
            : clearMarketFrom(before.state, scenario, p, offers?.marketMemo(pool.poolId));
        if (!cleared.ok) return stopped(cleared);
        saved = { ...saved, clearing: marketReport(cleared.value) };
      } else {
        // Settling freezes the period's inputs; it is taken only if the period would settle,
        // so a refusal leaves the period running for its inputs to be corrected.
        const opened =
          before === null
            ? { state: null, ...wholeRun(runThrough(scenario, p), p) }
            : runOpenPeriod(before.state, scenario, p);
        if (opened.period === null) return stopped(opened.run);
        if (stage === 'closed') {
          const posted = await postPeriod(tx, opened.run, opened.period, p);
          saved = { ...saved, report: periodReport(opened.period), ...posted };
          // From the checkpoint, only p's rotation records are new (decision 0062); a run from
          // the first period keeps them all.
          if (opened.state !== null)
            await tx.saveCheckpoint(
              pool.poolId,
              checkpointOf(opened.state, fromCheckpoint ? p : 1),
            );
        }
      }
    }
    await tx.savePeriod(pool.poolId, saved);
    await tx.updatePool(pool.poolId, next, pool.nextSeq);
    return ok({
      period: p,
      stage,
      alreadyDone: false,
      ...(stage === 'closed'
        ? { journalHead: saved.journalHead!, journalEntries: saved.journalEntries! }
        : {}),
    });
  }

  return { takeStep };
}
