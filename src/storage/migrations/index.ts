// The ordered list of schema migrations. Migrations are code (Kysely's schema builder) so one
// definition serves SQLite and PostgreSQL; names sort in the order they must run.
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as ledger from './0001-ledger.ts';
import * as economy from './0002-economy.ts';
import * as accounts from './0004-accounts.ts';

const MIGRATIONS: Record<string, Migration> = {
  '0001-ledger': ledger,
  '0002-economy': economy,
  '0004-accounts': accounts,
};

/** The name of the newest migration: the schema version a backup records. */
export const LATEST_SCHEMA = Object.keys(MIGRATIONS).sort().at(-1) ?? '';

const provider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

export interface MigrationReport {
  readonly applied: string[];
  readonly latest: string;
}

/** Brings the schema to the latest version; applying twice is a no-op. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<MigrationReport> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    latest: LATEST_SCHEMA,
  };
}
