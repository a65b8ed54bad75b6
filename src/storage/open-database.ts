// Opens the database the configuration names: PostgreSQL when a DATABASE_URL is given,
// otherwise the embedded SQLite database in the data directory. Callers get the Kysely handle
// and the ledger and economy stores behind the app's ports.

import type { Kysely } from 'kysely';
import type { EconomyStore } from '../app/ports/economy-store.ts';
import type { LedgerStore } from '../app/ports/ledger-store.ts';
import { openPostgresStore } from './postgres.ts';
import { createKyselyEconomyStore } from './repositories/economy-store.ts';
import { createKyselyLedgerStore, type Dialect } from './repositories/ledger-store.ts';
import type { Database } from './schema.ts';
import { openSqliteStore } from './sqlite.ts';

export interface StorageConfig {
  /** Where the embedded database lives (default `./data`). */
  readonly dataDir: string;
  /** A PostgreSQL connection string; when set, the data directory is not used. */
  readonly databaseUrl?: string;
  /**
   * Open the embedded database that a running server holds, only to read it: the directory's
   * lock stays with the server, and this connection writes nothing (`db backup` of a running
   * server). Not for PostgreSQL, which has no such lock.
   */
  readonly besideServer?: boolean;
  /**
   * Checkpoint the embedded database's write-ahead log on a worker thread, not in the commit
   * that finds it long (decision 0079): for a long-running server. Not for PostgreSQL.
   */
  readonly checkpointOffThread?: boolean;
}

export interface OpenedDatabase {
  readonly dialect: Dialect;
  /** Where the data is, for messages: a file path or host:port/database. */
  readonly location: string;
  readonly db: Kysely<Database>;
  readonly ledgerStore: LedgerStore;
  readonly economyStore: EconomyStore;
  /** The database file's own consistency check (SQLite); null when sound or not applicable. */
  checkIntegrity(): Promise<string | null>;
  /** Runs `work` on one consistent snapshot, read only: a backup taken during writes. */
  readSnapshot<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The ledger and economy stores on a handle; on a transaction, their work runs inside it. */
export function storesOn(db: Kysely<Database>, dialect: Dialect) {
  return {
    dialect,
    ledgerStore: createKyselyLedgerStore(db, dialect),
    economyStore: createKyselyEconomyStore(db, dialect),
  };
}

export function openDatabase(config: StorageConfig): OpenedDatabase {
  const store = config.databaseUrl
    ? openPostgresStore(config.databaseUrl)
    : openSqliteStore(config.dataDir, {
        besideServer: config.besideServer === true,
        checkpointOffThread: config.checkpointOffThread === true,
      });
  return {
    location: store.location,
    db: store.db,
    ...storesOn(store.db, store.kind),
    checkIntegrity: () => store.checkIntegrity(),
    readSnapshot: (work) =>
      store.kind === 'postgres'
        ? store.db
            .transaction()
            .setIsolationLevel('repeatable read')
            .setAccessMode('read only')
            .execute(work)
        : // SQLite in WAL mode: a transaction's reads all see the snapshot of its first read.
          store.db.transaction().execute(work),
    close: () => store.close(),
  };
}
