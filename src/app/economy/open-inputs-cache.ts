// The inputs a step of the open period reads besides the checkpoint (decision 0041), kept in
// memory between projection reads (decision 0067, kept-by-seq.ts). Loading them costs a query
// over the open period's few thousand rows and parsing each record, which a projection read
// right after a new bid paid whole for one new row. Inputs appended since are added when
// `loadOpenInputs` would have returned them, in log order, which is the order it returns.
import type { PoolInput } from '../../core/cycle/inputs.ts';
import type { EconomyTransaction, SequencedInput, StoredPool } from '../ports/economy-store.ts';
import { keptBySeq } from './kept-by-seq.ts';

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
  const kept = keptBySeq<readonly PoolInput[]>(
    (tx, pool, open) => tx.loadOpenInputs(pool.poolId, open, laterKinds),
    (held, since, open) => {
      const added = since.filter((input) => isOpenInput(input, open, later)).map(withoutSeq);
      return added.length === 0 ? held : [...held, ...added];
    },
  );
  /** What `tx.loadOpenInputs(pool, open, laterKinds)` returns, in the caller's transaction.
   *  The list is shared between reads: not to be changed. */
  const openInputsOf = (tx: EconomyTransaction, pool: StoredPool, open: number) =>
    kept.keptOf(tx, pool, open);
  return { openInputsOf, offer: kept.offer, forget: kept.forget };
}
