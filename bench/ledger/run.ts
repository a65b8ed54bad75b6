// The ledger posting benchmark (issue 7): throughput and latency of the ledger service, one
// transfer per transaction and 100 per linked batch, on SQLite (file, WAL, synchronous=FULL) and
// on a throwaway PostgreSQL cluster, each beside a raw-SQL peer in the same run (prepared
// better-sqlite3 statements; pgbench, with the single transfer also as one statement: the floor
// of one client). Every run starts from a fresh database with the same
// 1,000 accounts and seeded requests, and the invariants are checked after it. The service runs
// also report where their time went (timed-store.ts), the disk's fdatasync rate is probed at the
// start and the end, and a diagnostic pass repeats every run without the fsync per commit
// (SQLite synchronous=OFF, PostgreSQL synchronous_commit=off) to separate CPU from disk.
// Usage: npx tsx bench/ledger/run.ts [--seed=42] [--singles=5000] [--batches=200]
//        [--only=sqlite|postgres] [--no-diagnostic] [--socket] [--save] (--save writes
//        results.json; --socket connects the service and pgbench to PostgreSQL over its unix
//        socket instead of TCP loopback)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import pg from 'pg';
import { createLedgerService } from '../../src/app/ledger/ledger-service.ts';
import type { TransferRequest } from '../../src/core/ledger/index.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { openPostgresStore } from '../../src/storage/postgres.ts';
import {
  createKyselyLedgerStore,
  type Dialect,
} from '../../src/storage/repositories/ledger-store.ts';
import type { Database } from '../../src/storage/schema.ts';
import { openSqliteStore, SQLITE_FILE_NAME } from '../../src/storage/sqlite.ts';
import { startPostgresCluster } from '../../test/support/postgres-cluster.ts';
import { hasSwitch, numberOption as option, optionGiven } from '../options.ts';
import { probeFdatasync } from './fsync-probe.ts';
import { type PgbenchScript, runPgbench } from './pgbench.ts';
import { openRawSqlite } from './sqlite-raw.ts';
import { type StepTotals, timedStore } from './timed-store.ts';
import { BENCH_POOL, benchAccounts, benchRequests, percentile } from './workload.ts';

const SEED = option('seed', 42);
const SINGLES = option('singles', 5_000);
const BATCHES = option('batches', 200);
const BATCH_SIZE = 100;
const only = optionGiven('only');
const OVER_SOCKET = hasSwitch('socket');
const POSTGRES = OVER_SOCKET ? 'PostgreSQL (unix socket)' : 'PostgreSQL';
/**
 * Transfers posted (in batches of 100, untimed) before each run, then planner statistics taken:
 * a run measures a ledger with a history, as a running system has. On a fresh PostgreSQL
 * database the tables grow from empty faster than autovacuum analyses them, and the foreign-key
 * checks keep plans made for empty tables (sequential scans of a growing table).
 */
const WARMUP = option('warmup', 5_000);
const DURABILITY = hasSwitch('no-diagnostic') ? [true] : [true, false];
/** Clients posting one transfer per call at the same time in the concurrent mode. */
const CLIENTS = option('clients', 16);
type Mode = 'single' | 'concurrent' | 'batch100';
const MODES: readonly Mode[] = ['single', 'concurrent', 'batch100'];
/** The pgbench peers of each mode: the single transfer also as one statement (the floor). */
const PGBENCH_SCRIPTS: Readonly<Record<Mode, readonly PgbenchScript[]>> = {
  single: ['single', 'oneStatement'],
  concurrent: ['single'],
  batch100: ['batch'],
};
const modeLabel = (mode: Mode) => (mode === 'concurrent' ? `1 × ${CLIENTS}` : mode);

interface RunResult {
  /** false: the diagnostic pass without an fsync per commit (not a durable configuration). */
  durable: boolean;
  backend: string;
  path: string;
  mode: string;
  transfers: number;
  seconds: number;
  transfersPerSecond: number;
  /** Latency of one call (one transaction), ms. */
  p50Ms: number;
  p99Ms: number;
  invariants: string;
  verifyMs?: number;
  /** Per call, ms: where a service call's time went. */
  steps?: { loadMs: number; coreMs: number; saveMs: number; commitMs: number };
  note?: string;
  /** The 1-minute load average when the run ended (2 cores, shared with other work). */
  loadAverage?: number;
}

const results: RunResult[] = [];

function record(result: RunResult): void {
  result.loadAverage = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  results.push(result);
  console.log(
    `${result.durable ? 'durable ' : 'no-fsync'} ${result.backend.padEnd(10)} ${result.path.padEnd(16)} ${result.mode.padEnd(9)} ` +
      `${String(result.transfers).padStart(6)} transfers ${result.transfersPerSecond.toFixed(0).padStart(7)}/s ` +
      `p50 ${result.p50Ms.toFixed(3)} ms p99 ${result.p99Ms.toFixed(3)} ms  load ${result.loadAverage}  ${result.invariants}` +
      (result.steps
        ? `\n    per call: load ${result.steps.loadMs.toFixed(3)} core ${result.steps.coreMs.toFixed(3)} save ${result.steps.saveMs.toFixed(3)} commit ${result.steps.commitMs.toFixed(3)} ms; verify ${result.verifyMs?.toFixed(0)} ms; ${result.note}`
        : ''),
  );
}

/** Splits requests into calls of `size` (1 = one transfer per transaction). */
function calls(requests: TransferRequest[], size: number): TransferRequest[][] {
  const result: TransferRequest[][] = [];
  for (let i = 0; i < requests.length; i += size) result.push(requests.slice(i, i + size));
  return result;
}

/**
 * Posts every call through `post` from `clients` clients at once (each takes the next call and
 * waits for its answer before the next), timing each call; returns throughput and latencies.
 */
async function timeCalls(
  batches: TransferRequest[][],
  post: (requests: TransferRequest[]) => Promise<void> | void,
  clients = 1,
) {
  const latencies: number[] = [];
  let next = 0;
  const client = async () => {
    while (next < batches.length) {
      const batch = batches[next]!;
      next += 1;
      const t0 = performance.now();
      await post(batch);
      latencies.push(performance.now() - t0);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const transfers = batches.reduce((n, b) => n + b.length, 0);
  return {
    transfers,
    seconds,
    transfersPerSecond: transfers / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}

/**
 * Invariants checked in SQL after a raw run (whose hashes are not the core's, so `verify()`
 * does not apply): balances sum to zero, the totals equal the stored transfers, one journal
 * entry per transfer, the chain links each entry to the one before, and the head is its end.
 */
async function sqlInvariants(db: Kysely<Database>, posted: number): Promise<string> {
  const expectedTransfers = WARMUP + posted;
  const row = (
    await sql<{
      transfers: number;
      entries: number;
      balance_sum: number;
      debits: number;
      amounts: number;
      broken_links: number;
      head: number;
    }>`select
      (select count(*) from ledger_transfers where pool_id = ${BENCH_POOL}) as transfers,
      (select count(*) from ledger_journal where pool_id = ${BENCH_POOL}) as entries,
      (select coalesce(sum(credits_posted - debits_posted), 0) from ledger_accounts where pool_id = ${BENCH_POOL}) as balance_sum,
      (select coalesce(sum(debits_posted), 0) from ledger_accounts where pool_id = ${BENCH_POOL}) as debits,
      (select coalesce(sum(amount), 0) from ledger_transfers where pool_id = ${BENCH_POOL}) as amounts,
      (select count(*) from ledger_journal j join ledger_journal p
         on p.pool_id = j.pool_id and p.entry_index = j.entry_index - 1
         where j.pool_id = ${BENCH_POOL} and j.previous_hash <> p.hash) as broken_links,
      (select next_index from ledger_journal_heads where pool_id = ${BENCH_POOL}) as head`.execute(
      db,
    )
  ).rows[0]!;
  const n = (value: unknown) => Number(value);
  assert.equal(n(row.transfers), expectedTransfers, 'transfers stored');
  assert.equal(n(row.entries), expectedTransfers, 'one journal entry per transfer');
  assert.equal(n(row.balance_sum), 0, 'balances sum to zero');
  assert.equal(n(row.debits), n(row.amounts), 'totals equal the stored transfers');
  assert.equal(n(row.broken_links), 0, 'the chain links every entry to the one before');
  assert.equal(n(row.head), expectedTransfers, 'the head is the end of the journal');
  return `ok: ${posted} transfers (+${WARMUP} before), Σ balances 0, chain linked`;
}

/** A fresh, migrated ledger with the bench accounts; returns the (timed) service on it. */
async function prepare(db: Kysely<Database>, dialect: Dialect) {
  await migrateToLatest(db as Kysely<unknown>);
  const timed = timedStore(createKyselyLedgerStore(db, dialect));
  const ledger = createLedgerService(timed.store);
  const opened = await ledger.openAccounts(BENCH_POOL, benchAccounts());
  assert.ok(opened.ok);
  for (const batch of calls(benchRequests(SEED + 1, 'warm', WARMUP), BATCH_SIZE)) {
    const warmed = await ledger.createTransfers(BENCH_POOL, batch);
    assert.ok(warmed.ok);
  }
  await sql`analyze`.execute(db);
  // Count only the posting calls.
  Object.assign(timed.totals, { loadMs: 0, saveMs: 0, coreMs: 0, commitMs: 0, calls: 0 });
  return { ledger, totals: timed.totals };
}

function perCall(totals: StepTotals) {
  const n = Math.max(1, totals.calls);
  return {
    loadMs: totals.loadMs / n,
    coreMs: totals.coreMs / n,
    saveMs: totals.saveMs / n,
    commitMs: totals.commitMs / n,
  };
}

/** The service's own verification of everything stored: chain, transfers, totals, Σ = 0. */
async function verifyService(ledger: ReturnType<typeof createLedgerService>, expected: number) {
  const t0 = performance.now();
  const [report, ...more] = await ledger.verify();
  const verifyMs = performance.now() - t0;
  assert.equal(more.length, 0);
  assert.equal(report?.problem, undefined, JSON.stringify(report?.problem));
  assert.equal(report?.transfers, WARMUP + expected);
  assert.deepEqual(report?.balanceSumByUnit, { effort: 0 });
  return {
    invariants: `verify() clean: ${expected} transfers (+${WARMUP} before), Σ balances 0`,
    verifyMs,
  };
}

async function serviceRun(
  durable: boolean,
  backend: string,
  dialect: Dialect,
  db: Kysely<Database>,
  mode: Mode,
  requests: TransferRequest[],
) {
  const { ledger, totals } = await prepare(db, dialect);
  const post = async (b: TransferRequest[]) => {
    const result = await ledger.createTransfers(BENCH_POOL, b);
    assert.ok(result.ok, result.ok ? '' : result.error.detail);
  };
  const timed = await timeCalls(
    calls(requests, mode === 'batch100' ? BATCH_SIZE : 1),
    post,
    mode === 'concurrent' ? CLIENTS : 1,
  );
  const steps = perCall(totals);
  const checked = await verifyService(ledger, requests.length);
  // saveSlice writes one UPDATE per touched account: how many that is per call.
  const perCallAccounts = calls(requests, mode === 'batch100' ? BATCH_SIZE : 1).map(
    (b) => new Set(b.flatMap((r) => [r.debitAccountId, r.creditAccountId])).size,
  );
  // In the concurrent mode the steps are per database transaction, which group commit shares.
  const note =
    mode === 'concurrent'
      ? `${totals.calls} database transactions for ${requests.length} calls (${(requests.length / Math.max(1, totals.calls)).toFixed(1)} per transaction)`
      : `${(perCallAccounts.reduce((a, n) => a + n, 0) / perCallAccounts.length).toFixed(1)} accounts updated per call`;
  record({
    durable,
    backend,
    path: 'ledger service',
    mode: modeLabel(mode),
    ...timed,
    ...checked,
    steps,
    note,
  });
}

async function benchSqlite(durable: boolean): Promise<void> {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerconomy-bench-'));
    dirs.push(dir);
    return dir;
  };
  try {
    for (const mode of MODES) {
      const count = mode === 'batch100' ? BATCHES * BATCH_SIZE : SINGLES;
      const requests = benchRequests(SEED, `b${SEED}`, count);

      const store = openSqliteStore(fresh());
      if (!durable) await sql`pragma synchronous = OFF`.execute(store.db);
      await serviceRun(durable, 'SQLite', 'sqlite', store.db, mode, requests);
      await store.close();
      // better-sqlite3 is synchronous: the raw peer has no concurrent clients to run.
      if (mode === 'concurrent') continue;

      // The raw peer: same schema and accounts (prepared through the same migration), then
      // the store is closed and the file opened directly.
      const rawRun = async (path: string, prepareEachTime: boolean) => {
        const dir = fresh();
        const setup = openSqliteStore(dir);
        await prepare(setup.db, 'sqlite');
        await setup.close();
        const raw = openRawSqlite(join(dir, SQLITE_FILE_NAME), durable, prepareEachTime);
        const timed = await timeCalls(calls(requests, mode === 'single' ? 1 : BATCH_SIZE), (b) =>
          raw.post(b),
        );
        raw.close();
        const check = openSqliteStore(dir);
        const invariants = await sqlInvariants(check.db, requests.length);
        await check.close();
        record({ durable, backend: 'SQLite', path, mode, ...timed, invariants });
      };
      await rawRun('raw SQL', false);

      if (durable) continue;
      // Diagnostic: the raw peer again, but preparing each statement on every use (as Kysely's
      // SQLite driver does), to see how much of the gap statement preparation explains.
      await rawRun('raw, re-prepared', true);
    }
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(): Promise<string> {
  // One cluster for both passes; a database per run, so every run starts empty.
  const cluster = await startPostgresCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.connectionString });
    await admin.connect();
    const version = (await admin.query('select version()')).rows[0].version as string;
    const settings = (
      await admin.query(
        "select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes', 'shared_buffers')",
      )
    ).rows.map((r: { name: string; setting: string }) => `${r.name}=${r.setting}`);
    let databases = 0;
    const freshUrl = async (durable: boolean) => {
      databases += 1;
      const name = `bench_${databases}`;
      const tcpUrl = await cluster.createDatabase(name);
      const port = new URL(tcpUrl).port;
      const url = OVER_SOCKET
        ? `postgres://postgres@localhost:${port}/${name}?host=${encodeURIComponent(cluster.socketDir)}`
        : tcpUrl;
      // Every session of the database (the service's and pgbench's) inherits the setting.
      if (!durable) await admin.query(`alter database ${name} set synchronous_commit = off`);
      return { name, url, host: OVER_SOCKET ? cluster.socketDir : '127.0.0.1', port };
    };
    for (const durable of DURABILITY)
      for (const mode of MODES) {
        const count = mode === 'batch100' ? BATCHES * BATCH_SIZE : SINGLES;
        const requests = benchRequests(SEED, `b${SEED}`, count);

        const service = openPostgresStore((await freshUrl(durable)).url, 1);
        await serviceRun(durable, POSTGRES, 'postgres', service.db, mode, requests);
        await service.close();

        for (const script of PGBENCH_SCRIPTS[mode]) {
          const target = await freshUrl(durable);
          const setup = openPostgresStore(target.url, 1);
          await prepare(setup.db, 'postgres');
          const bench = runPgbench(
            cluster.binDir,
            { host: target.host, port: target.port, user: 'postgres', database: target.name },
            script,
            mode === 'batch100' ? BATCHES : SINGLES,
            SEED,
            mode === 'concurrent' ? CLIENTS : 1,
          );
          // pgbench runs the same number of transactions on every client, so it may post a few more.
          const posted = bench.transactions * bench.transfersPerTransaction;
          const invariants = await sqlInvariants(setup.db, posted);
          await setup.close();
          record({
            durable,
            backend: POSTGRES,
            path: script === 'oneStatement' ? 'pgbench, 1 statement' : 'raw SQL pgbench',
            mode: modeLabel(mode),
            transfers: posted,
            seconds: posted / bench.transfersPerSecond,
            transfersPerSecond: bench.transfersPerSecond,
            p50Ms: bench.p50Ms,
            p99Ms: bench.p99Ms,
            invariants,
            note: bench.command,
          });
        }
      }
    await admin.end();
    return `${version}; ${settings.join(', ')}`;
  } finally {
    cluster.stop();
  }
}

const machine = {
  date: new Date().toISOString(),
  nproc: execFileSync('nproc', { encoding: 'utf8' }).trim(),
  cpu: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  loadAverageAtStart: execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).trim(),
  seed: SEED,
  singles: SINGLES,
  batches: `${BATCHES} × ${BATCH_SIZE}`,
  sqlite: 'better-sqlite3, file, journal_mode=WAL, synchronous=FULL, foreign_keys=ON',
  postgres: '',
  fdatasyncAtStart: probeFdatasync(),
  fdatasyncAtEnd: probeFdatasync(0),
};
console.log(JSON.stringify(machine));
if (only !== 'postgres') for (const durable of DURABILITY) await benchSqlite(durable);
if (only !== 'sqlite') machine.postgres = await benchPostgres();
machine.fdatasyncAtEnd = probeFdatasync();
console.log(`PostgreSQL: ${machine.postgres}`);
console.log(
  `fdatasync at start ${JSON.stringify(machine.fdatasyncAtStart)}, at end ${JSON.stringify(machine.fdatasyncAtEnd)}`,
);
if (hasSwitch('save')) {
  writeFileSync(
    new URL('./results.json', import.meta.url),
    `${JSON.stringify({ machine, results }, null, 2)}\n`,
  );
}
