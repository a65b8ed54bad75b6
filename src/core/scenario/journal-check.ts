// MODEL.md §6 invariant 7 as the runner checks it each period (decision 0040): the journal
// entries the period appended, not the whole journal again. From the head each journal had when
// the period began, every entry must sit at its index, link to the entry before and hash to
// its content; each created transfer must be the ledger's record of it; and every account's
// running totals must have moved by exactly what those entries say. The periods before were
// checked when they ran, so the chain is checked whole, one period at a time, and the check
// costs what the period costs, whether the state holds the journal from genesis or only from
// a checkpoint's head.

import { sha256Hex } from '../hash/sha256.ts';
import type { AccountId, PoolId } from '../ids.ts';
import { addCreated, addResolved, type RunningTotals, zeroTotals } from '../ledger/balances.ts';
import { canonicalEntryContent } from '../ledger/canonical.ts';
import { GENESIS_HASH, type LedgerState } from '../ledger/index.ts';
import type { RunStop } from './step.ts';

/** Where each journal and each account stood when a period began. */
export interface JournalMark {
  readonly heads: ReadonlyMap<PoolId, { readonly index: number; readonly hash: string }>;
  readonly totals: ReadonlyMap<AccountId, RunningTotals>;
}

export function markJournals(ledger: LedgerState): JournalMark {
  const heads = new Map<PoolId, { index: number; hash: string }>();
  for (const [poolId, journal] of ledger.journals) {
    const base = journal.base?.index ?? 0;
    const last = journal.entries.at(-1);
    heads.set(poolId, {
      index: base + journal.entries.length,
      hash: last?.hash ?? journal.base?.previousHash ?? GENESIS_HASH,
    });
  }
  const totals = new Map<AccountId, RunningTotals>();
  for (const [id, r] of ledger.accounts) {
    totals.set(id, {
      debitsPosted: r.debitsPosted,
      creditsPosted: r.creditsPosted,
      debitsPending: r.debitsPending,
      creditsPending: r.creditsPending,
    });
  }
  return { heads, totals };
}

const broken = (p: number, detail: unknown): RunStop => ({
  period: p,
  invariant: 'journal',
  code: 'ledger.journal_broken',
  detail: JSON.stringify(detail),
});

/** The entries appended since `mark`, checked; null when they hold together. */
export function checkJournalSince(
  ledger: LedgerState,
  mark: JournalMark,
  p: number,
): RunStop | null {
  const moved = new Map<AccountId, RunningTotals>();
  const movedOf = (id: AccountId): RunningTotals => {
    let t = moved.get(id);
    if (t === undefined) {
      t = zeroTotals();
      moved.set(id, t);
    }
    return t;
  };
  for (const poolId of [...ledger.journals.keys()].sort()) {
    const journal = ledger.journals.get(poolId)!;
    const base = journal.base?.index ?? 0;
    const head = mark.heads.get(poolId) ?? {
      index: base,
      hash: journal.base?.previousHash ?? GENESIS_HASH,
    };
    if (journal.poolId !== poolId || head.index < base) {
      return broken(p, {
        poolId,
        reason: 'partial',
        detail: 'the period began before the journal held',
      });
    }
    let previousHash = head.hash;
    // One closure per journal, not per entry: a period has thousands of entries.
    const faultAt = (index: number, reason: string, detail: string) =>
      broken(p, { poolId, index, reason, detail });
    for (let at = head.index - base; at < journal.entries.length; at += 1) {
      const e = journal.entries[at]!;
      const index = base + at;
      if (e.index !== index) return faultAt(index, 'index', `entry says index ${e.index}`);
      if (e.poolId !== poolId) return faultAt(index, 'pool', 'entry belongs to another pool');
      if (e.previousHash !== previousHash) {
        return faultAt(index, 'previous_hash', 'previous hash does not match the entry before');
      }
      // An unhashed journal (a read's, decision 0067) has no hash to check; the rest holds.
      if (journal.unhashed !== true && e.hash !== sha256Hex(canonicalEntryContent(e))) {
        return faultAt(index, 'hash', 'hash does not match the entry content');
      }
      if (e.kind === 'created') {
        const record = ledger.transfers.get(e.transfer.id);
        if (record?.transfer !== e.transfer || record.createdAt !== index) {
          return faultAt(
            index,
            'record_mismatch',
            'the stored transfer differs from its journal entry',
          );
        }
        addCreated(
          movedOf(e.transfer.debitAccountId),
          movedOf(e.transfer.creditAccountId),
          e.transfer,
        );
      } else {
        const record = ledger.transfers.get(e.transferId);
        if (record === undefined || record.resolvedAt !== index) {
          return faultAt(
            index,
            'record_mismatch',
            'the stored resolution differs from the journal',
          );
        }
        const t = record.transfer;
        addResolved(movedOf(t.debitAccountId), movedOf(t.creditAccountId), t, e.kind);
      }
      previousHash = e.hash;
    }
  }
  for (const [accountId, r] of ledger.accounts) {
    const was = mark.totals.get(accountId) ?? zeroTotals();
    const by = moved.get(accountId) ?? zeroTotals();
    if (
      r.debitsPosted - was.debitsPosted !== by.debitsPosted ||
      r.creditsPosted - was.creditsPosted !== by.creditsPosted ||
      r.debitsPending - was.debitsPending !== by.debitsPending ||
      r.creditsPending - was.creditsPending !== by.creditsPending
    ) {
      return broken(p, {
        accountId,
        reason: 'balance_mismatch',
        detail: "the account's totals moved by other than the period's entries",
      });
    }
  }
  return null;
}
