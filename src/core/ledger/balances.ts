// Balances derived from the running totals. Sign convention: balance = credits − debits.
// Bounds are checked on the worst case (posted minus pending debits; pending credits do not
// count until they post), so a pending transfer reserves against the bound.

import type { AccountBalance, AccountBound, AccountRecord, Transfer } from './types.ts';

/**
 * The four running totals: an account's, what earlier requests of a batch add to one, or what a
 * replay of the journal sums up. Every change to them goes through the two functions below, so
 * applying, batch-checking and verifying move the totals the same way.
 */
export interface RunningTotals {
  debitsPosted: number;
  creditsPosted: number;
  debitsPending: number;
  creditsPending: number;
}

export function zeroTotals(): RunningTotals {
  return { debitsPosted: 0, creditsPosted: 0, debitsPending: 0, creditsPending: 0 };
}

/** A created transfer: a pending one reserves its amount, any other posts it at once. */
export function addCreated(debit: RunningTotals, credit: RunningTotals, transfer: Transfer): void {
  if (transfer.pending) {
    debit.debitsPending += transfer.amount;
    credit.creditsPending += transfer.amount;
  } else {
    debit.debitsPosted += transfer.amount;
    credit.creditsPosted += transfer.amount;
  }
}

/** A pending transfer resolved: its reservation is released and, when posted, the amount posts. */
export function addResolved(
  debit: RunningTotals,
  credit: RunningTotals,
  transfer: Transfer,
  outcome: 'posted' | 'voided',
): void {
  debit.debitsPending -= transfer.amount;
  credit.creditsPending -= transfer.amount;
  if (outcome === 'posted') {
    debit.debitsPosted += transfer.amount;
    credit.creditsPosted += transfer.amount;
  }
}

export function balanceOfRecord(record: AccountRecord): AccountBalance {
  return {
    debitsPosted: record.debitsPosted,
    creditsPosted: record.creditsPosted,
    debitsPending: record.debitsPending,
    creditsPending: record.creditsPending,
    postedBalance: record.creditsPosted - record.debitsPosted,
    worstCaseBalance: record.creditsPosted - record.debitsPosted - record.debitsPending,
  };
}

/** The lowest balance the bound permits, or undefined when there is none. */
export function boundFloor(bound: AccountBound): number | undefined {
  switch (bound.kind) {
    case 'unbounded':
      return undefined;
    case 'nonNegative':
      return 0;
    case 'debitAllowance':
      return -bound.allowance;
  }
}
