// The ledger's tables behind the app's LedgerStore port, for SQLite and PostgreSQL alike.
// Every write transaction first locks its pool's journal head row, so the appends to one
// pool's journal are serialised (the hash chain needs that) while pools write in parallel; it
// is the only lock taken, so writers cannot deadlock. SQLite has one writer anyway.
import type { Kysely, Transaction } from 'kysely';
import { accountStateKey, transferStateKey } from '../../app/ledger/snapshot.ts';
import type {
  LedgerSliceRequest,
  LedgerSnapshot,
  LedgerStore,
  LedgerTransaction,
} from '../../app/ports/ledger-store.ts';
import type { AccountId, PoolId } from '../../core/ids.ts';
import {
  type Account,
  createLedger,
  GENESIS_HASH,
  headHash,
  type JournalEntry,
  journalFromHead,
  type LedgerState,
  nextIndex,
} from '../../core/ledger/index.ts';
import type { Database, LedgerAccountsTable, LedgerTransfersTable } from '../schema.ts';
import {
  accountFromRow,
  accountToRow,
  journalEntryFromRow,
  journalEntryToRow,
  transferFromRow,
  transferToRow,
} from './ledger-rows.ts';
import {
  asOneStatement,
  compiled,
  insertJournalEntries,
  insertTransfers,
  type Statement,
  selectJournalHead,
  selectRowsByIds,
  selectSliceRows,
  updateAccounts,
  updateJournalHead,
  updateTransfers,
  upsertAccounts,
} from './ledger-statements.ts';

export type Dialect = 'sqlite' | 'postgres';

/** Rows per INSERT statement; keeps SQLite under its bound-parameter limit. */
const INSERT_CHUNK_ROWS = 500;
/** Rows per write on PostgreSQL, where a write sends one array per column (any length). */
const POSTGRES_CHUNK_ROWS = 20_000;
/** The most values (array elements counted one by one) one PostgreSQL statement carries here. */
const STATEMENT_VALUES_MAX = 400_000;
/** Ids per IN (…) list. */
const ID_CHUNK = 500;
/** Attempts of a transaction that hit a serialisation failure or deadlock (PostgreSQL). */
const TRANSACTION_ATTEMPTS_MAX = 5;
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    result.push(items.slice(start, start + size));
  return result;
}

/** The named rows of one pool's table, read in chunks of ids (each id once, in order). */
async function selectByIds<T extends 'ledger_accounts' | 'ledger_transfers'>(
  db: Kysely<Database>,
  dialect: Dialect,
  table: T,
  poolId: PoolId,
  ids: Iterable<string>,
): Promise<Database[T][]> {
  const rows: Database[T][] = [];
  for (const chunk of chunks([...new Set(ids)].sort(), ID_CHUNK)) {
    if (chunk.length === 0) continue;
    const result = await db.executeQuery<Database[T]>(
      compiled(dialect, selectRowsByIds(table, poolId, chunk)),
    );
    rows.push(...result.rows);
  }
  return rows;
}

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code);
}

async function lockJournalHead(
  trx: Transaction<Database>,
  dialect: Dialect,
  poolId: PoolId,
): Promise<{ nextIndex: number; headHash: string }> {
  const select = async () =>
    (
      await trx.executeQuery<{ next_index: number; head_hash: string }>(
        compiled(dialect, selectJournalHead(dialect, poolId)),
      )
    ).rows[0];
  // The row exists after a pool's first write, so the common case is one round trip.
  let head = await select();
  if (head === undefined) {
    await trx
      .insertInto('ledger_journal_heads')
      .values({ pool_id: poolId, next_index: 0, head_hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('pool_id').doNothing())
      .execute();
    head = await select();
  }
  if (head === undefined) throw new Error(`journal head of pool ${poolId} could not be created`);
  return { nextIndex: head.next_index, headHash: head.head_hash };
}

interface SliceRows {
  readonly transferRows: LedgerTransfersTable[];
  readonly accountRows: LedgerAccountsTable[];
}

/** The named transfers, then the named accounts and those the transfers move (two reads). */
async function readSliceRows(
  trx: Transaction<Database>,
  request: LedgerSliceRequest,
): Promise<SliceRows> {
  const transferRows = await selectByIds(
    trx,
    'sqlite',
    'ledger_transfers',
    request.poolId,
    request.transferIds,
  );
  const accountIds = new Set<string>(request.accountIds);
  for (const row of transferRows) {
    accountIds.add(row.debit_account_id);
    accountIds.add(row.credit_account_id);
  }
  const accountRows = await selectByIds(
    trx,
    'sqlite',
    'ledger_accounts',
    request.poolId,
    accountIds,
  );
  return { transferRows, accountRows };
}

/**
 * The same rows as `readSliceRows` in one round trip (PostgreSQL; `selectSliceRows`). It runs
 * after the head lock, as its own statement, so its snapshot sees everything the previous
 * holder of the lock committed.
 */
async function readSliceRowsInOneStatement(
  trx: Transaction<Database>,
  request: LedgerSliceRequest,
): Promise<SliceRows> {
  const transferIds = [...new Set<string>(request.transferIds)];
  const accountIds = [...new Set<string>(request.accountIds)];
  type SliceRow = LedgerAccountsTable & { source: 't' | 'a'; transfer: LedgerTransfersTable };
  const { rows } = await trx.executeQuery<SliceRow>(
    compiled('postgres', selectSliceRows(request.poolId, accountIds, transferIds)),
  );
  const transferRows: LedgerTransfersTable[] = [];
  const accountRows: LedgerAccountsTable[] = [];
  for (const row of rows) {
    if (row.source === 't') transferRows.push(row.transfer);
    else accountRows.push(row);
  }
  return { transferRows, accountRows };
}

/** The records a slice holds that were not loaded (new), and the loaded ones it changed. */
function notStoredAndChanged<K, R>(
  records: ReadonlyMap<K, R>,
  loadedStates: ReadonlyMap<K, string>,
  stateKey: (record: R) => string,
): { notStored: R[]; changed: R[] } {
  const notStored: R[] = [];
  const changed: R[] = [];
  for (const [id, record] of records) {
    const before = loadedStates.get(id);
    if (before === undefined) notStored.push(record);
    else if (before !== stateKey(record)) changed.push(record);
  }
  return { notStored, changed };
}

export class KyselyLedgerTransaction implements LedgerTransaction {
  readonly #trx: Transaction<Database>;
  readonly #dialect: Dialect;
  readonly #lockedPools = new Map<PoolId, { nextIndex: number; headHash: string }>();

  constructor(trx: Transaction<Database>, dialect: Dialect) {
    this.#trx = trx;
    this.#dialect = dialect;
  }

  async #head(poolId: PoolId) {
    let head = this.#lockedPools.get(poolId);
    if (head === undefined) {
      head = await lockJournalHead(this.#trx, this.#dialect, poolId);
      this.#lockedPools.set(poolId, head);
    }
    return head;
  }

  lockJournal(poolId: PoolId): Promise<{ nextIndex: number; headHash: string }> {
    return this.#head(poolId);
  }

  async loadSlice(request: LedgerSliceRequest): Promise<LedgerState> {
    const { poolId } = request;
    const head = await this.#head(poolId);
    const state = createLedger();
    state.journals.set(
      poolId,
      journalFromHead(poolId, { index: head.nextIndex, previousHash: head.headHash }),
    );
    const { transferRows, accountRows } =
      this.#dialect === 'postgres'
        ? await readSliceRowsInOneStatement(this.#trx, request)
        : await readSliceRows(this.#trx, request);
    for (const row of transferRows) {
      const record = transferFromRow(row);
      state.transfers.set(record.transfer.id, record);
    }
    for (const row of accountRows) {
      const record = accountFromRow(row);
      state.accounts.set(record.account.id, record);
    }
    return state;
  }

  async insertAccounts(accounts: readonly Account[]): Promise<void> {
    const rows = accounts.map((account) =>
      accountToRow({
        account,
        debitsPosted: 0,
        creditsPosted: 0,
        debitsPending: 0,
        creditsPending: 0,
      }),
    );
    for (const chunk of chunks(rows, INSERT_CHUNK_ROWS)) {
      await this.#trx.insertInto('ledger_accounts').values(chunk).execute();
    }
  }

  /**
   * Writes what changed with one statement per table, kind of change and chunk, not one
   * statement per row: the round trips, not the rows, are what a transaction costs. Rows the
   * slice loaded are updated, new transfers inserted; accounts opened in the transaction
   * (`insertAccounts`) are upserted. On PostgreSQL the statements go to the server as one
   * (data-modifying WITH) when their parameters fit, so a write of any size up to a chunk per
   * table is one round trip.
   */
  async saveSlice(slice: LedgerState, loaded: LedgerSnapshot): Promise<void> {
    const writes: Statement[] = [];
    const chunkRows = this.#dialect === 'sqlite' ? INSERT_CHUNK_ROWS : POSTGRES_CHUNK_ROWS;
    const add = <T>(rows: readonly T[], statement: (chunk: T[]) => Statement) => {
      for (const chunk of chunks(rows, chunkRows)) writes.push(statement(chunk));
    };
    const transfers = notStoredAndChanged(slice.transfers, loaded.transferStates, transferStateKey);
    add(transfers.notStored.map(transferToRow), (chunk) => insertTransfers(this.#dialect, chunk));
    add(transfers.changed.map(transferToRow), (chunk) => updateTransfers(this.#dialect, chunk));
    const accounts = notStoredAndChanged(slice.accounts, loaded.accountStates, accountStateKey);
    add(accounts.notStored.map(accountToRow), (chunk) => upsertAccounts(this.#dialect, chunk));
    add(accounts.changed.map(accountToRow), (chunk) => updateAccounts(this.#dialect, chunk));
    for (const [poolId, journal] of slice.journals) {
      const alreadyStored = loaded.journalLengths.get(poolId) ?? 0;
      const appended: JournalEntry[] = journal.entries.slice(alreadyStored);
      if (appended.length === 0) continue;
      add(appended.map(journalEntryToRow), (chunk) => insertJournalEntries(this.#dialect, chunk));
      writes.push(updateJournalHead(poolId, nextIndex(journal), headHash(journal)));
    }
    await this.#execute(writes);
  }

  /** Runs the writes in order; on PostgreSQL in as few statements as their size allows. */
  async #execute(writes: readonly Statement[]): Promise<void> {
    if (this.#dialect === 'sqlite') {
      for (const write of writes) await this.#trx.executeQuery(compiled('sqlite', write));
      return;
    }
    let group: Statement[] = [];
    let groupValues = 0;
    const flush = async () => {
      if (group.length === 0) return;
      await this.#trx.executeQuery(compiled('postgres', asOneStatement(group)));
      group = [];
      groupValues = 0;
    };
    for (const write of writes) {
      const values = valuesOf(write);
      if (groupValues + values > STATEMENT_VALUES_MAX) await flush();
      group.push(write);
      groupValues += values;
    }
    await flush();
  }
}

function valuesOf(statement: Statement): number {
  let values = 0;
  for (const parameter of statement.parameters) {
    values += Array.isArray(parameter) ? parameter.length : 1;
  }
  return values;
}

/** Runs `work` in one transaction, again from the start when PostgreSQL reports a serialisation
 *  failure or a deadlock (the whole transaction rolled back, so a retry is safe). A store made
 *  on a transaction (a restore verifying what it wrote before it commits) runs `work` inside
 *  that transaction; its owner decides about commit and retry. */
export async function transactionRetrying<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS_MAX || !isRetryable(error)) throw error;
      retries += 1;
    }
  }
}

let retries = 0;

/** Transactions this process ran again after a serialisation failure or deadlock (for the
 *  reliability figures). */
export const transactionRetries = (): number => retries;

/** A whole pool's ledger (accounts, transfers, journal) as `db` (a transaction or not) sees it. */
export async function selectWholePool(
  db: Kysely<Database> | Transaction<Database>,
  poolId: PoolId,
): Promise<LedgerState> {
  const state = createLedger();
  const accounts = await db
    .selectFrom('ledger_accounts')
    .selectAll()
    .where('pool_id', '=', poolId)
    .orderBy('id')
    .execute();
  for (const row of accounts) {
    const record = accountFromRow(row);
    state.accounts.set(record.account.id, record);
  }
  const transfers = await db
    .selectFrom('ledger_transfers')
    .selectAll()
    .where('pool_id', '=', poolId)
    .execute();
  for (const row of transfers) {
    const record = transferFromRow(row);
    state.transfers.set(record.transfer.id, record);
  }
  const entries = await db
    .selectFrom('ledger_journal')
    .selectAll()
    .where('pool_id', '=', poolId)
    .orderBy('entry_index')
    .execute();
  if (entries.length > 0 || transfers.length > 0) {
    state.journals.set(poolId, {
      poolId,
      entries: entries.map((row) => journalEntryFromRow(row, state.transfers)),
    });
  }
  return state;
}

export function createKyselyLedgerStore(db: Kysely<Database>, dialect: Dialect): LedgerStore {
  return {
    transaction<T>(work: (tx: LedgerTransaction) => Promise<T>): Promise<T> {
      return transactionRetrying(db, (trx) => work(new KyselyLedgerTransaction(trx, dialect)));
    },

    async listPools(): Promise<PoolId[]> {
      const rows = await db
        .selectFrom('ledger_accounts')
        .select('pool_id')
        .distinct()
        .orderBy('pool_id')
        .execute();
      return rows.map((row) => row.pool_id as PoolId);
    },

    async readAccounts(poolId: PoolId, accountIds: readonly AccountId[]) {
      return (await selectByIds(db, dialect, 'ledger_accounts', poolId, accountIds)).map(
        accountFromRow,
      );
    },

    loadWholePool: (poolId: PoolId) => selectWholePool(db, poolId),
  };
}
