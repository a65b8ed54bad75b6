// A stored pool's checkpoint: the pure runner's state after the pool's last closed period,
// as canonical JSON with its SHA-256 (decision 0027). Clearing, settling and closing the open
// period start from it instead of running every period again. One row per pool, replaced in
// the transaction that closes a period, so it is never newer or older than the books.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('economy_checkpoints')
    .addColumn('pool_id', 'varchar(128)', (c) => c.primaryKey())
    // The closed period the state is after.
    .addColumn('period', 'integer', (c) => c.notNull().check(sql`period >= 1`))
    .addColumn('state_json', 'text', (c) => c.notNull())
    .addColumn('state_sha256', 'char(64)', (c) => c.notNull())
    .addForeignKeyConstraint('economy_checkpoints_pool_fk', ['pool_id'], 'economy_pools', [
      'pool_id',
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('economy_checkpoints').execute();
}
