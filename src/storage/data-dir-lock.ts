// An exclusive lock on the data directory, so a second process cannot write to the same
// SQLite database behind the first one's back (a committed write could otherwise be lost to
// a process that holds stale pages). The lock is SQLite's own: an exclusive transaction held
// open on a small lock database next to the data. The operating system gives it up when its
// process ends, however it ends, so there is no stale lock to take over: of any number of
// processes, at most one gets it (decision 0025). Processes that start in the same instant can
// refuse each other for a moment on the way to the exclusive lock (one holds the reserved lock
// while another still holds the shared one); a short busy wait lets SQLite sort that out, so
// exactly one of them gets it (decision 0064).

import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/**
 * The lock database. It stays in the directory after release: deleting it would let a process
 * that opened the old file and one that creates a new one both hold "the" lock.
 */
export const LOCK_FILE_NAME = 'peerconomy-lock.sqlite';

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  readonly code = 'storage.data_dir_locked';
  readonly lockPath: string;
  constructor(lockPath: string) {
    super(`data directory is in use by another process (lock file ${lockPath})`);
    this.lockPath = lockPath;
  }
}

/**
 * How long a process waits for a held lock before it is refused. Long enough for processes
 * racing for a free lock to settle on one even on a loaded machine; a process refused because
 * another really holds the lock waits this long before it hears so.
 */
export const LOCK_WAIT_MS = 1000;

export function acquireDataDirLock(
  dataDir: string,
  options: { readonly waitMs?: number } = {},
): DataDirLock {
  const path = join(dataDir, LOCK_FILE_NAME);
  const connection = new BetterSqlite3(path, { timeout: options.waitMs ?? LOCK_WAIT_MS });
  try {
    connection.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    connection.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') throw new DataDirLockedError(path);
    throw error;
  }
  return {
    path,
    release() {
      if (connection.open) connection.close();
    },
  };
}
