// Proves, on every supported database, that a stored pool keeps the pure runner's state after
// each closed period as its checkpoint and that the cycle steps on from it (a changed
// checkpoint changes the next period's books), that `verifyPool` catches a checkpoint changed
// behind the service's back and the quick check catches what it starts from, that a pool stored without one gets it from `checkpointPools`, and
// that the open period's projection and a stored pool's `explain` are the pure runner's.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import {
  createEconomyService,
  type EconomyService,
} from '../../src/app/economy/economy-service.ts';
import { importScenario } from '../../src/app/economy/import-scenario.ts';
import { textSha256 } from '../../src/app/sha256.ts';
import {
  canonicalJson,
  explainPerson,
  marketReport,
  parseRunState,
  periodReport,
  RUN_STATE_VERSION,
  runScenario,
  type Scenario,
  serialiseRunState,
} from '../../src/core/scenario/index.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { createKyselyEconomyStore } from '../../src/storage/repositories/economy-store.ts';
import type { Dialect } from '../../src/storage/repositories/ledger-store.ts';
import type { Database } from '../../src/storage/schema.ts';
import { loadExample } from '../scenario/support.ts';
import type { OpenedStore } from './conformance.case.ts';

/** Four periods; its price factor moves in period 4 (a departed member's balance forgiven). */
const example = (poolId: string): Scenario => {
  const scenario = loadExample('mechanism-forgiveness.yaml');
  return { ...scenario, pool: { ...scenario.pool, id: poolId } };
};

export function describeCheckpoints(
  name: string,
  dialect: Dialect,
  open: () => Promise<OpenedStore>,
): void {
  describe(`checkpoints of stored pools: ${name}`, () => {
    let opened: OpenedStore;
    let db: Kysely<Database>;
    let economy: EconomyService;

    before(async () => {
      opened = await open();
      db = opened.db;
      await migrateToLatest(db as Kysely<unknown>);
      economy = createEconomyService(createKyselyEconomyStore(db, dialect));
    });
    after(async () => {
      await opened.close();
    });

    const checkpointRow = (poolId: string) =>
      db
        .selectFrom('economy_checkpoints')
        .selectAll()
        .where('pool_id', '=', poolId)
        .executeTakeFirst();
    const problemOf = async (poolId: string) => {
      const verified = await economy.verifyPool(poolId);
      assert.ok(verified.ok);
      return verified.value.problem;
    };

    test('each close keeps the pure run state after it, with its SHA-256', async () => {
      const scenario = example('cp-kept');
      const imported = await importScenario(economy, scenario, { periods: 2 });
      assert.ok(imported.ok, imported.ok ? '' : imported.error.detail);
      const row = await checkpointRow('cp-kept');
      assert.equal(row?.period, 2);
      assert.equal(row.state_sha256, textSha256(row.state_json));
      const parsed = parseRunState(row.state_json);
      assert.ok(parsed.ok);
      assert.equal(parsed.value.periodsRun, 2);
      const full = await importScenario(economy, scenario);
      assert.ok(full.ok, full.ok ? '' : full.error.detail);
      assert.equal((await checkpointRow('cp-kept'))?.period, scenario.periods.length);
      assert.equal(await problemOf('cp-kept'), null);
    });

    test('the next period steps on from the checkpoint, not from period 1', async () => {
      const scenario = example('cp-used');
      const run = runScenario(scenario);
      assert.ok((await importScenario(economy, scenario, { periods: 3 })).ok);
      const row = (await checkpointRow('cp-used'))!;
      // A price factor the inputs never gave, with a hash that matches it.
      const changed = parseRunState(row.state_json);
      assert.ok(changed.ok);
      (changed.value.carried as { factor: number }).factor = 777_777;
      const text = serialiseRunState(changed.value);
      await db
        .updateTable('economy_checkpoints')
        .set({ state_json: text, state_sha256: textSha256(text) })
        .where('pool_id', '=', 'cp-used')
        .execute();
      assert.ok((await importScenario(economy, scenario)).ok);
      const stored = await economy.periodReport('cp-used', 4);
      assert.ok(stored.ok);
      const expected = canonicalJson(periodReport(run.periods[3]!));
      assert.notEqual(canonicalJson(stored.value), expected);
      assert.equal((stored.value as { priceFactorPpm: number }).priceFactorPpm, 777_777);
      // The audit runs from period 1 and names the period whose report the checkpoint bent.
      assert.match((await problemOf('cp-used')) ?? '', /period 4/);
    });

    test('a checkpoint changed behind the service is caught by verifyPool', async () => {
      const scenario = example('cp-tampered');
      assert.ok((await importScenario(economy, scenario)).ok);
      const row = (await checkpointRow('cp-tampered'))!;
      const bent = row.state_json.replace('"periodsRun":4', '"periodsRun":5');
      assert.notEqual(bent, row.state_json);
      const set = (state_json: string, state_sha256: string) =>
        db
          .updateTable('economy_checkpoints')
          .set({ state_json, state_sha256 })
          .where('pool_id', '=', 'cp-tampered')
          .execute();
      await set(bent, row.state_sha256);
      assert.equal(await problemOf('cp-tampered'), 'checkpoint after period 4: hash differs');
      await set(bent, textSha256(bent));
      assert.equal(
        await problemOf('cp-tampered'),
        'checkpoint after period 4: state differs from the run',
      );
      await set(row.state_json, row.state_sha256);
      assert.equal(await problemOf('cp-tampered'), null);
    });

    test('the quick check starts from the checkpoint: its hash, the books it leaves, the open clearing', async () => {
      const scenario = example('cp-quick');
      assert.ok((await importScenario(economy, scenario, { periods: 3 })).ok);
      const quick = async () => {
        const verified = await economy.verifyPoolQuick('cp-quick');
        assert.ok(verified.ok);
        return verified.value;
      };
      assert.deepEqual(
        { ...(await quick()), inputs: 0 },
        { poolId: 'cp-quick', closedPeriods: 3, inputs: 0, problem: null, fromCheckpoint: 3 },
      );
      const row = (await checkpointRow('cp-quick'))!;
      const set = (state_json: string, state_sha256: string) =>
        db
          .updateTable('economy_checkpoints')
          .set({ state_json, state_sha256 })
          .where('pool_id', '=', 'cp-quick')
          .execute();
      const bent = parseRunState(row.state_json);
      assert.ok(bent.ok);
      (bent.value.carried as { factor: number }).factor = 777_777;
      const text = serialiseRunState(bent.value);
      await set(text, row.state_sha256);
      assert.equal((await quick()).problem, 'checkpoint after period 3: hash differs');
      // Rehashed, a changed price factor leaves the books as they are: only the whole check,
      // which runs every period from the first, finds it.
      await set(text, textSha256(text));
      assert.equal((await quick()).problem, null);
      assert.equal(
        await problemOf('cp-quick'),
        'checkpoint after period 3: state differs from the run',
      );
      // Account totals the stored books do not have are found from the checkpoint.
      const totals = parseRunState(row.state_json);
      assert.ok(totals.ok);
      const [first] = [...totals.value.ledger.accounts.values()].filter((r) => r.creditsPosted > 0);
      first!.creditsPosted += 1;
      const moved = serialiseRunState(totals.value);
      await set(moved, textSha256(moved));
      assert.match(
        (await quick()).problem ?? '',
        /its stored totals are not the checkpoint after period 3's/,
      );
      await set(row.state_json, row.state_sha256);
      // The open period: a stored clearing that is not its market's.
      assert.ok((await economy.advance('cp-quick', 'q1', { period: 4, stage: 'planning' })).ok);
      const tasks = scenario.periods[3]!.tasks.map((record) => ({
        kind: 'tasks' as const,
        period: 4,
        record,
      }));
      if (tasks.length > 0) assert.ok((await economy.submitInputs('cp-quick', 'q2', tasks)).ok);
      assert.ok((await economy.advance('cp-quick', 'q3', { period: 4, stage: 'bidding' })).ok);
      assert.ok((await economy.advance('cp-quick', 'q4', { period: 4, stage: 'cleared' })).ok);
      assert.equal((await quick()).problem, null);
      await db
        .updateTable('economy_periods')
        .set({ clearing_json: '{"clearings":[],"tasks":[],"escalation":[],"noShows":[]}' })
        .where('pool_id', '=', 'cp-quick')
        .where('period', '=', 4)
        .execute();
      const clearing = (await quick()).problem;
      assert.equal(
        clearing,
        tasks.length > 0 ? "period 4: the stored clearing differs from its market's" : null,
      );
    });

    test('a pool stored without a checkpoint gets one, and its cycle goes on', async () => {
      const scenario = example('cp-missing');
      assert.ok((await importScenario(economy, scenario, { periods: 2 })).ok);
      const kept = (await checkpointRow('cp-missing'))!;
      await db.deleteFrom('economy_checkpoints').where('pool_id', '=', 'cp-missing').execute();
      assert.ok((await economy.checkpointPools()).includes('cp-missing'));
      assert.equal((await checkpointRow('cp-missing'))?.state_json, kept.state_json);
      assert.deepEqual(await economy.checkpointPools(), []);
      // One of an older state version is not read: `db migrate` makes it again.
      const older = kept.state_json.replace(`"version":${RUN_STATE_VERSION}`, '"version":1');
      assert.notEqual(older, kept.state_json);
      await db
        .updateTable('economy_checkpoints')
        .set({ state_json: older, state_sha256: textSha256(older) })
        .where('pool_id', '=', 'cp-missing')
        .execute();
      assert.ok((await economy.checkpointPools()).includes('cp-missing'));
      assert.equal((await checkpointRow('cp-missing'))?.state_json, kept.state_json);
      // Without one at all, the open period runs from period 1 and closes as before.
      await db.deleteFrom('economy_checkpoints').where('pool_id', '=', 'cp-missing').execute();
      assert.ok((await importScenario(economy, scenario)).ok);
      assert.equal((await checkpointRow('cp-missing'))?.period, 4);
      assert.equal(await problemOf('cp-missing'), null);
    });

    test('the open period as it stands is the pure run of it, cached by input number', async () => {
      const scenario = example('cp-open');
      const run = runScenario(scenario);
      // Period 4 left running, its work recorded: what members would see before it settles.
      const stopAt = new Error('left running');
      const imported = importScenario(economy, scenario, {
        onStep: ({ period, stage }) => {
          if (period === 4 && stage === 'running') throw stopAt;
        },
      });
      await assert.rejects(imported, stopAt);
      const pure = run.periods[3]!;
      const projected = await economy.projection('cp-open', 'ana');
      assert.ok(projected.ok, projected.ok ? '' : projected.error.detail);
      const p = projected.value;
      assert.equal(p.period, 4);
      assert.equal(p.stage, 'running');
      assert.equal(p.stop, null);
      assert.equal(p.priceFactorPpm, pure.priceFactorPpm);
      assert.equal(p.nextPriceFactorPpm, pure.settlement.nextPriceFactorPpm);
      assert.equal(canonicalJson(p.clearing), canonicalJson(marketReport(pure.market)));
      const ana = explainPerson(run, 4, 'ana');
      assert.ok(ana.ok);
      assert.deepEqual(p.person, ana.value);
      // The same input number answers from the cache: a checkpoint changed since is not read.
      await db
        .updateTable('economy_checkpoints')
        .set({ state_json: 'not read' })
        .where('pool_id', '=', 'cp-open')
        .execute();
      const again = await economy.projection('cp-open');
      assert.ok(again.ok);
      assert.equal(again.value.nextPriceFactorPpm, p.nextPriceFactorPpm);
      assert.equal(again.value.inputSeq, p.inputSeq);
      const unknown = await economy.projection('cp-open', 'nobody');
      assert.equal(unknown.ok ? '' : unknown.error.code, 'economy.unknown_person');
    });

    test('explain on a stored pool gives the pure run of a closed period and of the open one', async () => {
      const scenario = example('cp-explain');
      const run = runScenario(scenario);
      assert.ok((await importScenario(economy, scenario, { periods: 3 })).ok);
      for (const period of [1, 3]) {
        const stored = await economy.explain('cp-explain', period, 'ben');
        assert.ok(stored.ok, stored.ok ? '' : stored.error.detail);
        const pure = explainPerson(run, period, 'ben');
        assert.ok(pure.ok);
        assert.deepEqual(stored.value, pure.value, `period ${period}`);
      }
      const later = await economy.explain('cp-explain', 4, 'ben');
      assert.equal(later.ok ? '' : later.error.code, 'economy.wrong_period');
    });
  });
}
