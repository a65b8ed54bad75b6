// What the economy use cases need from a database (a port, implemented in src/storage). One
// transaction holds the pool's row lock, its input log, its periods, the answers given by
// idempotency key, and the ledger slice of the same pool, so a step that posts to the books
// and moves the cycle commits both or neither.
import type { PoolInput, PoolSettings } from '../../core/cycle/inputs.ts';
import type { CycleState, PeriodStage } from '../../core/cycle/stages.ts';
import type { PoolId } from '../../core/ids.ts';
import type { LedgerState } from '../../core/ledger/index.ts';
import type { LedgerTransaction } from './ledger-store.ts';

export interface StoredPool {
  readonly poolId: string;
  readonly settings: PoolSettings;
  readonly cycle: CycleState;
  /** The sequence number the next stored input gets. */
  readonly nextSeq: number;
}

export interface StoredPeriod {
  readonly period: number;
  readonly stage: PeriodStage;
  /** The market as cleared when bidding closed (report form); null before. */
  readonly clearing: unknown;
  /** The period's report once closed (the pure runner's report form); null before. */
  readonly report: unknown;
  readonly journalEntries: number | null;
  readonly journalHead: string | null;
}

/** A stored input with the sequence number it is withdrawn by. */
export interface SequencedInput extends PoolInput {
  readonly seq: number;
}

/** The task market's rotation records of one closed period, kept beside the checkpoint
 *  (decision 0062): written once, when the period closes. */
export interface RotationSegment {
  readonly period: number;
  /** The period's records in the order the run made them, as compact canonical JSON. */
  readonly records: string;
  readonly recordsSha256: string;
}

/** The pure runner's state after the pool's last closed period (decisions 0027, 0062). */
export interface StoredCheckpoint {
  /** The closed period the state is after. */
  readonly period: number;
  /** The state without its rotation history as compact canonical JSON (`serialiseRunState`). */
  readonly state: string;
  readonly stateSha256: string;
  /** The rotation history's segments of the periods from `rotationFrom` on: as read, those
   *  asked for; as saved, these replace every stored segment from `rotationFrom` on. */
  readonly rotationFrom: number;
  readonly rotation: readonly RotationSegment[];
}

export interface StoredAnswer {
  readonly requestSha256: string;
  readonly response: unknown;
}

export interface EconomyTransaction {
  readonly ledger: LedgerTransaction;
  /** The pool's row, locked against other writers of the pool until the transaction ends. */
  lockPool(poolId: string): Promise<StoredPool | undefined>;
  /** The pool's row as committed, without a lock: for reads. */
  findPool(poolId: string): Promise<StoredPool | undefined>;
  /** Inserts the pool's row; false, and nothing written, when a pool with its id exists (a
   *  concurrent request created it after `lockPool` found none). */
  insertPool(pool: StoredPool): Promise<boolean>;
  updatePool(poolId: string, cycle: CycleState, nextSeq: number): Promise<void>;
  /** Every input of the pool in log order, withdrawn ones left out. */
  loadInputs(poolId: string): Promise<PoolInput[]>;
  /** The inputs of one period not withdrawn, with their sequence numbers, in log order. */
  loadPeriodInputs(poolId: string, period: number): Promise<SequencedInput[]>;
  /** The inputs from sequence number `fromSeq` on, withdrawn ones left out, in log order. */
  loadInputsFrom(poolId: string, fromSeq: number): Promise<SequencedInput[]>;
  /** One input by its sequence number, withdrawn or not. */
  findInput(
    poolId: string,
    seq: number,
  ): Promise<(PoolInput & { readonly withdrawn: boolean }) | undefined>;
  markWithdrawn(poolId: string, seq: number): Promise<void>;
  /** `lockPool` and `findAnswer` of `idempotencyKey` in one read (one round trip where the
   *  database is a server): the pool's row lock is taken as `lockPool` takes it. */
  lockPoolAnswering(
    poolId: string,
    idempotencyKey: string,
  ): Promise<{ readonly pool: StoredPool; readonly answer: StoredAnswer | undefined } | undefined>;
  /** `appendInputs`, `updatePool` and, when given, `saveAnswer` in one write (one statement
   *  where the database is a server). */
  appendMovingOn(
    poolId: string,
    firstSeq: number,
    inputs: readonly PoolInput[],
    moved: { readonly cycle: CycleState; readonly nextSeq: number },
    answer?: { readonly key: string; readonly answer: StoredAnswer },
  ): Promise<void>;
  /** Appends inputs with sequence numbers firstSeq, firstSeq + 1, … */
  appendInputs(poolId: string, firstSeq: number, inputs: readonly PoolInput[]): Promise<void>;
  /** The inputs a step of open period `open` needs besides a checkpoint, in log order: the
   *  standing ones, the open period's (only `openKinds` when given), and of the periods before
   *  only `laterKinds`. */
  loadOpenInputs(
    poolId: string,
    open: number,
    laterKinds: readonly string[],
    openKinds?: readonly string[],
  ): Promise<PoolInput[]>;
  loadPeriods(poolId: string): Promise<StoredPeriod[]>;
  /** Each period's stage and journal head without its stored documents (clearing, report),
   *  which a status read does not need and which grow with the pool. */
  loadPeriodStages(
    poolId: string,
  ): Promise<Pick<StoredPeriod, 'period' | 'stage' | 'journalHead'>[]>;
  findPeriod(poolId: string, period: number): Promise<StoredPeriod | undefined>;
  savePeriod(poolId: string, period: StoredPeriod): Promise<void>;
  /** The pool's checkpoint with the rotation segments of the periods from `rotationFrom` on
   *  (all of them when not given); undefined before its first close. */
  loadCheckpoint(poolId: string, rotationFrom?: number): Promise<StoredCheckpoint | undefined>;
  /** Keeps `checkpoint` as the pool's, in place of the one before, and its rotation segments
   *  in place of those stored from its `rotationFrom` on. */
  saveCheckpoint(poolId: string, checkpoint: StoredCheckpoint): Promise<void>;
  findAnswer(poolId: string, idempotencyKey: string): Promise<StoredAnswer | undefined>;
  /** The stored answers of these keys (those that have one), in one read. */
  findAnswers(poolId: string, keys: readonly string[]): Promise<Map<string, StoredAnswer>>;
  /** Runs `work` in a savepoint: what it wrote stays when `keep` says so of its value, and is
   *  rolled back when not or when it throws (the error is thrown on). The transaction goes on
   *  either way, so one request of many sharing it can fail alone (decision 0072). The store
   *  takes it at the work's first call other than `appendMovingOn`, whose write it holds until
   *  then; a work that makes no other call needs none (decision 0076). */
  savepoint<T>(work: () => Promise<T>, keep: (value: T) => boolean): Promise<T>;
  saveAnswer(poolId: string, idempotencyKey: string, answer: StoredAnswer): Promise<void>;
  /** Every stored answer of the pool with its key, for verification. */
  loadAnswers(poolId: string): Promise<(StoredAnswer & { readonly key: string })[]>;
  /** The pool's whole ledger (accounts, transfers, journal) as this transaction sees it, so a
   *  read (an export) sees the books and the inputs of one moment. */
  loadLedger(poolId: PoolId): Promise<LedgerState>;
}

export interface EconomyStore {
  /** Runs `work` in one transaction, retrying it on a serialisation failure or deadlock. */
  transaction<T>(work: (tx: EconomyTransaction) => Promise<T>): Promise<T>;
  /** Every pool with stored settings. */
  listPools(): Promise<string[]>;
}
