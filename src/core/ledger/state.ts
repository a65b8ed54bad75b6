// The ledger's state: a plain object of maps, changed in place by the commands only when
// they succeed. Each account carries running totals (as TigerBeetle keeps debits/credits
// posted and pending per account), so a transfer touches two records and appends one journal
// entry: O(1), whatever the history. The journals are the record; the totals derive from them
// and `verifyLedger` checks that they still do.

import type { AccountId, PoolId, TransferId } from '../ids.ts';
import type { Account, JournalEntry, Transfer, TransferState } from './types.ts';

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
  readonly entries: JournalEntry[];
}

export interface LedgerState {
  readonly accounts: Map<AccountId, AccountRecord>;
  readonly transfers: Map<TransferId, TransferRecord>;
  readonly journals: Map<PoolId, Journal>;
}

export function createLedger(): LedgerState {
  return { accounts: new Map(), transfers: new Map(), journals: new Map() };
}
