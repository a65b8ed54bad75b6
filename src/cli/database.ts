// The database a command works on: where it is (--data-dir, PEERCONOMY_DATA_DIR or
// DATABASE_URL), and opening it for one command's work and closing it afterwards, whatever
// happens. Commands on the economy get its schema brought up to date first. The use cases and
// the migrations are loaded when a command gets here, not when the command line starts.
import type { Kysely } from 'kysely';
import type { EconomyService } from '../app/economy/economy-service.ts';
import type { OpenedDatabase, StorageConfig } from '../storage/open-database.ts';
import { asDamage, asUnavailable } from '../storage/storage-errors.ts';
import type { CliDeps } from './program.ts';

export const DATA_DIR_OPTION = [
  '--data-dir <dir>',
  'data directory of the embedded database (default ./data, or PEERCONOMY_DATA_DIR); DATABASE_URL selects PostgreSQL instead',
] as const;

/** Where the database is: PostgreSQL at DATABASE_URL when set, else the embedded one's folder. */
function storageConfig(deps: CliDeps, options: DatabaseOptions): StorageConfig {
  const databaseUrl = deps.env.DATABASE_URL;
  const dataDir = options.dataDir ?? deps.env.PEERCONOMY_DATA_DIR ?? './data';
  if (databaseUrl) return { dataDir, databaseUrl };
  if (options.besideServer === true) return { dataDir, besideServer: true };
  return options.checkpointOffThread === true
    ? { dataDir, checkpointOffThread: true }
    : { dataDir };
}

export interface DatabaseOptions {
  readonly dataDir?: string;
  readonly besideServer?: boolean;
  /** The server's: the embedded database's log checkpointed on a worker (decision 0079). */
  readonly checkpointOffThread?: boolean;
}

export async function withDatabase<T>(
  deps: CliDeps,
  options: DatabaseOptions,
  work: (database: OpenedDatabase) => Promise<T>,
): Promise<T> {
  const database = await deps.openDatabase(storageConfig(deps, options));
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** `withDatabase` with the schema migrated and the economy's use cases on it. */
export function withEconomy<T>(
  deps: CliDeps,
  options: { dataDir?: string },
  work: (economy: EconomyService, database: OpenedDatabase) => Promise<T>,
): Promise<T> {
  return withDatabase(deps, options, async (database) => {
    const [{ migrateToLatest }, { createEconomyService }] = await Promise.all([
      import('../storage/migrations/index.ts'),
      import('../app/economy/economy-service.ts'),
    ]);
    await migrateToLatest(database.db as Kysely<unknown>);
    return await work(createEconomyService(database.economyStore), database);
  });
}

/** A database failure that needs one line, not a stack trace: a damaged SQLite file, a
 *  PostgreSQL server that went away. Anything else is returned as it is. */
export function asStorageFailure(error: unknown): unknown {
  return asUnavailable(asDamage(error, 'the database file'));
}
