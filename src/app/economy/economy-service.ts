// The economy's use cases on a database (issue 7): create a pool, give it inputs (members,
// projects, products …, and per period tasks, bids, work records, requests …), and move its
// period cycle planning → bidding → cleared → running → settling → closed. Each is one
// transaction: lock the pool → load its inputs → the core decides → store. Every write takes
// an idempotency key; the same key with the same request answers as the first time and
// changes nothing, with another request it is refused.
//
// The stored inputs are the pool's record; the books follow from them. Clearing runs the
// periods before the open one and clears its market; settlement runs the pool through the open
// period with the pure runner and posts exactly that period's journal entries, so the stored
// books equal the pure runner's, hash for hash (decision 0012).
import { clearMarketFrom, clearPeriodMarket } from '../../core/cycle/clear-market.ts';
import {
  assembleScenario,
  isPeriodKind,
  isStandingKind,
  type PoolInput,
  type PoolSettings,
  stagesTaking,
} from '../../core/cycle/inputs.ts';
import {
  CYCLE_START,
  type CycleState,
  type CycleStep,
  decideStep,
  PERIOD_STAGES,
  type PeriodStage,
} from '../../core/cycle/stages.ts';
import type { PoolId } from '../../core/ids.ts';
import {
  type Account,
  changeBound,
  entriesFootprint,
  GENESIS_HASH,
  getJournal,
  headHash,
  type Journal,
  replayEntries,
} from '../../core/ledger/index.ts';
import { type Failure, failure, ok, type Result } from '../../core/result.ts';
import {
  canonicalJson,
  marketReport,
  type PeriodRun,
  parseRunState,
  periodReport,
  type RunState,
  runResult,
  runScenario,
  type Scenario,
  type ScenarioRun,
} from '../../core/scenario/index.ts';
import { openInSlice } from '../ledger/open-in-slice.ts';
import { snapshotOf } from '../ledger/snapshot.ts';
import type {
  EconomyStore,
  EconomyTransaction,
  StoredCheckpoint,
  StoredPool,
} from '../ports/economy-store.ts';
import { canonicalJsonSha256, textSha256 } from '../sha256.ts';
import {
  checkpointOf,
  foldFromStart,
  LATER_KINDS,
  openPeriodStart,
  runOpenPeriod,
  wholeRun,
} from './checkpointed-run.ts';
import { createOpenPeriodReads } from './open-period-reads.ts';
import { type InputFailureCode, validatePoolInputs } from './validate.ts';
import { quickProblem } from './verify-quick.ts';
import {
  answersDiffer,
  clearingsDiffer,
  foldCheckingClearings,
  ledgerDiffersFromRun,
  ledgersOf,
  periodsOutOfStep,
  sameBound,
} from './verify-stored.ts';

export type EconomyFailureCode =
  | InputFailureCode
  | 'cycle.out_of_order'
  | 'economy.unknown_pool'
  | 'economy.pool_exists'
  | 'economy.unknown_kind'
  | 'economy.unknown_input'
  | 'economy.unknown_person'
  | 'economy.no_open_period'
  | 'economy.wrong_period'
  | 'economy.wrong_stage'
  | 'economy.changes_closed_period'
  | 'economy.run_stopped'
  | 'economy.books_diverged'
  | 'economy.idempotency_key_reused';

export type EconomyFailure = Failure<EconomyFailureCode>;

/** An input as a client gives it: a kind (`persons`, `bids` …), its period (0 = standing). */
export interface InputRequest {
  readonly kind: string;
  readonly period: number;
  readonly record: unknown;
}

export interface SubmitAnswer {
  readonly accepted: number;
  /** The log sequence number of the first input accepted. */
  readonly firstSeq: number;
}

export interface ReplaceAnswer extends SubmitAnswer {
  /** The sequence numbers of the inputs withdrawn in their place. */
  readonly replaced: readonly number[];
}

export interface StepAnswer {
  readonly period: number;
  readonly stage: PeriodStage;
  /** True when the cycle was already there: nothing was done. */
  readonly alreadyDone: boolean;
  /** After closing: the pool's journal as the period left it. */
  readonly journalHead?: string;
  readonly journalEntries?: number;
}

/** What `verifyPool` found: the closed periods run again from the stored inputs. */
export interface EconomyVerification {
  readonly poolId: string;
  readonly closedPeriods: number;
  readonly inputs: number;
  /** The first period whose stored report or journal head differs from the run; null if none. */
  readonly problem: string | null;
  /** Checked from the checkpoint after this period (`db verify --quick`), not from period 1;
   *  `inputs` is then the pool's input sequence number. */
  readonly fromCheckpoint?: number;
}

export interface PoolStatus {
  readonly poolId: string;
  readonly settings: PoolSettings;
  readonly cycle: CycleState;
  readonly inputs: number;
  readonly periods: readonly {
    readonly period: number;
    readonly stage: PeriodStage;
    readonly journalHead: string | null;
  }[];
}

/** The head a run reached by a period; genesis before the run's first period. */
const headOf = (run: { readonly journalHead: string } | undefined) =>
  run === undefined ? GENESIS_HASH : run.journalHead;

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
  if (checkpointOf(state).stateSha256 !== checkpoint.stateSha256) {
    return `${at}: state differs from the run`;
  }
  return null;
}

/**
 * Answers from stored replies by idempotency key, and stores new replies with their key.
 * `asReplayed` turns a stored reply into the answer to the request made again.
 */
async function idempotent<T>(
  tx: EconomyTransaction,
  poolId: string,
  key: string,
  request: unknown,
  work: () => Promise<Result<T, EconomyFailure>>,
  asReplayed: (stored: T) => T = (stored) => stored,
): Promise<Result<T, EconomyFailure>> {
  const requestSha256 = canonicalJsonSha256(request);
  const answered = await tx.findAnswer(poolId, key);
  if (answered !== undefined) {
    if (answered.requestSha256 === requestSha256) return ok(asReplayed(answered.response as T));
    return failure(
      'economy.idempotency_key_reused',
      `idempotency key "${key}" was used for another request`,
    );
  }
  const result = await work();
  if (result.ok) await tx.saveAnswer(poolId, key, { requestSha256, response: result.value });
  return result;
}

/** A transaction that rolls back with a typed failure: thrown inside, caught outside. */
class Refusal extends Error {
  readonly failure: EconomyFailure;
  constructor(refused: EconomyFailure) {
    super(refused.detail);
    this.failure = refused;
  }
}

/** Another request created the pool between `lockPool` and the insert: the transaction rolls
 *  back and runs again, and then sees the pool. */
class CreatedMeanwhile extends Error {}

async function refusing<T>(
  run: () => Promise<Result<T, EconomyFailure>>,
): Promise<Result<T, EconomyFailure>> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.failure };
    throw error;
  }
}

function unknownPool(poolId: string) {
  return failure('economy.unknown_pool', `no pool "${poolId}"`);
}

function stopped(run: ScenarioRun | { stop: NonNullable<ScenarioRun['stop']> }) {
  const stop = run.stop!;
  const invariant = stop.invariant === null ? '' : ` (invariant ${stop.invariant})`;
  return failure(
    'economy.run_stopped',
    `period ${stop.period}: ${stop.code}${invariant}: ${stop.detail}`,
  );
}

/** Checks that a period input may be given now: its period is the open one, in a stage that takes it. */
function checkWindow(cycle: CycleState, input: InputRequest, index: number) {
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

export function createEconomyService(store: EconomyStore) {
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

  /** The pool's scenario through `periods` periods, from its stored inputs. */
  const scenarioOf = async (tx: EconomyTransaction, pool: StoredPool, periods: number) =>
    assembleScenario(pool.settings, await tx.loadInputs(pool.poolId), periods);
  const reads = createOpenPeriodReads({ store, unknownPool, stopped });

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

  /**
   * Posts period p of a pure run to the stored books, in the same transaction: every journal
   * the run keeps (the pool's, its projects' money books, each federated pool's) from where its
   * stored copy ends, which must be an entry of the run's journal.
   */
  async function postPeriod(
    tx: EconomyTransaction,
    run: ScenarioRun,
    ran: PeriodRun,
    p: number,
  ): Promise<{ journalHead: string; journalEntries: number }> {
    const accountsByPool = new Map<string, Account[]>();
    const journals = new Map<string, Journal>();
    for (const ledger of ledgersOf(run)) {
      for (const record of ledger.accounts.values()) {
        const list = accountsByPool.get(record.account.poolId) ?? [];
        list.push(record.account);
        accountsByPool.set(record.account.poolId, list);
      }
      for (const [journalPool, journal] of ledger.journals) journals.set(journalPool, journal);
    }
    for (const journalPool of [...accountsByPool.keys()].sort()) {
      const journal = journals.get(journalPool) ?? { poolId: journalPool as PoolId, entries: [] };
      await postJournal(tx, journalPool as PoolId, accountsByPool.get(journalPool)!, journal, p);
    }
    return { journalHead: headOf(ran), journalEntries: ran.journalEntries };
  }

  /** Opens the journal's accounts that are not stored yet and appends what is not stored. The
   *  run's journal may be held from a checkpoint's head (decision 0040): the stored one must
   *  end at or after it. */
  async function postJournal(
    tx: EconomyTransaction,
    poolId: PoolId,
    accounts: readonly Account[],
    journal: Journal,
    p: number,
  ): Promise<void> {
    const stored = await tx.ledger.lockJournal(poolId);
    const from = stored.nextIndex;
    const base = journal.base ?? { index: 0, previousHash: GENESIS_HASH };
    const all = journal.entries;
    const expectedHead = from === base.index ? base.previousHash : all[from - 1 - base.index]?.hash;
    if (from < base.index || stored.headHash !== expectedHead) {
      throw new Refusal({
        code: 'economy.books_diverged',
        detail: `the stored journal of ${poolId} (${from} entries, head ${stored.headHash.slice(0, 12)}…) is not where the inputs put it before period ${p}`,
      });
    }
    const entries = all.slice(from - base.index);
    const footprint = entriesFootprint(entries);
    const slice = await tx.ledger.loadSlice({
      poolId,
      accountIds: [...accounts.map((a) => a.id), ...footprint.accountIds],
      transferIds: footprint.transferIds,
    });
    const loaded = snapshotOf(slice);
    // An account stored before keeps its bound until the run's differs: a debit allowance
    // changed from a period on (decision 0018). The period's entries were checked against
    // the run's, so they replay against it.
    for (const account of accounts) {
      const stored = slice.accounts.get(account.id)?.account;
      if (stored === undefined || sameBound(stored.bound, account.bound)) continue;
      const changed = changeBound(slice, { accountId: account.id, bound: account.bound });
      if (!changed.ok) {
        throw new Refusal({ code: 'economy.books_diverged', detail: changed.error.detail });
      }
    }
    const opened = openInSlice(
      slice,
      poolId,
      accounts.map(({ closed: _closed, ...command }) => command),
    );
    if (!opened.ok) {
      throw new Refusal({ code: 'economy.books_diverged', detail: opened.error.detail });
    }
    await tx.ledger.insertAccounts(opened.value);
    const replayed = replayEntries(slice, entries);
    if (!replayed.ok) {
      throw new Refusal({ code: 'economy.books_diverged', detail: replayed.error.detail });
    }
    await tx.ledger.saveSlice(slice, loaded);
    const after = getJournal(slice, poolId);
    const headAfter = after === undefined ? GENESIS_HASH : headHash(after);
    // Same start, same entries: the same head, or the ledger core is broken.
    const expected = headHash(journal);
    if (headAfter !== expected) {
      throw new Error(`period ${p}: stored head of ${poolId} is not the run's`);
    }
  }

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
      reads.forget(poolId);
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
      const { scenario, before: state } = await openPeriodStart(tx, pool, p);
      const before = state === null ? null : { state };
      if (stage === 'cleared') {
        const cleared =
          before === null
            ? clearPeriodMarket(scenario, p)
            : clearMarketFrom(before.state, scenario, p);
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
          if (opened.state !== null)
            await tx.saveCheckpoint(pool.poolId, checkpointOf(opened.state));
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

  /** Appends inputs to the log after checking them as a whole, in the caller's transaction:
   *  standing ones any time but while settling, period ones in the stages that take them. A
   *  standing input given (or withdrawn by a replacement) must leave the closed periods as
   *  they were posted. */
  async function appendChecked(
    tx: EconomyTransaction,
    pool: StoredPool,
    inputs: readonly InputRequest[],
    standingWithdrawn = false,
  ): Promise<Result<SubmitAnswer, EconomyFailure>> {
    const poolId = pool.poolId;
    const standing = standingWithdrawn || inputs.some((input) => input.period === 0);
    for (const [index, input] of inputs.entries()) {
      const refused = checkWindow(pool.cycle, input, index);
      if (refused !== null) return refused;
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
      const closed = Math.max(
        0,
        pool.cycle.stage === 'closed' ? pool.cycle.period : pool.cycle.period - 1,
      );
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
        if (differs === null) await tx.saveCheckpoint(poolId, checkpointOf(state));
      }
      if (differs !== null) {
        return failure(
          'economy.changes_closed_period',
          `these inputs would change a closed period (${differs})`,
        );
      }
    }
    await tx.appendInputs(poolId, pool.nextSeq, validated.value.added);
    await tx.updatePool(poolId, pool.cycle, pool.nextSeq + inputs.length);
    return ok({ accepted: inputs.length, firstSeq: pool.nextSeq });
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
     *  ones to the open period in the stages that take them. */
    async submitInputs(
      poolId: string,
      idempotencyKey: string,
      inputs: readonly InputRequest[],
    ): Promise<Result<SubmitAnswer, EconomyFailure>> {
      return store.transaction(async (tx) => {
        const pool = await tx.lockPool(poolId);
        if (pool === undefined) return unknownPool(poolId);
        const request = { operation: 'submitInputs', inputs };
        return idempotent(tx, poolId, idempotencyKey, request, () =>
          appendChecked(tx, pool, inputs),
        );
      });
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
            const added = await appendChecked(tx, pool, inputs, standingWithdrawn);
            // Thrown, so the withdrawals above roll back with it.
            if (!added.ok) throw new Refusal(added.error);
            // Nothing given: the withdrawals still take a sequence number (see withdrawInput).
            if (inputs.length === 0) await tx.updatePool(poolId, pool.cycle, pool.nextSeq + 1);
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
        return ok(await scenarioOf(tx, pool, pool.cycle.period));
      });
    },

    /**
     * Runs every closed period again from the stored inputs and compares each stored period
     * report and journal head with the run's: the books follow from the inputs, or this says
     * which period does not.
     */
    async verifyPool(poolId: string): Promise<Result<EconomyVerification, EconomyFailure>> {
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
    },

    /** `verifyPool` from the pool's last checkpoint (verify-quick.ts); whole for a pool
     *  without one. */
    async verifyPoolQuick(poolId: string): Promise<Result<EconomyVerification, EconomyFailure>> {
      const quick = await store.transaction(async (tx) => {
        const pool = await tx.findPool(poolId);
        if (pool === undefined) return unknownPool(poolId);
        const problem = await quickProblem(tx, pool);
        if (problem === undefined) return undefined;
        const { period, stage } = pool.cycle;
        const closedPeriods = stage === 'closed' ? period : period - 1;
        return ok({
          poolId,
          closedPeriods,
          inputs: pool.nextSeq,
          problem,
          fromCheckpoint: closedPeriods,
        });
      });
      return quick ?? this.verifyPool(poolId);
    },

    /** Keeps a checkpoint for each pool whose last closed period has none (a pool stored
     *  before checkpoints): what `db migrate` does. Answers the pools given one. */
    async checkpointPools(): Promise<string[]> {
      const made: string[] = [];
      for (const poolId of await store.listPools()) {
        const kept = await store.transaction(async (tx) => {
          const pool = await tx.lockPool(poolId);
          if (pool === undefined) return false;
          const closed = (await tx.loadPeriods(poolId)).filter((x) => x.stage === 'closed');
          if (closed.length === 0) return false;
          // One of an older state version (decision 0040) is made again.
          const held = await tx.loadCheckpoint(poolId);
          if (held?.period === closed.length && parseRunState(held.state).ok) return false;
          const scenario = await scenarioOf(tx, pool, closed.length);
          if (scenario.federation.length > 0) return false;
          const { state } = foldFromStart(scenario, closed.length);
          // A pool whose inputs no longer run gets none; `db verify` says why.
          if (state.stop !== null) return false;
          await tx.saveCheckpoint(poolId, checkpointOf(state));
          return true;
        });
        if (kept) made.push(poolId);
      }
      return made;
    },

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
