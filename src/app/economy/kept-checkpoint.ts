// The checkpoint a projection read runs the open period from, read back once per checkpoint
// and kept by pool (decision 0070). Reading it back (0.74 MB of JSON for a 1,000-member pool,
// the file's derivation, the rotation records' hashes) cost a cold read about a tenth of its
// time, for the same checkpoint read after read. Each read steps a fork of the kept state
// (`forkRunState`), so the kept state stays what the checkpoint holds. The checkpoint is still
// loaded on every read, and the kept state is given only for the same text and rotation
// segments: what reading them back would give.
import { ok } from '../../core/result.ts';
import { forkRunState, type RunState } from '../../core/scenario/index.ts';
import type { StoredCheckpoint } from '../ports/economy-store.ts';
import { readCheckpoint } from './checkpoint-parts.ts';
import type { CheckpointReader } from './checkpointed-run.ts';

/** Whether `readCheckpoint` reads `a` and `b` alike: the same text and the same segments. */
function sameCheckpoint(a: StoredCheckpoint, b: StoredCheckpoint): boolean {
  return (
    a.period === b.period &&
    a.rotationFrom === b.rotationFrom &&
    a.state === b.state &&
    a.rotation.length === b.rotation.length &&
    a.rotation.every((segment, i) => {
      const other = b.rotation[i]!;
      return (
        segment.period === other.period &&
        segment.recordsSha256 === other.recordsSha256 &&
        segment.records === other.records
      );
    })
  );
}

export function createKeptCheckpoints() {
  const kept = new Map<string, { checkpoint: StoredCheckpoint; state: RunState }>();
  /** `readCheckpoint` for the pool's reads: a fork of the state kept of the same checkpoint. */
  const readerOf =
    (poolId: string): CheckpointReader =>
    (checkpoint) => {
      let held = kept.get(poolId);
      if (held === undefined || !sameCheckpoint(held.checkpoint, checkpoint)) {
        const parsed = readCheckpoint(checkpoint);
        if (!parsed.ok) {
          kept.delete(poolId);
          return parsed;
        }
        held = { checkpoint, state: parsed.value };
        kept.set(poolId, held);
      }
      return ok(forkRunState(held.state));
    };
  /** Keeps `state`, read back from `checkpoint` by a period step that does not change it. */
  const offer = (poolId: string, checkpoint: StoredCheckpoint, state: RunState): void => {
    kept.set(poolId, { checkpoint, state });
  };
  return { readerOf, offer, forget: (poolId: string) => kept.delete(poolId) };
}
