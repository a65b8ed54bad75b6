// The write-ahead log's checkpoints of a long-running SQLite process, taken on a worker thread
// (decision 0079). SQLite copies the log into the database file at the commit that finds the
// log longer than its auto-checkpoint limit, in that commit's call: a period's close, which
// writes some 4,200 pages of a 1,000-member pool's by-account indexes and books, found the
// log longer than the default 1,000 pages at every commit and paid a checkpoint of its own
// pages, 20 ms at period 10 and 100 ms at period 260 (the same pages written over a database
// file 28 times as large). Here a second connection on a worker thread checkpoints the log
// (PASSIVE: it waits for no reader or writer) a few times a second, and the writing
// connection's own limit is raised to a backstop above what one close writes, reached only if
// the worker falls behind or stops. A checkpoint moves pages the log already holds durably; it
// changes nothing of what a commit guarantees.
import { Worker } from 'node:worker_threads';

/** The writing connection's auto-checkpoint limit while the worker checkpoints, in pages: above
 *  one close's pages (about 4,300 with 1,000 members), so the worker takes every checkpoint. */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 16_000;

/** How often the worker checkpoints; a checkpoint of a log already copied reads and does
 *  nothing. */
const INTERVAL_MS = 200;

// Runs as an eval'd worker, in whichever module scope Node gives it, so it imports nothing by
// name and reaches Node's modules through process.getBuiltinModule.
const WORKER_SOURCE = `
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
import(workerData.driver).then(({ default: Database }) => {
  const db = new Database(workerData.location, { fileMustExist: true });
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  const checkpoint = () => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or gone: the next turn tries again, the writer's own limit is the backstop.
    }
  };
  const timer = setInterval(checkpoint, workerData.intervalMs);
  parentPort.on('message', (message) => {
    if (message !== 'stop') return;
    clearInterval(timer);
    db.close();
    parentPort.close();
  });
  parentPort.postMessage('started');
});
`;

export interface Checkpointer {
  /** Stops the worker and closes its connection; resolves when the thread has ended. */
  stop(): Promise<void>;
}

/** Starts checkpointing the database at `location` on a worker thread. Its failures are the
 *  worker's own: the writing connection's backstop keeps the log bounded without it. */
export function startCheckpointer(location: string): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: import.meta.resolve('better-sqlite3'),
      location,
      intervalMs: INTERVAL_MS,
    },
  });
  // A process that forgets to close its store is not kept alive by the worker.
  worker.unref();
  worker.on('error', () => {});
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Held until it has ended: the store's close waits for it.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
