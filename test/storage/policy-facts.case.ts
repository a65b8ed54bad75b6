// Proves, on every supported database, that the facts the policies read for a write over HTTP
// (maintainers, confirmers, the open period's tasks, residences, pre-orders' owners), loaded
// from the standing inputs, the open period's and the earlier residencies and pre-orders only,
// equal the facts of the pool's whole scenario: at the start, midway and at the end of examples
// that move persons between associations and pre-order goods, with the open period's planning
// inputs given.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import {
  createEconomyService,
  type EconomyService,
} from '../../src/app/economy/economy-service.ts';
import { importScenario } from '../../src/app/economy/import-scenario.ts';
import { poolFactsOf } from '../../src/app/policies/pool-facts.ts';
import { createPoolActions } from '../../src/app/pools/pool-actions.ts';
import type { PeriodKind } from '../../src/core/cycle/inputs.ts';
import { disassembleScenario, stagesTaking } from '../../src/core/cycle/inputs.ts';
import type { Scenario } from '../../src/core/scenario/index.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { createKyselyAuthStore } from '../../src/storage/repositories/auth-store.ts';
import { createKyselyEconomyStore } from '../../src/storage/repositories/economy-store.ts';
import type { Dialect } from '../../src/storage/repositories/ledger-store.ts';
import type { Database } from '../../src/storage/schema.ts';
import { loadExample } from '../scenario/support.ts';
import type { OpenedStore } from './conformance.case.ts';

const EXAMPLES = ['neighbourhood.yaml', 'mechanism-subscriptions-pre-orders.yaml'];

export function describePolicyFacts(
  name: string,
  dialect: Dialect,
  open: () => Promise<OpenedStore>,
): void {
  describe(`policy facts of stored pools: ${name}`, () => {
    let opened: OpenedStore;
    let economy: EconomyService;
    let facts: ReturnType<typeof createPoolActions>['facts'];

    before(async () => {
      opened = await open();
      const db: Kysely<Database> = opened.db;
      await migrateToLatest(db as Kysely<unknown>);
      const economyStore = createKyselyEconomyStore(db, dialect);
      economy = createEconomyService(economyStore);
      const authStore = createKyselyAuthStore(db);
      facts = createPoolActions({ economy, economyStore, authStore, now: () => 0 }).facts;
    });
    after(async () => {
      await opened.close();
    });

    /** The example with `closed` periods closed and the next one planning, its planning
     *  inputs (tasks, residencies, pre-orders …) given. */
    async function poolAt(file: string, closed: number): Promise<string> {
      const example = loadExample(file);
      const poolId = `facts-${file.replace(/\W/g, '-')}-${closed}`;
      const scenario: Scenario = { ...example, pool: { ...example.pool, id: poolId } };
      assert.ok((await importScenario(economy, scenario, { periods: closed })).ok);
      const next = closed + 1;
      if (next > scenario.periods.length) return poolId;
      const step = await economy.advance(poolId, `plan-${next}`, {
        period: next,
        stage: 'planning',
      });
      assert.ok(step.ok, step.ok ? '' : step.error.detail);
      const planning = disassembleScenario(scenario).inputs.filter(
        (input) =>
          input.period === next && stagesTaking(input.kind as PeriodKind)[0] === 'planning',
      );
      const submitted = await economy.submitInputs(poolId, `inputs-${next}`, planning);
      assert.ok(submitted.ok, submitted.ok ? '' : submitted.error.detail);
      return poolId;
    }

    for (const file of EXAMPLES) {
      test(`${file}: the open period's facts equal the whole scenario's`, async () => {
        const periods = loadExample(file).periods.length;
        const seen = { tasks: 0, residences: 0, preOrders: 0 };
        for (const closed of [0, Math.floor(periods / 2), periods - 1, periods]) {
          const poolId = await poolAt(file, closed);
          const narrow = await facts(poolId);
          assert.ok(narrow.ok);
          const whole = await economy.scenario(poolId);
          const status = await economy.status(poolId);
          assert.ok(whole.ok && status.ok);
          assert.deepEqual(
            narrow.value,
            poolFactsOf(whole.value, false, status.value.cycle.period),
          );
          seen.tasks += narrow.value.projectOfTask.size;
          seen.residences += narrow.value.residenceOf.size;
          seen.preOrders += narrow.value.preOrders.size;
        }
        // The comparison means something only where the facts hold what they are about.
        assert.ok(
          seen.tasks > 0 && seen.residences > 0 && seen.preOrders > 0,
          JSON.stringify(seen),
        );
      });
    }

    test('an unknown pool is refused as the economy refuses it', async () => {
      const read = await facts('no-such-pool');
      assert.equal(read.ok ? 'ok' : read.error.code, 'economy.unknown_pool');
    });
  });
}
