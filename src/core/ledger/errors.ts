// The ledger's expected failures: stable dotted codes (an i18n key and the problem+json type
// on the wire) and the limits they enforce. Changing a code breaks clients; add, never rename.

import { type Err, type Failure, failure } from '../result.ts';

export type LedgerErrorCode =
  | 'ledger.unknown_account'
  | 'ledger.account_exists'
  | 'ledger.account_closed'
  | 'ledger.invalid_account'
  | 'ledger.balance_not_zero'
  | 'ledger.pending_transfers'
  | 'ledger.bound_exceeded'
  | 'ledger.id_reused'
  | 'ledger.mixed_units'
  | 'ledger.cross_pool'
  | 'ledger.invalid_amount'
  | 'ledger.invalid_pending'
  | 'ledger.invalid_bound_exception'
  | 'ledger.invalid_code'
  | 'ledger.invalid_reference'
  | 'ledger.invalid_period'
  | 'ledger.same_account'
  | 'ledger.person_to_person'
  | 'ledger.overflow'
  | 'ledger.unknown_transfer'
  | 'ledger.not_pending'
  | 'ledger.not_posted'
  | 'ledger.not_reversible'
  | 'ledger.already_reversed'
  | 'ledger.batch_too_large';

export interface LedgerFailure extends Failure<LedgerErrorCode> {
  /** In a batch: the position of the request that failed; the whole batch was refused. */
  readonly index?: number;
  readonly transferId?: string;
}

export function ledgerFailure(code: LedgerErrorCode, detail: string): Err<LedgerFailure> {
  return failure(code, detail);
}

// Limits on everything (TigerBeetle style): a request outside them is refused, never truncated.

/**
 * Most transfers in one linked batch. A period's settlement is one batch (all or nothing), and
 * a pool of 100 000 members produces a few hundred thousand transfers in a month, so the limit
 * leaves room for that and still bounds memory (about a gigabyte at the limit).
 */
export const BATCH_TRANSFERS_MAX = 1_000_000;
/** Longest `code`, e.g. `share.flatRate`. */
export const CODE_LENGTH_MAX = 64;
/** Longest `reference` (a work record id, a taking, a settlement, …). */
export const REFERENCE_LENGTH_MAX = 256;
/** Longest owner id of an account. */
export const OWNER_ID_LENGTH_MAX = 128;
/**
 * Largest amount of one transfer: 10^12 mWH is a billion weighted hours. Running totals are
 * checked separately so they stay safe integers.
 */
export const AMOUNT_MAX = 1_000_000_000_000;
/** Largest debit allowance, the same scale as an amount. */
export const ALLOWANCE_MAX = AMOUNT_MAX;
/** Largest period number. */
export const PERIOD_MAX = 1_000_000_000;
