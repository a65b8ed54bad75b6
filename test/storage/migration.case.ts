// The migration atomicity suite, run on SQLite and PostgreSQL: each migration is applied in a
// transaction of its own, so one that fails halfway leaves the database as it was before it,
// the migrations before it stay applied, and a later migrate finishes the schema.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Kysely, type Migration, sql } from 'kysely';
import * as ledger from '../../src/storage/migrations/0001-ledger.ts';
import { migrateToLatest, SCHEMA_MIGRATIONS } from '../../src/storage/migrations/index.ts';
import type { OpenedStore } from './conformance.case.ts';

/** Runs `migration` and then fails, as a migration that breaks halfway would. */
const failingAfter = (migration: Migration): Migration => ({
  async up(db) {
    await migration.up(db);
    throw new Error('this migration breaks halfway');
  },
});

const probe: Migration = {
  async up(db) {
    await db.schema.createTable('migration_probe').addColumn('id', 'integer').execute();
  },
};

async function tableNames(db: Kysely<unknown>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  return tables.map((table) => table.name).sort();
}

async function appliedMigrations(db: Kysely<unknown>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from schema_migrations`.execute(db);
  return rows.rows.map((row) => row.name).sort();
}

export function describeMigrationAtomicity(name: string, open: () => Promise<OpenedStore>): void {
  describe(`migrations, one transaction each: ${name}`, () => {
    test('a first migration that fails halfway leaves no table; migrate then succeeds', async () => {
      const store = await open();
      const db = store.db as Kysely<unknown>;
      try {
        const broken = { ...SCHEMA_MIGRATIONS, '0001-ledger': failingAfter(ledger) };
        await assert.rejects(migrateToLatest(db, broken), /breaks halfway/);
        assert.deepEqual(await appliedMigrations(db), []);
        assert.ok(!(await tableNames(db)).includes('ledger_accounts'), 'nothing of 0001 stays');
        const report = await migrateToLatest(db);
        assert.deepEqual(report.applied, Object.keys(SCHEMA_MIGRATIONS).sort());
      } finally {
        await store.close();
      }
    });

    test('a later migration that fails halfway keeps the earlier ones and leaves nothing of its own', async () => {
      const store = await open();
      const db = store.db as Kysely<unknown>;
      try {
        const broken = { ...SCHEMA_MIGRATIONS, '9999-probe': failingAfter(probe) };
        await assert.rejects(migrateToLatest(db, broken), /breaks halfway/);
        assert.deepEqual(await appliedMigrations(db), Object.keys(SCHEMA_MIGRATIONS).sort());
        assert.ok(!(await tableNames(db)).includes('migration_probe'));
        const fixed = await migrateToLatest(db, { ...SCHEMA_MIGRATIONS, '9999-probe': probe });
        assert.deepEqual(fixed.applied, ['9999-probe']);
        assert.ok((await tableNames(db)).includes('migration_probe'));
      } finally {
        await store.close();
      }
    });
  });
}
