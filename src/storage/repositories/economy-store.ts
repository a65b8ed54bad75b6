// The economy's tables behind the app's EconomyStore port, for SQLite and PostgreSQL alike.
// A transaction locks the pool's row first (FOR NO KEY UPDATE: other writers of the pool wait,
// while inserting rows that refer to the pool, which takes a key-share lock, does not
// deadlock against it), then the ledger's journal head if it posts: always in that order, so
// two writers cannot wait on each other.
import type { Kysely, Selectable, Transaction } from 'kysely';
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
import { findAnswer, findAnswers, loadAnswers, saveAnswer } from './economy-answers.ts';
import { inputRows, type MovingOn, writeMovingOn } from './economy-appends.ts';
import { INSERT_CHUNK_ROWS, loadCheckpoint, saveCheckpoint } from './economy-checkpoints.ts';
import {
  type Dialect,
  KyselyLedgerTransaction,
  selectWholePool,
  transactionRetrying,
} from './ledger-store.ts';
import { RequestSavepoints } from './request-savepoints.ts';

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
  readonly #ledger: KyselyLedgerTransaction;
  /** The requests' savepoints and the writes held until they are needed (decision 0076). */
  readonly #requests: RequestSavepoints;

  constructor(trx: Transaction<Database>, dialect: Dialect) {
    this.#trx = trx;
    this.#dialect = dialect;
    this.#ledger = new KyselyLedgerTransaction(trx, dialect);
    this.#requests = new RequestSavepoints(trx, dialect);
  }

  get ledger(): KyselyLedgerTransaction {
    // The ledger's statements do not wait for the held writes and cannot take the savepoint:
    // a request in a savepoint that reaches the ledger fails there (and runs again alone).
    if (this.#requests.holding) {
      throw new Error('the ledger is not reached from a savepoint not yet taken');
    }
    return this.#ledger;
  }

  /** Brings the database up to what the transaction has done before a statement runs: the
   *  store's proxy calls it before every method (`RequestSavepoints.ready`). */
  ready(): Promise<void> {
    return this.#requests.ready();
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
    const write: MovingOn = { poolId, firstSeq, inputs, moved, answer };
    // In a savepoint not yet taken, the write is held back (decision 0076): if the request
    // makes no other call, the savepoint is never needed, and the write goes with the others'.
    if (this.#requests.hold(write)) return;
    await this.ready();
    await writeMovingOn(this.#trx, this.#dialect, [write]);
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

  savepoint<T>(work: () => Promise<T>, keep: (value: T) => boolean): Promise<T> {
    return this.#requests.savepoint(work, keep);
  }

  loadLedger(poolId: PoolId): Promise<LedgerState> {
    return selectWholePool(this.#trx, poolId);
  }
}

/** Calls not to prepare with `ready`: those that take care of it themselves. */
const READY_ITSELF = new Set<string | symbol>(['appendMovingOn', 'savepoint', 'ready', 'ledger']);

/** `tx` with `ready` run before each of its methods, so no method can forget it. */
function readyFirst(tx: KyselyEconomyTransaction): EconomyTransaction {
  return new Proxy(tx, {
    get(target, name) {
      const value = Reflect.get(target, name, target) as unknown;
      if (typeof value !== 'function' || READY_ITSELF.has(name)) {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (...args: unknown[]) => {
        await target.ready();
        return (value as (...rest: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

export function createKyselyEconomyStore(db: Kysely<Database>, dialect: Dialect): EconomyStore {
  return {
    transaction<T>(work: (tx: EconomyTransaction) => Promise<T>): Promise<T> {
      return transactionRetrying(db, async (trx) => {
        const tx = new KyselyEconomyTransaction(trx, dialect);
        const value = await work(readyFirst(tx));
        await tx.ready(); // the writes still held
        return value;
      });
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
