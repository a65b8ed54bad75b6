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
import type { Database } from '../schema.ts';
import {
  accountFromRow,
  accountToRow,
  journalEntryFromRow,
  journalEntryToRow,
  transferFromRow,
  transferToRow,
} from './ledger-rows.ts';

export type Dialect = 'sqlite' | 'postgres';

/** Rows per INSERT statement; keeps SQLite under its bound-parameter limit. */
const INSERT_CHUNK_ROWS = 500;
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
  table: T,
  poolId: PoolId,
  ids: Iterable<string>,
) {
  const rows = [];
  for (const chunk of chunks([...new Set(ids)].sort(), ID_CHUNK)) {
    rows.push(
      ...(await db
        .selectFrom(table as 'ledger_accounts' | 'ledger_transfers')
        .selectAll()
        .where('pool_id', '=', poolId)
        .where('id', 'in', chunk)
        .execute()),
    );
  }
  return rows as Database[T][];
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
  const select = () => {
    const query = trx
      .selectFrom('ledger_journal_heads')
      .select(['next_index', 'head_hash'])
      .where('pool_id', '=', poolId);
    return (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
  };
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

    for (const row of await selectByIds(
      this.#trx,
      'ledger_transfers',
      poolId,
      request.transferIds,
    )) {
      const record = transferFromRow(row);
      state.transfers.set(record.transfer.id, record);
    }
    const accountIds = new Set<string>(request.accountIds);
    for (const record of state.transfers.values()) {
      accountIds.add(record.transfer.debitAccountId);
      accountIds.add(record.transfer.creditAccountId);
    }
    for (const row of await selectByIds(this.#trx, 'ledger_accounts', poolId, accountIds)) {
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
   * Writes what changed with one statement per table and chunk (upserts keyed by pool and id),
   * not one statement per row: the round trips, not the rows, are what a transaction costs.
   */
  async saveSlice(slice: LedgerState, loaded: LedgerSnapshot): Promise<void> {
    const transferRows = [];
    for (const [id, record] of slice.transfers) {
      if (loaded.transferStates.get(id) !== transferStateKey(record)) {
        transferRows.push(transferToRow(record));
      }
    }
    for (const chunk of chunks(transferRows, INSERT_CHUNK_ROWS)) {
      await this.#trx
        .insertInto('ledger_transfers')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['pool_id', 'id']).doUpdateSet((eb) => ({
            state: eb.ref('excluded.state'),
            resolved_at_index: eb.ref('excluded.resolved_at_index'),
            reversed_by: eb.ref('excluded.reversed_by'),
          })),
        )
        .execute();
    }

    const accountRows = [];
    for (const [id, record] of slice.accounts) {
      if (loaded.accountStates.get(id) !== accountStateKey(record)) {
        accountRows.push(accountToRow(record));
      }
    }
    for (const chunk of chunks(accountRows, INSERT_CHUNK_ROWS)) {
      await this.#trx
        .insertInto('ledger_accounts')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['pool_id', 'id']).doUpdateSet((eb) => ({
            debits_posted: eb.ref('excluded.debits_posted'),
            credits_posted: eb.ref('excluded.credits_posted'),
            debits_pending: eb.ref('excluded.debits_pending'),
            credits_pending: eb.ref('excluded.credits_pending'),
            closed: eb.ref('excluded.closed'),
            bound_kind: eb.ref('excluded.bound_kind'),
            bound_allowance: eb.ref('excluded.bound_allowance'),
          })),
        )
        .execute();
    }

    for (const [poolId, journal] of slice.journals) {
      const alreadyStored = loaded.journalLengths.get(poolId) ?? 0;
      const appended: JournalEntry[] = journal.entries.slice(alreadyStored);
      if (appended.length === 0) continue;
      const entryChunks = chunks(appended.map(journalEntryToRow), INSERT_CHUNK_ROWS);
      // PostgreSQL takes the last chunk of entries and the head update as one statement (a
      // data-modifying WITH): one round trip less for every write. SQLite has no such WITH.
      const lastChunk = this.#dialect === 'postgres' ? entryChunks.pop() : undefined;
      for (const chunk of entryChunks) {
        await this.#trx.insertInto('ledger_journal').values(chunk).execute();
      }
      const head = { next_index: nextIndex(journal), head_hash: headHash(journal) };
      if (lastChunk === undefined) {
        await this.#trx
          .updateTable('ledger_journal_heads')
          .set(head)
          .where('pool_id', '=', poolId)
          .execute();
      } else {
        await this.#trx
          .with('appended', (db) => db.insertInto('ledger_journal').values(lastChunk))
          .updateTable('ledger_journal_heads')
          .set(head)
          .where('pool_id', '=', poolId)
          .execute();
      }
    }
  }
}

/** Runs `work` in one transaction, again from the start when PostgreSQL reports a serialisation
 *  failure or a deadlock (the whole transaction rolled back, so a retry is safe). */
export async function transactionRetrying<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS_MAX || !isRetryable(error)) throw error;
    }
  }
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
      return (await selectByIds(db, 'ledger_accounts', poolId, accountIds)).map(accountFromRow);
    },

    async loadWholePool(poolId: PoolId): Promise<LedgerState> {
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
    },
  };
}
