// Composition root. Until the scenario simulator lands, `npm start` runs the ledger's
// self-check on a small built-in pool and exits non-zero if any check fails.
import { runLedgerSelfCheck } from './app/ledger-self-check.ts';
import { formatEffortMilli } from './core/units.ts';

const report = runLedgerSelfCheck();
console.log(
  'Peerconomy ledger self-check: one month of a pool with three people, a bakery and a bike workshop\n',
);
console.log('Balances (weighted hours; positive = contributed more than taken):');
for (const balance of report.balances) {
  const amount = formatEffortMilli(balance.balanceEffortMilli).padStart(9);
  console.log(`  ${balance.accountId.padEnd(10)} ${balance.kind.padEnd(8)} ${amount} WH`);
}
console.log(`\n${report.transfers} transfers, ${report.journalEntries} journal entries\n`);
for (const check of report.checks) {
  console.log(`  ${check.held ? 'ok  ' : 'FAIL'} ${check.name} (${check.detail})`);
}
console.log(report.passed ? '\nAll checks hold.' : '\nSome checks failed.');
process.exitCode = report.passed ? 0 : 1;
