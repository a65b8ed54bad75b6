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
import type { LedgerSliceRequest, LedgerStore } from '../ports/ledger-store.ts';
import { snapshotOf } from './snapshot.ts';

export type LedgerDecision = Result<LedgerOutcome, LedgerFailure>;

/** One write: the slice it reads and what the core decides on it. */
export interface LedgerWrite {
  readonly request: LedgerSliceRequest;
  /** Must leave the slice unchanged when it refuses (the core's commands do). */
  readonly decide: (slice: LedgerState) => LedgerDecision;
}

interface Waiting {
  readonly write: LedgerWrite;
  readonly resolve: (decision: LedgerDecision) => void;
  readonly reject: (error: unknown) => void;
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
  const queues = new Map<PoolId, Waiting[]>();

  async function drain(poolId: PoolId, queue: Waiting[]): Promise<void> {
    while (queue.length > 0) {
      let ids = 0;
      let count = 0;
      while (
        count < queue.length &&
        (count === 0 || ids + idsOf(queue[count]!.write) <= GROUP_IDS_MAX)
      ) {
        ids += idsOf(queue[count]!.write);
        count += 1;
      }
      const group = queue.splice(0, count);
      try {
        const decisions = await runTogether(
          store,
          poolId,
          group.map((w) => w.write),
        );
        group.forEach((waiting, index) => {
          waiting.resolve(decisions[index]!);
        });
      } catch (error) {
        if (group.length === 1) {
          group[0]!.reject(error);
          continue;
        }
        // A database error (not a refusal) failed the shared transaction, so nothing of it was
        // stored. Each write then runs alone, so one write's error does not become the others'.
        for (const waiting of group) {
          try {
            const [decision] = await runTogether(store, poolId, [waiting.write]);
            waiting.resolve(decision!);
          } catch (own) {
            waiting.reject(own);
          }
        }
      }
    }
    queues.delete(poolId);
  }

  return {
    write(poolId, write) {
      return new Promise<LedgerDecision>((resolve, reject) => {
        const running = queues.get(poolId);
        if (running !== undefined) {
          running.push({ write, resolve, reject });
          return;
        }
        const queue: Waiting[] = [{ write, resolve, reject }];
        queues.set(poolId, queue);
        void drain(poolId, queue);
      });
    },
  };
}
