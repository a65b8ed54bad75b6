// Helpers for tests that post to the ledger (here and in other parts of the core): short
// constructors for ids, accounts and requests, so examples read like the reference's tables.
// Pure like the rest of the core; assertions because a fixture that fails is a broken test.

import { assert } from '../assert.ts';
import { type AccountId, asId, type PoolId, type TransferId } from '../ids.ts';
import { currencyCode } from '../units.ts';
import { openAccount } from './accounts.ts';
import type {
  AccountBound,
  AccountKind,
  LedgerState,
  LedgerUnit,
  TransferRequest,
} from './types.ts';

export const accountId = (value: string): AccountId => asId<'Account'>(value);
export const transferId = (value: string): TransferId => asId<'Transfer'>(value);
export const poolId = (value: string): PoolId => asId<'Pool'>(value);

/** The money ledger in euro cents. */
export const EUR: LedgerUnit = `money:${currencyCode('EUR')}`;

export const UNBOUNDED: AccountBound = { kind: 'unbounded' };
export const NON_NEGATIVE: AccountBound = { kind: 'nonNegative' };
export function allowance(amount: number): AccountBound {
  return { kind: 'debitAllowance', allowance: amount };
}

export interface AccountSpec {
  readonly id: string;
  readonly kind?: AccountKind;
  readonly bound?: AccountBound;
  readonly pool?: string;
  readonly unit?: LedgerUnit;
}

/** Opens accounts (effort, pool `pool`, unbounded project unless said otherwise). */
export function openAccounts(state: LedgerState, specs: readonly AccountSpec[]): void {
  for (const spec of specs) {
    const opened = openAccount(state, {
      id: accountId(spec.id),
      poolId: poolId(spec.pool ?? 'pool'),
      unit: spec.unit ?? 'effort',
      kind: spec.kind ?? 'project',
      ownerId: spec.id,
      bound: spec.bound ?? UNBOUNDED,
    });
    assert(opened.ok, `fixture account ${spec.id} did not open`);
  }
}

/** A request in effort; `extra` overrides or adds any field. */
export function request(
  id: string,
  debit: string,
  credit: string,
  amount: number,
  extra: Partial<TransferRequest> = {},
): TransferRequest {
  return {
    id: transferId(id),
    debitAccountId: accountId(debit),
    creditAccountId: accountId(credit),
    amount,
    unit: 'effort',
    code: 'work.credit',
    ...extra,
  };
}
