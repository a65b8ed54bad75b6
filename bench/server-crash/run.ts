// The long server crash run (issue 17): the real server SIGKILLed at seeded random moments
// under five clients, many times, on SQLite and on a throwaway PostgreSQL; after the last kill
// every answer is checked against the database, `db verify` runs, and the books are compared
// with a run of the acknowledged inputs without crashes (test/reliability/server-crash.ts).
// `--save` writes the figures into docs/RELIABILITY.md ("Crash under load").
// Usage: npx tsx bench/server-crash/run.ts [--kills=200] [--seed=17] [--only=sqlite|postgres] [--save]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerCrashReport, serverCrashRun } from '../../test/reliability/server-crash.ts';
import { startPostgresCluster } from '../../test/support/postgres-cluster.ts';
import { hasSwitch, option } from '../options.ts';
import { machine, saveSection } from './reliability-doc.ts';

const kills = Number(option('kills', '200'));
const seed = Number(option('seed', '17'));
const only = option('only', '');
const save = hasSwitch('save');

const root = mkdtempSync(join(tmpdir(), 'peerconomy-bench-server-crash-'));
const results: { database: string; report: ServerCrashReport }[] = [];
const note = (message: string) => console.log(message);
try {
  if (only === '' || only === 'sqlite') {
    const report = await serverCrashRun(
      { dataDir: join(root, 'sqlite') },
      { seed, kills, minPeriods: 2, note },
    );
    results.push({ database: 'SQLite', report });
  }
  if (only === '' || only === 'postgres') {
    const cluster = await startPostgresCluster();
    try {
      const databaseUrl = await cluster.createDatabase('bench_server_crash');
      const report = await serverCrashRun(
        { dataDir: join(root, 'pg'), databaseUrl },
        { seed: seed + 1, kills, minPeriods: 2, note },
      );
      results.push({ database: 'PostgreSQL 15', report });
    } finally {
      cluster.stop();
    }
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}

const command = `npx tsx bench/server-crash/run.ts ${process.argv.slice(2).join(' ')}`.trim();
const table = [
  '| Database | Kills survived | Periods closed | Writes acknowledged (checked one by one) | Refused (none stored) | Requests sent again after a kill | Duplicates found | Lost writes | `db verify` | Books = run without crashes | Time |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...results.map(
    ({ database, report: r }) =>
      `| ${database} | ${r.kills} | ${r.closedPeriods} | ${r.acknowledged} (${r.inputsChecked} inputs) | ${r.refused} | ${r.resent} | ${r.duplicates} | 0 | passes | yes (every journal head and balance) | ${r.seconds.toFixed(0)} s |`,
  ),
];
console.log(table.join('\n'));
if (save) {
  saveSection('Crash under load', [`${machine()}; \`${command}\`.`, '', ...table]);
}
