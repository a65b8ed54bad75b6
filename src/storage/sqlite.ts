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
  /** SQLite's own check of the file (`PRAGMA integrity_check`): null when it is sound. */
  checkIntegrity(): Promise<string | null>;
  close(): Promise<void>;
}

/** A database file SQLite cannot read: one line with a stable code instead of a stack trace. */
export class DamagedDatabaseError extends Error {
  override name = 'DamagedDatabaseError';
  readonly code = 'storage.database_damaged';
}

const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX']);

/** SQLite's error for a damaged file (not a database, malformed pages), as a coded error. */
export function asDamage(error: unknown, location: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && DAMAGE_CODES.has(code)) {
    return new DamagedDatabaseError(
      `${location} is damaged: ${(error as Error).message}; restore it from a backup`,
    );
  }
  return error;
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
    try {
      configure(connection);
    } catch (error) {
      connection.close();
      throw asDamage(error, location);
    }
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withPreparedStatementCache(connection) }),
    });
    return {
      kind: 'sqlite',
      db,
      location,
      checkIntegrity: async () => integrityOf(connection, location),
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
    checkIntegrity: async () => integrityOf(connection, ':memory:'),
    async close() {
      await db.destroy();
    },
  };
}
