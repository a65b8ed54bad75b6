// The storage errors a command turns into one coded line: a damaged SQLite file and a
// PostgreSQL server that is gone. Kept apart from the drivers so that the command line can
// map errors without loading them (decision 0031).

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

/** PostgreSQL's and the network's ways of saying the server is gone or not reachable. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03']);
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
]);
const UNAVAILABLE_MESSAGES = /^(Connection terminated|Client has encountered a connection error)/;

/** The server went away or cannot be reached: one coded line instead of a stack trace. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  readonly code = 'storage.database_unavailable';
}

export function asUnavailable(error: unknown): unknown {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const gone =
    (typeof code === 'string' &&
      (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code) || code.startsWith('08'))) ||
    (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message));
  if (!gone) return error;
  const reason = String(message).split('\n')[0] || String(code);
  return new DatabaseUnavailableError(
    `the database server is unavailable (${reason}); nothing half-done was committed, run the command again once it is back`,
  );
}
