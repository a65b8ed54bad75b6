// The economy's use cases on a database (issue 7): create a pool, give it inputs (members,
// projects, products …, and per period tasks, bids, work records, requests …), and move its
// period cycle planning → bidding → cleared → running → settling → closed. Each is one
// transaction: lock the pool → load its inputs → the core decides → store. Every write takes
// an idempotency key; the same key with the same request answers as the first time and
// changes nothing, with another request it is refused (refusals.ts).
//
// The stored inputs are the pool's record; the books follow from them. Clearing runs the
// periods before the open one and clears its market; settlement runs the pool through the open
// period with the pure runner and posts exactly that period's journal entries, so the stored
// books equal the pure runner's, hash for hash (decision 0012). The parts: giving and
// withdrawing inputs (input-appending.ts), the period steps (period-steps.ts), posting a
// period (post-period.ts), verifying (verification.ts), reading the open period
// (open-period-reads.ts).
import { isStandingKind, type PoolInput, type PoolSettings } from '../../core/cycle/inputs.ts';
import { CYCLE_START, type CycleStep, decideStep, PERIOD_STAGES } from '../../core/cycle/stages.ts';
import { failure, ok, type Result } from '../../core/result.ts';
import type { Scenario } from '../../core/scenario/index.ts';
import type { EconomyStore } from '../ports/economy-store.ts';
import type {
  EconomyFailure,
  GivenInputRequest,
  InputRequest,
  PoolStatus,
  ReplaceAnswer,
  StepAnswer,
  SubmitAnswer,
} from './economy-answers.ts';
import { checkWindow, createInputAppending } from './input-appending.ts';
import { createInputGroups } from './input-groups.ts';
import { createOpenPeriodReads } from './open-period-reads.ts';
import { createPeriodSteps } from './period-steps.ts';
import {
  CreatedMeanwhile,
  idempotent,
  Refusal,
  refusing,
  stopped,
  unknownPool,
} from './refusals.ts';
import { createScenarioCache } from './scenario-cache.ts';
import { validatePoolInputs } from './validate.ts';
import { createVerification } from './verification.ts';
import { createWholeRuns } from './whole-runs.ts';

export type * from './economy-answers.ts';

export function createEconomyService(store: EconomyStore) {
  const runs = createWholeRuns();
  const reads = createOpenPeriodReads({ store, unknownPool, stopped });
  const appending = createInputAppending({
    forget: reads.forget,
    closedPeriodsDiffer: runs.closedPeriodsDiffer,
  });
  const { withdrawOne, appendChecked } = appending;
  const groups = createInputGroups(store, appending);
  const { takeStep } = createPeriodSteps(runs.runThrough, reads.offers);
  const verification = createVerification(store, runs);
  const scenarios = createScenarioCache();

  /** One stored field of a period; null when the period or the field is not there yet. */
  async function periodField(
    poolId: string,
    period: number,
    field: 'clearing' | 'report',
  ): Promise<Result<unknown, EconomyFailure>> {
    return store.transaction(async (tx) => {
      const pool = await tx.findPool(poolId);
      if (pool === undefined) return unknownPool(poolId);
      const found = await tx.findPeriod(poolId, period);
      return ok(found?.[field] ?? null);
    });
  }

  /** One try at creating a pool; throws `CreatedMeanwhile` when it lost a race to insert it. */
  async function createOnce(
    poolId: string,
    idempotencyKey: string,
    settings: PoolSettings,
    founding: readonly InputRequest[],
    request: unknown,
  ): Promise<Result<{ readonly poolId: string }, EconomyFailure>> {
    return store.transaction(async (tx) => {
      const existing = await tx.lockPool(poolId);
      return idempotent(tx, poolId, idempotencyKey, request, async () => {
        if (existing !== undefined) {
          return failure('economy.pool_exists', `pool "${poolId}" exists`);
        }
        for (const [index, input] of founding.entries()) {
          if (!isStandingKind(input.kind) || input.period !== 0) {
            return failure(
              'economy.wrong_period',
              `inputs[${index}] (${input.kind}): a pool is founded with standing inputs only`,
            );
          }
        }
        const validated = validatePoolInputs(settings, [], founding as PoolInput[], 0);
        if (!validated.ok) return validated;
        const parsed = validated.value.scenario as unknown as Record<string, unknown>;
        const checkedSettings = Object.fromEntries(
          Object.keys(settings).map((key) => [key, parsed[key]]),
        ) as PoolSettings;
        const inserted = await tx.insertPool({
          poolId,
          settings: checkedSettings,
          cycle: CYCLE_START,
          nextSeq: validated.value.added.length,
        });
        if (!inserted) throw new CreatedMeanwhile();
        await tx.appendInputs(poolId, 0, validated.value.added);
        return ok({ poolId });
      });
    });
  }

  return {
    /**
     * Creates a pool from its settings (a scenario's non-list fields: name, seed, pool) and its
     * founding inputs (at least one person). Creating it again with the same key is a no-op.
     */
    async createPool(
      idempotencyKey: string,
      settings: PoolSettings,
      founding: readonly InputRequest[],
    ): Promise<Result<{ readonly poolId: string }, EconomyFailure>> {
      const poolId: unknown = settings.pool?.id ?? '';
      // The id keys every row of the pool: anything but a string is refused before it reaches
      // a query (a list there is not even valid SQL).
      if (typeof poolId !== 'string') {
        return failure('economy.invalid_input', 'settings.pool.id: a pool id is a string');
      }
      const request = { operation: 'createPool', settings, founding };
      // Two requests for a new pool both find no row; the one whose insert comes second runs
      // again and answers as if it had come after: the first one's answer for the same key
      // and request, else `economy.pool_exists`.
      try {
        return await createOnce(poolId, idempotencyKey, settings, founding, request);
      } catch (error) {
        if (!(error instanceof CreatedMeanwhile)) throw error;
        return createOnce(poolId, idempotencyKey, settings, founding, request);
      }
    },

    /** Adds inputs to a pool, all or none: standing ones any time but while settling, period
     *  ones to the open period in the stages that take them. An input of period `'open'` is
     *  given to the period open when the pool is locked; the request its idempotency key
     *  stands for names that period, as if the client had named it. */
    async submitInputs(
      poolId: string,
      idempotencyKey: string,
      given: readonly GivenInputRequest[],
    ): Promise<Result<SubmitAnswer, EconomyFailure>> {
      // Submissions of a pool that arrive together share a transaction (input-groups.ts).
      return groups.submit(poolId, idempotencyKey, given);
    },

    /**
     * Replaces inputs in one transaction, all or none: withdraws the inputs `seqs` and gives
     * `inputs` in their place, checked as `submitInputs` checks them against the log without
     * the withdrawn ones. A refusal of any part leaves every input as it was. A standing input
     * may be replaced (a subscription ended from a period on) while the closed periods stay as
     * they were posted, which running them again proves.
     */
    async replaceInputs(
      poolId: string,
      idempotencyKey: string,
      seqs: readonly number[],
      inputs: readonly InputRequest[],
    ): Promise<Result<ReplaceAnswer, EconomyFailure>> {
      const replaced = [...new Set(seqs)];
      return refusing(() =>
        store.transaction(async (tx) => {
          const pool = await tx.lockPool(poolId);
          if (pool === undefined) return unknownPool(poolId);
          const request = { operation: 'replaceInputs', seqs: replaced, inputs };
          return idempotent(tx, poolId, idempotencyKey, request, async () => {
            let standingWithdrawn = false;
            for (const seq of replaced) {
              const input = await tx.findInput(poolId, seq);
              if (input === undefined || input.withdrawn) {
                throw new Refusal({
                  code: 'economy.unknown_input',
                  detail: `pool "${poolId}" has no input ${seq} to replace`,
                });
              }
              const refused = checkWindow(pool.cycle, input, 0);
              if (refused !== null) {
                throw new Refusal({
                  code: refused.error.code,
                  detail: refused.error.detail.replace('inputs[0]', `input ${seq}`),
                });
              }
              standingWithdrawn ||= input.period === 0;
              await tx.markWithdrawn(poolId, seq);
            }
            reads.forget(poolId);
            const added = await appendChecked(tx, pool, inputs, {
              withdrew: replaced.length > 0,
              standingWithdrawn,
            });
            // Thrown, so the withdrawals above roll back with it.
            if (!added.ok) throw new Refusal(added.error);
            // The withdrawals take a sequence number of their own, as a withdrawal alone does
            // (see withdrawInput): a reader that kept the pool's inputs up to a number then
            // sees fewer new inputs than numbers, and knows to read them all again.
            if (inputs.length === 0 || replaced.length > 0) {
              await tx.updatePool(poolId, pool.cycle, pool.nextSeq + inputs.length + 1);
            }
            return ok({ ...added.value, replaced });
          });
        }),
      );
    },

    /**
     * Withdraws an input of the open period (a bid, a request, a work record …) while its
     * period is still in a stage that takes inputs of its kind, e.g. one that would keep the
     * period from settling. Standing inputs are not withdrawn (a member leaves instead); closed
     * periods never change. Withdrawing again is a no-op.
     */
    async withdrawInput(
      poolId: string,
      idempotencyKey: string,
      seq: number,
    ): Promise<Result<{ readonly withdrawn: number }, EconomyFailure>> {
      return refusing(() =>
        store.transaction(async (tx) => {
          const pool = await tx.lockPool(poolId);
          if (pool === undefined) return unknownPool(poolId);
          const request = { operation: 'withdrawInput', seq };
          return idempotent(tx, poolId, idempotencyKey, request, async () => {
            return withdrawOne(tx, pool, poolId, seq);
          });
        }),
      );
    },

    /**
     * Brings period `step.period` to `step.stage`. A step the cycle already took answers
     * `alreadyDone` and changes nothing, so a step retried after a crash is safe; a step out of
     * turn is refused. Closing posts the period's books and the cycle's move in one transaction.
     */
    async advance(
      poolId: string,
      idempotencyKey: string,
      step: CycleStep,
    ): Promise<Result<StepAnswer, EconomyFailure>> {
      return refusing(() =>
        store.transaction(async (tx) => {
          const pool = await tx.lockPool(poolId);
          if (pool === undefined) return unknownPool(poolId);
          return idempotent(
            tx,
            poolId,
            idempotencyKey,
            { operation: 'advance', step },
            async () => {
              if (!PERIOD_STAGES.includes(step.stage)) {
                return failure('cycle.out_of_order', `no stage "${String(step.stage)}"`);
              }
              const decided = decideStep(pool.cycle, step);
              if (!decided.ok) return decided;
              if (decided.value.kind === 'done') {
                return ok({ period: step.period, stage: step.stage, alreadyDone: true });
              }
              return takeStep(tx, pool, decided.value.next);
            },
            // The same step asked again was taken by the first request.
            (stored) => ({ ...stored, alreadyDone: true }),
          );
        }),
      );
    },

    async status(poolId: string): Promise<Result<PoolStatus, EconomyFailure>> {
      return store.transaction(async (tx) => {
        const pool = await tx.findPool(poolId);
        if (pool === undefined) return unknownPool(poolId);
        return ok({
          poolId,
          settings: pool.settings,
          cycle: pool.cycle,
          inputs: pool.nextSeq,
          periods: await tx.loadPeriodStages(poolId),
        });
      });
    },

    /** The market of a period as cleared when bidding closed; null before. */
    clearing: (poolId: string, period: number) => periodField(poolId, period, 'clearing'),

    /** A closed period's report (the pure runner's form); null while it is not closed. */
    periodReport: (poolId: string, period: number) => periodField(poolId, period, 'report'),

    /** The pool as a scenario through its newest period: what `simulate` would run. */
    async scenario(poolId: string): Promise<Result<Scenario, EconomyFailure>> {
      return store.transaction(async (tx) => {
        const pool = await tx.findPool(poolId);
        if (pool === undefined) return unknownPool(poolId);
        return ok(await scenarios.scenarioOf(tx, pool));
      });
    },

    /**
     * Runs every closed period again from the stored inputs and compares each stored period
     * report and journal head with the run's: the books follow from the inputs, or this says
     * which period does not.
     */
    verifyPool: verification.verifyPool,
    /** `verifyPool` from the pool's last checkpoint (verify-quick.ts); whole for a pool
     *  without one. */
    verifyPoolQuick: verification.verifyPoolQuick,
    /** Keeps a checkpoint for each pool whose last closed period has none: `db migrate`. */
    checkpointPools: verification.checkpointPools,

    /** A period's inputs not withdrawn, with the sequence numbers they are withdrawn by. */
    async periodInputs(poolId: string, period: number) {
      return store.transaction(async (tx) => {
        const pool = await tx.findPool(poolId);
        if (pool === undefined) return unknownPool(poolId);
        return ok(await tx.loadPeriodInputs(poolId, period));
      });
    },

    /** The open period as it stands, for the pool or one person (open-period-reads.ts). */
    projection: reads.projection,
    /** One person's part of a stored pool's period, closed or open. */
    explain: reads.explain,

    listPools: () => store.listPools(),
  };
}

export type EconomyService = ReturnType<typeof createEconomyService>;
