// The transfer commands: create (one, or a linked batch that applies all or nothing), post or
// void a pending transfer, and reverse a posted one. Each command validates completely first
// and only then changes the state, so a failed command leaves the state exactly as it was.

import { assert } from '../assert.ts';
import type { TransferId } from '../ids.ts';
import { ok, type Result } from '../result.ts';
import { addCreated, addResolved } from './balances.ts';
import { BATCH_TRANSFERS_MAX, type LedgerFailure, ledgerFailure } from './errors.ts';
import { appendCreated, appendResolved, journalOf } from './journal.ts';
import type {
  LedgerEvent,
  LedgerOutcome,
  LedgerState,
  Transfer,
  TransferRequest,
  TransferState,
} from './types.ts';
import {
  addToOverlay,
  type Checked,
  type CheckInput,
  checkTransfer,
  createOverlay,
  findTransfer,
  REVERSAL_CODE,
  sameContent,
} from './validate.ts';

type NewTransfer = Extract<Checked, { kind: 'new' }>;

/** One transfer. A replay of a stored transfer (same id, same content) reports a duplicate. */
export function createTransfer(
  state: LedgerState,
  request: TransferRequest,
): Result<LedgerOutcome, LedgerFailure> {
  const checked = checkTransfer(state, undefined, { request });
  if (!checked.ok) return checked;
  if (checked.value.kind === 'duplicate') {
    return ok({ events: [{ type: 'transfer.duplicate', transferId: request.id }] });
  }
  return ok({ events: [applyCreated(state, checked.value)] });
}

/**
 * A linked batch: every request is checked (each seeing the effect of those before it), and
 * only if all pass are they applied, in order. On failure nothing changes and the error names
 * the index of the failing request. Requests that replay stored transfers are reported as
 * duplicates and skipped, so a retried batch is a no-op.
 */
export function createTransfers(
  state: LedgerState,
  requests: readonly TransferRequest[],
): Result<LedgerOutcome, LedgerFailure> {
  if (requests.length > BATCH_TRANSFERS_MAX) {
    return ledgerFailure(
      'ledger.batch_too_large',
      `a batch holds at most ${BATCH_TRANSFERS_MAX} transfers, got ${requests.length}`,
    );
  }
  const overlay = createOverlay();
  const plan: (NewTransfer | TransferId)[] = [];
  for (let index = 0; index < requests.length; index += 1) {
    const request = requests[index]!;
    const checked = checkTransfer(state, overlay, { request });
    if (!checked.ok) {
      return {
        ok: false,
        error: {
          ...checked.error,
          index,
          transferId: request.id,
          detail: `batch item ${index}: ${checked.error.detail}`,
        },
      };
    }
    if (checked.value.kind === 'duplicate') {
      plan.push(request.id);
    } else {
      addToOverlay(overlay, checked.value.transfer);
      plan.push(checked.value);
    }
  }
  const events: LedgerEvent[] = [];
  for (const item of plan) {
    events.push(
      typeof item === 'string'
        ? { type: 'transfer.duplicate', transferId: item }
        : applyCreated(state, item),
    );
  }
  return ok({ events });
}

export interface ResolveCommand {
  readonly transferId: TransferId;
}

/** Posts a pending transfer: its reservation becomes a posted amount. Posting twice is a no-op. */
export function postTransfer(
  state: LedgerState,
  command: ResolveCommand,
): Result<LedgerOutcome, LedgerFailure> {
  return resolve(state, command.transferId, 'posted');
}

/** Voids a pending transfer: its reservation is released. Voiding twice is a no-op. */
export function voidTransfer(
  state: LedgerState,
  command: ResolveCommand,
): Result<LedgerOutcome, LedgerFailure> {
  return resolve(state, command.transferId, 'voided');
}

function resolve(
  state: LedgerState,
  transferId: TransferId,
  target: 'posted' | 'voided',
): Result<LedgerOutcome, LedgerFailure> {
  const record = state.transfers.get(transferId);
  if (record === undefined) {
    return ledgerFailure('ledger.unknown_transfer', `no transfer ${transferId}`);
  }
  const { transfer } = record;
  if (record.state === target && transfer.pending) {
    return ok({ events: [{ type: 'transfer.duplicate', transferId }] });
  }
  if (record.state !== 'pending') {
    return ledgerFailure(
      'ledger.not_pending',
      `transfer ${transferId} is ${describeState(record.state, transfer.pending)}`,
    );
  }
  const debit = state.accounts.get(transfer.debitAccountId)!;
  const credit = state.accounts.get(transfer.creditAccountId)!;
  addResolved(debit, credit, transfer, target);
  const entry = appendResolved(journalOf(state, transfer.poolId), target, transferId);
  record.state = target;
  record.resolvedAt = entry.index;
  return ok({ events: [{ type: 'journal.appended', entry }] });
}

function describeState(state: TransferState, createdPending: boolean): string {
  if (state === 'posted' && !createdPending) return 'posted, not pending';
  return state;
}

export interface ReverseCommand {
  /** The id of the reversal, the idempotency key of this command. */
  readonly id: TransferId;
  readonly originalId: TransferId;
  readonly reference?: string;
  readonly period?: number;
}

/**
 * Corrects a posted transfer with a new one that swaps debit and credit (code `reversal`,
 * pointing at the original). A transfer is reversed at most once, and a reversal itself is not
 * reversed (post the original again instead). The reversal must respect bounds like any
 * transfer: taking back a credit that was already spent is a decision for the pool, not a
 * silent overdraft.
 */
export function reverseTransfer(
  state: LedgerState,
  command: ReverseCommand,
): Result<LedgerOutcome, LedgerFailure> {
  const originalRecord = state.transfers.get(command.originalId);
  if (originalRecord === undefined) {
    return ledgerFailure('ledger.unknown_transfer', `no transfer ${command.originalId}`);
  }
  const original = originalRecord.transfer;
  const input: CheckInput = {
    request: {
      id: command.id,
      debitAccountId: original.creditAccountId,
      creditAccountId: original.debitAccountId,
      amount: original.amount,
      unit: original.unit,
      code: REVERSAL_CODE,
      ...(command.reference === undefined ? {} : { reference: command.reference }),
      ...(command.period === undefined ? {} : { period: command.period }),
    },
    reversalOf: command.originalId,
  };
  const existing = findTransfer(state, undefined, command.id);
  if (existing !== undefined && sameContent(existing, input)) {
    return ok({ events: [{ type: 'transfer.duplicate', transferId: command.id }] });
  }
  if (existing === undefined) {
    if (original.reversalOf !== undefined) {
      return ledgerFailure('ledger.not_reversible', `transfer ${original.id} is a reversal`);
    }
    if (originalRecord.state !== 'posted') {
      return ledgerFailure(
        'ledger.not_posted',
        `transfer ${original.id} is ${originalRecord.state}; void a pending transfer instead`,
      );
    }
    if (originalRecord.reversedBy !== undefined) {
      return ledgerFailure(
        'ledger.already_reversed',
        `transfer ${original.id} was reversed by ${originalRecord.reversedBy}`,
      );
    }
  }
  const checked = checkTransfer(state, undefined, input);
  if (!checked.ok) return checked;
  // A duplicate was answered above, so the check either failed (id reused) or found a new one.
  assert(checked.value.kind === 'new', 'a reversal duplicate is answered before the check');
  const event = applyCreated(state, checked.value);
  originalRecord.reversedBy = command.id;
  return ok({ events: [event] });
}

/** Applies a checked transfer: running totals, the transfer record, the journal entry. */
function applyCreated(state: LedgerState, checked: NewTransfer): LedgerEvent {
  const { transfer, debit, credit } = checked;
  addCreated(debit, credit, transfer);
  const entry = appendCreated(journalOf(state, transfer.poolId), transfer);
  state.transfers.set(transfer.id, {
    transfer,
    state: transfer.pending ? 'pending' : 'posted',
    createdAt: entry.index,
  });
  return { type: 'journal.appended', entry };
}

export interface TransferView {
  readonly transfer: Transfer;
  readonly state: TransferState;
  readonly reversedBy?: TransferId;
}

export function getTransfer(state: LedgerState, transferId: TransferId): TransferView | undefined {
  const record = state.transfers.get(transferId);
  if (record === undefined) return undefined;
  return record.reversedBy === undefined
    ? { transfer: record.transfer, state: record.state }
    : { transfer: record.transfer, state: record.state, reversedBy: record.reversedBy };
}
