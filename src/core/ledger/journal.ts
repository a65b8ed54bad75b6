// The journal of a pool: an append-only list of entries (a transfer was created, posted or
// voided). Each entry's hash covers its canonical content and the previous entry's hash, so
// changing, removing, inserting or reordering any stored entry breaks the chain at exactly
// that entry, and anyone holding a copy can check it (MODEL.md M17, open books).

import { assert } from '../assert.ts';
import { sha256Hex } from '../hash/sha256.ts';
import type { PoolId, TransferId } from '../ids.ts';
import { err, ok, type Result } from '../result.ts';
import { canonicalCreated, canonicalEntryContent, canonicalResolved } from './canonical.ts';
import type { Journal, JournalBase, JournalEntry, LedgerState, Transfer } from './types.ts';

/** The previous hash of a journal's first entry. The pool id inside each entry ties it to its pool. */
export const GENESIS_HASH = '0'.repeat(64);

export function journalOf(state: LedgerState, poolId: PoolId): Journal {
  let journal = state.journals.get(poolId);
  if (journal === undefined) {
    journal =
      state.unhashed === true ? { poolId, entries: [], unhashed: true } : { poolId, entries: [] };
    state.journals.set(poolId, journal);
  }
  return journal;
}

/** The hash an entry of an unhashed journal has. */
export const UNHASHED = '';

/**
 * The ledger with its journals hashing no entry from here on (decision 0067): for a read that
 * runs a period from a checkpoint only to show what it would give (balances, transfers, the
 * clearing), where no hash is shown, stored or verified. Computing each entry's SHA-256 and
 * checking it again was a third of such a read. The journals are copied; the accounts and
 * transfers are those of `ledger`, which the caller gives up.
 */
export function withoutJournalHashes(ledger: LedgerState): LedgerState {
  const journals = new Map(
    [...ledger.journals].map(([poolId, journal]): [PoolId, Journal] => [
      poolId,
      { ...journal, entries: [...journal.entries], unhashed: true },
    ]),
  );
  return { ...ledger, journals, unhashed: true };
}

/** The hash of the last entry, or the genesis hash of an empty journal. */
export function headHash(journal: Journal): string {
  const last = journal.entries[journal.entries.length - 1];
  if (last !== undefined) return last.hash;
  return journal.base?.previousHash ?? GENESIS_HASH;
}

/** The index the next entry gets. */
export function nextIndex(journal: Journal): number {
  return (journal.base?.index ?? 0) + journal.entries.length;
}

/**
 * A journal holding only its head: the next index and the hash of the last entry. Commands
 * append to it exactly as to the whole journal; the appended entries are what a store writes.
 */
export function journalFromHead(poolId: PoolId, base: JournalBase): Journal {
  assert(Number.isSafeInteger(base.index) && base.index >= 0, 'journal base index out of range');
  assert(/^[0-9a-f]{64}$/.test(base.previousHash), 'journal base hash is not a SHA-256 hex digest');
  assert(
    base.index > 0 || base.previousHash === GENESIS_HASH,
    'an empty journal starts at genesis',
  );
  return { poolId, base, entries: [] };
}

export function appendCreated(journal: Journal, transfer: Transfer): JournalEntry {
  const index = nextIndex(journal);
  const previousHash = headHash(journal);
  const hash =
    journal.unhashed === true
      ? UNHASHED
      : sha256Hex(canonicalCreated(index, journal.poolId, previousHash, transfer));
  const entry: JournalEntry = {
    index,
    poolId: journal.poolId,
    kind: 'created',
    transfer,
    previousHash,
    hash,
  };
  journal.entries.push(entry);
  return entry;
}

export function appendResolved(
  journal: Journal,
  kind: 'posted' | 'voided',
  transferId: TransferId,
): JournalEntry {
  const index = nextIndex(journal);
  const previousHash = headHash(journal);
  const hash =
    journal.unhashed === true
      ? UNHASHED
      : sha256Hex(canonicalResolved(index, journal.poolId, kind, previousHash, transferId));
  const entry: JournalEntry = {
    index,
    poolId: journal.poolId,
    kind,
    transferId,
    previousHash,
    hash,
  };
  journal.entries.push(entry);
  return entry;
}

export type JournalBreakReason =
  /** The entry is not shaped like a journal entry (a field missing, extra or of the wrong type). */
  | 'malformed'
  /** The entry's index is not its position. */
  | 'index'
  /** The entry, or its transfer, names another pool. */
  | 'pool'
  /** The entry's previous hash is not the hash of the entry before it. */
  | 'previous_hash'
  /** The entry's hash is not the hash of its content. */
  | 'hash'
  /** A transfer is created twice. */
  | 'duplicate_transfer'
  /** A posted or voided entry, or a reversal, names a transfer not created before it. */
  | 'unknown_transfer'
  /** A posted or voided entry names a transfer that is not pending at that point. */
  | 'not_pending'
  /** The ledger's stored transfer or its state differs from what the journal says. */
  | 'record_mismatch'
  /** A stored transfer has no entry in its pool's journal. */
  | 'missing_entry'
  /** An account's running totals differ from the sums recomputed from the journals. */
  | 'balance_mismatch'
  /** The journal is shorter than a head seen before. */
  | 'truncated'
  /** The journal no longer holds a head seen before: its history was rewritten. */
  | 'rewritten'
  /** The journal holds only its tail (a head loaded to append), so it cannot be verified. */
  | 'partial';

/** The first broken link: where, which transfer, and why. */
export interface JournalBreak {
  readonly poolId: PoolId;
  /** Position of the first broken entry; absent for a balance mismatch. */
  readonly index?: number;
  readonly transferId?: string;
  readonly accountId?: string;
  readonly reason: JournalBreakReason;
  readonly detail: string;
}

/** What a verified journal amounts to: its length and its head hash, to compare with a copy. */
export interface JournalSummary {
  readonly entries: number;
  readonly headHash: string;
}

/**
 * Checks a journal from its first entry: shape, position, pool, the hash chain, and that
 * posts and voids follow a pending creation. Returns the first broken link.
 */
export function verifyJournal(
  journal: Journal,
  knownHead?: JournalSummary,
): Result<JournalSummary, JournalBreak> {
  const poolId = journal.poolId;
  if (journal.base !== undefined) {
    return err({ poolId, reason: 'partial', detail: 'only a whole journal can be verified' });
  }
  // Transfer id → still pending? (false once posted, voided, or created posted.)
  const pendingById = new Map<string, boolean>();
  let previousHash = GENESIS_HASH;
  for (let index = 0; index < journal.entries.length; index += 1) {
    const entry = journal.entries[index] as unknown;
    const broken = (reason: JournalBreakReason, detail: string, transferId?: string) =>
      err<JournalBreak>(
        transferId === undefined
          ? { poolId, index, reason, detail }
          : { poolId, index, transferId, reason, detail },
      );
    const shapeProblem = entryShapeProblem(entry);
    if (shapeProblem !== undefined) return broken('malformed', shapeProblem);
    const e = entry as JournalEntry;
    const transferId = e.kind === 'created' ? e.transfer.id : e.transferId;
    if (e.index !== index) return broken('index', `entry says index ${e.index}`, transferId);
    if (e.poolId !== poolId || (e.kind === 'created' && e.transfer.poolId !== poolId)) {
      return broken('pool', `entry belongs to another pool`, transferId);
    }
    if (e.previousHash !== previousHash) {
      return broken('previous_hash', 'previous hash does not match the entry before', transferId);
    }
    if (e.hash !== sha256Hex(canonicalEntryContent(e))) {
      return broken('hash', 'hash does not match the entry content', transferId);
    }
    if (e.kind === 'created') {
      if (pendingById.has(transferId)) {
        return broken('duplicate_transfer', 'transfer created twice', transferId);
      }
      const original = e.transfer.reversalOf;
      if (original !== undefined && !pendingById.has(original)) {
        return broken('unknown_transfer', `reverses unknown transfer ${original}`, transferId);
      }
      pendingById.set(transferId, e.transfer.pending);
    } else {
      const pending = pendingById.get(transferId);
      if (pending === undefined) {
        return broken('unknown_transfer', `${e.kind} an unknown transfer`, transferId);
      }
      if (!pending) return broken('not_pending', `${e.kind} a transfer not pending`, transferId);
      pendingById.set(transferId, false);
    }
    previousHash = e.hash;
  }
  if (knownHead !== undefined) {
    const extended = extendsKnownHead(journal, knownHead);
    if (extended !== undefined) return err(extended);
  }
  return ok({ entries: journal.entries.length, headHash: previousHash });
}

/**
 * A journal that verifies may still have been rewritten and rehashed as a whole. A member who
 * kept the summary of an earlier verification (or a published head) checks that the journal
 * still holds that head at the same place, so history can only have been appended to.
 */
function extendsKnownHead(journal: Journal, knownHead: JournalSummary): JournalBreak | undefined {
  const poolId = journal.poolId;
  if (knownHead.entries > journal.entries.length) {
    return {
      poolId,
      index: journal.entries.length,
      reason: 'truncated',
      detail: `the journal has ${journal.entries.length} entries, ${knownHead.entries} were seen before`,
    };
  }
  const hashThen =
    knownHead.entries === 0 ? GENESIS_HASH : journal.entries[knownHead.entries - 1]!.hash;
  if (hashThen === knownHead.headHash) return undefined;
  return {
    poolId,
    index: knownHead.entries - 1,
    reason: 'rewritten',
    detail: 'the entry at the head seen before has another hash now',
  };
}

const CREATED_KEYS = new Set(['index', 'poolId', 'kind', 'transfer', 'previousHash', 'hash']);
const RESOLVED_KEYS = new Set(['index', 'poolId', 'kind', 'transferId', 'previousHash', 'hash']);
const TRANSFER_REQUIRED: Readonly<Record<string, 'string' | 'number' | 'boolean'>> = {
  id: 'string',
  poolId: 'string',
  debitAccountId: 'string',
  creditAccountId: 'string',
  amount: 'number',
  unit: 'string',
  code: 'string',
  pending: 'boolean',
  boundExceptionUsed: 'boolean',
};
const TRANSFER_REQUIRED_ENTRIES = Object.entries(TRANSFER_REQUIRED);
const TRANSFER_OPTIONAL: Readonly<Record<string, 'string' | 'number'>> = {
  boundException: 'string',
  reference: 'string',
  period: 'number',
  reversalOf: 'string',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why the value is not a well-formed entry, or undefined. Types only; meaning is checked by the hash. */
function entryShapeProblem(entry: unknown): string | undefined {
  if (!isRecord(entry)) return 'entry is not an object';
  const expectedKeys = entry.kind === 'created' ? CREATED_KEYS : RESOLVED_KEYS;
  if (entry.kind !== 'created' && entry.kind !== 'posted' && entry.kind !== 'voided') {
    return 'unknown entry kind';
  }
  const keys = Object.keys(entry);
  if (keys.length !== expectedKeys.size || keys.some((key) => !expectedKeys.has(key))) {
    return 'entry has missing or extra fields';
  }
  if (!Number.isSafeInteger(entry.index)) return 'index is not an integer';
  if (typeof entry.poolId !== 'string') return 'poolId is not a string';
  if (typeof entry.previousHash !== 'string' || typeof entry.hash !== 'string') {
    return 'hash is not a string';
  }
  if (entry.kind !== 'created') {
    return typeof entry.transferId === 'string' ? undefined : 'transferId is not a string';
  }
  const transfer = entry.transfer;
  if (!isRecord(transfer)) return 'transfer is not an object';
  for (const [key, type] of TRANSFER_REQUIRED_ENTRIES) {
    if (typeof transfer[key] !== type) return `transfer.${key} is not a ${type}`;
  }
  if (!Number.isSafeInteger(transfer.amount)) return 'transfer.amount is not an integer';
  if ('period' in transfer && !Number.isSafeInteger(transfer.period)) {
    return 'transfer.period is not an integer';
  }
  for (const key of Object.keys(transfer)) {
    if (key in TRANSFER_REQUIRED) continue;
    const type = TRANSFER_OPTIONAL[key];
    if (type === undefined) return `transfer has an unknown field ${key}`;
    if (typeof transfer[key] !== type) return `transfer.${key} is not a ${type}`;
  }
  return undefined;
}

/** A pool's journal for reading, or undefined when nothing was posted in the pool yet. */
export function getJournal(state: LedgerState, poolId: PoolId): Journal | undefined {
  return state.journals.get(poolId);
}
