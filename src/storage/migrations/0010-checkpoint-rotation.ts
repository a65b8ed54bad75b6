// The task market's rotation history of a stored pool's checkpoint, one row per closed period
// (decision 0062): the history a later period may read goes back up to 1,000 periods, so it is
// kept beside the checkpoint's text, written once when its period closes, and a step reads the
// rows of its rotation window only. The rows from before this migration are in the checkpoints'
// text; `db migrate` makes those checkpoints again (checkpointPools).
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('economy_checkpoint_rotation')
    .addColumn('pool_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('period', 'integer', (c) => c.notNull().check(sql`period >= 1`))
    .addColumn('records_json', 'text', (c) => c.notNull())
    .addColumn('records_sha256', 'char(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('economy_checkpoint_rotation_pk', ['pool_id', 'period'])
    .addForeignKeyConstraint('economy_checkpoint_rotation_pool_fk', ['pool_id'], 'economy_pools', [
      'pool_id',
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('economy_checkpoint_rotation').execute();
}
