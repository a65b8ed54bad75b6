// What the economy's use cases answer and refuse with: the failure codes, the input a client
// gives, and the answers to a submission, a replacement, a step, a verification and a status.
import type { PoolSettings } from '../../core/cycle/inputs.ts';
import type { CycleState, PeriodStage } from '../../core/cycle/stages.ts';
import type { Failure } from '../../core/result.ts';
import type { InputFailureCode } from './validate.ts';

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

/**
 * An input for whichever period is open when it is given (a bid, a record of work …): the
 * transaction that gives it takes the period from the pool row it locks, so the input cannot
 * land in a period that moved on between a read of the period and the write, and the write
 * needs no read of its own before it.
 */
export interface OpenPeriodInputRequest {
  readonly kind: string;
  readonly period: 'open';
  readonly record: unknown;
}

/** What `submitInputs` takes: inputs of a given period, or of the open one. */
export type GivenInputRequest = InputRequest | OpenPeriodInputRequest;

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
