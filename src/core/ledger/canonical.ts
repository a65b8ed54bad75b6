// The canonical content of a journal entry: the exact text its hash covers. A JSON array in a
// fixed field order (JSON escapes strings unambiguously, and an array has no key-order
// question), with absent optional fields as null, prefixed by a format tag so a later format
// can never be confused with this one. Changing this text changes every hash: never edit it,
// add a new format tag instead.

import type { PoolId, TransferId } from '../ids.ts';
import type { JournalEntry, Transfer } from './types.ts';

export const JOURNAL_FORMAT = 'peerconomy.journal.v1';

/** A journal entry before its hash is known (the distributive Omit keeps `kind` narrowing). */
export type UnhashedEntry = JournalEntry extends infer E
  ? E extends JournalEntry
    ? Omit<E, 'hash'>
    : never
  : never;

/** Every field of the entry except its own `hash`, including the previous hash. */
export function canonicalEntryContent(entry: UnhashedEntry): string {
  return entry.kind === 'created'
    ? canonicalCreated(entry.index, entry.poolId, entry.previousHash, entry.transfer)
    : canonicalResolved(
        entry.index,
        entry.poolId,
        entry.kind,
        entry.previousHash,
        entry.transferId,
      );
}

export function canonicalCreated(
  index: number,
  poolId: PoolId,
  previousHash: string,
  t: Transfer,
): string {
  return JSON.stringify([
    JOURNAL_FORMAT,
    index,
    poolId,
    'created',
    previousHash,
    t.id,
    t.poolId,
    t.debitAccountId,
    t.creditAccountId,
    t.amount,
    t.unit,
    t.code,
    t.pending,
    t.boundException ?? null,
    t.boundExceptionUsed,
    t.reference ?? null,
    t.period ?? null,
    t.reversalOf ?? null,
  ]);
}

export function canonicalResolved(
  index: number,
  poolId: PoolId,
  kind: 'posted' | 'voided',
  previousHash: string,
  transferId: TransferId,
): string {
  return JSON.stringify([JOURNAL_FORMAT, index, poolId, kind, previousHash, transferId]);
}
