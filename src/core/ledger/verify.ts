// Verifies a whole ledger against its journals: every pool's hash chain, then that every stored
// transfer and its state are what the journal says, then that every account's running totals
// equal the sums recomputed from the journals. Reports the first broken link found, journal
// faults first (a tampered entry is reported at that entry, whatever else it disturbs).

import type { PoolId } from '../ids.ts';
import { err, ok, type Result } from '../result.ts';
import { addCreated, addResolved, type RunningTotals, zeroTotals } from './balances.ts';
import { canonicalEntryContent } from './canonical.ts';
import { type JournalBreak, type JournalSummary, verifyJournal } from './journal.ts';
import type { LedgerState, Transfer, TransferState } from './types.ts';

export interface LedgerSummary {
  readonly journals: ReadonlyMap<PoolId, JournalSummary>;
  readonly transfers: number;
}

/** A transfer as the journal tells it: content, final state, where it was created and resolved. */
interface Replayed {
  readonly transfer: Transfer;
  state: TransferState;
  readonly index: number;
  resolvedAt: number | undefined;
  reversedBy: string | undefined;
}

export function verifyLedger(state: LedgerState): Result<LedgerSummary, JournalBreak> {
  const summaries = new Map<PoolId, JournalSummary>();
  const poolIds = [...state.journals.keys()].sort();
  for (const poolId of poolIds) {
    const journal = state.journals.get(poolId)!;
    if (journal.poolId !== poolId) {
      return err({ poolId, reason: 'pool', detail: `journal is filed under another pool` });
    }
    const verified = verifyJournal(journal);
    if (!verified.ok) return verified;
    summaries.set(poolId, verified.value);
  }

  // Replay the journals: each transfer's content and final state, and the account totals.
  const totals = new Map<string, RunningTotals>();
  const totalsOf = (accountId: string): RunningTotals => {
    let t = totals.get(accountId);
    if (t === undefined) {
      t = zeroTotals();
      totals.set(accountId, t);
    }
    return t;
  };
  const seen = new Set<string>();
  for (const poolId of poolIds) {
    const entries = state.journals.get(poolId)!.entries;
    const byId = new Map<string, Replayed>();
    for (const entry of entries) {
      if (entry.kind === 'created') {
        const t = entry.transfer;
        byId.set(t.id, {
          transfer: t,
          state: t.pending ? 'pending' : 'posted',
          index: entry.index,
          resolvedAt: undefined,
          reversedBy: undefined,
        });
        if (t.reversalOf !== undefined) byId.get(t.reversalOf)!.reversedBy = t.id;
        addCreated(totalsOf(t.debitAccountId), totalsOf(t.creditAccountId), t);
        continue;
      }
      const replayed = byId.get(entry.transferId)!;
      replayed.state = entry.kind;
      replayed.resolvedAt = entry.index;
      const t = replayed.transfer;
      addResolved(totalsOf(t.debitAccountId), totalsOf(t.creditAccountId), t, entry.kind);
    }
    for (const [transferId, replayed] of byId) {
      seen.add(transferId);
      const record = state.transfers.get(replayed.transfer.id);
      const mismatch = (detail: string) =>
        err<JournalBreak>({
          poolId,
          index: replayed.index,
          transferId,
          reason: 'record_mismatch',
          detail,
        });
      if (record === undefined) return mismatch('the ledger has no record of this transfer');
      if (
        record.createdAt !== replayed.index ||
        (record.transfer !== replayed.transfer &&
          canonicalTransfer(record.transfer) !== canonicalTransfer(replayed.transfer))
      ) {
        return mismatch('the stored transfer differs from its journal entry');
      }
      if (record.state !== replayed.state) {
        return mismatch(`stored state ${record.state}, journal says ${replayed.state}`);
      }
      if (record.resolvedAt !== replayed.resolvedAt) {
        return mismatch('the stored resolution differs from the journal');
      }
      if (record.reversedBy !== replayed.reversedBy) {
        return mismatch('the stored reversal differs from the journal');
      }
    }
  }
  for (const [transferId, record] of state.transfers) {
    if (!seen.has(transferId)) {
      return err({
        poolId: record.transfer.poolId,
        transferId,
        reason: 'missing_entry',
        detail: 'a stored transfer has no entry in its journal',
      });
    }
  }
  for (const [accountId, record] of state.accounts) {
    const t = totals.get(accountId) ?? zeroTotals();
    if (
      t.debitsPosted !== record.debitsPosted ||
      t.creditsPosted !== record.creditsPosted ||
      t.debitsPending !== record.debitsPending ||
      t.creditsPending !== record.creditsPending
    ) {
      return err({
        poolId: record.account.poolId,
        accountId,
        reason: 'balance_mismatch',
        detail: 'running totals differ from the journal',
      });
    }
  }
  return ok({ journals: summaries, transfers: state.transfers.size });
}

function canonicalTransfer(transfer: Transfer): string {
  return canonicalEntryContent({
    index: 0,
    poolId: transfer.poolId,
    kind: 'created',
    transfer,
    previousHash: '',
  });
}
