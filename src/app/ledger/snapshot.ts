// What a loaded ledger slice held, so a store writes back only what a command changed.

import type { AccountId, PoolId, TransferId } from '../../core/ids.ts';
import type { AccountRecord, LedgerState, TransferRecord } from '../../core/ledger/index.ts';
import type { LedgerSnapshot } from '../ports/ledger-store.ts';

export function accountTotalsKey(record: AccountRecord): string {
  return `${record.debitsPosted}/${record.creditsPosted}/${record.debitsPending}/${record.creditsPending}/${record.account.closed}`;
}

export function transferStateKey(record: TransferRecord): string {
  return `${record.state}/${record.resolvedAt ?? ''}/${record.reversedBy ?? ''}`;
}

export function snapshotOf(slice: LedgerState): LedgerSnapshot {
  const accountTotals = new Map<AccountId, string>();
  for (const [id, record] of slice.accounts) accountTotals.set(id, accountTotalsKey(record));
  const transferStates = new Map<TransferId, string>();
  for (const [id, record] of slice.transfers) transferStates.set(id, transferStateKey(record));
  const journalLengths = new Map<PoolId, number>();
  for (const [poolId, journal] of slice.journals)
    journalLengths.set(poolId, journal.entries.length);
  return { accountTotals, transferStates, journalLengths };
}
