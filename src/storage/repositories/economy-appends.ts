// Writing inputs with the pool's sequence number moved on and their keyed answers: one
// submission's (`appendMovingOn`), or the submissions of a shared transaction whose writes were
// held back until the transaction's end (decision 0076), all in one write: on PostgreSQL one
// statement, on SQLite one insert per table and one update.
import type { Transaction } from 'kysely';
import type { StoredAnswer } from '../../app/ports/economy-store.ts';
import type { PoolInput } from '../../core/cycle/inputs.ts';
import type { CycleState } from '../../core/cycle/stages.ts';
import type { Database } from '../schema.ts';
import { answerRow } from './economy-answers.ts';
import { INSERT_CHUNK_ROWS } from './economy-checkpoints.ts';
import type { Dialect } from './ledger-store.ts';

/** One submission's inputs, the pool as they leave it, and the answer kept for its key. */
export interface MovingOn {
  readonly poolId: string;
  readonly firstSeq: number;
  readonly inputs: readonly PoolInput[];
  readonly moved: { readonly cycle: CycleState; readonly nextSeq: number };
  readonly answer?: { readonly key: string; readonly answer: StoredAnswer } | undefined;
}

export const inputRows = (poolId: string, firstSeq: number, inputs: readonly PoolInput[]) =>
  inputs.map((input, index) => ({
    pool_id: poolId,
    seq: firstSeq + index,
    kind: input.kind,
    period: input.period,
    record_json: JSON.stringify(input.record),
    withdrawn: 0,
  }));

/** Writes `writes`, given in log order (each after the one before it), as one write where it
 *  can: the inputs of all, the pool as the last leaves it, the answers of all. */
export async function writeMovingOn(
  trx: Transaction<Database>,
  dialect: Dialect,
  writes: readonly MovingOn[],
): Promise<void> {
  if (writes.length === 0) return;
  const poolId = writes[0]!.poolId;
  if (writes.some((write) => write.poolId !== poolId)) {
    for (const write of writes) await writeMovingOn(trx, dialect, [write]);
    return;
  }
  const rows = writes.flatMap((write) => inputRows(poolId, write.firstSeq, write.inputs));
  const answers = writes.flatMap((write) =>
    write.answer === undefined ? [] : [answerRow(poolId, write.answer.key, write.answer.answer)],
  );
  const { moved } = writes.at(-1)!;
  const moving = {
    cycle_period: moved.cycle.period,
    cycle_stage: moved.cycle.stage,
    next_seq: moved.nextSeq,
  };
  if (
    dialect !== 'postgres' ||
    rows.length === 0 ||
    rows.length > INSERT_CHUNK_ROWS ||
    answers.length > INSERT_CHUNK_ROWS
  ) {
    for (let start = 0; start < rows.length; start += INSERT_CHUNK_ROWS) {
      await trx
        .insertInto('economy_inputs')
        .values(rows.slice(start, start + INSERT_CHUNK_ROWS))
        .execute();
    }
    await trx.updateTable('economy_pools').set(moving).where('pool_id', '=', poolId).execute();
    for (let start = 0; start < answers.length; start += INSERT_CHUNK_ROWS) {
      await trx
        .insertInto('economy_requests')
        .values(answers.slice(start, start + INSERT_CHUNK_ROWS))
        .execute();
    }
    return;
  }
  // One statement: the writes are to three tables and none reads what another writes, so
  // PostgreSQL's data-modifying CTEs (one snapshot, any order) do what three statements do.
  const appended = trx
    .with('appended', (db) => db.insertInto('economy_inputs').values(rows))
    .with('moved', (db) =>
      db.updateTable('economy_pools').set(moving).where('pool_id', '=', poolId),
    );
  if (answers.length === 0) {
    await appended.selectNoFrom((eb) => eb.lit(1).as('done')).execute();
    return;
  }
  await appended.insertInto('economy_requests').values(answers).execute();
}
