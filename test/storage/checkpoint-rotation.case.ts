// Proves, on every supported database, that a checkpoint keeps the task market's rotation
// history one segment per closed period beside its text (decision 0062): a close writes its own
// period's segment only, a raised rotation window reads segments older than the window before
// it and clears exactly as the pure run does, a changed segment is caught by `verifyPool` and
// the quick check, and a checkpoint from before holding the history in its text is made again.
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
  compactCanonicalJson,
  periodReport,
  runScenario,
  type Scenario,
} from '../../src/core/scenario/index.ts';
import { EMPTY_PERIOD } from '../../src/core/scenario/testing.ts';
import type { PeriodSpec } from '../../src/core/scenario/types.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { createKyselyEconomyStore } from '../../src/storage/repositories/economy-store.ts';
import type { Dialect } from '../../src/storage/repositories/ledger-store.ts';
import type { Database } from '../../src/storage/schema.ts';
import { loadExample } from '../scenario/support.ts';
import type { OpenedStore } from './conformance.case.ts';

/** One website task a period, one slot of 10 h; q alone bids in periods 1–4, r alone in 5–6,
 *  both alike in 7. The pool's rotation window is 1 period until period 7 raises it to 1,000:
 *  over the whole history q has earned more than r, so r wins period 7; over period 6 alone
 *  (what a window of 1 reads) q would. */
function raisedWindow(poolId: string): Scenario {
  const base = loadExample('reference-4.4-task-auctions.yaml');
  const period = (p: number, bidders: string[], winner: string): PeriodSpec =>
    ({
      ...EMPTY_PERIOD,
      tasks: [
        {
          id: `site-${p}`,
          templateId: 'website',
          projectId: 'web',
          slots: 1,
          minutesPerSlot: 600,
          indicatedWeightMilli: null,
          standardMinutesPerUnit: null,
        },
      ],
      bids: bidders.map((personId) => ({
        personId,
        instanceId: `site-${p}`,
        weightMilli: 500,
        round: 0,
      })),
      work: [
        {
          id: `site-${p}-${winner}`,
          personId: winner,
          instanceId: `site-${p}`,
          minutes: 600,
          unitsDone: null,
          confirmedBy: 'mo',
        },
      ],
      workInProgress: [{ projectId: 'web', changeEffortMilli: 5000 }],
      ...(p === 7
        ? { settingsChanges: [{ pool: { market: { rotationWindowPeriods: 1000 } } }] }
        : {}),
    }) as PeriodSpec;
  const winners = ['q', 'q', 'q', 'q', 'r', 'r'];
  return {
    ...base,
    pool: { ...base.pool, id: poolId, market: { ...base.pool.market, rotationWindowPeriods: 1 } },
    periods: [...winners.map((w, i) => period(i + 1, [w], w)), period(7, ['q', 'r'], 'r')],
  };
}

export function describeCheckpointRotation(
  name: string,
  dialect: Dialect,
  open: () => Promise<OpenedStore>,
): void {
  describe(`checkpoint rotation segments: ${name}`, () => {
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

    const segments = (poolId: string) =>
      db
        .selectFrom('economy_checkpoint_rotation')
        .selectAll()
        .where('pool_id', '=', poolId)
        .orderBy('period')
        .execute();
    const problemOf = async (poolId: string, quick = false) => {
      const verified = quick
        ? await economy.verifyPoolQuick(poolId)
        : await economy.verifyPool(poolId);
      assert.ok(verified.ok);
      return verified.value.problem;
    };

    test('a raised window reads the segments before the old one, as the pure run does', async () => {
      const scenario = raisedWindow('rot-raised');
      const run = runScenario(scenario);
      assert.equal(run.stop, null, run.stop?.detail);
      const winnerOf = (p: number) =>
        run.periods[p - 1]!.market.auctions[0]!.winners.map((w) => w.personId);
      assert.deepEqual(winnerOf(7), ['r']);
      // The same file with the window left at 1: q, who won nothing in period 6, wins.
      const narrow = runScenario({
        ...scenario,
        periods: [
          ...scenario.periods.slice(0, 6),
          {
            ...scenario.periods[6]!,
            settingsChanges: [],
            work: [{ ...scenario.periods[6]!.work[0]!, id: 'site-7-q', personId: 'q' }],
          },
        ],
      });
      assert.deepEqual(
        narrow.periods[6]!.market.auctions[0]!.winners.map((w) => w.personId),
        ['q'],
      );
      assert.ok((await importScenario(economy, scenario)).ok);
      const stored = await economy.periodReport('rot-raised', 7);
      assert.ok(stored.ok);
      assert.equal(canonicalJson(stored.value), canonicalJson(periodReport(run.periods[6]!)));
      // The text holds no rotation record; one segment per period with confirmed work.
      const head = await db
        .selectFrom('economy_checkpoints')
        .selectAll()
        .where('pool_id', '=', 'rot-raised')
        .executeTakeFirstOrThrow();
      assert.match(head.state_json, /"history":\[\]/);
      assert.deepEqual(
        (await segments('rot-raised')).map((x) => x.period),
        [1, 2, 3, 4, 5, 6, 7],
      );
      assert.equal(await problemOf('rot-raised'), null);
      assert.equal(await problemOf('rot-raised', true), null);
    });

    test('a changed segment is caught; a checkpoint with the history in its text is made again', async () => {
      const scenario = raisedWindow('rot-bent');
      assert.ok((await importScenario(economy, scenario, { periods: 5 })).ok);
      const rows = await segments('rot-bent');
      const first = rows[0]!;
      const bent = first.records_json.replace('"personId":"q"', '"personId":"r"');
      assert.notEqual(bent, first.records_json);
      const set = (records_json: string, records_sha256: string) =>
        db
          .updateTable('economy_checkpoint_rotation')
          .set({ records_json, records_sha256 })
          .where('pool_id', '=', 'rot-bent')
          .where('period', '=', 1)
          .execute();
      await set(bent, first.records_sha256);
      assert.equal(
        await problemOf('rot-bent'),
        'checkpoint after period 5: rotation records of period 1: hash differs',
      );
      assert.match(
        (await problemOf('rot-bent', true)) ?? '',
        /checkpoint\.hash: rotation records of period 1 differ/,
      );
      await set(bent, textSha256(bent));
      assert.equal(
        await problemOf('rot-bent'),
        'checkpoint after period 5: rotation records of period 1 differ from the run',
      );
      await set(first.records_json, first.records_sha256);
      assert.equal(await problemOf('rot-bent'), null);
      // A checkpoint of before: the history in the text, no segments. Not read; made again.
      const head = await db
        .selectFrom('economy_checkpoints')
        .selectAll()
        .where('pool_id', '=', 'rot-bent')
        .executeTakeFirstOrThrow();
      const history = rows.flatMap((x) => JSON.parse(x.records_json) as unknown[]);
      const older = head.state_json.replace(
        '"history":[]',
        `"history":${compactCanonicalJson(history)}`,
      );
      const putOlder = async () => {
        await db
          .updateTable('economy_checkpoints')
          .set({ state_json: older, state_sha256: textSha256(older) })
          .where('pool_id', '=', 'rot-bent')
          .execute();
        await db
          .deleteFrom('economy_checkpoint_rotation')
          .where('pool_id', '=', 'rot-bent')
          .execute();
      };
      await putOlder();
      assert.ok((await economy.checkpointPools()).includes('rot-bent'));
      assert.deepEqual(await segments('rot-bent'), rows);
      // And without `db migrate`, the next close runs from period 1 and keeps every segment.
      await putOlder();
      assert.ok((await importScenario(economy, scenario)).ok);
      assert.deepEqual(
        (await segments('rot-bent')).map((x) => x.period),
        [1, 2, 3, 4, 5, 6, 7],
      );
      assert.equal(await problemOf('rot-bent'), null);
    });
  });
}
