// Proves, on every supported database, that the pool's scenario the economy keeps between
// reads is always the scenario of the whole stored log: after inputs are given, withdrawn and
// replaced, after a period opens, and when another service (another server process) on the
// same database made the change.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import {
  createEconomyService,
  type EconomyService,
} from '../../src/app/economy/economy-service.ts';
import { importScenario } from '../../src/app/economy/import-scenario.ts';
import type { EconomyStore } from '../../src/app/ports/economy-store.ts';
import type { PeriodKind } from '../../src/core/cycle/inputs.ts';
import {
  assembleScenario,
  disassembleScenario,
  stagesTaking,
} from '../../src/core/cycle/inputs.ts';
import { canonicalJson } from '../../src/core/scenario/index.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { createKyselyEconomyStore } from '../../src/storage/repositories/economy-store.ts';
import type { Dialect } from '../../src/storage/repositories/ledger-store.ts';
import type { Database } from '../../src/storage/schema.ts';
import { loadExample } from '../scenario/support.ts';
import type { OpenedStore } from './conformance.case.ts';

const POOL = 'kept';

export function describeScenarioCache(
  name: string,
  dialect: Dialect,
  open: () => Promise<OpenedStore>,
): void {
  describe(`the pool's scenario kept between reads: ${name}`, () => {
    let opened: OpenedStore;
    let store: EconomyStore;
    let reader: EconomyService;
    let writer: EconomyService;

    before(async () => {
      opened = await open();
      const db: Kysely<Database> = opened.db;
      await migrateToLatest(db as Kysely<unknown>);
      store = createKyselyEconomyStore(db, dialect);
      reader = createEconomyService(store);
      writer = createEconomyService(store);
    });
    after(async () => {
      await opened.close();
    });

    /** The scenario of the whole log, assembled without any kept state. */
    const wholeLog = () =>
      store.transaction(async (tx) => {
        const pool = (await tx.findPool(POOL))!;
        return assembleScenario(pool.settings, await tx.loadInputs(POOL), pool.cycle.period);
      });
    async function assertKeptIsWhole(service: EconomyService, after: string) {
      const kept = await service.scenario(POOL);
      assert.ok(kept.ok);
      assert.equal(canonicalJson(kept.value), canonicalJson(await wholeLog()), after);
    }

    test('equals the whole log after every kind of change, by itself or by another', async () => {
      const example = loadExample('neighbourhood.yaml');
      const scenario = { ...example, pool: { ...example.pool, id: POOL } };
      assert.ok((await importScenario(writer, scenario, { periods: 2 })).ok);
      await assertKeptIsWhole(reader, 'imported');

      assert.ok((await writer.advance(POOL, 'plan-3', { period: 3, stage: 'planning' })).ok);
      await assertKeptIsWhole(reader, 'a period opened');
      const planning = disassembleScenario(scenario).inputs.filter(
        (input) => input.period === 3 && stagesTaking(input.kind as PeriodKind)[0] === 'planning',
      );
      assert.ok(planning.length >= 3);
      for (const [service, label] of [
        [reader, 'given by itself'],
        [writer, 'given by another'],
      ] as const) {
        const half = planning.splice(0, Math.ceil(planning.length / 2));
        const given = await service.submitInputs(POOL, `give-${label}`, half);
        assert.ok(given.ok, given.ok ? '' : given.error.detail);
        await assertKeptIsWhole(reader, label);
      }

      const period3 = await reader.periodInputs(POOL, 3);
      assert.ok(period3.ok && period3.value.length >= 3);
      const [first, second] = period3.value;
      assert.ok((await writer.withdrawInput(POOL, 'withdraw', first!.seq)).ok);
      await assertKeptIsWhole(reader, 'withdrawn by another');

      // Replaced by the same record: as many inputs as numbers since, one of them withdrawn.
      const replaced = await writer.replaceInputs(POOL, 'replace', [second!.seq], [second!]);
      assert.ok(replaced.ok, replaced.ok ? '' : replaced.error.detail);
      await assertKeptIsWhole(reader, 'replaced by another');

      assert.ok((await writer.advance(POOL, 'bid-3', { period: 3, stage: 'bidding' })).ok);
      await assertKeptIsWhole(reader, 'a stage stepped');
    });
  });
}
