// Proves that SIGKILLing a client posting to SQLite (file, WAL, synchronous=FULL) loses no
// acknowledged transfer (also from concurrent clients sharing transactions), doubles none on
// replay, keeps linked batches whole, and leaves a data directory lock that the next process
// takes at once; and that an import through the period cycle,
// killed anywhere (a settlement's posting included), finishes with the pure runner's books.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { acquireDataDirLock } from '../../src/storage/data-dir-lock.ts';
import { assertStaleLockOf } from './crash-harness.ts';
import { batchScenario, burstScenario } from './crash-scenarios.ts';
import { cycleCrashScenario } from './cycle-crash.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'peerconomy-crash-'));
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('crash: SQLite (file, WAL, synchronous=FULL)', () => {
  test('a burst of single transfers, killed 3 times, then replayed', async (t) => {
    const dataDir = tempDir();
    await burstScenario({ dataDir }, 300, {
      seed: 11,
      kills: 3,
      afterKill: (run) => assertStaleLockOf(dataDir, run.pid),
      note: (message) => t.diagnostic(message),
    });
    acquireDataDirLock(dataDir).release(); // a clean exit released it
  });

  test('single transfers from 8 clients at once (group commit), killed 3 times, then replayed', async (t) => {
    const dataDir = tempDir();
    await burstScenario({ dataDir }, 400, {
      clients: 8,
      seed: 17,
      kills: 3,
      afterKill: (run) => assertStaleLockOf(dataDir, run.pid),
      note: (message) => t.diagnostic(message),
    });
  });

  test('large linked batches, killed 3 times around a batch, then replayed', async (t) => {
    const dataDir = tempDir();
    await batchScenario({ dataDir }, 4, 2_000, 300, {
      seed: 23,
      kills: 3,
      afterKill: (run) => assertStaleLockOf(dataDir, run.pid),
      note: (message) => t.diagnostic(message),
    });
  });

  test('killed in checkpointed closes: the old or the new checkpoint, never a torn one', async (t) => {
    const dataDir = tempDir();
    await cycleCrashScenario({ dataDir }, 'mechanism-forgiveness.yaml', {
      seed: 72,
      kills: 4,
      inCloses: true,
      afterKill: (run) => assertStaleLockOf(dataDir, run.pid),
      note: (message) => t.diagnostic(message),
    });
  });

  test('importing a scenario through the period cycle, killed 4 times, then finished', async (t) => {
    const dataDir = tempDir();
    await cycleCrashScenario({ dataDir }, 'reference-4.11-association.yaml', {
      seed: 71,
      kills: 4,
      afterKill: (run) => assertStaleLockOf(dataDir, run.pid),
      note: (message) => t.diagnostic(message),
    });
  });
});
