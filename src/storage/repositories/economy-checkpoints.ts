// A stored pool's checkpoint (the run state after its last closed period, with its SHA-256) and
// the rotation history kept beside it by period (decision 0062), read and written inside the
// economy store's transaction.
import type { Transaction } from 'kysely';
import type { StoredCheckpoint } from '../../app/ports/economy-store.ts';
import type { Database } from '../schema.ts';

/** Rows per INSERT statement; keeps SQLite under its bound-parameter limit. */
export const INSERT_CHUNK_ROWS = 500;

export async function loadCheckpoint(
  trx: Transaction<Database>,
  poolId: string,
  rotationFrom: number,
): Promise<StoredCheckpoint | undefined> {
  const row = await trx
    .selectFrom('economy_checkpoints')
    .select(['period', 'state_json', 'state_sha256'])
    .where('pool_id', '=', poolId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const segments = await trx
    .selectFrom('economy_checkpoint_rotation')
    .select(['period', 'records_json', 'records_sha256'])
    .where('pool_id', '=', poolId)
    .where('period', '>=', rotationFrom)
    .orderBy('period')
    .execute();
  return {
    period: row.period,
    state: row.state_json,
    stateSha256: row.state_sha256,
    rotationFrom,
    rotation: segments.map((x) => ({
      period: x.period,
      records: x.records_json,
      recordsSha256: x.records_sha256,
    })),
  };
}

export async function saveCheckpoint(
  trx: Transaction<Database>,
  poolId: string,
  checkpoint: StoredCheckpoint,
): Promise<void> {
  const values = {
    period: checkpoint.period,
    state_json: checkpoint.state,
    state_sha256: checkpoint.stateSha256,
  };
  await trx
    .insertInto('economy_checkpoints')
    .values({ pool_id: poolId, ...values })
    .onConflict((oc) => oc.column('pool_id').doUpdateSet(values))
    .execute();
  await trx
    .deleteFrom('economy_checkpoint_rotation')
    .where('pool_id', '=', poolId)
    .where('period', '>=', checkpoint.rotationFrom)
    .execute();
  const rows = checkpoint.rotation.map((x) => ({
    pool_id: poolId,
    period: x.period,
    records_json: x.records,
    records_sha256: x.recordsSha256,
  }));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK_ROWS) {
    await trx
      .insertInto('economy_checkpoint_rotation')
      .values(rows.slice(i, i + INSERT_CHUNK_ROWS))
      .execute();
  }
}
