// What a loaded ledger slice held, so a store writes back only what a command changed.

import type { AccountId, PoolId, TransferId } from '../../core/ids.ts';
import type { AccountRecord, LedgerState, TransferRecord } from '../../core/ledger/index.ts';
import type { LedgerSnapshot } from '../ports/ledger-store.ts';

/** What of an account a command may change: its totals, whether it is closed, its bound (a
 *  pool's debit allowance changed from a period on, decision 0018). */
export function accountStateKey(record: AccountRecord): string {
  const { bound } = record.account;
  const limit = bound.kind === 'debitAllowance' ? bound.allowance : '';
  return `${record.debitsPosted}/${record.creditsPosted}/${record.debitsPending}/${record.creditsPending}/${record.account.closed}/${bound.kind}${limit}`;
}

export function transferStateKey(record: TransferRecord): string {
  return `${record.state}/${record.resolvedAt ?? ''}/${record.reversedBy ?? ''}`;
}

export function snapshotOf(slice: LedgerState): LedgerSnapshot {
  const accountStates = new Map<AccountId, string>();
  for (const [id, record] of slice.accounts) accountStates.set(id, accountStateKey(record));
  const transferStates = new Map<TransferId, string>();
  for (const [id, record] of slice.transfers) transferStates.set(id, transferStateKey(record));
  const journalLengths = new Map<PoolId, number>();
  for (const [poolId, journal] of slice.journals)
    journalLengths.set(poolId, journal.entries.length);
  return { accountStates, transferStates, journalLengths };
}
