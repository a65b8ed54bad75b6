// The shapes of the effort and money ledgers: accounts, transfers and their failure codes.
// Modelled on double-entry ledgers with immutable transfers (TigerBeetle): each transfer
// debits one account and credits one, in one unit; balances are derived from transfers;
// corrections are reversing transfers, never edits. Sign convention everywhere:
// balance = credits − debits, so a person who contributed more than they took is positive.

import type { AccountId, PoolId, TransferId } from '../ids.ts';
import type { CurrencyCode } from '../units.ts';

/** Effort (mWH) is one ledger; money is one ledger per currency (cents). Never mixed. */
export type LedgerUnit = 'effort' | `money:${CurrencyCode}`;

export type AccountKind =
  | 'person'
  | 'project'
  | 'pool'
  | 'association'
  // System accounts of a pool (MODEL.md M7, M8, M10, M16):
  | 'premium'
  | 'adjustment'
  | 'redistribution'
  | 'federation';

/** How far an account's balance may fall. Amounts are in the account's unit. */
export type AccountBound =
  | { readonly kind: 'unbounded' }
  /** balance ≥ −allowance (a person's debit allowance, reference §4.9). */
  | { readonly kind: 'debitAllowance'; readonly allowance: number }
  /** balance ≥ 0. */
  | { readonly kind: 'nonNegative' };

export interface Account {
  readonly id: AccountId;
  /** The tenant: every account belongs to exactly one pool's journal. */
  readonly poolId: PoolId;
  readonly unit: LedgerUnit;
  readonly kind: AccountKind;
  /** The person, project, association or pool the account belongs to. */
  readonly ownerId: string;
  readonly bound: AccountBound;
  readonly closed: boolean;
}

/**
 * Why a transfer happened, as a dotted stable code (`work.credit`, `take.goods`,
 * `share.flatRate`, `premium`, `redistribution`, `adjustment`, `federation.settle`,
 * `reversal`, …). Free-form but validated for shape so reports can group by it.
 */
export type TransferCode = string;

export type TransferState = 'pending' | 'posted' | 'voided';

/** What a client asks the ledger to do. The id is the idempotency key. */
export interface TransferRequest {
  readonly id: TransferId;
  readonly debitAccountId: AccountId;
  readonly creditAccountId: AccountId;
  /** Positive integer in the unit's smallest unit (mWH or cents). */
  readonly amount: number;
  readonly unit: LedgerUnit;
  readonly code: TransferCode;
  /** Pending transfers reserve the amount against bounds until posted or voided. */
  readonly pending?: boolean;
  /**
   * Bound exception that a rule explicitly allows (MODEL.md §6.3: basic-needs bundles may take
   * a person past their debit allowance). The exception is recorded on the transfer.
   */
  readonly boundException?: 'basicNeeds';
  /** What the transfer is about: a work record, a taking, a settlement, … */
  readonly reference?: string;
  /** The period the transfer belongs to, as the pool numbers its periods. */
  readonly period?: number;
}
