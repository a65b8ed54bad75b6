// The server's SQLite store checkpoints its write-ahead log on a worker thread (decision 0079):
// a log written longer than SQLite's default limit (1,000 pages) is copied into the database
// file by the worker, not by the commit, whose own limit is the backstop; the store closes
// with the worker ended. The test reads the log's progress from the shared-memory index:
// mxFrame (the last frame committed, at byte 16) and nBackfill (the frames copied into the
// database file, at byte 96).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { openSqliteStore, SQLITE_FILE_NAME } from './sqlite.ts';
import { BACKSTOP_AUTOCHECKPOINT_PAGES } from './sqlite-checkpointer.ts';

function walProgress(dataDir: string) {
  const shm = readFileSync(join(dataDir, `${SQLITE_FILE_NAME}-shm`));
  return { lastFrame: shm.readUInt32LE(16), copied: shm.readUInt32LE(96) };
}

test('sqlite: the log is checkpointed by the worker, not by the commit', {
  timeout: 60_000,
}, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'peerconomy-checkpointer-'));
  try {
    const store = openSqliteStore(dataDir, { checkpointOffThread: true });
    try {
      const limit = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(
        store.db,
      );
      assert.equal(limit.rows[0]?.wal_autocheckpoint, BACKSTOP_AUTOCHECKPOINT_PAGES);
      await sql`create table filler (body blob not null)`.execute(store.db);
      // About 1,500 pages of 4 KiB in one commit: past SQLite's default limit.
      await store.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 1_500; i += 1) {
          await sql`insert into filler (body) values (randomblob(4000))`.execute(trx);
        }
      });
      const written = walProgress(dataDir);
      assert.ok(written.lastFrame > 1_000, `${written.lastFrame} frames in the log`);
      // The commit did not copy them (its limit is the backstop): the worker does, soon.
      let progress = walProgress(dataDir);
      while (progress.copied < written.lastFrame) {
        await sleep(50);
        progress = walProgress(dataDir);
      }
      assert.ok(progress.copied >= written.lastFrame);
    } finally {
      await store.close();
    }
    // Closed with its worker: the directory can be opened again at once.
    const again = openSqliteStore(dataDir);
    const rows = await sql<{ n: number }>`select count(*) as n from filler`.execute(again.db);
    assert.equal(rows.rows[0]?.n, 1_500);
    await again.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("sqlite: without the worker, the commit keeps SQLite's own limit", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'peerconomy-checkpointer-'));
  try {
    const store = openSqliteStore(dataDir);
    const limit = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(
      store.db,
    );
    assert.equal(limit.rows[0]?.wal_autocheckpoint, 1_000);
    await store.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
