// Proves that a simulated economy's books can be stored: the neighbourhood run replayed through
// the stored ledger (SQLite) gives the runner's journal head hash and every balance exactly,
// verifies, and storing the same run again changes nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Kysely } from 'kysely';
import { createLedgerService } from '../../src/app/ledger/ledger-service.ts';
import { storeScenarioRun } from '../../src/app/scenario/store-run.ts';
import { getBalance } from '../../src/core/ledger/index.ts';
import { runScenario } from '../../src/core/scenario/index.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { loadExample } from './support.ts';

const dir = mkdtempSync(join(tmpdir(), 'peerconomy-store-run-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the neighbourhood run stored in SQLite matches the pure runner entry for entry', async () => {
  const run = runScenario(loadExample('neighbourhood.yaml'));
  assert.equal(run.stop, null);
  const database = openDatabase({ dataDir: dir });
  try {
    await migrateToLatest(database.db as Kysely<unknown>);
    const ledger = createLedgerService(database.ledgerStore);
    const stored = await storeScenarioRun(ledger, run);
    assert.ok(stored.ok, stored.ok ? '' : stored.error.detail);
    assert.equal(stored.value.alreadyStored, 0);
    assert.ok(stored.value.journalEntries > 1000);

    const [report] = await ledger.verify();
    assert.equal(report?.problem, undefined);
    assert.equal(report?.journalEntries, stored.value.journalEntries);
    assert.equal(report?.headHash, stored.value.headHash);
    for (const [accountId, record] of run.ledger.accounts) {
      const balance = await ledger.balance(run.chart.poolId, accountId);
      assert.equal(
        balance?.postedBalance,
        getBalance(run.ledger, accountId)?.postedBalance,
        accountId,
      );
      assert.equal(
        balance?.worstCaseBalance,
        record.creditsPosted - record.debitsPosted - record.debitsPending,
      );
    }

    const again = await storeScenarioRun(ledger, run);
    assert.ok(again.ok);
    assert.equal(again.value.alreadyStored, stored.value.journalEntries);
    const [after] = await ledger.verify();
    assert.equal(after?.journalEntries, stored.value.journalEntries);
  } finally {
    await database.close();
  }
});
