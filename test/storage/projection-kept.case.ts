// Proves, on every supported database, that a projection read with what the economy keeps
// between reads (decision 0067: the open period's inputs by sequence number; decision 0070: the
// checkpoint read back) answers byte for byte what the pure runner gives run whole from the
// stored log: after random sequences of inputs given (standing ones too), withdrawn and stages
// stepped, by the reading service itself or by another (another server process on the same
// database), run again on what is kept (the server's warm-up), and in the next period once the
// period closes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import {
  createEconomyService,
  type EconomyService,
} from '../../src/app/economy/economy-service.ts';
import { importScenario } from '../../src/app/economy/import-scenario.ts';
import { projectionOf } from '../../src/app/economy/projection.ts';
import type { EconomyStore } from '../../src/app/ports/economy-store.ts';
import {
  assembleScenario,
  disassembleScenario,
  type PeriodKind,
  stagesTaking,
} from '../../src/core/cycle/inputs.ts';
import { PERIOD_STAGES } from '../../src/core/cycle/stages.ts';
import { canonicalJson, runScenario } from '../../src/core/scenario/index.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { createKyselyEconomyStore } from '../../src/storage/repositories/economy-store.ts';
import type { Dialect } from '../../src/storage/repositories/ledger-store.ts';
import type { Database } from '../../src/storage/schema.ts';
import { loadExample } from '../scenario/support.ts';
import type { OpenedStore } from './conformance.case.ts';

const OPEN = 3;

const actions = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ op: fc.constant('give' as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('withdraw' as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.constant({ op: 'step' as const, pick: 0 }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('read' as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.constant({ op: 'join' as const, pick: 0 }) },
  ),
  { minLength: 1, maxLength: 14 },
);

export function describeProjectionKept(
  name: string,
  dialect: Dialect,
  open: () => Promise<OpenedStore>,
): void {
  describe(`a projection read with what is kept between reads: ${name}`, () => {
    let opened: OpenedStore;
    let store: EconomyStore;

    before(async () => {
      opened = await open();
      await migrateToLatest(opened.db as Kysely<unknown>);
      store = createKyselyEconomyStore(opened.db as Kysely<Database>, dialect);
    });
    after(async () => {
      await opened.close();
    });

    /** The projection as the pure runner gives it run whole from the stored log, nothing kept. */
    const fromScratch = (poolId: string, personId: string | undefined) =>
      store.transaction(async (tx) => {
        const pool = (await tx.findPool(poolId))!;
        const { period, stage } = pool.cycle;
        const scenario = assembleScenario(pool.settings, await tx.loadInputs(poolId), period);
        const run = runScenario(scenario, { periods: period });
        const ran = run.stop === null ? (run.periods[period - 1] ?? null) : null;
        const base = { poolId, period, stage: stage!, inputSeq: pool.nextSeq };
        return projectionOf(base, run, ran, personId);
      });

    /** `again`: the kept projection run again, as the server's warm-up does. */
    async function assertSame(
      reader: EconomyService,
      poolId: string,
      personId?: string,
      again = false,
    ) {
      const read = await reader.projection(poolId, personId, { again });
      const whole = await fromScratch(poolId, personId);
      if ('unknownPerson' in whole) {
        assert.ok(!read.ok && read.error.code === 'economy.unknown_person');
        assert.equal(read.error.detail, whole.unknownPerson);
      } else {
        assert.ok(read.ok, read.ok ? '' : read.error.detail);
        assert.equal(canonicalJson(read.value), canonicalJson(whole));
      }
    }

    test('equals the whole run after random inputs, withdrawals and steps', async () => {
      const example = loadExample('neighbourhood.yaml');
      const persons = [...example.persons.map((x) => x.id), 'nobody'];
      const planned = disassembleScenario(example).inputs.filter((x) => x.period === OPEN);
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(actions, fc.boolean(), async (steps, byOther) => {
          runs += 1;
          const poolId = `kept-${runs}`;
          const scenario = { ...example, pool: { ...example.pool, id: poolId } };
          const importer = createEconomyService(store);
          assert.ok((await importScenario(importer, scenario, { periods: OPEN - 1 })).ok);
          const reader = createEconomyService(store);
          const writer = byOther ? createEconomyService(store) : reader;
          let stage = 0;
          assert.ok((await writer.advance(poolId, 'open', { period: OPEN, stage: 'planning' })).ok);
          const left = [...planned];
          const given: number[] = [];
          for (const [i, action] of steps.entries()) {
            const now = PERIOD_STAGES[stage]!;
            if (action.op === 'give') {
              const fits = left.filter((x) => stagesTaking(x.kind as PeriodKind).includes(now));
              const input = fits[action.pick % Math.max(1, fits.length)];
              if (input === undefined) continue;
              left.splice(left.indexOf(input), 1);
              const answer = await writer.submitInputs(poolId, `give-${i}`, [input]);
              if (answer.ok) given.push(answer.value.firstSeq);
            } else if (action.op === 'withdraw') {
              const seq = given[action.pick % Math.max(1, given.length)];
              if (seq === undefined) continue;
              const answer = await writer.withdrawInput(poolId, `withdraw-${i}`, seq);
              if (answer.ok) given.splice(given.indexOf(seq), 1);
            } else if (action.op === 'join') {
              // A standing input: a person joins from the next period.
              const record = {
                ...example.persons[0]!,
                id: `joins-${i}`,
                memberFromPeriod: OPEN + 1,
                residence: null,
              };
              const input = { kind: 'persons', period: 0, record } as const;
              await writer.submitInputs(poolId, `join-${i}`, [input]);
            } else if (action.op === 'step') {
              if (PERIOD_STAGES[stage + 1] === 'settling') continue;
              const next = PERIOD_STAGES[stage + 1]!;
              const stepped = await writer.advance(poolId, `step-${i}`, {
                period: OPEN,
                stage: next,
              });
              if (stepped.ok) stage += 1;
            } else {
              await assertSame(reader, poolId);
              await assertSame(reader, poolId, persons[action.pick % persons.length]);
              await assertSame(reader, poolId, persons[action.pick % persons.length], true);
            }
          }
          await assertSame(reader, poolId);
          // The period closes and the next opens: its reads run from the new checkpoint, not
          // from the one kept (decision 0070).
          for (; stage + 1 < PERIOD_STAGES.length; stage += 1) {
            const next = { period: OPEN, stage: PERIOD_STAGES[stage + 1]! };
            if (!(await writer.advance(poolId, `close-${stage}`, next)).ok) return;
          }
          const opened = await writer.advance(poolId, 'next', {
            period: OPEN + 1,
            stage: 'planning',
          });
          assert.ok(opened.ok);
          await assertSame(reader, poolId);
          await assertSame(reader, poolId, persons[0]);
        }),
        { numRuns: 12 },
      );
    });

    test('equals the whole run read after each input of a period, from one checkpoint', async () => {
      // Every read but the first steps a fork of the checkpoint the first read kept (decision
      // 0070): a step that changed the kept state would show in the reads after it.
      const example = loadExample('neighbourhood.yaml');
      const poolId = 'kept-each';
      const scenario = { ...example, pool: { ...example.pool, id: poolId } };
      const service = createEconomyService(store);
      assert.ok((await importScenario(service, scenario, { periods: OPEN - 1 })).ok);
      const left = disassembleScenario(example).inputs.filter((x) => x.period === OPEN);
      let reads = 0;
      for (const stage of PERIOD_STAGES.slice(0, PERIOD_STAGES.indexOf('settling'))) {
        assert.ok((await service.advance(poolId, stage, { period: OPEN, stage })).ok);
        const now = left.filter((x) => stagesTaking(x.kind as PeriodKind).includes(stage));
        for (const [i, input] of now.entries()) {
          left.splice(left.indexOf(input), 1);
          const given = await service.submitInputs(poolId, `${stage}-${i}`, [input]);
          assert.ok(given.ok, given.ok ? '' : given.error.detail);
          // Every eighth input and the stage's last: a read of each would take minutes.
          if (i % 8 !== 7 && i !== now.length - 1) continue;
          await assertSame(service, poolId);
          await assertSame(service, poolId, example.persons[reads % example.persons.length]!.id);
          reads += 1;
        }
      }
      assert.ok(reads >= 10, `only ${reads} reads`);
    });

    test('equals the whole run read first after the clearing, with what the steps handed on', async () => {
      // No read before: the open inputs, the checkpoint and the clearing a read starts from
      // are those the clearing step loaded or made (decision 0070).
      const example = loadExample('neighbourhood.yaml');
      const poolId = 'kept-offered';
      const scenario = { ...example, pool: { ...example.pool, id: poolId } };
      const service = createEconomyService(store);
      assert.ok((await importScenario(service, scenario, { periods: OPEN - 1 })).ok);
      const left = disassembleScenario(example).inputs.filter((x) => x.period === OPEN);
      for (const stage of PERIOD_STAGES.slice(0, PERIOD_STAGES.indexOf('settling'))) {
        assert.ok((await service.advance(poolId, stage, { period: OPEN, stage })).ok);
        const now = left.filter((x) => stagesTaking(x.kind as PeriodKind).includes(stage));
        for (const input of now) left.splice(left.indexOf(input), 1);
        if (now.length === 0) continue;
        const given = await service.submitInputs(poolId, `give-${stage}`, now);
        assert.ok(given.ok, given.ok ? '' : given.error.detail);
      }
      await assertSame(service, poolId);
      for (const person of example.persons.slice(0, 3)) {
        await assertSame(service, poolId, person.id);
      }
    });
  });
}
