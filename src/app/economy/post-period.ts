// Posting a closed period to the stored books: every journal a pure run keeps (the pool's, its
// projects' money books, each federated pool's) is appended from where its stored copy ends,
// with the accounts the run opened, in the closing step's transaction (decision 0012).
import type { PoolId } from '../../core/ids.ts';
import {
  type Account,
  changeBound,
  entriesFootprint,
  GENESIS_HASH,
  getJournal,
  headHash,
  type Journal,
  replayEntries,
} from '../../core/ledger/index.ts';
import type { PeriodRun, ScenarioRun } from '../../core/scenario/index.ts';
import { openInSlice } from '../ledger/open-in-slice.ts';
import { snapshotOf } from '../ledger/snapshot.ts';
import type { EconomyTransaction } from '../ports/economy-store.ts';
import { Refusal } from './refusals.ts';
import { ledgersOf, sameBound } from './verify-stored.ts';

/** The head a run reached by a period; genesis before the run's first period. */
export const headOf = (run: { readonly journalHead: string } | undefined) =>
  run === undefined ? GENESIS_HASH : run.journalHead;

/**
 * Posts period p of a pure run to the stored books, in the same transaction: every journal
 * the run keeps (the pool's, its projects' money books, each federated pool's) from where its
 * stored copy ends, which must be an entry of the run's journal.
 */
export async function postPeriod(
  tx: EconomyTransaction,
  run: ScenarioRun,
  ran: PeriodRun,
  p: number,
): Promise<{ journalHead: string; journalEntries: number }> {
  const accountsByPool = new Map<string, Account[]>();
  const journals = new Map<string, Journal>();
  for (const ledger of ledgersOf(run)) {
    for (const record of ledger.accounts.values()) {
      const list = accountsByPool.get(record.account.poolId) ?? [];
      list.push(record.account);
      accountsByPool.set(record.account.poolId, list);
    }
    for (const [journalPool, journal] of ledger.journals) journals.set(journalPool, journal);
  }
  for (const journalPool of [...accountsByPool.keys()].sort()) {
    const journal = journals.get(journalPool) ?? { poolId: journalPool as PoolId, entries: [] };
    await postJournal(tx, journalPool as PoolId, accountsByPool.get(journalPool)!, journal, p);
  }
  return { journalHead: headOf(ran), journalEntries: ran.journalEntries };
}

/** Opens the journal's accounts that are not stored yet and appends what is not stored. The
 *  run's journal may be held from a checkpoint's head (decision 0040): the stored one must
 *  end at or after it. */
async function postJournal(
  tx: EconomyTransaction,
  poolId: PoolId,
  accounts: readonly Account[],
  journal: Journal,
  p: number,
): Promise<void> {
  const stored = await tx.ledger.lockJournal(poolId);
  const from = stored.nextIndex;
  const base = journal.base ?? { index: 0, previousHash: GENESIS_HASH };
  const all = journal.entries;
  const expectedHead = from === base.index ? base.previousHash : all[from - 1 - base.index]?.hash;
  if (from < base.index || stored.headHash !== expectedHead) {
    throw new Refusal({
      code: 'economy.books_diverged',
      detail: `the stored journal of ${poolId} (${from} entries, head ${stored.headHash.slice(0, 12)}…) is not where the inputs put it before period ${p}`,
    });
  }
  const entries = all.slice(from - base.index);
  const footprint = entriesFootprint(entries);
  const slice = await tx.ledger.loadSlice({
    poolId,
    accountIds: [...accounts.map((a) => a.id), ...footprint.accountIds],
    transferIds: footprint.transferIds,
  });
  const loaded = snapshotOf(slice);
  // An account stored before keeps its bound until the run's differs: a debit allowance
  // changed from a period on (decision 0018). The period's entries were checked against
  // the run's, so they replay against it.
  for (const account of accounts) {
    const stored = slice.accounts.get(account.id)?.account;
    if (stored === undefined || sameBound(stored.bound, account.bound)) continue;
    const changed = changeBound(slice, { accountId: account.id, bound: account.bound });
    if (!changed.ok) {
      throw new Refusal({ code: 'economy.books_diverged', detail: changed.error.detail });
    }
  }
  const opened = openInSlice(
    slice,
    poolId,
    accounts.map(({ closed: _closed, ...command }) => command),
  );
  if (!opened.ok) {
    throw new Refusal({ code: 'economy.books_diverged', detail: opened.error.detail });
  }
  await tx.ledger.insertAccounts(opened.value);
  const replayed = replayEntries(slice, entries);
  if (!replayed.ok) {
    throw new Refusal({ code: 'economy.books_diverged', detail: replayed.error.detail });
  }
  await tx.ledger.saveSlice(slice, loaded);
  const after = getJournal(slice, poolId);
  const headAfter = after === undefined ? GENESIS_HASH : headHash(after);
  // Same start, same entries: the same head, or the ledger core is broken.
  const expected = headHash(journal);
  if (headAfter !== expected) {
    throw new Error(`period ${p}: stored head of ${poolId} is not the run's`);
  }
}
