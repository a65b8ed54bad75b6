// Proves that each money-keeping project posts in its own currency and journal: every money
// transfer is in the unit of both its accounts, and a transfer mixing units is refused.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AccountId, TransferId } from '../ids.ts';
import { createTransfers, type LedgerUnit } from '../ledger/index.ts';
import { moneyPeriod, openMoneyBooks } from './money.ts';
import type { PeriodSpec, Scenario } from './types.ts';

const scenario = {
  pool: { id: 'v' },
  projects: [
    { id: 'bakery', currency: 'EUR' },
    { id: 'repair', currency: 'CHF' },
    { id: 'garden', currency: null },
  ],
} as unknown as Scenario;

describe('money books', () => {
  test('no transfer mixes units; each project has its own journal', () => {
    const books = openMoneyBooks(scenario)!;
    const period = {
      money: [
        { projectId: 'bakery', incomeCents: 500, expenseCents: 200 },
        { projectId: 'repair', incomeCents: 300, expenseCents: 0 },
      ],
    } as unknown as PeriodSpec;
    assert.ok(moneyPeriod(books, period, 1).ok);
    assert.deepEqual([...books.projects.keys()], ['bakery', 'repair']);
    assert.deepEqual([...books.ledger.journals.keys()].sort(), [
      'v.money.bakery',
      'v.money.repair',
    ]);
    const units = [...books.ledger.transfers.values()].map((r) => {
      const t = r.transfer;
      const debit = books.ledger.accounts.get(t.debitAccountId)!.account.unit;
      const credit = books.ledger.accounts.get(t.creditAccountId)!.account.unit;
      assert.equal(debit, t.unit);
      assert.equal(credit, t.unit);
      return t.unit;
    });
    assert.deepEqual(units.sort(), ['money:CHF', 'money:EUR', 'money:EUR']);
    const mixed = createTransfers(books.ledger, [
      {
        id: 'x' as TransferId,
        debitAccountId: 'v.money.bakery.cash' as AccountId,
        creditAccountId: 'v.money.repair.cash' as AccountId,
        amount: 1,
        unit: 'money:EUR' as LedgerUnit,
        code: 'money.mixed',
      },
    ]);
    assert.equal(mixed.ok, false);
    assert.equal(openMoneyBooks({ ...scenario, projects: [] } as unknown as Scenario), null);
  });
});
