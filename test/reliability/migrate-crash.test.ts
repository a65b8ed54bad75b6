// Proves that `db migrate` on a fresh SQLite data directory, SIGKILLed after any of a spread of
// its statements, leaves a directory that the next migrate brings to the full schema.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Kysely } from 'kysely';
import { LATEST_SCHEMA, migrateToLatest } from '../../src/storage/migrations/index.ts';
import { openSqliteStore } from '../../src/storage/sqlite.ts';
import { childModuleArgs } from '../support/child-module.ts';

const WORKER = childModuleArgs(import.meta.url, './migrate-worker.ts');
const KILL_POINTS = 4;
const root = mkdtempSync(join(tmpdir(), 'peerconomy-migrate-crash-'));
after(() => rmSync(root, { recursive: true, force: true }));

const migrate = (dataDir: string, killAfter: number) =>
  spawnSync(process.execPath, [...WORKER, dataDir, String(killAfter)], {
    encoding: 'utf8',
  });

test(`db migrate killed at ${KILL_POINTS} points of a fresh directory, then run again`, async () => {
  const clean = migrate(join(root, 'clean'), 0);
  assert.equal(clean.status, 0, clean.stderr);
  const statements = Number(clean.stdout.trim());
  assert.ok(statements > 10, `the migration ran ${statements} statements`);
  for (let point = 1; point <= KILL_POINTS; point += 1) {
    const killAfter = Math.round((point * statements) / (KILL_POINTS + 1));
    const dataDir = join(root, `killed-${killAfter}`);
    const killed = migrate(dataDir, killAfter);
    assert.equal(killed.signal, 'SIGKILL', `kill after statement ${killAfter}: ${killed.stderr}`);
    const store = openSqliteStore(dataDir);
    try {
      const report = await migrateToLatest(store.db as Kysely<unknown>);
      assert.equal(report.latest, LATEST_SCHEMA);
      const tables = await store.db.introspection.getTables();
      assert.ok(
        ['ledger_accounts', 'economy_pools', 'economy_requests'].every((name) =>
          tables.some((table) => table.name === name),
        ),
        `after a kill after statement ${killAfter}: ${tables.map((t) => t.name).join(', ')}`,
      );
    } finally {
      await store.close();
    }
  }
});
