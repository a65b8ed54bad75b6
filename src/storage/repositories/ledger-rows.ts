// Conversions between the ledger's core records and table rows. Optional fields are absent in
// the core (never `undefined`) and NULL in the database, so a record read back is deep-equal to
// the one written, and its journal hash still verifies.
import type { AccountId, PoolId, TransferId } from '../../core/ids.ts';
import type {
  Account,
  AccountBound,
  AccountKind,
  AccountRecord,
  JournalEntry,
  LedgerUnit,
  Transfer,
  TransferRecord,
} from '../../core/ledger/index.ts';
import type { LedgerAccountsTable, LedgerJournalTable, LedgerTransfersTable } from '../schema.ts';

export function accountToRow(record: AccountRecord): LedgerAccountsTable {
  const { account } = record;
  return {
    pool_id: account.poolId,
    id: account.id,
    unit: account.unit,
    kind: account.kind,
    owner_id: account.ownerId,
    bound_kind: account.bound.kind,
    bound_allowance: account.bound.kind === 'debitAllowance' ? account.bound.allowance : null,
    closed: account.closed ? 1 : 0,
    debits_posted: record.debitsPosted,
    credits_posted: record.creditsPosted,
    debits_pending: record.debitsPending,
    credits_pending: record.creditsPending,
  };
}

function boundOf(row: LedgerAccountsTable): AccountBound {
  switch (row.bound_kind) {
    case 'debitAllowance':
      return { kind: 'debitAllowance', allowance: row.bound_allowance ?? 0 };
    case 'nonNegative':
      return { kind: 'nonNegative' };
    default:
      return { kind: 'unbounded' };
  }
}

export function accountFromRow(row: LedgerAccountsTable): AccountRecord {
  const account: Account = {
    id: row.id as AccountId,
    poolId: row.pool_id as PoolId,
    unit: row.unit as LedgerUnit,
    kind: row.kind as AccountKind,
    ownerId: row.owner_id,
    bound: boundOf(row),
    closed: row.closed === 1,
  };
  return {
    account,
    debitsPosted: row.debits_posted,
    creditsPosted: row.credits_posted,
    debitsPending: row.debits_pending,
    creditsPending: row.credits_pending,
  };
}

export function transferToRow(record: TransferRecord): LedgerTransfersTable {
  const t = record.transfer;
  return {
    pool_id: t.poolId,
    id: t.id,
    debit_account_id: t.debitAccountId,
    credit_account_id: t.creditAccountId,
    amount: t.amount,
    unit: t.unit,
    code: t.code,
    pending: t.pending ? 1 : 0,
    bound_exception: t.boundException ?? null,
    bound_exception_used: t.boundExceptionUsed ? 1 : 0,
    reference: t.reference ?? null,
    period: t.period ?? null,
    reversal_of: t.reversalOf ?? null,
    state: record.state,
    created_at_index: record.createdAt,
    resolved_at_index: record.resolvedAt ?? null,
    reversed_by: record.reversedBy ?? null,
  };
}

export function transferFromRow(row: LedgerTransfersTable): TransferRecord {
  const transfer: Transfer = {
    id: row.id as TransferId,
    poolId: row.pool_id as PoolId,
    debitAccountId: row.debit_account_id as AccountId,
    creditAccountId: row.credit_account_id as AccountId,
    amount: row.amount,
    unit: row.unit as LedgerUnit,
    code: row.code,
    pending: row.pending === 1,
    ...(row.bound_exception === null
      ? {}
      : { boundException: row.bound_exception as 'basicNeeds' }),
    boundExceptionUsed: row.bound_exception_used === 1,
    ...(row.reference === null ? {} : { reference: row.reference }),
    ...(row.period === null ? {} : { period: row.period }),
    ...(row.reversal_of === null ? {} : { reversalOf: row.reversal_of as TransferId }),
  };
  return {
    transfer,
    state: row.state,
    createdAt: row.created_at_index,
    ...(row.resolved_at_index === null ? {} : { resolvedAt: row.resolved_at_index }),
    ...(row.reversed_by === null ? {} : { reversedBy: row.reversed_by as TransferId }),
  };
}

export function journalEntryToRow(entry: JournalEntry): LedgerJournalTable {
  return {
    pool_id: entry.poolId,
    entry_index: entry.index,
    kind: entry.kind,
    transfer_id: entry.kind === 'created' ? entry.transfer.id : entry.transferId,
    previous_hash: entry.previousHash,
    hash: entry.hash,
  };
}

/** Rebuilds a journal entry; a `created` entry carries its transfer's full content. */
export function journalEntryFromRow(
  row: LedgerJournalTable,
  transfers: ReadonlyMap<string, TransferRecord>,
): JournalEntry {
  const base = {
    index: row.entry_index,
    poolId: row.pool_id as PoolId,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
  if (row.kind === 'created') {
    const record = transfers.get(row.transfer_id);
    if (record === undefined) {
      throw new Error(
        `journal entry ${row.entry_index} of ${row.pool_id} names no stored transfer`,
      );
    }
    return {
      index: base.index,
      poolId: base.poolId,
      kind: 'created',
      transfer: record.transfer,
      previousHash: base.previousHash,
      hash: base.hash,
    };
  }
  return {
    index: base.index,
    poolId: base.poolId,
    kind: row.kind,
    transferId: row.transfer_id as TransferId,
    previousHash: base.previousHash,
    hash: base.hash,
  };
}
