// The two crash scenarios, shared by the SQLite and PostgreSQL tests: a burst of single
// transfers and a run of large linked batches, each killed several times at seeded points and
// then replayed to the end with the same ids.
import assert from 'node:assert/strict';
import { drawBelow, mulberry32 } from '../../src/core/random.ts';
import { checkStored, crashWorkload, runWorker, type WorkerRun } from './crash-harness.ts';

export interface CrashTarget {
  readonly dataDir?: string;
  readonly databaseUrl?: string;
}

export interface ScenarioOptions {
  readonly seed: number;
  readonly kills: number;
  /** Called after each kill, before anything opens the database again. */
  readonly afterKill?: (run: WorkerRun) => Promise<void> | void;
  readonly note?: (message: string) => void;
}

/**
 * `clients` clients of one process (1 unless given) post `operations` single transfers; with
 * several, the ledger service commits them in shared transactions (group commit, decision
 * 0019). After each kill: nothing acknowledged is lost, at most the calls in flight beyond the
 * acknowledged ones are stored (committed, killed before the answers went out), a single
 * client's stored transfers are a prefix of its requests, and the books verify. The last run
 * replays everything and must find exactly the stored transfers as duplicates.
 */
export async function burstScenario(
  target: CrashTarget,
  operations: number,
  options: ScenarioOptions & { readonly clients?: number },
): Promise<void> {
  const clients = options.clients ?? 1;
  const spec = { seed: options.seed, operations, batchSize: 1 };
  const workload = crashWorkload(spec);
  const order = workload.operations.map((op) => op.requests[0]?.id as string);
  const next = mulberry32(options.seed);
  const acked = new Set<string>();
  const step = Math.floor(operations / (options.kills + 1));
  let stored = 0;
  for (let kill = 0; kill < options.kills; kill += 1) {
    // At least one new transfer per run, so every kill lands further into the burst.
    const afterAcks = stored + 1 + drawBelow(next, step);
    const run = await runWorker({ ...target, workload: spec, clients }, { afterAcks });
    assert.ok(run.killed, `run ${kill} was not killed: ${run.stderr}`);
    for (const id of run.acked) acked.add(id);
    await options.afterKill?.(run);
    const state = await checkStored(target, workload, acked);
    if (clients === 1) {
      assert.deepEqual(state.ids, order.slice(0, state.ids.length), 'stored is a prefix');
    }
    assert.ok(state.ids.length >= run.acked.length, 'every acknowledged transfer is stored');
    assert.ok(
      state.ids.length <= run.acked.length + clients,
      `at most the calls in flight beyond the acknowledged ones: ${state.ids.length} stored, ${run.acked.length} acknowledged`,
    );
    options.note?.(
      `kill ${kill + 1}: after ack ${afterAcks}, ${run.acked.length} acknowledged, ${state.ids.length} stored`,
    );
    stored = state.ids.length;
  }
  const last = await runWorker({ ...target, workload: spec, clients }, undefined);
  assert.ok(last.finished, `the replay did not finish: ${last.stderr}`);
  assert.equal(last.duplicates, stored, 'the replay found exactly the stored transfers');
  for (const id of last.acked) acked.add(id);
  const state = await checkStored(target, workload, acked);
  // One client stores in request order; concurrent ones in the order their calls landed.
  if (clients === 1) assert.deepEqual(state.ids, order);
  else assert.deepEqual([...state.ids].sort(), [...order].sort());
}

/**
 * A client posts `batches` linked batches of `batchSize` transfers; each kill comes a seeded
 * delay after the worker began a batch not yet stored, so it lands before, inside or after that
 * batch's transaction. Every batch must be stored whole or not at all.
 */
export async function batchScenario(
  target: CrashTarget,
  batches: number,
  batchSize: number,
  maxDelayMs: number,
  options: ScenarioOptions,
): Promise<void> {
  const spec = { seed: options.seed, operations: batches, batchSize };
  const workload = crashWorkload(spec);
  const next = mulberry32(options.seed);
  const acked = new Set<string>();
  let storedBatches = 0;
  for (let kill = 0; kill < options.kills; kill += 1) {
    const victim = Math.min(storedBatches + drawBelow(next, 2), batches - 1);
    const delayMs = drawBelow(next, maxDelayMs);
    const run = await runWorker({ ...target, workload: spec }, { atBegin: `o${victim}`, delayMs });
    assert.ok(run.killed, `run ${kill} was not killed: ${run.stderr}`);
    for (const id of run.acked) acked.add(id);
    await options.afterKill?.(run);
    const state = await checkStored(target, workload, acked);
    const stored = new Set(state.ids);
    const whole = workload.operations.map((op) => {
      const present = op.requests.filter((r) => stored.has(r.id)).length;
      assert.ok(present === 0 || present === batchSize, `${op.name}: ${present}/${batchSize}`);
      return present === batchSize;
    });
    // One client, one batch at a time: the stored batches are the first ones.
    storedBatches = whole.filter(Boolean).length;
    assert.deepEqual(
      whole,
      workload.operations.map((_, index) => index < storedBatches),
    );
    options.note?.(
      `kill ${kill + 1}: ${delayMs} ms after beginning batch ${victim}; ` +
        `batch ${victim} ${whole[victim] ? 'stored whole' : 'absent'}; ${storedBatches} batches stored`,
    );
  }
  const last = await runWorker({ ...target, workload: spec }, undefined);
  assert.ok(last.finished, `the replay did not finish: ${last.stderr}`);
  assert.equal(last.duplicates, storedBatches * batchSize);
  for (const id of last.acked) acked.add(id);
  const state = await checkStored(target, workload, acked);
  assert.equal(state.ids.length, batches * batchSize);
}
