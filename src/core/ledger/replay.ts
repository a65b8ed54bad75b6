// Replaying journal entries of one ledger into another ledger of the same pool: the stored
// books take over what a pure run computed (the period cycle settles a period this way). Each
// entry becomes the command that made it, in order, so the target appends identical entries
// and ends at the same head hash exactly when it started from the same one.
import type { AccountId, TransferId } from '../ids.ts';
import { err, ok, type Result } from '../result.ts';
import type { LedgerFailure } from './errors.ts';
import { createTransfers, postTransfer, reverseTransfer, voidTransfer } from './transfers.ts';
import type {
  JournalEntry,
  LedgerEvent,
  LedgerOutcome,
  LedgerState,
  Transfer,
  TransferRequest,
} from './types.ts';

/** The request that created a transfer, field for field. */
export function requestOf(transfer: Transfer): TransferRequest {
  return {
    id: transfer.id,
    debitAccountId: transfer.debitAccountId,
    creditAccountId: transfer.creditAccountId,
    amount: transfer.amount,
    unit: transfer.unit,
    code: transfer.code,
    ...(transfer.pending ? { pending: true } : {}),
    ...(transfer.boundException === undefined ? {} : { boundException: transfer.boundException }),
    ...(transfer.reference === undefined ? {} : { reference: transfer.reference }),
    ...(transfer.period === undefined ? {} : { period: transfer.period }),
  };
}

/** The accounts and transfers a replay of these entries reads or writes. */
export function entriesFootprint(entries: readonly JournalEntry[]): {
  readonly accountIds: readonly AccountId[];
  readonly transferIds: readonly TransferId[];
} {
  const accountIds = new Set<AccountId>();
  const transferIds = new Set<TransferId>();
  for (const entry of entries) {
    if (entry.kind === 'created') {
      accountIds.add(entry.transfer.debitAccountId);
      accountIds.add(entry.transfer.creditAccountId);
      transferIds.add(entry.transfer.id);
      if (entry.transfer.reversalOf !== undefined) transferIds.add(entry.transfer.reversalOf);
    } else {
      transferIds.add(entry.transferId);
    }
  }
  return { accountIds: [...accountIds], transferIds: [...transferIds] };
}

/**
 * Applies the entries to `state` as commands, in order: runs of plain creations as one linked
 * batch each (a batch checks every request after the ones before it, so the decisions are the
 * same as one by one), reversals, posts and voids one by one. Stops at the first refusal; the
 * caller discards the state then (a database transaction rolls back).
 */
export function replayEntries(
  state: LedgerState,
  entries: readonly JournalEntry[],
): Result<LedgerOutcome, LedgerFailure> {
  const events: LedgerEvent[] = [];
  let batch: TransferRequest[] = [];
  const flush = (): LedgerFailure | undefined => {
    if (batch.length === 0) return undefined;
    const created = createTransfers(state, batch);
    batch = [];
    if (!created.ok) return created.error;
    events.push(...created.value.events);
    return undefined;
  };
  for (const entry of entries) {
    if (entry.kind === 'created' && entry.transfer.reversalOf === undefined) {
      batch.push(requestOf(entry.transfer));
      continue;
    }
    const failed = flush();
    if (failed) return err(failed);
    const result =
      entry.kind === 'created'
        ? reverseTransfer(state, {
            id: entry.transfer.id,
            originalId: entry.transfer.reversalOf!,
            ...(entry.transfer.reference === undefined
              ? {}
              : { reference: entry.transfer.reference }),
            ...(entry.transfer.period === undefined ? {} : { period: entry.transfer.period }),
          })
        : entry.kind === 'posted'
          ? postTransfer(state, { transferId: entry.transferId })
          : voidTransfer(state, { transferId: entry.transferId });
    if (!result.ok) return result;
    events.push(...result.value.events);
  }
  const failed = flush();
  return failed ? err(failed) : ok({ events });
}
