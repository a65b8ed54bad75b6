// The effort and money ledger (issue 2, MODEL.md §6 invariants 1–3, 7): accounts with bounds,
// immutable transfers with idempotency keys, pending/posted/voided, linked batches, reversals,
// balances from running totals, and a hash-chained journal per pool. Commands have the shape
// `(state, command) → Result<{ events }>` and change the state only when they succeed.

export type {
  ChangeBoundCommand,
  CloseAccountCommand,
  OpenAccountCommand,
} from './accounts.ts';
export {
  changeBound,
  closeAccount,
  getAccount,
  getBalance,
  isLedgerUnit,
  openAccount,
} from './accounts.ts';
export { boundFloor } from './balances.ts';
export type { TransferBatch } from './batch.ts';
export { transferBatch } from './batch.ts';
export { canonicalEntryContent, JOURNAL_FORMAT } from './canonical.ts';
export type { LedgerErrorCode, LedgerFailure } from './errors.ts';
export {
  ALLOWANCE_MAX,
  AMOUNT_MAX,
  BATCH_TRANSFERS_MAX,
  CODE_LENGTH_MAX,
  OWNER_ID_LENGTH_MAX,
  PERIOD_MAX,
  REFERENCE_LENGTH_MAX,
} from './errors.ts';
export type { JournalBreak, JournalBreakReason, JournalSummary } from './journal.ts';
export {
  GENESIS_HASH,
  getJournal,
  headHash,
  journalFromHead,
  nextIndex,
  UNHASHED,
  verifyJournal,
  withoutJournalHashes,
} from './journal.ts';
export { entriesFootprint, replayEntries, requestOf } from './replay.ts';
export { createLedger, forkLedger } from './state.ts';
export type { ResolveCommand, ReverseCommand, TransferView } from './transfers.ts';
export {
  createTransfer,
  createTransfers,
  getTransfer,
  postTransfer,
  reverseTransfer,
  voidTransfer,
} from './transfers.ts';
export type * from './types.ts';
export { REVERSAL_CODE, SERVICE_CODE } from './validate.ts';
export type { LedgerSummary } from './verify.ts';
export { verifyLedger } from './verify.ts';
