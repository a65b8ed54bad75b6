// A diagnostic for the SQLite commit cost of a single transfer, service against raw peer.
// 1. WAL pages one posting transaction writes (checkpoints off, so the WAL file's growth counts
//    every page). 2. The two posting alternately, call by call, on two databases in the same
//    time window, so the shared disk's changing fsync latency hits both alike: the service's
//    commit step (timed-store.ts) against the raw peer's whole transaction.
// Usage: npx tsx bench/ledger/sqlite-commit.ts [--transfers=1000]
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import { createLedgerService } from '../../src/app/ledger/ledger-service.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { createKyselyLedgerStore } from '../../src/storage/repositories/ledger-store.ts';
import { openSqliteStore, SQLITE_FILE_NAME } from '../../src/storage/sqlite.ts';
import { numberOption } from '../options.ts';
import { openRawSqlite } from './sqlite-raw.ts';
import { timedStore } from './timed-store.ts';
import { BENCH_POOL, benchAccounts, benchRequests, percentile } from './workload.ts';

const COUNT = numberOption('transfers', 1_000);
const requests = benchRequests(42, 'wal', COUNT);

async function prepared(dir: string) {
  const store = openSqliteStore(dir);
  await migrateToLatest(store.db as Kysely<unknown>);
  const ledger = createLedgerService(createKyselyLedgerStore(store.db, 'sqlite'));
  assert.ok((await ledger.openAccounts(BENCH_POOL, benchAccounts())).ok);
  // Start from an empty WAL: everything so far goes into the database file.
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
  await sql`pragma wal_autocheckpoint = 0`.execute(store.db);
  return { store, ledger };
}

const walBytes = (dir: string) => statSync(join(dir, `${SQLITE_FILE_NAME}-wal`)).size;
const PAGE_FRAME_BYTES = 4096 + 24;

const serviceDir = mkdtempSync(join(tmpdir(), 'peerconomy-wal-'));
const rawDir = mkdtempSync(join(tmpdir(), 'peerconomy-wal-'));
try {
  const service = await prepared(serviceDir);
  for (const r of requests) assert.ok((await service.ledger.createTransfers(BENCH_POOL, [r])).ok);
  const servicePages = walBytes(serviceDir) / PAGE_FRAME_BYTES;
  await service.store.close();

  const setup = await prepared(rawDir);
  await setup.store.close();
  const raw = openRawSqlite(join(rawDir, SQLITE_FILE_NAME));
  raw.setAutocheckpoint(0);
  for (const r of requests) raw.post([r]);
  const rawPages = walBytes(rawDir) / PAGE_FRAME_BYTES;
  raw.close();

  console.log(
    `${COUNT} single-transfer transactions: service ${(servicePages / COUNT).toFixed(2)} WAL pages per transaction, raw ${(rawPages / COUNT).toFixed(2)}`,
  );
} finally {
  rmSync(serviceDir, { recursive: true, force: true });
  rmSync(rawDir, { recursive: true, force: true });
}

// 2. Alternating calls, checkpoints as configured (default 1000 pages).
const aDir = mkdtempSync(join(tmpdir(), 'peerconomy-commit-'));
const bDir = mkdtempSync(join(tmpdir(), 'peerconomy-commit-'));
try {
  const store = openSqliteStore(aDir);
  await migrateToLatest(store.db as Kysely<unknown>);
  const timed = timedStore(createKyselyLedgerStore(store.db, 'sqlite'));
  const ledger = createLedgerService(timed.store);
  assert.ok((await ledger.openAccounts(BENCH_POOL, benchAccounts())).ok);
  const setup = openSqliteStore(bDir);
  await migrateToLatest(setup.db as Kysely<unknown>);
  const setupLedger = createLedgerService(createKyselyLedgerStore(setup.db, 'sqlite'));
  assert.ok((await setupLedger.openAccounts(BENCH_POOL, benchAccounts())).ok);
  await setup.close();
  const raw = openRawSqlite(join(bDir, SQLITE_FILE_NAME));

  const commits: number[] = [];
  const serviceCalls: number[] = [];
  const rawCalls: number[] = [];
  for (const r of requests) {
    const before = timed.totals.commitMs;
    const t0 = performance.now();
    assert.ok((await ledger.createTransfers(BENCH_POOL, [r])).ok);
    serviceCalls.push(performance.now() - t0);
    commits.push(timed.totals.commitMs - before);
    const t1 = performance.now();
    raw.post([r]);
    rawCalls.push(performance.now() - t1);
  }
  raw.close();
  await store.close();
  const summary = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mean = values.reduce((a, v) => a + v, 0) / values.length;
    return `mean ${mean.toFixed(3)} p50 ${percentile(sorted, 0.5).toFixed(3)} p99 ${percentile(sorted, 0.99).toFixed(3)} ms`;
  };
  console.log(`alternating, ${COUNT} each: service call ${summary(serviceCalls)}`);
  console.log(`  service commit step ${summary(commits)}`);
  console.log(`  raw transaction     ${summary(rawCalls)}`);
} finally {
  rmSync(aDir, { recursive: true, force: true });
  rmSync(bDir, { recursive: true, force: true });
}
