// The embedded database: SQLite through better-sqlite3, durable settings, one writer.
// WAL with synchronous=FULL fsyncs every commit (a ledger must not lose acknowledged writes),
// foreign keys are on, and the data directory is locked against a second process.
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  type DialectAdapter,
  Kysely,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteStatement,
} from 'kysely';
import { acquireDataDirLock, type DataDirLock, LOCK_FILE_NAME } from './data-dir-lock.ts';
import type { Database } from './schema.ts';
import {
  BACKSTOP_AUTOCHECKPOINT_PAGES,
  type Checkpointer,
  startCheckpointer,
} from './sqlite-checkpointer.ts';
import { withRowsMadeInJs } from './sqlite-rows.ts';
import { asDamage, DamagedDatabaseError } from './storage-errors.ts';

export const SQLITE_FILE_NAME = 'peerconomy.sqlite';

export interface SqliteStore {
  readonly kind: 'sqlite';
  readonly db: Kysely<Database>;
  /** The file path, or `:memory:`. */
  readonly location: string;
  /** SQLite's own check of the file (`PRAGMA integrity_check`): null when it is sound. */
  checkIntegrity(): Promise<string | null>;
  close(): Promise<void>;
}

/** Runs `PRAGMA integrity_check` (and a first read) on an open connection. */
function integrityOf(connection: BetterSqlite3.Database, location: string): string | null {
  try {
    const rows = connection.pragma('integrity_check') as { integrity_check: string }[];
    const found = rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
    if (found.length === 0) return null;
    return `${location} is damaged: ${found.slice(0, 3).join('; ')}${found.length > 3 ? ` (and ${found.length - 3} more)` : ''}`;
  } catch (error) {
    const damage = asDamage(error, location);
    if (damage instanceof DamagedDatabaseError) return damage.message;
    throw error;
  }
}

function configure(connection: BetterSqlite3.Database): void {
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = FULL');
  connection.pragma('foreign_keys = ON');
  // A writer that finds the database busy waits instead of failing at once.
  connection.pragma('busy_timeout = 5000');
}

/**
 * SQLite's DDL is transactional, but Kysely's SQLite adapter says otherwise, and its migrator
 * then runs a migration outside a transaction: a kill between two of its statements left a
 * half-created schema that every later command tripped over. Saying so lets the migrator wrap
 * each migration in one transaction.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** Distinct statements kept prepared; the posting path uses a few dozen. */
const PREPARED_STATEMENTS_MAX = 256;

/**
 * Kysely prepares every query anew on SQLite; preparing costs about as much as running a small
 * statement. Keeping prepared statements by their SQL text (least recently used out first)
 * lets the same query run again without it. Kysely runs one query at a time on this
 * connection, so a cached statement is never in use twice at once.
 */
function withPreparedStatementCache(connection: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => connection.close(),
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached !== undefined) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = withRowsMadeInJs(connection.prepare(sql));
      cache.set(sql, statement);
      if (cache.size > PREPARED_STATEMENTS_MAX) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      return statement;
    },
  };
}

/** A data directory that cannot be used; its message is one line for the command line. */
export class DataDirError extends Error {
  override name = 'DataDirError';
  readonly code: 'storage.data_dir_not_a_directory' | 'storage.data_dir_read_only';
  constructor(code: DataDirError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/**
 * Creates `dataDir` if needed and checks that this process may write there: every command
 * takes the lock and may bring the schema up to date, and SQLite reads a WAL database through
 * files it writes, so a read-only directory is refused for reading commands too (decision 0025).
 */
function prepareDataDir(dataDir: string): void {
  const notADirectory = () =>
    new DataDirError(
      'storage.data_dir_not_a_directory',
      `data directory ${dataDir} is not a directory (a file is in the way)`,
    );
  const readOnly = (what: string) =>
    new DataDirError(
      'storage.data_dir_read_only',
      `data directory ${dataDir} is read-only (${what}); peerconomy writes its lock and database there even to read them: make it writable, or copy it somewhere writable`,
    );
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'EEXIST' || code === 'ENOTDIR') throw notADirectory();
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw readOnly('cannot create it');
    throw error;
  }
  if (!statSync(dataDir).isDirectory()) throw notADirectory();
  const files = [
    SQLITE_FILE_NAME,
    `${SQLITE_FILE_NAME}-wal`,
    `${SQLITE_FILE_NAME}-shm`,
    LOCK_FILE_NAME,
  ];
  for (const path of [dataDir, ...files.map((name) => join(dataDir, name))]) {
    if (path !== dataDir && !existsSync(path)) continue;
    try {
      accessSync(path, constants.W_OK);
    } catch {
      throw readOnly(path === dataDir ? 'no write permission' : `${path} is not writable`);
    }
  }
}

/**
 * Opens (and creates) the database in `dataDir`, holding the directory's lock until closed; or,
 * `besideServer`, opens the existing database a running server holds, without its lock and
 * refusing every write (`query_only`): WAL lets this reader see one snapshot per transaction
 * while the server writes.
 */
export function openSqliteStore(
  dataDir: string,
  options: { readonly besideServer?: boolean; readonly checkpointOffThread?: boolean } = {},
): SqliteStore {
  prepareDataDir(dataDir);
  const beside = options.besideServer === true;
  const lock: DataDirLock = beside ? { path: '', release: () => {} } : acquireDataDirLock(dataDir);
  try {
    const location = join(dataDir, SQLITE_FILE_NAME);
    const connection = new BetterSqlite3(location, { fileMustExist: beside });
    try {
      configure(connection);
      if (beside) connection.pragma('query_only = ON');
      else if (options.checkpointOffThread === true)
        connection.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
    } catch (error) {
      connection.close();
      throw asDamage(error, location);
    }
    const db = new Kysely<Database>({
      dialect: new TransactionalDdlSqliteDialect({
        database: withPreparedStatementCache(connection),
      }),
    });
    const checkpointer: Checkpointer | null =
      !beside && options.checkpointOffThread === true ? startCheckpointer(location) : null;
    return {
      kind: 'sqlite',
      db,
      location,
      checkIntegrity: async () => integrityOf(connection, location),
      async close() {
        await checkpointer?.stop();
        await db.destroy();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** A private in-memory database for tests; nothing is written to disk. */
export function openInMemorySqliteStore(): SqliteStore {
  const connection = new BetterSqlite3(':memory:');
  connection.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({
    dialect: new TransactionalDdlSqliteDialect({
      database: withPreparedStatementCache(connection),
    }),
  });
  return {
    kind: 'sqlite',
    db,
    location: ':memory:',
    checkIntegrity: async () => integrityOf(connection, ':memory:'),
    async close() {
      await db.destroy();
    },
  };
}
