// The embedded database: SQLite through better-sqlite3, durable settings, one writer.
// WAL with synchronous=FULL fsyncs every commit (a ledger must not lose acknowledged writes),
// foreign keys are on, and the data directory is locked against a second process.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type SqliteDatabase, SqliteDialect, type SqliteStatement } from 'kysely';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import type { Database } from './schema.ts';

export const SQLITE_FILE_NAME = 'peerconomy.sqlite';

export interface SqliteStore {
  readonly kind: 'sqlite';
  readonly db: Kysely<Database>;
  /** The file path, or `:memory:`. */
  readonly location: string;
  close(): Promise<void>;
}

function configure(connection: BetterSqlite3.Database): void {
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = FULL');
  connection.pragma('foreign_keys = ON');
  // A writer that finds the database busy waits instead of failing at once.
  connection.pragma('busy_timeout = 5000');
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
      const statement = connection.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > PREPARED_STATEMENTS_MAX) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      return statement;
    },
  };
}

/** Opens (and creates) the database in `dataDir`, holding the directory's lock until closed. */
export function openSqliteStore(dataDir: string): SqliteStore {
  mkdirSync(dataDir, { recursive: true });
  const lock: DataDirLock = acquireDataDirLock(dataDir);
  try {
    const location = join(dataDir, SQLITE_FILE_NAME);
    const connection = new BetterSqlite3(location);
    configure(connection);
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withPreparedStatementCache(connection) }),
    });
    return {
      kind: 'sqlite',
      db,
      location,
      async close() {
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
    dialect: new SqliteDialect({ database: withPreparedStatementCache(connection) }),
  });
  return {
    kind: 'sqlite',
    db,
    location: ':memory:',
    async close() {
      await db.destroy();
    },
  };
}
