// A new, empty ledger. The state's shape (LedgerState, AccountRecord, TransferRecord, Journal)
// is in types.ts; the commands in accounts.ts and transfers.ts change it in place, and only
// when they succeed.

import type { LedgerState } from './types.ts';

export function createLedger(): LedgerState {
  return { accounts: new Map(), transfers: new Map(), journals: new Map() };
}
