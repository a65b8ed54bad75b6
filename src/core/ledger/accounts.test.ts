// Proves opening and closing accounts: kinds, units and bounds are validated with stable codes,
// an id opens once, and an account closes only at zero with nothing pending.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type AccountBound,
  changeBound,
  closeAccount,
  createLedger,
  createTransfers,
  getAccount,
  getBalance,
  isLedgerUnit,
  type OpenAccountCommand,
  openAccount,
} from './index.ts';
import { accountId, allowance, EUR, openAccounts, poolId, request } from './testing.ts';

const base: OpenAccountCommand = {
  id: accountId('ana'),
  poolId: poolId('pool'),
  unit: 'effort',
  kind: 'person',
  ownerId: 'person:ana',
  bound: allowance(20_000),
};

describe('accounts', () => {
  test('an opened account starts open at zero and reports an event', () => {
    const state = createLedger();
    const opened = openAccount(state, base);
    assert.ok(opened.ok);
    assert.deepEqual(opened.value.events, [
      { type: 'account.opened', account: { ...base, closed: false } },
    ]);
    assert.deepEqual(getAccount(state, base.id), { ...base, closed: false });
    assert.equal(getBalance(state, base.id)!.postedBalance, 0);
    assert.equal(getAccount(state, accountId('nobody')), undefined);
    assert.equal(getBalance(state, accountId('nobody')), undefined);
  });

  test('an id opens once', () => {
    const state = createLedger();
    assert.ok(openAccount(state, base).ok);
    const again = openAccount(state, { ...base, kind: 'project' });
    assert.equal(again.ok, false);
    if (!again.ok) assert.equal(again.error.code, 'ledger.account_exists');
  });

  const invalid: [string, Partial<OpenAccountCommand>][] = [
    ['an unknown unit', { unit: 'hours' as never }],
    ['a money unit without a currency code', { unit: 'money:euro' as never }],
    ['an unknown kind', { kind: 'bank' as never }],
    ['an empty owner', { ownerId: '' }],
    ['a too long owner', { ownerId: 'o'.repeat(129) }],
    ['a negative allowance', { bound: allowance(-1) }],
    ['a fractional allowance', { bound: allowance(0.5) }],
    ['an unknown bound', { bound: { kind: 'ceiling' } as unknown as AccountBound }],
  ];
  for (const [name, change] of invalid) {
    test(`refuses ${name} with ledger.invalid_account`, () => {
      const state = createLedger();
      const result = openAccount(state, { ...base, ...change });
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.error.code, 'ledger.invalid_account');
      assert.equal(state.accounts.size, 0);
    });
  }

  test('knows its units', () => {
    assert.ok(isLedgerUnit('effort'));
    assert.ok(isLedgerUnit(EUR));
    assert.ok(!isLedgerUnit('money:eur'));
    assert.ok(!isLedgerUnit('Effort'));
  });

  test('closing reports an event and keeps the account readable', () => {
    const state = createLedger();
    assert.ok(openAccount(state, base).ok);
    const closed = closeAccount(state, { accountId: base.id });
    assert.ok(closed.ok);
    assert.deepEqual(closed.value.events, [{ type: 'account.closed', accountId: 'ana' }]);
    assert.equal(getAccount(state, base.id)!.closed, true);
  });

  test('a changed bound holds for every later debit; a debt below it stays', () => {
    const state = createLedger();
    assert.ok(openAccount(state, base).ok);
    openAccounts(state, [{ id: 'farm' }]);
    assert.ok(createTransfers(state, [request('t1', 'ana', 'farm', 15_000)]).ok);
    const changed = changeBound(state, { accountId: base.id, bound: allowance(10_000) });
    assert.ok(changed.ok);
    assert.deepEqual(changed.value.events, [
      { type: 'account.boundChanged', accountId: 'ana', bound: allowance(10_000) },
    ]);
    assert.deepEqual(getAccount(state, base.id)!.bound, allowance(10_000));
    // At −15 WH, below the new −10 WH: no further debit, but nothing undone.
    assert.equal(getBalance(state, base.id)!.postedBalance, -15_000);
    const refused = createTransfers(state, [request('t2', 'ana', 'farm', 1)]);
    assert.equal(refused.ok, false);
    if (!refused.ok) assert.equal(refused.error.code, 'ledger.bound_exceeded');
    assert.ok(changeBound(state, { accountId: base.id, bound: allowance(30_000) }).ok);
    assert.ok(createTransfers(state, [request('t3', 'ana', 'farm', 15_000)]).ok);
    assert.equal(getBalance(state, base.id)!.postedBalance, -30_000);
  });

  test('a bound changes only on an open account, and only to a valid one', () => {
    const state = createLedger();
    assert.ok(openAccount(state, base).ok);
    const codes = [
      changeBound(state, { accountId: accountId('nobody'), bound: allowance(1) }),
      changeBound(state, { accountId: base.id, bound: allowance(-1) }),
    ].map((r) => (r.ok ? 'ok' : r.error.code));
    assert.ok(closeAccount(state, { accountId: base.id }).ok);
    const closed = changeBound(state, { accountId: base.id, bound: allowance(1) });
    codes.push(closed.ok ? 'ok' : closed.error.code);
    assert.deepEqual(codes, [
      'ledger.unknown_account',
      'ledger.invalid_account',
      'ledger.account_closed',
    ]);
    assert.deepEqual(getAccount(state, base.id)!.bound, allowance(20_000));
  });
});
