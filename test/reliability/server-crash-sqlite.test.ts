// Proves that SIGKILLing the server (on SQLite) under concurrent clients loses no acknowledged
// write, stores none twice and none it refused, and leaves books that verify and equal a run of
// the acknowledged inputs without crashes. Three kills here; bench/server-crash runs hundreds.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { serverCrashRun } from './server-crash.ts';

const root = mkdtempSync(join(tmpdir(), 'peerconomy-server-crash-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('the server on SQLite, killed 3 times under five clients, loses and doubles nothing', async (t) => {
  const report = await serverCrashRun(
    { dataDir: join(root, 'data') },
    { seed: 1701, kills: 3, minPeriods: 2, note: (message) => t.diagnostic(message) },
  );
  assert.equal(report.kills, 3);
  assert.equal(report.duplicates, 0);
  assert.ok(report.acknowledged > 50, 'the clients wrote');
});
