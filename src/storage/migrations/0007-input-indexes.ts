// Indexes on a pool's input log (decision 0041): a step of the open period reads the standing
// inputs, the open period's and, of the periods before, only the kinds later periods read. By
// (pool, period) and (pool, kind) those are found without reading the whole log, so a step
// costs what the open period holds, not what the pool's history holds.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('economy_inputs_by_period')
    .on('economy_inputs')
    .columns(['pool_id', 'period'])
    .execute();
  await db.schema
    .createIndex('economy_inputs_by_kind')
    .on('economy_inputs')
    .columns(['pool_id', 'kind', 'period'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('economy_inputs_by_kind').execute();
  await db.schema.dropIndex('economy_inputs_by_period').execute();
}
