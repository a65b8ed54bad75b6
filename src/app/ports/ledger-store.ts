// What the ledger use cases need from a database (a port, implemented in src/storage). A use
// case runs inside one transaction: it loads the slice of the ledger a command touches, lets the
// core decide, and saves what the core changed. Nothing is written when the core refuses.
import type { AccountId, PoolId, TransferId } from '../../core/ids.ts';
import type { Account, AccountRecord, LedgerState } from '../../core/ledger/index.ts';

/** The part of one pool's ledger a command needs. */
export interface LedgerSliceRequest {
  readonly poolId: PoolId;
  readonly accountIds: readonly AccountId[];
  readonly transferIds: readonly TransferId[];
}

export interface LedgerTransaction {
  /**
   * Loads the named accounts and transfers of the pool (those that exist) and the head of the
   * pool's journal, locking what a concurrent writer of the same pool would change.
   */
  loadSlice(request: LedgerSliceRequest): Promise<LedgerState>;
  /** Locks the pool's journal head (as `loadSlice` does) and says where the journal ends. */
  lockJournal(poolId: PoolId): Promise<{ readonly nextIndex: number; readonly headHash: string }>;
  /** Writes what the core changed in a loaded slice: new entries, transfers and totals. */
  saveSlice(slice: LedgerState, loaded: LedgerSnapshot): Promise<void>;
  /** Stores newly opened accounts (their ids were checked against `loadSlice`). */
  insertAccounts(accounts: readonly Account[]): Promise<void>;
}

/** What a slice held when it was loaded, so only changes are written back. */
export interface LedgerSnapshot {
  readonly accountStates: ReadonlyMap<AccountId, string>;
  readonly transferStates: ReadonlyMap<TransferId, string>;
  readonly journalLengths: ReadonlyMap<PoolId, number>;
}

export interface LedgerStore {
  /** Runs `work` in one transaction, retrying it when the database reports a serialisation conflict. */
  transaction<T>(work: (tx: LedgerTransaction) => Promise<T>): Promise<T>;
  /** Every pool that has accounts. */
  listPools(): Promise<PoolId[]>;
  /** The named accounts of a pool with their running totals, read without taking the pool's lock. */
  readAccounts(poolId: PoolId, accountIds: readonly AccountId[]): Promise<AccountRecord[]>;
  /** A whole pool's ledger (all accounts, transfers and the whole journal), for verification. */
  loadWholePool(poolId: PoolId): Promise<LedgerState>;
}
