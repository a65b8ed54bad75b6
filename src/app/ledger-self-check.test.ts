// Proves the `npm start` self-check reproduces reference §4.9 through the ledger and that every
// check it reports actually holds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runLedgerSelfCheck } from './ledger-self-check.ts';

test('the self-check posts the worked month and every check holds', () => {
  const report = runLedgerSelfCheck();
  assert.deepEqual(
    report.balances.map((b) => [b.accountId, b.balanceEffortMilli]),
    [
      ['ana', -9000],
      ['ben', 7000],
      ['cem', 3000],
      ['bakery', -1000],
      ['bike-shop', 0],
    ],
  );
  assert.equal(report.transfers, 11);
  assert.equal(report.journalEntries, 11);
  assert.equal(report.checks.length, 6);
  for (const check of report.checks) assert.ok(check.held, `${check.name}: ${check.detail}`);
  assert.equal(report.passed, true);
});
