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

/**
 * A transfer as the ledger stores it: the request's content, normalised (optional fields
 * absent rather than undefined, `pending` always set), plus what the ledger decided. Never
 * edited after it is stored; its life cycle (pending → posted or voided) is kept beside it.
 */
export interface Transfer {
  readonly id: TransferId;
  /** The journal the transfer is in; both accounts belong to this pool. */
  readonly poolId: PoolId;
  readonly debitAccountId: AccountId;
  readonly creditAccountId: AccountId;
  readonly amount: number;
  readonly unit: LedgerUnit;
  readonly code: TransferCode;
  /** Created as pending (a reservation) rather than posted at once. */
  readonly pending: boolean;
  readonly boundException?: 'basicNeeds';
  /**
   * True when the debit would have passed the debit account's bound and went through only
   * because of `boundException` (MODEL.md §6 invariant 3: recorded as such).
   */
  readonly boundExceptionUsed: boolean;
  readonly reference?: string;
  readonly period?: number;
  /** For a reversal: the transfer it corrects. */
  readonly reversalOf?: TransferId;
}

/** Running totals of an account (TigerBeetle style), so each transfer is O(1). */
export interface AccountBalance {
  readonly debitsPosted: number;
  readonly creditsPosted: number;
  readonly debitsPending: number;
  readonly creditsPending: number;
  /** creditsPosted − debitsPosted. */
  readonly postedBalance: number;
  /**
   * The lowest the balance can become if every pending transfer posts: pending debits count,
   * pending credits do not. Bounds are checked against this.
   */
  readonly worstCaseBalance: number;
}

/** What a journal records: a transfer was created (with its full content), posted or voided. */
export type JournalEntry =
  | {
      readonly index: number;
      readonly poolId: PoolId;
      readonly kind: 'created';
      readonly transfer: Transfer;
      readonly previousHash: string;
      readonly hash: string;
    }
  | {
      readonly index: number;
      readonly poolId: PoolId;
      readonly kind: 'posted' | 'voided';
      readonly transferId: TransferId;
      readonly previousHash: string;
      readonly hash: string;
    };

export type JournalEntryKind = JournalEntry['kind'];

/** What a successful command did. A replayed request reports `transfer.duplicate` only. */
export type LedgerEvent =
  | { readonly type: 'account.opened'; readonly account: Account }
  | { readonly type: 'account.closed'; readonly accountId: AccountId }
  | {
      readonly type: 'account.boundChanged';
      readonly accountId: AccountId;
      readonly bound: AccountBound;
    }
  | { readonly type: 'journal.appended'; readonly entry: JournalEntry }
  | { readonly type: 'transfer.duplicate'; readonly transferId: TransferId };

/** The value of every successful command: what it did, in order. */
export interface LedgerOutcome {
  readonly events: readonly LedgerEvent[];
}

// ---------------------------------------------------------------------------------------
// The ledger's state: a plain object of maps, changed in place by the commands only when
// they succeed. Each account carries running totals (as TigerBeetle keeps debits/credits
// posted and pending per account), so a transfer touches two records and appends one journal
// entry: O(1), whatever the history. The journals are the record; the totals derive from them
// and `verifyLedger` checks that they still do.

/** An account with its running totals. Mutable inside the ledger, read-only outside. */
export interface AccountRecord {
  account: Account;
  debitsPosted: number;
  creditsPosted: number;
  debitsPending: number;
  creditsPending: number;
}

export interface TransferRecord {
  /** The same object as the `transfer` of its `created` journal entry. */
  readonly transfer: Transfer;
  state: TransferState;
  /** Index of the `created` entry in the pool's journal. */
  readonly createdAt: number;
  /** Index of the `posted`/`voided` entry of a pending transfer, once resolved. */
  resolvedAt?: number;
  /** The reversal that corrected this transfer; at most one. */
  reversedBy?: TransferId;
}

export interface Journal {
  readonly poolId: PoolId;
  /**
   * Where `entries` begins when only the tail of a journal is held: the index of the first
   * entry held and the hash of the entry before it. A store appends to a long journal by loading
   * its head, not its history. Absent for a whole journal (from index 0 and the genesis hash);
   * only a whole journal can be verified.
   */
  readonly base?: JournalBase;
  readonly entries: JournalEntry[];
  /** Entries appended get no hash (decision 0067): a read that runs a period to show it and
   *  keeps nothing of its books. Such a journal is never stored nor verified. */
  readonly unhashed?: true;
}

export interface JournalBase {
  readonly index: number;
  readonly previousHash: string;
}

export interface LedgerState {
  readonly accounts: Map<AccountId, AccountRecord>;
  readonly transfers: Map<TransferId, TransferRecord>;
  readonly journals: Map<PoolId, Journal>;
  /** Its journals, and those it opens, hash no entry (`withoutJournalHashes`). */
  readonly unhashed?: true;
}
