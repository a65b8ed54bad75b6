// A new, empty ledger. The state's shape (LedgerState, AccountRecord, TransferRecord, Journal)
// is in types.ts; the commands in accounts.ts and transfers.ts change it in place, and only
// when they succeed.

import type { LedgerState } from './types.ts';

export function createLedger(): LedgerState {
  return { accounts: new Map(), transfers: new Map(), journals: new Map() };
}

/**
 * A ledger equal to `ledger` that commands may change without changing `ledger` (a projection
 * read steps one from a kept state, decision 0070). The commands change an account's and a
 * transfer's record in place (running totals, a pending transfer's state) and append to a
 * journal's entries; they replace an account whole (a bound changed, closed) and never change a
 * transfer or a journal entry. So the records and entry lists are copied, and the accounts,
 * transfers and entries shared (a transfer stays the same object as its `created` entry's).
 */
export function forkLedger(ledger: LedgerState): LedgerState {
  const accounts: LedgerState['accounts'] = new Map();
  for (const [id, record] of ledger.accounts) accounts.set(id, { ...record });
  const transfers: LedgerState['transfers'] = new Map();
  for (const [id, record] of ledger.transfers) transfers.set(id, { ...record });
  const journals: LedgerState['journals'] = new Map();
  for (const [poolId, journal] of ledger.journals) {
    journals.set(poolId, { ...journal, entries: [...journal.entries] });
  }
  return { ...ledger, accounts, transfers, journals };
}
