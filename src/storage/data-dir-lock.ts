// An exclusive lock on the data directory, so a second process cannot write to the same
// SQLite database behind the first one's back (a committed write could otherwise be lost to
// a process that holds stale pages). The lock is a file created with O_EXCL that holds the
// owner's pid; a lock whose process no longer exists is stale and is taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'peerconomy.lock';

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  readonly code = 'storage.data_dir_locked';
  readonly lockPath: string;
  readonly ownerPid: number;
  constructor(lockPath: string, ownerPid: number) {
    super(`data directory is in use by process ${ownerPid} (lock file ${lockPath})`);
    this.lockPath = lockPath;
    this.ownerPid = ownerPid;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwnerPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE_NAME);
  // Two attempts: the second one after removing a stale lock left by a crashed process.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          if (readOwnerPid(path) === process.pid) rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const ownerPid = readOwnerPid(path);
      if (ownerPid !== undefined && (ownerPid === process.pid || processIsAlive(ownerPid))) {
        throw new DataDirLockedError(path, ownerPid);
      }
      rmSync(path, { force: true });
    }
  }
  throw new DataDirLockedError(path, readOwnerPid(path) ?? -1);
}
