// Proves that SIGKILLing the server (on a throwaway PostgreSQL) under concurrent clients loses
// no acknowledged write, stores none twice and none it refused, and leaves books that verify and
// equal a run of the acknowledged inputs without crashes. Three kills here; bench/server-crash
// runs hundreds. Skipped with a message where PostgreSQL is not installed; fails under CI=true.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { withPostgres } from '../support/postgres-suite.ts';
import { serverCrashRun } from './server-crash.ts';

withPostgres('server crash: PostgreSQL', ({ freshDatabase }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'peerconomy-server-crash-pg-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('the server on PostgreSQL, killed 3 times under five clients, loses and doubles nothing', async (t) => {
    const { databaseUrl } = await freshDatabase('server_crash');
    const report = await serverCrashRun(
      { dataDir, databaseUrl },
      { seed: 1702, kills: 3, minPeriods: 2, note: (message) => t.diagnostic(message) },
    );
    assert.equal(report.kills, 3);
    assert.equal(report.duplicates, 0);
    assert.ok(report.acknowledged > 50, 'the clients wrote');
  });
});
