// The parent side of the period-cycle crash tests: import a scenario through worker processes,
// SIGKILL each at a seeded point (after some steps, plus a few milliseconds, so the kill often
// lands inside a step's transaction, a settlement's posting included), then let a last worker
// finish the import and check the stored pool against the pure runner: the same journal head,
// every period report, every balance, a clean ledger verification, and closed periods that
// run again from the stored inputs to the same books. After each kill the pool's checkpoint
// is that of its last closed period, whole (the one before the close or the one after it).
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { readCheckpoint } from '../../src/app/economy/checkpoint-parts.ts';
import { createEconomyService } from '../../src/app/economy/economy-service.ts';
import { createLedgerService } from '../../src/app/ledger/ledger-service.ts';
import { textSha256 } from '../../src/app/sha256.ts';
import type { PoolId } from '../../src/core/ids.ts';
import { headHash } from '../../src/core/ledger/index.ts';
import { drawBelow, mulberry32 } from '../../src/core/random.ts';
import { canonicalJson, runScenario, scenarioReport } from '../../src/core/scenario/index.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { EXAMPLES, loadExample } from '../scenario/support.ts';
import type { CycleWorkerConfig } from './cycle-worker.ts';
import { superviseWorker } from './worker-process.ts';

const WORKER = './cycle-worker.ts';

export interface CycleRun {
  readonly pid: number;
  readonly killed: boolean;
  readonly steps: number;
  readonly head: string | undefined;
  readonly stderr: string;
}

/** Runs one worker; kills it `delayMs` after its `afterSteps`-th step line, if given. */
async function runWorker(
  config: CycleWorkerConfig,
  kill?: { readonly afterSteps: number; readonly delayMs: number },
): Promise<CycleRun> {
  let steps = 0;
  let head: string | undefined;
  const exit = await superviseWorker(WORKER, config, {
    holdStdin: false,
    onLine: (line, killNow) => {
      const [word, value] = line.split(' ');
      if (word === 'step') {
        steps += 1;
        if (kill && steps === kill.afterSteps) setTimeout(killNow, kill.delayMs);
      } else if (word === 'done') {
        head = value;
      }
    },
  });
  return { pid: exit.pid, killed: exit.killed, steps, head, stderr: exit.stderr };
}

export interface CycleCrashOptions {
  readonly seed: number;
  readonly kills: number;
  /** Kill only after a period's settling step, so the kill lands in or near its close. */
  readonly inCloses?: boolean;
  /** Checks after each kill (e.g. the stale SQLite lock). */
  readonly afterKill?: (run: CycleRun) => void | Promise<void>;
  readonly note: (message: string) => void;
}

/**
 * After a kill the pool's checkpoint is the one of its last closed period, whole: the one
 * before the close the kill cut off, or the one after it, never a torn one. Its text hashes to
 * its stored SHA-256, reads back as the state after that period, and ends the journal where
 * the period's stored head says.
 */
async function assertCheckpointWhole(
  target: { readonly dataDir?: string; readonly databaseUrl?: string },
  poolId: string,
): Promise<string> {
  const database = openDatabase({
    dataDir: target.dataDir ?? '',
    ...(target.databaseUrl ? { databaseUrl: target.databaseUrl } : {}),
  });
  try {
    await migrateToLatest(database.db as Kysely<unknown>);
    return await database.economyStore.transaction(async (tx) => {
      const pool = await tx.findPool(poolId);
      const checkpoint = await tx.loadCheckpoint(poolId);
      if (pool === undefined) {
        assert.equal(checkpoint, undefined);
        return 'no pool yet, no checkpoint';
      }
      const { period, stage } = pool.cycle;
      const closed = stage === 'closed' ? period : Math.max(0, period - 1);
      if (closed === 0) {
        assert.equal(checkpoint, undefined, 'a checkpoint before any close');
        return 'no period closed, no checkpoint';
      }
      assert.ok(checkpoint !== undefined, `no checkpoint after period ${closed}`);
      assert.equal(checkpoint.period, closed, 'the checkpoint is not the last close');
      assert.equal(textSha256(checkpoint.state), checkpoint.stateSha256, 'a torn checkpoint');
      const parsed = readCheckpoint(checkpoint);
      assert.ok(parsed.ok, 'the checkpoint does not read back');
      assert.ok(
        checkpoint.rotation.every((x) => x.period <= closed),
        'rotation records of a period not closed',
      );
      assert.equal(parsed.value.periodsRun, closed);
      const stored = await tx.findPeriod(poolId, closed);
      const journal = parsed.value.ledger.journals.get(poolId as PoolId);
      assert.ok(journal !== undefined);
      assert.equal(headHash(journal), stored?.journalHead, "the checkpoint is not the close's");
      return `checkpoint after period ${closed} whole (${stage} ${period})`;
    });
  } finally {
    await database.close();
  }
}

export async function cycleCrashScenario(
  target: { readonly dataDir?: string; readonly databaseUrl?: string },
  file: string,
  options: CycleCrashOptions,
): Promise<void> {
  const scenario = loadExample(file);
  const run = runScenario(scenario);
  assert.equal(run.stop, null);
  const totalSteps = scenario.periods.length * 6;
  const random = mulberry32(options.seed);
  const config: CycleWorkerConfig = { ...target, scenarioFile: resolve(EXAMPLES, file) };
  let killedRuns = 0;
  for (let attempt = 0; attempt < options.kills; attempt += 1) {
    // Somewhere in the remaining steps; a delay of 0–40 ms lands in or between transactions.
    const afterSteps = options.inCloses
      ? 6 * drawBelow(random, scenario.periods.length) + 5
      : 1 + drawBelow(random, totalSteps - 1);
    const delayMs = drawBelow(random, options.inCloses ? 150 : 40);
    const crashed = await runWorker(config, { afterSteps, delayMs });
    if (!crashed.killed) {
      assert.ok(crashed.head !== undefined, `worker failed: ${crashed.stderr}`);
      options.note(`run ${attempt + 1}: finished before the kill (${crashed.steps} steps)`);
      continue;
    }
    killedRuns += 1;
    options.note(`run ${attempt + 1}: killed ${delayMs} ms after step ${afterSteps}`);
    await options.afterKill?.(crashed);
    options.note(await assertCheckpointWhole(target, scenario.pool.id));
  }
  const last = await runWorker(config);
  assert.ok(last.head !== undefined, `the last worker did not finish: ${last.stderr}`);
  options.note(`${killedRuns} workers killed; the last one finished`);
  assert.equal(last.head, run.periods.at(-1)!.journalHead);

  const database = openDatabase({
    dataDir: target.dataDir ?? '',
    ...(target.databaseUrl ? { databaseUrl: target.databaseUrl } : {}),
  });
  try {
    await migrateToLatest(database.db as Kysely<unknown>);
    const economy = createEconomyService(database.economyStore);
    const ledger = createLedgerService(database.ledgerStore);
    const report = scenarioReport(run) as { periods: unknown[] };
    for (const [index, expected] of report.periods.entries()) {
      const stored = await economy.periodReport(scenario.pool.id, index + 1);
      assert.ok(stored.ok);
      assert.equal(canonicalJson(stored.value), canonicalJson(expected), `period ${index + 1}`);
    }
    for (const [accountId, expected] of run.periods.at(-1)!.closingBalances) {
      const balance = await ledger.balance(scenario.pool.id as PoolId, accountId);
      assert.equal(balance?.postedBalance, expected, `balance of ${accountId}`);
    }
    const books = (await ledger.verify()).find((v) => v.poolId === scenario.pool.id);
    assert.equal(books?.problem, undefined);
    const rerun = await economy.verifyPool(scenario.pool.id);
    assert.ok(rerun.ok);
    assert.equal(rerun.value.problem, null);
    assert.equal(rerun.value.closedPeriods, scenario.periods.length);
  } finally {
    await database.close();
  }
}
