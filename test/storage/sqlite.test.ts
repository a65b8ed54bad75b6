// Runs the storage conformance suite on SQLite, and proves the data directory lock keeps a
// second process (or a second open) from writing to the same database.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { LOCK_FILE_NAME } from '../../src/storage/data-dir-lock.ts';
import { openSqliteStore } from '../../src/storage/sqlite.ts';
import { describeBooksPages } from './books-pages.case.ts';
import { describeCheckpointRotation } from './checkpoint-rotation.case.ts';
import { describeCheckpoints } from './checkpoints.case.ts';
import { describeStorageConformance } from './conformance.case.ts';
import { describeEconomyConformance } from './economy.case.ts';
import { describeLedgerConformance } from './ledger.case.ts';
import { describeMigrationAtomicity } from './migration.case.ts';
import { describePolicyFacts } from './policy-facts.case.ts';
import { describeProjectionKept } from './projection-kept.case.ts';
import { describeScenarioCache } from './scenario-cache.case.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'peerconomy-sqlite-'));
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeStorageConformance('SQLite (file, WAL, synchronous=FULL)', async () =>
  openSqliteStore(tempDir()),
);
describeLedgerConformance('SQLite (file, WAL, synchronous=FULL)', 'sqlite', async () =>
  openSqliteStore(tempDir()),
);

describeEconomyConformance('SQLite (file, WAL, synchronous=FULL)', 'sqlite', async () =>
  openSqliteStore(tempDir()),
);
describeBooksPages('SQLite (file, WAL, synchronous=FULL)', 'sqlite', async () =>
  openSqliteStore(tempDir()),
);

describeMigrationAtomicity('SQLite (file, WAL, synchronous=FULL)', async () =>
  openSqliteStore(tempDir()),
);

describeCheckpoints('SQLite (file, WAL, synchronous=FULL)', 'sqlite', async () =>
  openSqliteStore(tempDir()),
);

describePolicyFacts('SQLite (file, WAL, synchronous=FULL)', 'sqlite', async () =>
  openSqliteStore(tempDir()),
);

describeScenarioCache('SQLite (file, WAL, synchronous=FULL)', 'sqlite', async () =>
  openSqliteStore(tempDir()),
);
describeProjectionKept('SQLite (file, WAL, synchronous=FULL)', 'sqlite', async () =>
  openSqliteStore(tempDir()),
);

describeCheckpointRotation('SQLite (file, WAL, synchronous=FULL)', 'sqlite', async () =>
  openSqliteStore(tempDir()),
);

describe('SQLite data directory lock', () => {
  test('a second open of the same directory is refused until the first closes', async () => {
    const dir = tempDir();
    const first = openSqliteStore(dir);
    assert.throws(() => openSqliteStore(dir), { code: 'storage.data_dir_locked' });
    await first.close();
    // The lock file stays (removing it would let two processes hold the lock); closing frees it.
    assert.equal(existsSync(join(dir, LOCK_FILE_NAME)), true);
    const second = openSqliteStore(dir);
    await second.close();
  });

  test('the database runs in WAL mode with full synchronous commits and foreign keys', async () => {
    const store = openSqliteStore(tempDir());
    const { sql } = await import('kysely');
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
    const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(store.db);
    const keys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db);
    assert.equal(mode.rows[0]?.journal_mode, 'wal');
    assert.equal(sync.rows[0]?.synchronous, 2);
    assert.equal(keys.rows[0]?.foreign_keys, 1);
    await store.close();
  });
});
