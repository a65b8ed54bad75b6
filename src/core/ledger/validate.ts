// The checks a new transfer must pass, in a fixed order (the order decides which code a request
// with several faults gets, so it is part of the contract and the model test mirrors it):
//   1. id already used: same content → duplicate, other content → ledger.id_reused
//   2. fields: amount, pending, bound exception, code, reference, period
//   3. same account on both sides
//   4. accounts exist, 5. are open, 6. have the transfer's unit, 7. are in one pool
//   8. no person-to-person transfer (except a time-bank service or a reversal)
//   9. running totals stay safe integers, 10. the debit account's bound holds
// Checks only read: `overlay` holds what earlier requests of the same batch would change, so a
// batch is validated completely before anything is applied.

import type { AccountId, TransferId } from '../ids.ts';
import { ok, type Result } from '../result.ts';
import { addCreated, boundFloor, type RunningTotals, zeroTotals } from './balances.ts';
import {
  AMOUNT_MAX,
  CODE_LENGTH_MAX,
  type LedgerFailure,
  ledgerFailure,
  PERIOD_MAX,
  REFERENCE_LENGTH_MAX,
} from './errors.ts';
import type { AccountRecord, LedgerState, Transfer, TransferRequest } from './types.ts';

/** The code of a reversal; reserved, so only `reverseTransfer` can create one. */
export const REVERSAL_CODE = 'reversal';
/** The one code that may move effort between two persons (M15, time-bank service). */
export const SERVICE_CODE = 'work.service';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const CODE_PATTERN = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/;

/** Amounts a batch adds to an account before it is applied. */
type Delta = RunningTotals;

/** What earlier requests of a batch would change. */
export interface Overlay {
  readonly deltas: Map<AccountId, Delta>;
  readonly transfers: Map<TransferId, Transfer>;
}

export function createOverlay(): Overlay {
  return { deltas: new Map(), transfers: new Map() };
}

export type Checked =
  | {
      readonly kind: 'new';
      readonly transfer: Transfer;
      /** The two accounts, so applying needs no second lookup. */
      readonly debit: AccountRecord;
      readonly credit: AccountRecord;
    }
  | { readonly kind: 'duplicate' };

/** A request together with what makes it a reversal, when it is one. */
export interface CheckInput {
  readonly request: TransferRequest;
  readonly reversalOf?: TransferId;
}

export function findTransfer(
  state: LedgerState,
  overlay: Overlay | undefined,
  id: TransferId,
): Transfer | undefined {
  return overlay?.transfers.get(id) ?? state.transfers.get(id)?.transfer;
}

export function sameContent(stored: Transfer, input: CheckInput): boolean {
  const r = input.request;
  return (
    stored.debitAccountId === r.debitAccountId &&
    stored.creditAccountId === r.creditAccountId &&
    stored.amount === r.amount &&
    stored.unit === r.unit &&
    stored.code === r.code &&
    stored.pending === (r.pending ?? false) &&
    stored.boundException === r.boundException &&
    stored.reference === r.reference &&
    stored.period === r.period &&
    stored.reversalOf === input.reversalOf
  );
}

export function checkTransfer(
  state: LedgerState,
  overlay: Overlay | undefined,
  input: CheckInput,
): Result<Checked, LedgerFailure> {
  const r = input.request;
  const existing = findTransfer(state, overlay, r.id);
  if (existing !== undefined) {
    if (sameContent(existing, input)) return ok({ kind: 'duplicate' });
    return ledgerFailure('ledger.id_reused', `transfer id ${r.id} was used with other content`);
  }

  const fieldProblem = checkFields(input);
  if (fieldProblem !== undefined) return fieldProblem;
  if (r.debitAccountId === r.creditAccountId) {
    return ledgerFailure('ledger.same_account', `transfer ${r.id} debits and credits one account`);
  }

  const debit = state.accounts.get(r.debitAccountId);
  const credit = state.accounts.get(r.creditAccountId);
  if (debit === undefined || credit === undefined) {
    const missing = debit === undefined ? r.debitAccountId : r.creditAccountId;
    return ledgerFailure('ledger.unknown_account', `no account ${missing}`);
  }
  if (debit.account.closed || credit.account.closed) {
    const closed = debit.account.closed ? debit.account.id : credit.account.id;
    return ledgerFailure('ledger.account_closed', `account ${closed} is closed`);
  }
  if (debit.account.unit !== r.unit || credit.account.unit !== r.unit) {
    return ledgerFailure(
      'ledger.mixed_units',
      `transfer in ${r.unit} between accounts in ${debit.account.unit} and ${credit.account.unit}`,
    );
  }
  if (debit.account.poolId !== credit.account.poolId) {
    return ledgerFailure(
      'ledger.cross_pool',
      `accounts in pools ${debit.account.poolId} and ${credit.account.poolId}; ` +
        'settle through each pool’s federation account',
    );
  }
  if (
    debit.account.kind === 'person' &&
    credit.account.kind === 'person' &&
    r.code !== SERVICE_CODE &&
    input.reversalOf === undefined
  ) {
    return ledgerFailure(
      'ledger.person_to_person',
      `credits are not transferable between persons (only ${SERVICE_CODE})`,
    );
  }

  const pending = r.pending ?? false;
  const debitDelta = overlay?.deltas.get(debit.account.id);
  const creditDelta = overlay?.deltas.get(credit.account.id);
  const debitTotal = totalDebits(debit, debitDelta) + r.amount;
  const creditTotal = totalCredits(credit, creditDelta) + r.amount;
  if (!Number.isSafeInteger(debitTotal) || !Number.isSafeInteger(creditTotal)) {
    return ledgerFailure('ledger.overflow', `transfer ${r.id} would overflow an account total`);
  }

  let boundExceptionUsed = false;
  const floor = boundFloor(debit.account.bound);
  if (floor !== undefined) {
    const after = worstCaseBalance(debit, debitDelta) - r.amount;
    if (after < floor) {
      if (r.boundException === 'basicNeeds' && debit.account.bound.kind === 'debitAllowance') {
        boundExceptionUsed = true;
      } else {
        return ledgerFailure(
          'ledger.bound_exceeded',
          `transfer ${r.id} would take account ${debit.account.id} to ${after}, below ${floor}`,
        );
      }
    }
  }

  // Built field by field rather than with spreads: this runs once per transfer.
  const transfer: Mutable<Transfer> = {
    id: r.id,
    poolId: debit.account.poolId,
    debitAccountId: r.debitAccountId,
    creditAccountId: r.creditAccountId,
    amount: r.amount,
    unit: r.unit,
    code: r.code,
    pending,
    boundExceptionUsed,
  };
  if (r.boundException !== undefined) transfer.boundException = r.boundException;
  if (r.reference !== undefined) transfer.reference = r.reference;
  if (r.period !== undefined) transfer.period = r.period;
  if (input.reversalOf !== undefined) transfer.reversalOf = input.reversalOf;
  return ok({ kind: 'new', transfer, debit, credit });
}

function checkFields(input: CheckInput): Result<never, LedgerFailure> | undefined {
  const r = input.request;
  if (!Number.isSafeInteger(r.amount) || r.amount <= 0 || r.amount > AMOUNT_MAX) {
    return ledgerFailure(
      'ledger.invalid_amount',
      `amount must be an integer from 1 to ${AMOUNT_MAX}, got ${String(r.amount)}`,
    );
  }
  // Flags arrive from outside too; a stored transfer must hold exactly what its type says.
  if (r.pending !== undefined && typeof r.pending !== 'boolean') {
    return ledgerFailure('ledger.invalid_pending', 'pending must be true or false');
  }
  if (r.boundException !== undefined && r.boundException !== 'basicNeeds') {
    return ledgerFailure(
      'ledger.invalid_bound_exception',
      `the only bound exception is 'basicNeeds', got ${JSON.stringify(r.boundException)}`,
    );
  }
  if (
    typeof r.code !== 'string' ||
    r.code.length > CODE_LENGTH_MAX ||
    !CODE_PATTERN.test(r.code) ||
    (r.code === REVERSAL_CODE) !== (input.reversalOf !== undefined)
  ) {
    return ledgerFailure(
      'ledger.invalid_code',
      `code must be dotted words of at most ${CODE_LENGTH_MAX} characters; ` +
        `'${REVERSAL_CODE}' is reserved for reversals`,
    );
  }
  if (
    r.reference !== undefined &&
    (typeof r.reference !== 'string' ||
      r.reference.length === 0 ||
      r.reference.length > REFERENCE_LENGTH_MAX)
  ) {
    return ledgerFailure(
      'ledger.invalid_reference',
      `reference must have 1 to ${REFERENCE_LENGTH_MAX} characters`,
    );
  }
  if (
    r.period !== undefined &&
    (!Number.isSafeInteger(r.period) || r.period < 0 || r.period > PERIOD_MAX)
  ) {
    return ledgerFailure(
      'ledger.invalid_period',
      `period must be an integer from 0 to ${PERIOD_MAX}`,
    );
  }
  return undefined;
}

function totalDebits(record: AccountRecord, delta: Delta | undefined): number {
  const base = record.debitsPosted + record.debitsPending;
  return delta === undefined ? base : base + delta.debitsPosted + delta.debitsPending;
}

function totalCredits(record: AccountRecord, delta: Delta | undefined): number {
  const base = record.creditsPosted + record.creditsPending;
  return delta === undefined ? base : base + delta.creditsPosted + delta.creditsPending;
}

function worstCaseBalance(record: AccountRecord, delta: Delta | undefined): number {
  const base = record.creditsPosted - record.debitsPosted - record.debitsPending;
  return delta === undefined
    ? base
    : base + delta.creditsPosted - delta.debitsPosted - delta.debitsPending;
}

/** Records in the overlay what a checked transfer will change. */
export function addToOverlay(overlay: Overlay, transfer: Transfer): void {
  overlay.transfers.set(transfer.id, transfer);
  addCreated(
    deltaOf(overlay, transfer.debitAccountId),
    deltaOf(overlay, transfer.creditAccountId),
    transfer,
  );
}

function deltaOf(overlay: Overlay, accountId: AccountId): Delta {
  let delta = overlay.deltas.get(accountId);
  if (delta === undefined) {
    delta = zeroTotals();
    overlay.deltas.set(accountId, delta);
  }
  return delta;
}
