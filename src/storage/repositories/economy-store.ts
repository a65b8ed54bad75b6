// The economy's tables behind the app's EconomyStore port, for SQLite and PostgreSQL alike.
// A transaction locks the pool's row first (FOR NO KEY UPDATE: other writers of the pool wait,
// while inserting rows that refer to the pool, which takes a key-share lock, does not
// deadlock against it), then the ledger's journal head if it posts: always in that order, so
// two writers cannot wait on each other.
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type {
  EconomyStore,
  EconomyTransaction,
  SequencedInput,
  StoredAnswer,
  StoredCheckpoint,
  StoredPeriod,
  StoredPool,
} from '../../app/ports/economy-store.ts';
import type { PoolInput, PoolSettings } from '../../core/cycle/inputs.ts';
import type { CycleState } from '../../core/cycle/stages.ts';
import type { PoolId } from '../../core/ids.ts';
import type { LedgerState } from '../../core/ledger/index.ts';
import type { Database } from '../schema.ts';
import { answerRow, findAnswer, findAnswers, loadAnswers, saveAnswer } from './economy-answers.ts';
import { INSERT_CHUNK_ROWS, loadCheckpoint, saveCheckpoint } from './economy-checkpoints.ts';
import {
  type Dialect,
  KyselyLedgerTransaction,
  selectWholePool,
  transactionRetrying,
} from './ledger-store.ts';

const parseOrNull = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** A row of `economy_periods` as the port's period. */
const storedPeriodOf = (row: Selectable<Database['economy_periods']>): StoredPeriod => ({
  period: row.period,
  stage: row.stage,
  clearing: parseOrNull(row.clearing_json),
  report: parseOrNull(row.report_json),
  journalEntries: row.journal_entries,
  journalHead: row.journal_head,
});
const inputRows = (poolId: string, firstSeq: number, inputs: readonly PoolInput[]) =>
  inputs.map((input, index) => ({
    pool_id: poolId,
    seq: firstSeq + index,
    kind: input.kind,
    period: input.period,
    record_json: JSON.stringify(input.record),
    withdrawn: 0,
  }));
const textOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

const sequencedInput = (row: {
  seq: number | string | bigint;
  kind: string;
  period: number;
  record_json: string;
}): SequencedInput => ({
  seq: Number(row.seq),
  kind: row.kind as PoolInput['kind'],
  period: row.period,
  record: JSON.parse(row.record_json),
});

class KyselyEconomyTransaction implements EconomyTransaction {
  readonly #trx: Transaction<Database>;
  readonly #dialect: Dialect;
  readonly ledger: KyselyLedgerTransaction;
  /** A savepoint kept open on PostgreSQL, to be released with the next one (`savepoint`). */
  #kept = false;

  constructor(trx: Transaction<Database>, dialect: Dialect) {
    this.#trx = trx;
    this.#dialect = dialect;
    this.ledger = new KyselyLedgerTransaction(trx, dialect);
  }

  lockPool(poolId: string): Promise<StoredPool | undefined> {
    return this.#pool(poolId, true);
  }

  findPool(poolId: string): Promise<StoredPool | undefined> {
    return this.#pool(poolId, false);
  }

  async #pool(poolId: string, lock: boolean): Promise<StoredPool | undefined> {
    const query = this.#trx.selectFrom('economy_pools').selectAll().where('pool_id', '=', poolId);
    const row = await (lock && this.#dialect === 'postgres'
      ? query.forNoKeyUpdate()
      : query
    ).executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      poolId: row.pool_id,
      settings: JSON.parse(row.settings_json) as PoolSettings,
      cycle: { period: row.cycle_period, stage: row.cycle_stage },
      nextSeq: row.next_seq,
    };
  }

  async lockPoolAnswering(
    poolId: string,
    idempotencyKey: string,
  ): Promise<{ pool: StoredPool; answer: StoredAnswer | undefined } | undefined> {
    if (this.#dialect !== 'postgres') {
      const pool = await this.lockPool(poolId);
      if (pool === undefined) return undefined;
      return { pool, answer: await this.findAnswer(poolId, idempotencyKey) };
    }
    // The pool's row locked as lockPool locks it (the answer's row is only read), joined to
    // the answer of the key if there is one.
    const row = await this.#trx
      .selectFrom('economy_pools as p')
      .leftJoin('economy_requests as r', (join) =>
        join.onRef('r.pool_id', '=', 'p.pool_id').on('r.idempotency_key', '=', idempotencyKey),
      )
      .select([
        'p.pool_id',
        'p.settings_json',
        'p.cycle_period',
        'p.cycle_stage',
        'p.next_seq',
        'r.request_sha256',
        'r.response_json',
      ])
      .where('p.pool_id', '=', poolId)
      .forNoKeyUpdate('p')
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      pool: {
        poolId: row.pool_id,
        settings: JSON.parse(row.settings_json) as PoolSettings,
        cycle: { period: row.cycle_period, stage: row.cycle_stage },
        nextSeq: row.next_seq,
      },
      answer:
        row.request_sha256 === null || row.response_json === null
          ? undefined
          : { requestSha256: row.request_sha256, response: JSON.parse(row.response_json) },
    };
  }

  async appendMovingOn(
    poolId: string,
    firstSeq: number,
    inputs: readonly PoolInput[],
    moved: { readonly cycle: CycleState; readonly nextSeq: number },
    answer?: { readonly key: string; readonly answer: StoredAnswer },
  ): Promise<void> {
    if (this.#dialect !== 'postgres' || inputs.length === 0 || inputs.length > INSERT_CHUNK_ROWS) {
      await this.appendInputs(poolId, firstSeq, inputs);
      await this.updatePool(poolId, moved.cycle, moved.nextSeq);
      if (answer !== undefined) await this.saveAnswer(poolId, answer.key, answer.answer);
      return;
    }
    // One statement: the writes are to three tables and none reads what another writes, so
    // PostgreSQL's data-modifying CTEs (one snapshot, any order) do what three statements do.
    const appended = this.#trx
      .with('appended', (db) =>
        db.insertInto('economy_inputs').values(inputRows(poolId, firstSeq, inputs)),
      )
      .with('moved', (db) =>
        db
          .updateTable('economy_pools')
          .set({
            cycle_period: moved.cycle.period,
            cycle_stage: moved.cycle.stage,
            next_seq: moved.nextSeq,
          })
          .where('pool_id', '=', poolId),
      );
    if (answer === undefined) {
      await appended.selectNoFrom((eb) => eb.lit(1).as('done')).execute();
      return;
    }
    await appended
      .insertInto('economy_requests')
      .values(answerRow(poolId, answer.key, answer.answer))
      .execute();
  }

  async insertPool(pool: StoredPool): Promise<boolean> {
    // A row inserted meanwhile by another transaction is no error here: on PostgreSQL the
    // insert waits for that transaction and then does nothing; the caller reads it afresh.
    const inserted = await this.#trx
      .insertInto('economy_pools')
      .values({
        pool_id: pool.poolId,
        settings_json: JSON.stringify(pool.settings),
        cycle_period: pool.cycle.period,
        cycle_stage: pool.cycle.stage,
        next_seq: pool.nextSeq,
      })
      .onConflict((oc) => oc.column('pool_id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async updatePool(poolId: string, cycle: CycleState, nextSeq: number): Promise<void> {
    await this.#trx
      .updateTable('economy_pools')
      .set({ cycle_period: cycle.period, cycle_stage: cycle.stage, next_seq: nextSeq })
      .where('pool_id', '=', poolId)
      .execute();
  }

  async loadInputs(poolId: string): Promise<PoolInput[]> {
    const rows = await this.#trx
      .selectFrom('economy_inputs')
      .select(['kind', 'period', 'record_json'])
      .where('pool_id', '=', poolId)
      .where('withdrawn', '=', 0)
      .orderBy('seq')
      .execute();
    return rows.map((row) => ({
      kind: row.kind as PoolInput['kind'],
      period: row.period,
      record: JSON.parse(row.record_json),
    }));
  }

  async loadOpenInputs(
    poolId: string,
    open: number,
    laterKinds: readonly string[],
    openKinds?: readonly string[],
  ): Promise<PoolInput[]> {
    // Two index searches (migration 0007), never the whole log: the standing inputs and the
    // open period's by (pool_id, period); of the periods before, the kinds later periods read
    // by (pool_id, kind, period). Merged back into log order.
    const select = () => this.#liveInputs(poolId);
    const current =
      openKinds === undefined
        ? await select().where('period', 'in', [0, open]).execute()
        : [
            ...(await select().where('period', '=', 0).execute()),
            ...(openKinds.length === 0
              ? []
              : await select()
                  .where('kind', 'in', [...openKinds])
                  .where('period', '=', open)
                  .execute()),
          ];
    const earlier =
      laterKinds.length === 0 || open <= 1
        ? []
        : await select()
            .where('kind', 'in', [...laterKinds])
            .where('period', '>', 0)
            .where('period', '<', open)
            .execute();
    return [...current, ...earlier]
      .sort((a, b) => Number(a.seq) - Number(b.seq))
      .map((row) => ({
        kind: row.kind as PoolInput['kind'],
        period: row.period,
        record: JSON.parse(row.record_json),
      }));
  }

  /** The pool's inputs not withdrawn, as rows a `SequencedInput` is made of. */
  #liveInputs(poolId: string) {
    return this.#trx
      .selectFrom('economy_inputs')
      .select(['seq', 'kind', 'period', 'record_json'])
      .where('pool_id', '=', poolId)
      .where('withdrawn', '=', 0);
  }

  async loadInputsFrom(poolId: string, fromSeq: number) {
    const rows = await this.#liveInputs(poolId)
      .where('seq', '>=', fromSeq)
      .orderBy('seq')
      .execute();
    return rows.map(sequencedInput);
  }

  async loadPeriodInputs(poolId: string, period: number) {
    const rows = await this.#liveInputs(poolId)
      .where('period', '=', period)
      .orderBy('seq')
      .execute();
    return rows.map(sequencedInput);
  }

  async findInput(poolId: string, seq: number) {
    const row = await this.#trx
      .selectFrom('economy_inputs')
      .select(['kind', 'period', 'record_json', 'withdrawn'])
      .where('pool_id', '=', poolId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      kind: row.kind as PoolInput['kind'],
      period: row.period,
      record: JSON.parse(row.record_json),
      withdrawn: row.withdrawn === 1,
    };
  }

  async markWithdrawn(poolId: string, seq: number): Promise<void> {
    await this.#trx
      .updateTable('economy_inputs')
      .set({ withdrawn: 1 })
      .where('pool_id', '=', poolId)
      .where('seq', '=', seq)
      .execute();
  }

  async appendInputs(poolId: string, firstSeq: number, inputs: readonly PoolInput[]) {
    const rows = inputRows(poolId, firstSeq, inputs);
    for (let start = 0; start < rows.length; start += INSERT_CHUNK_ROWS) {
      await this.#trx
        .insertInto('economy_inputs')
        .values(rows.slice(start, start + INSERT_CHUNK_ROWS))
        .execute();
    }
  }

  async loadPeriods(poolId: string): Promise<StoredPeriod[]> {
    const rows = await this.#trx
      .selectFrom('economy_periods')
      .selectAll()
      .where('pool_id', '=', poolId)
      .orderBy('period')
      .execute();
    return rows.map(storedPeriodOf);
  }

  async loadPeriodStages(poolId: string) {
    const rows = await this.#trx
      .selectFrom('economy_periods')
      .select(['period', 'stage', 'journal_head'])
      .where('pool_id', '=', poolId)
      .orderBy('period')
      .execute();
    return rows.map((row) => ({
      period: row.period,
      stage: row.stage,
      journalHead: row.journal_head,
    }));
  }

  async findPeriod(poolId: string, period: number): Promise<StoredPeriod | undefined> {
    const row = await this.#trx
      .selectFrom('economy_periods')
      .selectAll()
      .where('pool_id', '=', poolId)
      .where('period', '=', period)
      .executeTakeFirst();
    return row === undefined ? undefined : storedPeriodOf(row);
  }

  async savePeriod(poolId: string, period: StoredPeriod): Promise<void> {
    const values = {
      stage: period.stage,
      clearing_json: textOrNull(period.clearing),
      report_json: textOrNull(period.report),
      journal_entries: period.journalEntries,
      journal_head: period.journalHead,
    };
    await this.#trx
      .insertInto('economy_periods')
      .values({ pool_id: poolId, period: period.period, ...values })
      .onConflict((oc) => oc.columns(['pool_id', 'period']).doUpdateSet(values))
      .execute();
  }

  loadCheckpoint(poolId: string, rotationFrom = 1): Promise<StoredCheckpoint | undefined> {
    return loadCheckpoint(this.#trx, poolId, rotationFrom);
  }

  saveCheckpoint(poolId: string, checkpoint: StoredCheckpoint): Promise<void> {
    return saveCheckpoint(this.#trx, poolId, checkpoint);
  }

  findAnswer(poolId: string, idempotencyKey: string): Promise<StoredAnswer | undefined> {
    return findAnswer(this.#trx, poolId, idempotencyKey);
  }

  findAnswers(poolId: string, keys: readonly string[]): Promise<Map<string, StoredAnswer>> {
    return findAnswers(this.#trx, this.#dialect, poolId, keys);
  }

  loadAnswers(poolId: string): Promise<(StoredAnswer & { readonly key: string })[]> {
    return loadAnswers(this.#trx, poolId);
  }

  saveAnswer(poolId: string, idempotencyKey: string, answer: StoredAnswer): Promise<void> {
    return saveAnswer(this.#trx, poolId, idempotencyKey, answer);
  }

  async savepoint<T>(work: () => Promise<T>, keep: (value: T) => boolean): Promise<T> {
    // One name, released or rolled back before the next is taken: never nested, so a shared
    // transaction holds one savepoint at a time however many requests it carries. On
    // PostgreSQL a kept one is released with the next one taken, in one round trip (several
    // statements without parameters go as one simple query); the commit releases the last.
    const server = this.#dialect === 'postgres';
    if (this.#kept) {
      this.#kept = false;
      await sql`release savepoint request; savepoint request`.execute(this.#trx);
    } else {
      await sql`savepoint request`.execute(this.#trx);
    }
    const undo = async () => {
      if (server) {
        await sql`rollback to savepoint request; release savepoint request`.execute(this.#trx);
      } else {
        await sql`rollback to savepoint request`.execute(this.#trx);
        await sql`release savepoint request`.execute(this.#trx);
      }
    };
    let value: T;
    try {
      value = await work();
    } catch (error) {
      await undo();
      throw error;
    }
    if (!keep(value)) await undo();
    else if (server) this.#kept = true;
    else await sql`release savepoint request`.execute(this.#trx);
    return value;
  }

  loadLedger(poolId: PoolId): Promise<LedgerState> {
    return selectWholePool(this.#trx, poolId);
  }
}

export function createKyselyEconomyStore(db: Kysely<Database>, dialect: Dialect): EconomyStore {
  return {
    transaction<T>(work: (tx: EconomyTransaction) => Promise<T>): Promise<T> {
      return transactionRetrying(db, (trx) => work(new KyselyEconomyTransaction(trx, dialect)));
    },
    async listPools(): Promise<string[]> {
      const rows = await db
        .selectFrom('economy_pools')
        .select('pool_id')
        .orderBy('pool_id')
        .execute();
      return rows.map((row) => row.pool_id);
    },
  };
}
