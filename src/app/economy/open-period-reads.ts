// Reads of a stored pool's periods that run the pure runner for one period from the state
// before it (decision 0027): the open period as it stands (a projection, computed once per
// input sequence number) and one person's part of any period, closed or open. A cold read keeps
// the open period's inputs, its clearing and its standing check between reads, and runs the
// period with journals that hash nothing (decision 0067) and without the close's checks of
// the books (decision 0075).
import { withoutJournalHashes } from '../../core/ledger/index.ts';
import { failure, ok, type Result } from '../../core/result.ts';
import {
  type Explanation,
  emptyMarketMemo,
  explainPerson,
  type MarketMemo,
  type PeriodRun,
  runScenario,
  type ScenarioRun,
} from '../../core/scenario/index.ts';
import type { EconomyStore, EconomyTransaction, StoredPool } from '../ports/economy-store.ts';
import {
  LATER_KINDS,
  openPeriodStart,
  runOpenPeriod,
  type StandingMemo,
  type StepOffers,
  wholeRun,
} from './checkpointed-run.ts';
import type { EconomyFailure } from './economy-answers.ts';
import { createKeptCheckpoints } from './kept-checkpoint.ts';
import { createOpenInputsCache } from './open-inputs-cache.ts';
import { type PoolProjection, projectionOf } from './projection.ts';

export interface OpenPeriodReadsDeps {
  readonly store: EconomyStore;
  readonly unknownPool: (poolId: string) => Result<never, EconomyFailure>;
  readonly stopped: (run: ScenarioRun) => Result<never, EconomyFailure>;
}

export function createOpenPeriodReads(deps: OpenPeriodReadsDeps) {
  const { store, unknownPool, stopped } = deps;
  /** The open period's run by pool, with the input sequence number and period it is of: a
   *  projection read again before any input comes runs nothing. */
  const projected = new Map<
    string,
    { seq: number; period: number; run: ScenarioRun; ran: PeriodRun | null }
  >();
  const openInputs = createOpenInputsCache(LATER_KINDS);
  /** The checkpoint read back, by pool: each read steps a fork of it (decision 0070). */
  const checkpoints = createKeptCheckpoints();
  /** The open period's clearing by pool, given again while what it reads is the same. */
  const markets = new Map<string, MarketMemo>();

  /** What the pool's checkpoint was found to have run with, by pool. */
  const standings = new Map<string, StandingMemo>();
  const standingOf = (poolId: string): StandingMemo => {
    let memo = standings.get(poolId);
    if (memo === undefined) {
      memo = { held: null };
      standings.set(poolId, memo);
    }
    return memo;
  };

  const memoOf = (poolId: string): MarketMemo => {
    let memo = markets.get(poolId);
    if (memo === undefined) {
      memo = emptyMarketMemo();
      markets.set(poolId, memo);
    }
    return memo;
  };

  /** Period p run from the state before it (the checkpoint's when it is after p − 1) with the
   *  inputs stored so far; `ran` is null when the run stops (`run.stop` says why). */
  async function periodRunOf(tx: EconomyTransaction, pool: StoredPool, p: number) {
    // The open period's inputs are kept between reads (decision 0067); a closed period's
    // are loaded.
    const { scenario, before } =
      p === pool.cycle.period
        ? await openPeriodStart(tx, pool, p, {
            openInputs: openInputs.openInputsOf,
            standing: standingOf(pool.poolId),
            readCheckpoint: checkpoints.readerOf(pool.poolId),
          })
        : await openPeriodStart(tx, pool, p);
    // Run to be shown, never kept: its journal entries need no hash (decision 0067), and the
    // close's checks of the books, which guard what is written, are left to the real close
    // and `db verify` (decision 0075).
    const opened =
      before === null
        ? wholeRun(runScenario(scenario, { periods: p }), p)
        : runOpenPeriod(
            { ...before, ledger: withoutJournalHashes(before.ledger) },
            scenario,
            p,
            memoOf(pool.poolId),
            'notLedger',
          );
    return { run: opened.run, ran: opened.period };
  }

  /** What the period steps hand to the reads (decision 0070). */
  const offers: StepOffers = {
    openInputs: openInputs.offer,
    checkpoint: checkpoints.offer,
    marketMemo: memoOf,
  };

  return {
    offers,

    /** Forgets the pool's projection: an input was withdrawn (the sequence number stays). */
    forget(poolId: string): void {
      projected.delete(poolId);
      openInputs.forget(poolId);
    },

    /**
     * The open period as it stands: run from the checkpoint with the inputs given so far, as
     * if it closed now; with `personId`, that person's part. `again` runs it again even when
     * the one kept is current (the server's warm-up, warm-projections.ts).
     */
    async projection(
      poolId: string,
      personId?: string,
      options: { readonly again?: boolean } = {},
    ): Promise<Result<PoolProjection, EconomyFailure>> {
      return store.transaction(async (tx) => {
        const pool = await tx.findPool(poolId);
        if (pool === undefined) return unknownPool(poolId);
        const { period, stage } = pool.cycle;
        if (stage === null || stage === 'closed') {
          return failure('economy.no_open_period', `pool "${poolId}" has no open period`);
        }
        let cached = projected.get(poolId);
        if (
          cached === undefined ||
          cached.seq !== pool.nextSeq ||
          cached.period !== period ||
          options.again === true
        ) {
          cached = { seq: pool.nextSeq, period, ...(await periodRunOf(tx, pool, period)) };
          projected.set(poolId, cached);
        }
        const base = { poolId, period, stage, inputSeq: pool.nextSeq };
        const answer = projectionOf(base, cached.run, cached.ran, personId);
        if ('unknownPerson' in answer) {
          return failure('economy.unknown_person', answer.unknownPerson);
        }
        return ok(answer);
      });
    },

    /** What one person earned or owes in a period: a closed one as it closed, the open one as
     *  it stands. */
    async explain(
      poolId: string,
      period: number,
      personId: string,
    ): Promise<Result<Explanation, EconomyFailure>> {
      return store.transaction(async (tx) => {
        const pool = await tx.findPool(poolId);
        if (pool === undefined) return unknownPool(poolId);
        if (pool.cycle.stage === null || period > pool.cycle.period) {
          return failure('economy.wrong_period', `pool "${poolId}" has no period ${period} yet`);
        }
        const { run, ran } = await periodRunOf(tx, pool, period);
        if (ran === null) return stopped(run);
        const explained = explainPerson(run, period, personId);
        if (!explained.ok) return failure('economy.unknown_person', explained.error.detail);
        return ok(explained.value);
      });
    },
  };
}
