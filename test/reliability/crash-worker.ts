// A client process for the crash tests: posts a workload through the ledger service and tells
// its parent, line by line on stdout, what it is about to do and what was acknowledged. The
// parent SIGKILLs it somewhere in between; the next worker replays the same requests.
//
// Usage: node --import tsx crash-worker.ts '<json WorkerConfig>'
// Lines: `ready`, `begin <op>`, `ack <op> <id> <id> …` (after the call returned ok), and
// `done <duplicates>` (how many transfers this run found already stored); it then waits for
// its stdin to end before closing the database.
import type { Kysely } from 'kysely';
import { createLedgerService } from '../../src/app/ledger/ledger-service.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { CRASH_POOL, crashWorkload, type WorkloadSpec } from './crash-workload.ts';

export interface WorkerConfig {
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  readonly workload: WorkloadSpec;
  /** Clients posting at the same time, each taking the next operation (default 1); with more
   *  than one, the ledger service shares transactions among them (group commit). */
  readonly clients?: number;
}

// stdout on a pipe is synchronous on Linux, so a line written before the kill reaches the parent.
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
  const workload = crashWorkload(config.workload);
  const database = openDatabase({
    dataDir: config.dataDir ?? '',
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  });
  await migrateToLatest(database.db as Kysely<unknown>);
  const ledger = createLedgerService(database.ledgerStore);
  const opened = await ledger.openAccounts(CRASH_POOL, workload.accounts);
  if (!opened.ok) throw new Error(`accounts: ${opened.error.code} ${opened.error.detail}`);
  say('ready');
  let duplicates = 0;
  let next = 0;
  const client = async () => {
    while (next < workload.operations.length) {
      const operation = workload.operations[next]!;
      next += 1;
      say(`begin ${operation.name}`);
      const result = await ledger.createTransfers(CRASH_POOL, operation.requests);
      if (!result.ok)
        throw new Error(`${operation.name}: ${result.error.code} ${result.error.detail}`);
      duplicates += result.value.events.filter((e) => e.type === 'transfer.duplicate').length;
      say(`ack ${operation.name} ${operation.requests.map((r) => r.id).join(' ')}`);
    }
  };
  await Promise.all(Array.from({ length: config.clients ?? 1 }, client));
  say(`done ${duplicates}`);
  // A worker that is to be killed holds the database (and its lock) until its stdin ends, so
  // a kill planned near the end still finds it running; the others get an empty stdin.
  await new Promise<void>((resolveEnd) => {
    process.stdin.on('end', resolveEnd).resume();
  });
  await database.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(2);
});
