// Opening and closing accounts. An account is closed only at a zero balance with nothing
// pending, so closing never hides an obligation; a closed account takes no new transfers.

import type { AccountId, PoolId } from '../ids.ts';
import { type Err, ok, type Result } from '../result.ts';
import { isCurrencyCode } from '../units.ts';
import { balanceOfRecord, zeroTotals } from './balances.ts';
import { ALLOWANCE_MAX, type LedgerFailure, ledgerFailure, OWNER_ID_LENGTH_MAX } from './errors.ts';
import type {
  Account,
  AccountBalance,
  AccountBound,
  AccountKind,
  AccountRecord,
  LedgerOutcome,
  LedgerState,
  LedgerUnit,
} from './types.ts';

export interface OpenAccountCommand {
  readonly id: AccountId;
  readonly poolId: PoolId;
  readonly unit: LedgerUnit;
  readonly kind: AccountKind;
  readonly ownerId: string;
  readonly bound: AccountBound;
}

export interface ChangeBoundCommand {
  readonly accountId: AccountId;
  readonly bound: AccountBound;
}

export interface CloseAccountCommand {
  readonly accountId: AccountId;
}

const ACCOUNT_KINDS: ReadonlySet<string> = new Set<AccountKind>([
  'person',
  'project',
  'pool',
  'association',
  'premium',
  'adjustment',
  'redistribution',
  'federation',
]);

export function isLedgerUnit(value: string): value is LedgerUnit {
  return value === 'effort' || (value.startsWith('money:') && isCurrencyCode(value.slice(6)));
}

function isValidBound(bound: AccountBound): boolean {
  switch (bound.kind) {
    case 'unbounded':
    case 'nonNegative':
      return true;
    case 'debitAllowance':
      return (
        Number.isSafeInteger(bound.allowance) &&
        bound.allowance >= 0 &&
        bound.allowance <= ALLOWANCE_MAX
      );
    default:
      return false;
  }
}

function invalidBound(): Err<LedgerFailure> {
  return ledgerFailure(
    'ledger.invalid_account',
    `bound must be unbounded, nonNegative or a debit allowance from 0 to ${ALLOWANCE_MAX}`,
  );
}

/** The record of an account that exists and is open: the commands on one need both. */
function recordOfOpenAccount(
  state: LedgerState,
  accountId: AccountId,
): Result<AccountRecord, LedgerFailure> {
  const record = state.accounts.get(accountId);
  if (record === undefined) {
    return ledgerFailure('ledger.unknown_account', `no account ${accountId}`);
  }
  if (record.account.closed) {
    return ledgerFailure('ledger.account_closed', `account ${accountId} is closed`);
  }
  return ok(record);
}

export function openAccount(
  state: LedgerState,
  command: OpenAccountCommand,
): Result<LedgerOutcome, LedgerFailure> {
  if (state.accounts.has(command.id)) {
    return ledgerFailure('ledger.account_exists', `account ${command.id} exists`);
  }
  if (!isLedgerUnit(command.unit)) {
    return ledgerFailure('ledger.invalid_account', `unknown unit ${JSON.stringify(command.unit)}`);
  }
  if (!ACCOUNT_KINDS.has(command.kind)) {
    return ledgerFailure('ledger.invalid_account', `unknown kind ${JSON.stringify(command.kind)}`);
  }
  if (command.ownerId.length === 0 || command.ownerId.length > OWNER_ID_LENGTH_MAX) {
    return ledgerFailure(
      'ledger.invalid_account',
      `owner id must have 1 to ${OWNER_ID_LENGTH_MAX} characters`,
    );
  }
  if (!isValidBound(command.bound)) return invalidBound();
  const account: Account = {
    id: command.id,
    poolId: command.poolId,
    unit: command.unit,
    kind: command.kind,
    ownerId: command.ownerId,
    bound: command.bound,
    closed: false,
  };
  state.accounts.set(account.id, { account, ...zeroTotals() });
  return ok({ events: [{ type: 'account.opened', account }] });
}

export function closeAccount(
  state: LedgerState,
  command: CloseAccountCommand,
): Result<LedgerOutcome, LedgerFailure> {
  const found = recordOfOpenAccount(state, command.accountId);
  if (!found.ok) return found;
  const record = found.value;
  if (record.debitsPending !== 0 || record.creditsPending !== 0) {
    return ledgerFailure(
      'ledger.pending_transfers',
      `account ${command.accountId} has pending transfers`,
    );
  }
  if (record.creditsPosted !== record.debitsPosted) {
    return ledgerFailure(
      'ledger.balance_not_zero',
      `account ${command.accountId} has balance ${record.creditsPosted - record.debitsPosted}`,
    );
  }
  record.account = { ...record.account, closed: true };
  return ok({ events: [{ type: 'account.closed', accountId: command.accountId }] });
}

/**
 * Gives an open account another bound (a pool's debit allowance changed from a period on,
 * decision 0018). The balance is not held against the new bound: a lowered allowance keeps a
 * member already below it from going lower, since every later debit is checked against it,
 * but does not turn an earlier debt into a breach. Bounds are not in the journal (an entry
 * records a transfer and whether it used an exception), so the chain does not change.
 */
export function changeBound(
  state: LedgerState,
  command: ChangeBoundCommand,
): Result<LedgerOutcome, LedgerFailure> {
  const found = recordOfOpenAccount(state, command.accountId);
  if (!found.ok) return found;
  const record = found.value;
  if (!isValidBound(command.bound)) return invalidBound();
  record.account = { ...record.account, bound: command.bound };
  return ok({
    events: [{ type: 'account.boundChanged', accountId: command.accountId, bound: command.bound }],
  });
}

export function getAccount(state: LedgerState, accountId: AccountId): Account | undefined {
  return state.accounts.get(accountId)?.account;
}

export function getBalance(state: LedgerState, accountId: AccountId): AccountBalance | undefined {
  const record = state.accounts.get(accountId);
  return record === undefined ? undefined : balanceOfRecord(record);
}
