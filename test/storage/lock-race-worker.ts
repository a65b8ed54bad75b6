// A process that races for data directory locks on command, for the lock race test. It reads
// commands from stdin, one a line, and answers each on stdout:
//   try <dir>        take the lock of <dir>: answers `held` or `locked`
//   release          releases every lock it holds: answers `released`
//   hold-and-die <dir> …   takes the lock of each <dir>, then SIGKILLs itself (stale locks)
import { createInterface } from 'node:readline';
import { acquireDataDirLock, type DataDirLock } from '../../src/storage/data-dir-lock.ts';

// Shorter than the default so the three refused racers of each trial answer sooner; long enough
// for racers that start in the same instant to settle on one holder (0 gave all-refused races).
const WAIT_MS = 150;

const held: DataDirLock[] = [];
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const [command, ...dirs] = line.trim().split(' ');
  if (command === 'try') {
    try {
      held.push(acquireDataDirLock(dirs[0]!, { waitMs: WAIT_MS }));
      process.stdout.write('held\n');
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      process.stdout.write(
        code === 'storage.data_dir_locked' ? 'locked\n' : `error ${String(error)}\n`,
      );
    }
  } else if (command === 'release') {
    for (const lock of held.splice(0)) lock.release();
    process.stdout.write('released\n');
  } else if (command === 'hold-and-die') {
    for (const dir of dirs) held.push(acquireDataDirLock(dir));
    process.kill(process.pid, 'SIGKILL');
  }
}
