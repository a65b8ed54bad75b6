// What the economy keeps in memory of a pool between reads (its scenario, decision 0063; the
// open period's inputs, decision 0067), stamped with the pool's input sequence number and open
// period it was made at. A kept value is read again only while both are the pool's; when only
// inputs were appended since, those few are loaded by sequence number and given to `append`. A
// withdrawal takes a sequence number without leaving a row (input-appending.ts), so fewer rows
// than numbers since means something was withdrawn, and the value is built anew; so is it when a
// period opens. It is checked against the database on every read, so several server processes
// on one PostgreSQL database each stay right.
import type { EconomyTransaction, SequencedInput, StoredPool } from '../ports/economy-store.ts';

interface Kept<T> {
  readonly period: number;
  readonly nextSeq: number;
  readonly value: T;
}

export function keptBySeq<T>(
  build: (tx: EconomyTransaction, pool: StoredPool, period: number) => Promise<T>,
  append: (held: T, since: readonly SequencedInput[], period: number) => T,
) {
  const kept = new Map<string, Kept<T>>();

  /** The pool's value for `period`, in the caller's transaction. */
  async function keptOf(tx: EconomyTransaction, pool: StoredPool, period: number): Promise<T> {
    const held = kept.get(pool.poolId);
    let value: T | undefined;
    if (held !== undefined && held.period === period && held.nextSeq <= pool.nextSeq) {
      if (held.nextSeq === pool.nextSeq) return held.value;
      const since = await tx.loadInputsFrom(pool.poolId, held.nextSeq);
      if (since.length === pool.nextSeq - held.nextSeq) value = append(held.value, since, period);
    }
    value ??= await build(tx, pool, period);
    kept.set(pool.poolId, { period, nextSeq: pool.nextSeq, value });
    return value;
  }

  /** Keeps `value`, made by a caller from the pool as it stood at `nextSeq` in `period` (a
   *  period step that loaded it anyway), unless a value as new is kept already. */
  function offer(poolId: string, period: number, nextSeq: number, value: T): void {
    const held = kept.get(poolId);
    if (held !== undefined && held.period === period && held.nextSeq >= nextSeq) return;
    kept.set(poolId, { period, nextSeq, value });
  }

  return { keptOf, offer, forget: (poolId: string) => kept.delete(poolId) };
}
