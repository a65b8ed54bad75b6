// The inputs a step of the open period reads besides the checkpoint (decision 0041), kept in
// memory between projection reads (decision 0067). Loading them costs a query over the open
// period's few thousand rows and parsing each record, which a projection read right after a
// new bid paid whole for one new row. Kept by pool with the input sequence number and open
// period they were loaded at: when only inputs were appended since, those are loaded by
// sequence number and the ones `loadOpenInputs` would have returned are appended, in log
// order, which is the order it returns them in. Fewer rows than sequence numbers since means
// something was withdrawn (a withdrawal takes a number and leaves no row, decision 0063): the
// inputs are loaded anew, as they are when a period opens. Checked against the database on
// every read, so several server processes on one PostgreSQL database each stay right.
import type { PoolInput } from '../../core/cycle/inputs.ts';
import type { EconomyTransaction, SequencedInput, StoredPool } from '../ports/economy-store.ts';

interface Kept {
  readonly period: number;
  readonly nextSeq: number;
  readonly inputs: readonly PoolInput[];
}

/** Whether `loadOpenInputs(pool, open, laterKinds)` returns this input (when not withdrawn):
 *  standing, of the open period, or of a period before of a kind later periods read. */
export function isOpenInput(
  input: PoolInput,
  open: number,
  laterKinds: ReadonlySet<string>,
): boolean {
  return (
    input.period === 0 ||
    input.period === open ||
    (input.period < open && laterKinds.has(input.kind))
  );
}

const withoutSeq = ({ kind, period, record }: SequencedInput): PoolInput => ({
  kind,
  period,
  record,
});

export function createOpenInputsCache(laterKinds: readonly string[]) {
  const later = new Set(laterKinds);
  const kept = new Map<string, Kept>();

  /** What `tx.loadOpenInputs(pool, open, laterKinds)` returns, in the caller's transaction.
   *  The list is shared between reads: not to be changed. */
  async function openInputsOf(
    tx: EconomyTransaction,
    pool: StoredPool,
    open: number,
  ): Promise<readonly PoolInput[]> {
    const held = kept.get(pool.poolId);
    let inputs: readonly PoolInput[] | undefined;
    if (held !== undefined && held.period === open && held.nextSeq <= pool.nextSeq) {
      if (held.nextSeq === pool.nextSeq) return held.inputs;
      const since = await tx.loadInputsFrom(pool.poolId, held.nextSeq);
      if (since.length === pool.nextSeq - held.nextSeq) {
        const added = since.filter((input) => isOpenInput(input, open, later)).map(withoutSeq);
        inputs = added.length === 0 ? held.inputs : [...held.inputs, ...added];
      }
    }
    inputs ??= await tx.loadOpenInputs(pool.poolId, open, laterKinds);
    kept.set(pool.poolId, { period: open, nextSeq: pool.nextSeq, inputs });
    return inputs;
  }

  return { openInputsOf, forget: (poolId: string) => kept.delete(poolId) };
}
