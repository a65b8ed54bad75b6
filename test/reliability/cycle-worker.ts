// A client process for the period-cycle crash tests: imports a scenario file into the database
// through the economy's use cases and says, line by line on stdout, each step of the cycle it
// finished (`step <period> <stage>`), then `done <journal head>`. The parent SIGKILLs it
// somewhere in between (often inside a step's transaction, e.g. while a settlement posts);
// the next worker runs the same import, which continues where the last one stopped.
//
// Usage: node --import tsx cycle-worker.ts '<json CycleWorkerConfig>'
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { createEconomyService } from '../../src/app/economy/economy-service.ts';
import { importScenario } from '../../src/app/economy/import-scenario.ts';
import { parseScenarioText } from '../../src/app/scenario/load.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { openDatabase } from '../../src/storage/open-database.ts';

export interface CycleWorkerConfig {
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  readonly scenarioFile: string;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as CycleWorkerConfig;
  const parsed = parseScenarioText(readFileSync(config.scenarioFile, 'utf8'), config.scenarioFile);
  if (!parsed.ok) throw new Error(parsed.error.detail);
  const database = openDatabase({
    dataDir: config.dataDir ?? '',
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  });
  await migrateToLatest(database.db as Kysely<unknown>);
  const economy = createEconomyService(database.economyStore);
  say('ready');
  const imported = await importScenario(economy, parsed.value, {
    onStep: ({ period, stage }) => say(`step ${period} ${stage}`),
  });
  if (!imported.ok) throw new Error(`${imported.error.code}: ${imported.error.detail}`);
  say(`done ${imported.value.journalHead}`);
  await database.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(2);
});
