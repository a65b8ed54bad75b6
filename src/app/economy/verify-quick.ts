// `db verify --quick` of a stored pool (decision 0041): from its last checkpoint instead of its
// first period. The checkpoint's text must hash to its stored SHA-256 and read back as a state
// after the last closed period; the books as stored must end where that state leaves them
// (each journal's length and head, each account's running totals and bound), as must the last
// closed period's stored head; and the open period must run from it: its stored clearing is
// the market its inputs clear to. What this trusts is the checkpoint's content; the full
// `db verify` runs every period from the first and compares the checkpoint with that run.
import { clearMarketFrom } from '../../core/cycle/clear-market.ts';
import { lastClosedPeriod } from '../../core/cycle/stages.ts';
import type { AccountId, PoolId } from '../../core/ids.ts';
import { headHash, nextIndex } from '../../core/ledger/index.ts';
import { canonicalJson, marketReport } from '../../core/scenario/index.ts';
import type { EconomyTransaction, StoredPool } from '../ports/economy-store.ts';
import { textSha256 } from '../sha256.ts';
import { readCheckpoint } from './checkpoint-parts.ts';
import { openPeriodStart } from './checkpointed-run.ts';
import { sameBound } from './verify-stored.ts';

/** The first problem found from the checkpoint on; null when there is none. Undefined when
 *  the pool has no checkpoint to start from (none closed yet, federated): check it whole. */
export async function quickProblem(
  tx: EconomyTransaction,
  pool: StoredPool,
): Promise<string | null | undefined> {
  const { period, stage } = pool.cycle;
  const closed = lastClosedPeriod(pool.cycle);
  const checkpoint = await tx.loadCheckpoint(pool.poolId);
  if (closed === 0 || checkpoint === undefined) return undefined;
  const at = `checkpoint after period ${checkpoint.period}`;
  if (textSha256(checkpoint.state) !== checkpoint.stateSha256) return `${at}: hash differs`;
  if (checkpoint.period !== closed) return `${at}, but ${closed} periods are closed`;
  // Every rotation segment is read: each must hash to its stored SHA-256 (decision 0062).
  const parsed = readCheckpoint(checkpoint);
  if (!parsed.ok) return `${at}: ${parsed.error.code}: ${parsed.error.detail}`;
  const state = parsed.value;
  const last = await tx.findPeriod(pool.poolId, closed);
  const own = state.ledger.journals.get(pool.poolId as PoolId);
  if (
    last?.stage !== 'closed' ||
    own === undefined ||
    last.journalHead !== headHash(own) ||
    last.journalEntries !== nextIndex(own)
  ) {
    return `period ${closed}: its stored journal head is not the checkpoint's`;
  }
  for (const [journalPool, journal] of state.ledger.journals) {
    const stored = await tx.ledger.lockJournal(journalPool);
    if (stored.nextIndex !== nextIndex(journal) || stored.headHash !== headHash(journal)) {
      return `the journal of ${journalPool} does not end where the ${at} leaves it`;
    }
  }
  const byPool = new Map<PoolId, AccountId[]>();
  for (const record of state.ledger.accounts.values()) {
    const list = byPool.get(record.account.poolId) ?? [];
    list.push(record.account.id);
    byPool.set(record.account.poolId, list);
  }
  for (const [poolId, accountIds] of byPool) {
    const slice = await tx.ledger.loadSlice({ poolId, accountIds, transferIds: [] });
    for (const accountId of accountIds) {
      const ran = state.ledger.accounts.get(accountId)!;
      const stored = slice.accounts.get(accountId);
      const used = ran.debitsPosted + ran.creditsPosted + ran.debitsPending + ran.creditsPending;
      if (stored === undefined) {
        if (used === 0) continue;
        return `account ${accountId} of ${poolId} is missing`;
      }
      if (
        stored.debitsPosted !== ran.debitsPosted ||
        stored.creditsPosted !== ran.creditsPosted ||
        stored.debitsPending !== ran.debitsPending ||
        stored.creditsPending !== ran.creditsPending ||
        !sameBound(stored.account.bound, ran.account.bound)
      ) {
        return `account ${accountId} of ${poolId}: its stored totals are not the ${at}'s`;
      }
    }
  }
  if (stage === 'closed') return null;
  const open = await tx.findPeriod(pool.poolId, period);
  if (open?.clearing === null || open === undefined) return null;
  const { scenario, before } = await openPeriodStart(tx, pool, period);
  if (before === null) return undefined;
  const cleared = clearMarketFrom(before, scenario, period);
  if (!cleared.ok) return `period ${period}: its market no longer clears`;
  if (canonicalJson(marketReport(cleared.value)) !== canonicalJson(open.clearing)) {
    return `period ${period}: the stored clearing differs from its market's`;
  }
  return null;
}
