// Balances derived from the running totals. Sign convention: balance = credits − debits.
// Bounds are checked on the worst case (posted minus pending debits; pending credits do not
// count until they post), so a pending transfer reserves against the bound.

import type { AccountBalance, AccountBound, AccountRecord } from './types.ts';

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
