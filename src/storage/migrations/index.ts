// The ordered list of schema migrations. Migrations are code (Kysely's schema builder) so one
// definition serves SQLite and PostgreSQL; names sort in the order they must run.
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import * as ledger from './0001-ledger.ts';
import * as economy from './0002-economy.ts';
import * as checkpoints from './0003-checkpoints.ts';
import * as accounts from './0004-accounts.ts';
import * as calendarFeeds from './0005-calendar-feeds.ts';
import * as accountLanguage from './0006-account-language.ts';
import * as inputIndexes from './0007-input-indexes.ts';
import * as securityEvents from './0008-security-events.ts';
import * as secondFactor from './0009-second-factor.ts';
import * as checkpointRotation from './0010-checkpoint-rotation.ts';
import * as accountFirstTransferIndexes from './0011-account-first-transfer-indexes.ts';

export const SCHEMA_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-ledger': ledger,
  '0002-economy': economy,
  '0003-checkpoints': checkpoints,
  '0004-accounts': accounts,
  '0005-calendar-feeds': calendarFeeds,
  '0006-account-language': accountLanguage,
  '0007-input-indexes': inputIndexes,
  '0008-security-events': securityEvents,
  '0009-second-factor': secondFactor,
  '0010-checkpoint-rotation': checkpointRotation,
  '0011-account-first-transfer-indexes': accountFirstTransferIndexes,
};

/** The name of the newest migration: the schema version a backup records. */
export const LATEST_SCHEMA = Object.keys(SCHEMA_MIGRATIONS).sort().at(-1) ?? '';

export interface MigrationReport {
  readonly applied: string[];
  readonly latest: string;
}

/** Brings the schema to the latest version, one transaction per migration; twice is a no-op. */
export async function migrateToLatest(
  db: Kysely<unknown>,
  migrations: Readonly<Record<string, Migration>> = SCHEMA_MIGRATIONS,
): Promise<MigrationReport> {
  const provider: MigrationProvider = { getMigrations: async () => ({ ...migrations }) };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  // One migration per step, each in its own transaction (both dialects report transactional
  // DDL, see sqlite.ts): a failure or a kill leaves a migration applied or not at all, and the
  // ones before it applied.
  const applied: string[] = [];
  for (;;) {
    const { error, results } = await migrator.migrateUp();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    const done = (results ?? []).filter((r) => r.status === 'Success');
    if (done.length === 0) break;
    applied.push(...done.map((r) => r.migrationName));
  }
  return { applied, latest: LATEST_SCHEMA };
}

/** The newest migration applied to the database ('' when none is), read without changing it. */
export async function schemaVersionOf(db: Kysely<unknown>): Promise<string> {
  try {
    const rows = await sql<{ name: string }>`select name from schema_migrations`.execute(db);
    return (
      rows.rows
        .map((row) => row.name)
        .sort()
        .at(-1) ?? ''
    );
  } catch {
    return '';
  }
}
