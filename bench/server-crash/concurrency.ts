// The concurrency run of the suite (test/reliability/server-concurrency.ts: 64 clients at once
// against one server) on SQLite and a throwaway PostgreSQL, `--rounds` times each, with its
// figures: requests, answers by status, transactions retried. `--save` writes them into
// docs/RELIABILITY.md ("Concurrency").
// Usage: npx tsx bench/server-crash/concurrency.ts [--rounds=3] [--save]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/storage/open-database.ts';
import {
  type ConcurrencyFigures,
  concurrencyRun,
} from '../../test/reliability/server-concurrency.ts';
import { startPostgresCluster } from '../../test/support/postgres-cluster.ts';
import { hasSwitch, numberOption } from '../options.ts';
import { machine, saveSection } from './reliability-doc.ts';

const rounds = numberOption('rounds', 3);
const save = hasSwitch('save');
const root = mkdtempSync(join(tmpdir(), 'peerconomy-bench-concurrency-'));
const rows: string[] = [];

function row(database: string, runs: ConcurrencyFigures[]): string {
  const statuses: Record<string, number> = {};
  for (const run of runs) {
    for (const [status, n] of Object.entries(run.statuses))
      statuses[status] = (statuses[status] ?? 0) + n;
  }
  const sum = (pick: (f: ConcurrencyFigures) => number) => runs.reduce((s, f) => s + pick(f), 0);
  const byStatus = Object.entries(statuses)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
  return `| ${database} | ${runs.length} | ${sum((f) => f.requests)} | ${byStatus} | ${sum((f) => f.retries)} | ${(sum((f) => f.seconds) / runs.length).toFixed(1)} s |`;
}

try {
  const sqlite: ConcurrencyFigures[] = [];
  for (let round = 0; round < rounds; round += 1) {
    sqlite.push(await concurrencyRun(openDatabase({ dataDir: join(root, `sqlite-${round}`) })));
  }
  rows.push(row('SQLite', sqlite));
  const cluster = await startPostgresCluster();
  try {
    const postgres: ConcurrencyFigures[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const databaseUrl = await cluster.createDatabase(`bench_concurrency_${round}`);
      postgres.push(
        await concurrencyRun(openDatabase({ dataDir: join(root, `pg-${round}`), databaseUrl })),
      );
    }
    rows.push(row('PostgreSQL 15', postgres));
  } finally {
    cluster.stop();
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
const table = [
  '| Database | Runs | Requests | Answers by status | Transactions retried (serialisation failure, deadlock) | Time per run |',
  '|---|---|---|---|---|---|',
  ...rows,
];
console.log(table.join('\n'));
if (save) {
  const command =
    `npx tsx bench/server-crash/concurrency.ts ${process.argv.slice(2).join(' ')}`.trim();
  saveSection('Concurrency', [`${machine()}; \`${command}\`.`, '', ...table]);
}
