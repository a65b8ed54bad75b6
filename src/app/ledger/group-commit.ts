// Group commit for one process: ledger writes to the same pool that arrive while a transaction
// of that pool is running wait for it, and then share the next transaction. Each write is still
// decided on its own, in arrival order, on the slice as the writes before it left it, and each
// caller gets its own result; a refused write changes nothing and does not affect the others.
// What the writes share is the transaction: one head lock, one read, one save and one commit
// (one fsync) for many calls. A pool's journal is a single hash chain, so its writes are serial
// anyway; without this, each of them would wait for the previous one's fsync (decision 0019).
import type { PoolId } from '../../core/ids.ts';
import type { LedgerFailure, LedgerOutcome, LedgerState } from '../../core/ledger/index.ts';
import type { Result } from '../../core/result.ts';
import { createGroupQueue } from '../group-queue.ts';
import type { LedgerSliceRequest, LedgerStore } from '../ports/ledger-store.ts';
import { snapshotOf } from './snapshot.ts';

export type LedgerDecision = Result<LedgerOutcome, LedgerFailure>;

/** One write: the slice it reads and what the core decides on it. */
export interface LedgerWrite {
  readonly request: LedgerSliceRequest;
  /** Must leave the slice unchanged when it refuses (the core's commands do). */
  readonly decide: (slice: LedgerState) => LedgerDecision;
}

/** How many transfers and other ids one shared transaction reads at most. */
export const GROUP_IDS_MAX = 2_000;

function idsOf(write: LedgerWrite): number {
  return write.request.accountIds.length + write.request.transferIds.length;
}

/** Runs writes as one transaction; every decision made, the accepted ones saved together. */
async function runTogether(
  store: LedgerStore,
  poolId: PoolId,
  writes: readonly LedgerWrite[],
): Promise<LedgerDecision[]> {
  return store.transaction(async (tx) => {
    const slice = await tx.loadSlice({
      poolId,
      accountIds: writes.flatMap((w) => w.request.accountIds),
      transferIds: writes.flatMap((w) => w.request.transferIds),
    });
    const loaded = snapshotOf(slice);
    const decisions = writes.map((write) => write.decide(slice));
    if (decisions.some((decision) => decision.ok)) await tx.saveSlice(slice, loaded);
    return decisions;
  });
}

export interface GroupCommit {
  /** Decides and stores one write of `poolId`, sharing a transaction with concurrent ones. */
  write(poolId: PoolId, write: LedgerWrite): Promise<LedgerDecision>;
}

export function createGroupCommit(store: LedgerStore): GroupCommit {
  // The queue and its fallbacks are shared with the economy's inputs (group-queue.ts).
  const queue = createGroupQueue<PoolId, LedgerWrite, LedgerDecision>({
    start: 'now',
    joins: (group, next) =>
      group.reduce((ids, write) => ids + idsOf(write), 0) + idsOf(next) <= GROUP_IDS_MAX,
    async runGroup(poolId, writes) {
      const decisions = await runTogether(store, poolId, writes);
      return decisions.map((value) => ({ ok: true, value }));
    },
  });
  return { write: (poolId, write) => queue.write(poolId, write) };
}
