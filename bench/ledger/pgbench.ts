// The raw-SQL peer on PostgreSQL: pgbench (C, no Node) running the statements the ledger service
// issues, against the same schema and accounts (performance-reliability.md §1.1, §1.3). One
// client (or several, each its own connection), a fixed number of transactions, pgbench's own seeded random accounts and amounts, and
// a per-transaction log from which p50/p99 are taken. The journal hash chain is computed in SQL
// (sha256 of the previous hash and the entry), one entry per transfer, as the service stores it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNTS, AMOUNT_MAX_BENCH, BENCH_POOL, PROJECTS, percentile } from './workload.ts';

const POOL = `'${BENCH_POOL}'`;

/** One transfer per transaction: the same 9 statements between BEGIN and COMMIT as the service. */
const SINGLE = `\\set project random(0, ${PROJECTS - 1})
\\set person random(${PROJECTS}, ${ACCOUNTS - 1})
\\set amount random(1, ${AMOUNT_MAX_BENCH})
BEGIN;
INSERT INTO ledger_journal_heads (pool_id, next_index, head_hash) VALUES (${POOL}, 0, repeat('0', 64)) ON CONFLICT (pool_id) DO NOTHING;
SELECT next_index AS idx FROM ledger_journal_heads WHERE pool_id = ${POOL} FOR UPDATE \\gset
SELECT * FROM ledger_transfers WHERE pool_id = ${POOL} AND id IN ('pgb-' || :idx);
SELECT * FROM ledger_accounts WHERE pool_id = ${POOL} AND id IN ('a' || :project, 'a' || :person);
INSERT INTO ledger_transfers (pool_id, id, debit_account_id, credit_account_id, amount, unit, code, pending, bound_exception_used, period, state, created_at_index) VALUES (${POOL}, 'pgb-' || :idx, 'a' || :project, 'a' || :person, :amount, 'effort', 'work.credit', 0, 0, 1, 'posted', :idx);
UPDATE ledger_accounts SET debits_posted = debits_posted + :amount WHERE pool_id = ${POOL} AND id = 'a' || :project;
UPDATE ledger_accounts SET credits_posted = credits_posted + :amount WHERE pool_id = ${POOL} AND id = 'a' || :person;
INSERT INTO ledger_journal (pool_id, entry_index, kind, transfer_id, previous_hash, hash) SELECT pool_id, :idx, 'created', 'pgb-' || :idx, head_hash, encode(sha256(convert_to(head_hash || 'pgb-' || :idx || ':' || :amount, 'UTF8')), 'hex') FROM ledger_journal_heads WHERE pool_id = ${POOL};
UPDATE ledger_journal_heads h SET next_index = :idx + 1, head_hash = j.hash FROM ledger_journal j WHERE h.pool_id = ${POOL} AND j.pool_id = h.pool_id AND j.entry_index = :idx;
END;
`;

/**
 * One transfer per transaction in one statement, autocommitted: a single round trip doing the
 * same writes (transfer, two accounts, journal entry chained to the head, head). No client can
 * post one transfer per transaction faster against this schema on this machine, so it is the
 * floor the one-client figures are read against. (It checks no bounds and no replays.)
 */
const ONE_STATEMENT = `\\set project random(0, ${PROJECTS - 1})
\\set person random(${PROJECTS}, ${ACCOUNTS - 1})
\\set amount random(1, ${AMOUNT_MAX_BENCH})
WITH old AS (SELECT next_index AS idx, head_hash FROM ledger_journal_heads WHERE pool_id = ${POOL}),
head AS (UPDATE ledger_journal_heads h SET next_index = old.idx + 1, head_hash = encode(sha256(convert_to(old.head_hash || 'pgb1-' || old.idx || ':' || :amount, 'UTF8')), 'hex') FROM old WHERE h.pool_id = ${POOL} RETURNING old.idx, old.head_hash AS previous_hash, h.head_hash AS hash),
transfer AS (INSERT INTO ledger_transfers (pool_id, id, debit_account_id, credit_account_id, amount, unit, code, pending, bound_exception_used, period, state, created_at_index) SELECT ${POOL}, 'pgb1-' || idx, 'a' || :project, 'a' || :person, :amount, 'effort', 'work.credit', 0, 0, 1, 'posted', idx FROM head),
debit AS (UPDATE ledger_accounts SET debits_posted = debits_posted + :amount WHERE pool_id = ${POOL} AND id = 'a' || :project),
credit AS (UPDATE ledger_accounts SET credits_posted = credits_posted + :amount WHERE pool_id = ${POOL} AND id = 'a' || :person)
INSERT INTO ledger_journal (pool_id, entry_index, kind, transfer_id, previous_hash, hash) SELECT ${POOL}, idx, 'created', 'pgb1-' || idx, previous_hash, hash FROM head;
`;

/**
 * 100 transfers per transaction, set-based: look up the ids, insert the transfers,
 * one aggregated update per touched account, the 100 chained journal entries, move the head.
 * Accounts and amounts derive from the entry index with hashtext (pgbench has no arrays).
 */
const BATCH = `BEGIN;
INSERT INTO ledger_journal_heads (pool_id, next_index, head_hash) VALUES (${POOL}, 0, repeat('0', 64)) ON CONFLICT (pool_id) DO NOTHING;
SELECT next_index AS idx FROM ledger_journal_heads WHERE pool_id = ${POOL} FOR UPDATE \\gset
SELECT * FROM ledger_transfers WHERE pool_id = ${POOL} AND id IN (SELECT 'pgb-' || g FROM generate_series(:idx, :idx + 99) g);
SELECT * FROM ledger_accounts WHERE pool_id = ${POOL} AND id IN (SELECT 'a' || (abs(hashtext(g || 'd')) % ${PROJECTS}) FROM generate_series(:idx, :idx + 99) g UNION SELECT 'a' || (${PROJECTS} + abs(hashtext(g || 'c')) % ${ACCOUNTS - PROJECTS}) FROM generate_series(:idx, :idx + 99) g);
WITH batch AS (SELECT g AS idx, 'a' || (abs(hashtext(g || 'd')) % ${PROJECTS}) AS debit, 'a' || (${PROJECTS} + abs(hashtext(g || 'c')) % ${ACCOUNTS - PROJECTS}) AS credit, 1 + abs(hashtext(g || 'm')) % ${AMOUNT_MAX_BENCH} AS amount FROM generate_series(:idx, :idx + 99) g),
ins AS (INSERT INTO ledger_transfers (pool_id, id, debit_account_id, credit_account_id, amount, unit, code, pending, bound_exception_used, period, state, created_at_index) SELECT ${POOL}, 'pgb-' || idx, debit, credit, amount, 'effort', 'work.credit', 0, 0, 1, 'posted', idx FROM batch RETURNING debit_account_id, credit_account_id, amount),
moves AS (SELECT debit_account_id AS id, amount AS d, 0 AS c FROM ins UNION ALL SELECT credit_account_id, 0, amount FROM ins),
sums AS (SELECT id, sum(d) AS d, sum(c) AS c FROM moves GROUP BY id)
UPDATE ledger_accounts a SET debits_posted = a.debits_posted + sums.d, credits_posted = a.credits_posted + sums.c FROM sums WHERE a.pool_id = ${POOL} AND a.id = sums.id;
INSERT INTO ledger_journal (pool_id, entry_index, kind, transfer_id, previous_hash, hash) WITH RECURSIVE chain(i, prev, hash) AS (SELECT :idx::bigint, head_hash::text, encode(sha256(convert_to(head_hash || 'pgb-' || :idx, 'UTF8')), 'hex') FROM ledger_journal_heads WHERE pool_id = ${POOL} UNION ALL SELECT i + 1, hash, encode(sha256(convert_to(hash || 'pgb-' || (i + 1), 'UTF8')), 'hex') FROM chain WHERE i < :idx + 99) SELECT ${POOL}, i, 'created', 'pgb-' || i, prev, hash FROM chain;
UPDATE ledger_journal_heads h SET next_index = :idx + 100, head_hash = j.hash FROM ledger_journal j WHERE h.pool_id = ${POOL} AND j.pool_id = h.pool_id AND j.entry_index = :idx + 99;
END;
`;

export type PgbenchScript = 'single' | 'oneStatement' | 'batch';

export interface PgbenchResult {
  readonly transactions: number;
  readonly transfersPerTransaction: number;
  /** pgbench's "tps … without initial connection time" × transfers per transaction. */
  readonly transfersPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly command: string;
}

export function runPgbench(
  binDir: string,
  connection: { host: string; port: string; user: string; database: string },
  mode: PgbenchScript,
  transactions: number,
  seed: number,
  clients = 1,
): PgbenchResult {
  const dir = mkdtempSync(join(tmpdir(), 'peerconomy-pgbench-'));
  try {
    const script = join(dir, `${mode}.sql`);
    writeFileSync(script, { single: SINGLE, oneStatement: ONE_STATEMENT, batch: BATCH }[mode]);
    const args = [
      '-n',
      '-h',
      connection.host,
      '-p',
      connection.port,
      '-U',
      connection.user,
      '-c',
      String(clients),
      '-t',
      String(Math.ceil(transactions / clients)),
      `--random-seed=${seed}`,
      '-l',
      `--log-prefix=${join(dir, 'log')}`,
      '-f',
      script,
      connection.database,
    ];
    const run = spawnSync(join(binDir, 'pgbench'), args, { encoding: 'utf8', timeout: 600_000 });
    if (run.status !== 0) throw new Error(`pgbench failed: ${run.stderr}${run.stdout}`);
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout);
    if (!tps?.[1]) throw new Error(`pgbench printed no tps: ${run.stdout}`);
    // Log lines: client_id transaction_no time(µs) script_no time_epoch time_us.
    const latencies: number[] = [];
    for (const file of readdirSync(dir).filter((name) => name.startsWith('log'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const micros = Number(line.split(' ')[2]);
        if (line && Number.isFinite(micros)) latencies.push(micros / 1000);
      }
    }
    latencies.sort((a, b) => a - b);
    const perTransaction = mode === 'batch' ? 100 : 1;
    return {
      transactions: Math.ceil(transactions / clients) * clients,
      transfersPerTransaction: perTransaction,
      transfersPerSecond: Number(tps[1]) * perTransaction,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      command: `pgbench ${args.slice(0, -5).join(' ')} -f ${mode}.sql`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
