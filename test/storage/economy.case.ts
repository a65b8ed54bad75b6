// The economy's use cases on a real database, run on every supported one: an imported scenario
// gives the pure runner's numbers (reports, balances, head hash); the cycle refuses steps and
// inputs out of turn; every write is idempotent by key; refused requests write nothing;
// withdrawn inputs stop counting (and only in their window); inputs that would change a closed period are refused; many
// clients giving inputs at once all land, in one order.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import {
  createEconomyService,
  type EconomyService,
} from '../../src/app/economy/economy-service.ts';
import { importScenario } from '../../src/app/economy/import-scenario.ts';
import { readPoolForExport } from '../../src/app/exports/read-pool.ts';
import { createLedgerService } from '../../src/app/ledger/ledger-service.ts';
import { disassembleScenario } from '../../src/core/cycle/inputs.ts';
import type { PoolId } from '../../src/core/ids.ts';
import {
  canonicalJson,
  runScenario,
  type Scenario,
  scenarioReport,
} from '../../src/core/scenario/index.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { createKyselyEconomyStore } from '../../src/storage/repositories/economy-store.ts';
import {
  createKyselyLedgerStore,
  type Dialect,
} from '../../src/storage/repositories/ledger-store.ts';
import type { Database } from '../../src/storage/schema.ts';
import { loadExample } from '../scenario/support.ts';
import type { OpenedStore } from './conformance.case.ts';
import { describeHeldWrites } from './held-writes.case.ts';
import { describeInputGroups } from './input-groups.case.ts';
import { describeOpenPeriodIndex } from './open-period-index.case.ts';
import { describePersonDeparture } from './person-departure.case.ts';
import { describeReplaceInputs } from './replace-inputs.case.ts';

/** Examples that cover the market, escalation, associations, housing, resources, leases,
 *  possession (of goods and dwellings), commitments, federation and its write-offs,
 *  projects leaving and forking, settings changed from a period on. */
const IMPORTED = [
  'reference-4.4-task-auctions.yaml',
  'reference-4.9-month.yaml',
  'reference-4.11-association.yaml',
  'mechanism-premium-commitments.yaml',
  'mechanism-subscriptions-pre-orders.yaml',
  'mechanism-work-measures.yaml',
  'mechanism-depletion.yaml',
  'mechanism-land-leases.yaml',
  'mechanism-possession-terms.yaml',
  'mechanism-recipes.yaml',
  'mechanism-prices.yaml',
  'mechanism-allocation.yaml',
  'mechanism-rounds.yaml',
  'mechanism-wishes.yaml',
  'mechanism-forgiveness.yaml',
  'mechanism-federation.yaml',
  'mechanism-money.yaml',
  'mechanism-projects.yaml',
  'mechanism-settings.yaml',
  'mechanism-dwellings.yaml',
  'mechanism-federation-closing.yaml',
  'mechanism-completion.yaml',
];

/** The reference §4.9 month: tasks, bids, work, takings in one period. */
const bakeryScenario = (): Scenario => loadExample('reference-4.9-month.yaml');

export function describeEconomyConformance(
  name: string,
  dialect: Dialect,
  open: () => Promise<OpenedStore>,
): void {
  describe(`economy use cases: ${name}`, () => {
    let opened: OpenedStore;
    let db: Kysely<Database>;
    let economy: EconomyService;
    let ledger: ReturnType<typeof createLedgerService>;

    before(async () => {
      opened = await open();
      db = opened.db;
      await migrateToLatest(db as Kysely<unknown>);
      economy = createEconomyService(createKyselyEconomyStore(db, dialect));
      ledger = createLedgerService(createKyselyLedgerStore(db, dialect));
    });
    after(async () => {
      await opened.close();
    });

    /** A copy of a scenario with its pool renamed, so each test has a pool of its own. */
    const renamed = (scenario: Scenario, poolId: string): Scenario => ({
      ...scenario,
      pool: { ...scenario.pool, id: poolId },
    });

    /** The §4.9 month as a pool of its own, founded with its standing inputs. */
    const foundedPool = async (poolId: string) => {
      const scenario = renamed(bakeryScenario(), poolId);
      const { settings, inputs } = disassembleScenario(scenario);
      const founding = inputs.filter((i) => i.period === 0);
      const created = await economy.createPool('k-found', settings, founding);
      assert.ok(created.ok);
      return { scenario, settings, inputs, founding, pool: poolId };
    };

    for (const file of IMPORTED) {
      test(`importing ${file} gives the pure runner's numbers`, async () => {
        // Several examples share a pool id; each gets a pool of its own here. A federated
        // file keeps its ids (its pools' records name each other): each has ids of its own.
        const example = loadExample(file);
        const scenario =
          example.federation.length > 0
            ? example
            : renamed(example, `imported-${file.replace('.yaml', '')}`);
        const run = runScenario(scenario);
        assert.equal(run.stop, null);
        const imported = await importScenario(economy, scenario);
        assert.ok(imported.ok, imported.ok ? '' : imported.error.detail);
        // A run whose journal is still empty is at genesis, as the stored books are.
        const runHead = run.periods.at(-1)!.journalHead;
        assert.equal(imported.value.journalHead, runHead);
        const report = scenarioReport(run) as { periods: unknown[] };
        for (const [index, expected] of report.periods.entries()) {
          const stored = await economy.periodReport(scenario.pool.id, index + 1);
          assert.ok(stored.ok);
          assert.equal(canonicalJson(stored.value), canonicalJson(expected), `period ${index + 1}`);
        }
        const closing = run.periods.at(-1)!.closingBalances;
        for (const [accountId, expected] of closing) {
          const balance = await ledger.balance(scenario.pool.id as PoolId, accountId);
          assert.equal(balance?.postedBalance, expected, `balance of ${accountId}`);
        }
        const books = await ledger.verify();
        const verified = books.find((v) => v.poolId === scenario.pool.id);
        assert.equal(verified?.problem, undefined);
        assert.equal(verified?.headHash, runHead);
        // Every other journal the run keeps (money books, federated pools) is stored too.
        const ledgers = [
          run.ledger,
          ...(run.moneyLedger ? [run.moneyLedger] : []),
          ...(run.federation?.partners ?? []).map((partner) => partner.ledger),
        ];
        for (const source of ledgers) {
          for (const [journalPool, journal] of source.journals) {
            const stored = books.find((v) => v.poolId === journalPool);
            assert.equal(stored?.problem, undefined, journalPool);
            assert.equal(stored?.headHash, journal.entries.at(-1)?.hash ?? '', journalPool);
          }
        }

        // The stored pool, assembled again, is the file's scenario.
        const back = await economy.scenario(scenario.pool.id);
        assert.ok(back.ok);
        assert.deepEqual(back.value, scenario);

        // Importing again finds every step done and every input given: nothing changes.
        const again = await importScenario(economy, scenario);
        assert.ok(again.ok);
        assert.equal(again.value.journalHead, imported.value.journalHead);
        const status = await economy.status(scenario.pool.id);
        assert.ok(status.ok);
        assert.equal(status.value.inputs, disassembleScenario(scenario).inputs.length);
        // The status reads each period's stage and journal head, not its stored documents.
        assert.deepEqual(
          status.value.periods,
          run.periods.map((p, index) => ({
            period: index + 1,
            stage: 'closed',
            journalHead: p.journalHead,
          })),
        );
        const reverified = (await ledger.verify()).find((v) => v.poolId === scenario.pool.id);
        assert.equal(reverified?.journalEntries, verified?.journalEntries);
      });
    }

    test('the cycle refuses steps out of turn and answers steps already taken as done', async () => {
      const { pool } = await foundedPool('cycle-steps');
      const early = await economy.advance(pool, 'k-early', { period: 1, stage: 'bidding' });
      assert.equal(early.ok ? '' : early.error.code, 'cycle.out_of_order');
      const opened = await economy.advance(pool, 'k-open', { period: 1, stage: 'planning' });
      assert.ok(opened.ok && !opened.value.alreadyDone);
      const twice = await economy.advance(pool, 'k-open-2', { period: 1, stage: 'planning' });
      assert.ok(twice.ok && twice.value.alreadyDone);
      const skipped = await economy.advance(pool, 'k-skip', { period: 1, stage: 'cleared' });
      assert.equal(skipped.ok ? '' : skipped.error.code, 'cycle.out_of_order');
      const status = await economy.status(pool);
      assert.ok(status.ok);
      assert.deepEqual(status.value.cycle, { period: 1, stage: 'planning' });
    });

    test('inputs out of their window are refused and nothing is stored', async () => {
      const { inputs, pool } = await foundedPool('cycle-window');
      const bid = inputs.find((i) => i.kind === 'bids')!;
      const noPeriod = await economy.submitInputs(pool, 'k-bid-0', [bid]);
      assert.equal(noPeriod.ok ? '' : noPeriod.error.code, 'economy.wrong_period');
      assert.ok((await economy.advance(pool, 'k-open', { period: 1, stage: 'planning' })).ok);
      const tasks = inputs.filter((i) => i.kind === 'tasks');
      const bidTooEarly = await economy.submitInputs(pool, 'k-bid-1', [...tasks, bid]);
      assert.equal(bidTooEarly.ok ? '' : bidTooEarly.error.code, 'economy.wrong_stage');
      assert.match(bidTooEarly.ok ? '' : bidTooEarly.error.detail, /inputs\[\d+\] \(bids\)/);
      const wrongPeriod = await economy.submitInputs(pool, 'k-t2', [{ ...tasks[0]!, period: 2 }]);
      assert.equal(wrongPeriod.ok ? '' : wrongPeriod.error.code, 'economy.wrong_period');
      const unknownKind = await economy.submitInputs(pool, 'k-x', [
        { kind: 'gifts', period: 1, record: {} },
      ]);
      assert.equal(unknownKind.ok ? '' : unknownKind.error.code, 'economy.unknown_kind');
      const status = await economy.status(pool);
      assert.ok(status.ok);
      assert.equal(status.value.inputs, inputs.filter((i) => i.period === 0).length);
    });

    test('an input of the open period lands in the period open at the write, and its key stands for that period', async () => {
      const { inputs, pool } = await foundedPool('cycle-open-period');
      const bid = inputs.find((i) => i.kind === 'bids')!;
      const open = { ...bid, period: 'open' as const };
      // No period is open yet: refused as a bid of period 0 is.
      const none = await economy.submitInputs(pool, 'k-none', [open]);
      assert.equal(none.ok ? '' : none.error.code, 'economy.wrong_period');
      assert.ok((await economy.advance(pool, 'k-open', { period: 1, stage: 'planning' })).ok);
      const tasks = inputs.filter((i) => i.kind === 'tasks');
      const early = await economy.submitInputs(pool, 'k-early', [...tasks, open]);
      assert.equal(early.ok ? '' : early.error.code, 'economy.wrong_stage');
      assert.ok((await economy.submitInputs(pool, 'k-tasks', tasks)).ok);
      assert.ok((await economy.advance(pool, 'k-bid', { period: 1, stage: 'bidding' })).ok);
      const placed = await economy.submitInputs(pool, 'k-open-bid', [open]);
      assert.ok(placed.ok);
      const stored = await economy.periodInputs(pool, 1);
      assert.ok(stored.ok);
      assert.ok(
        stored.value.some((i) => i.seq === placed.value.firstSeq && i.kind === 'bids'),
        'the bid is an input of period 1',
      );
      // The key stands for the request with the period named: the same bid named with period 1
      // answers as the first time, and changes nothing.
      const named = await economy.submitInputs(pool, 'k-open-bid', [{ ...bid, period: 1 }]);
      assert.deepEqual(named, placed);
      const again = await economy.submitInputs(pool, 'k-open-bid', [open]);
      assert.deepEqual(again, placed);
      const status = await economy.status(pool);
      assert.ok(status.ok);
      assert.equal(
        status.value.inputs,
        inputs.filter((i) => i.period === 0).length + tasks.length + 1,
      );
    });

    test('invalid inputs are refused naming the input and the field; nothing is stored', async () => {
      const { inputs, pool } = await foundedPool('cycle-invalid');
      assert.ok((await economy.advance(pool, 'k-open', { period: 1, stage: 'planning' })).ok);
      const tasks = inputs.filter((i) => i.kind === 'tasks');
      assert.ok((await economy.submitInputs(pool, 'k-tasks', tasks)).ok);
      assert.ok((await economy.advance(pool, 'k-bid', { period: 1, stage: 'bidding' })).ok);
      const bid = inputs.find((i) => i.kind === 'bids')!;
      const record = bid.record as Record<string, unknown>;
      const tooLow = await economy.submitInputs(pool, 'k-low', [
        bid,
        { ...bid, record: { ...record, weightMilli: 5 } },
      ]);
      assert.equal(tooLow.ok ? '' : tooLow.error.code, 'economy.invalid_input');
      assert.match(tooLow.ok ? '' : tooLow.error.detail, /^inputs\[1\] \(bids\): weightMilli: /);
      const stranger = await economy.submitInputs(pool, 'k-who', [
        { ...bid, record: { ...record, personId: 'nobody' } },
      ]);
      assert.equal(stranger.ok ? '' : stranger.error.code, 'scenario.unknown_reference');
      assert.match(stranger.ok ? '' : stranger.error.detail, /^inputs\[0\] \(bids\): personId/);
      const status = await economy.status(pool);
      assert.ok(status.ok);
      assert.equal(status.value.inputs, inputs.filter((i) => i.period === 0).length + tasks.length);
    });

    test('a request replayed with its key changes nothing; the key with another request is refused', async () => {
      const scenario = renamed(bakeryScenario(), 'cycle-keys');
      const { settings, inputs } = disassembleScenario(scenario);
      const pool = scenario.pool.id;
      const founding = inputs.filter((i) => i.period === 0);
      assert.ok((await economy.createPool('k', settings, founding)).ok);
      const again = await economy.createPool('k', settings, founding);
      assert.ok(again.ok, 'creating the same pool with the same key answers as before');
      const other = await economy.createPool('k2', settings, founding);
      assert.equal(other.ok ? '' : other.error.code, 'economy.pool_exists');
      assert.ok((await economy.advance(pool, 'k-open', { period: 1, stage: 'planning' })).ok);
      const tasks = inputs.filter((i) => i.kind === 'tasks');
      const first = await economy.submitInputs(pool, 'k-tasks', tasks);
      const second = await economy.submitInputs(pool, 'k-tasks', tasks);
      assert.ok(first.ok && second.ok);
      assert.deepEqual(second.value, first.value);
      const reused = await economy.submitInputs(pool, 'k-tasks', tasks.slice(1));
      assert.equal(reused.ok ? '' : reused.error.code, 'economy.idempotency_key_reused');
      const status = await economy.status(pool);
      assert.ok(status.ok);
      assert.equal(status.value.inputs, founding.length + tasks.length);
    });

    test('a withdrawn input stops counting; one past its window stays', async () => {
      const scenario = renamed(bakeryScenario(), 'cycle-withdraw');
      const { settings, inputs } = disassembleScenario(scenario);
      const pool = scenario.pool.id;
      const founding = inputs.filter((i) => i.period === 0);
      assert.ok((await economy.createPool('k', settings, founding)).ok);
      assert.ok((await economy.advance(pool, 'k-open', { period: 1, stage: 'planning' })).ok);
      const tasks = inputs.filter((i) => i.kind === 'tasks');
      const submitted = await economy.submitInputs(pool, 'k-tasks', tasks);
      assert.ok(submitted.ok);
      assert.ok((await economy.advance(pool, 'k-bid', { period: 1, stage: 'bidding' })).ok);
      const bids = inputs.filter((i) => i.kind === 'bids');
      const placed = await economy.submitInputs(pool, 'k-bids', bids);
      assert.ok(placed.ok);
      // Tasks are fixed once bidding opens: bidders rely on them.
      const taskSeq = submitted.value.firstSeq;
      const taskWithBids = await economy.withdrawInput(pool, 'k-w-task', taskSeq);
      assert.equal(taskWithBids.ok ? '' : taskWithBids.error.code, 'economy.wrong_stage');
      const bidSeq = placed.value.firstSeq;
      const withdrawn = await economy.withdrawInput(pool, 'k-w-bid', bidSeq);
      assert.ok(withdrawn.ok);
      const back = await economy.scenario(pool);
      assert.ok(back.ok);
      assert.equal(back.value.periods[0]!.bids.length, bids.length - 1);
      assert.deepEqual(
        back.value.periods[0]!.bids,
        bids.slice(1).map((b) => b.record),
      );
      const standing = await economy.withdrawInput(pool, 'k-w-person', 0);
      assert.equal(standing.ok ? '' : standing.error.code, 'economy.wrong_period');
      const missing = await economy.withdrawInput(pool, 'k-w-none', 999_999);
      assert.equal(missing.ok ? '' : missing.error.code, 'economy.unknown_input');
    });

    test('a standing input that would change a closed period is refused; one that does not is taken', async () => {
      const scenario = renamed(
        loadExample('mechanism-subscriptions-pre-orders.yaml'),
        'cycle-closed',
      );
      const imported = await importScenario(economy, scenario, { periods: 1 });
      assert.ok(imported.ok, imported.ok ? '' : imported.error.detail);
      const pool = scenario.pool.id;
      const subscription = scenario.subscriptions[0]!;
      const backdated = await economy.submitInputs(pool, 'k-sub', [
        { kind: 'subscriptions', period: 0, record: { ...subscription, id: 'backdated' } },
      ]);
      assert.equal(backdated.ok ? '' : backdated.error.code, 'economy.changes_closed_period');
      const person = scenario.persons[0]!;
      // A member from the open period on is taken, and the closed period still verifies.
      const newcomer = await economy.submitInputs(pool, 'k-newcomer', [
        { kind: 'persons', period: 0, record: { ...person, id: 'newcomer', memberFromPeriod: 2 } },
      ]);
      assert.ok(newcomer.ok, newcomer.ok ? '' : newcomer.error.detail);
      const verified = await economy.verifyPool(pool);
      assert.ok(verified.ok);
      assert.equal(verified.value.problem, null);
      // A member back-dated into the closed period would change its report: refused.
      const backdatedMember = await economy.submitInputs(pool, 'k-backdated-member', [
        { kind: 'persons', period: 0, record: { ...person, id: 'early', memberFromPeriod: 1 } },
      ]);
      assert.equal(
        backdatedMember.ok ? '' : backdatedMember.error.code,
        'economy.changes_closed_period',
      );
    });

    describePersonDeparture(() => economy);
    describeReplaceInputs(() => economy);
    describeOpenPeriodIndex(() => createEconomyService(createKyselyEconomyStore(db, dialect)));
    describeInputGroups(() => createKyselyEconomyStore(db, dialect));
    describeHeldWrites(() => db, dialect);

    test(`${dialect === 'postgres' ? 'concurrent' : 'interleaved'} clients all land their inputs, each in one place of the log`, async () => {
      const { scenario, pool } = await foundedPool('cycle-concurrent');
      assert.ok((await economy.advance(pool, 'k-open', { period: 1, stage: 'planning' })).ok);
      const person = scenario.persons[0]!;
      const clients = Array.from({ length: 12 }, (_, n) =>
        economy.submitInputs(pool, `k-client-${n}`, [
          { kind: 'persons', period: 0, record: { ...person, id: `joiner-${n}` } },
        ]),
      );
      const answers = await Promise.all(clients);
      assert.ok(answers.every((a) => a.ok));
      const seqs = answers.map((a) => (a.ok ? a.value.firstSeq : -1)).sort((x, y) => x - y);
      assert.equal(new Set(seqs).size, 12);
      const back = await economy.scenario(pool);
      assert.ok(back.ok);
      assert.equal(back.value.persons.filter((p) => p.id.startsWith('joiner-')).length, 12);
    });

    test('a settings change of period 3 changes period 3 only and verifies; a closed period takes none', async () => {
      const file = renamed(loadExample('mechanism-settings.yaml'), 'settings-change');
      const change = file.periods[2]!.settingsChanges[0]!;
      // The file without its change: the change is given through the use cases instead.
      const scenario: Scenario = {
        ...file,
        periods: file.periods.map((p) => ({ ...p, settingsChanges: [] })),
      };
      const pool = scenario.pool.id;
      assert.ok((await importScenario(economy, scenario, { periods: 2 })).ok);
      const before = await Promise.all([1, 2].map((p) => economy.periodReport(pool, p)));
      const closed = await economy.submitInputs(pool, 'k-closed', [
        { kind: 'settingsChanges', period: 2, record: change },
      ]);
      assert.equal(closed.ok ? '' : closed.error.code, 'economy.wrong_period');
      assert.ok((await economy.advance(pool, 'k-open-3', { period: 3, stage: 'planning' })).ok);
      const given = await economy.submitInputs(pool, 'k-change', [
        { kind: 'settingsChanges', period: 3, record: change },
      ]);
      assert.ok(given.ok, given.ok ? '' : given.error.detail);
      const twice = await economy.submitInputs(pool, 'k-change-2', [
        { kind: 'settingsChanges', period: 3, record: change },
      ]);
      assert.match(twice.ok ? '' : twice.error.detail, /already changed in this period/);
      assert.ok((await importScenario(economy, scenario)).ok);
      const late = await economy.submitInputs(pool, 'k-late', [
        { kind: 'settingsChanges', period: 3, record: change },
      ]);
      assert.equal(late.ok ? '' : late.error.code, 'economy.wrong_period');

      // Periods 1 and 2 as they were stored; period 3 as the file with its change runs it.
      const run = runScenario(file);
      const expected = (scenarioReport(run) as { periods: unknown[] }).periods;
      for (const p of [1, 2, 3]) {
        const stored = await economy.periodReport(pool, p);
        assert.ok(stored.ok);
        assert.equal(canonicalJson(stored.value), canonicalJson(expected[p - 1]), `period ${p}`);
        if (p < 3) {
          const old = before[p - 1]!;
          assert.ok(old.ok);
          assert.equal(canonicalJson(stored.value), canonicalJson(old.value));
        }
      }
      const ana = await ledger.balance(pool as PoolId, 'settings-change.person.ana' as never);
      assert.equal(ana?.postedBalance, -30_000);
      const verified = await economy.verifyPool(pool);
      assert.ok(verified.ok);
      assert.equal(verified.value.problem, null);
      assert.equal(verified.value.closedPeriods, 3);
    });

    test('a settings change is taken only while its period is planning, named when invalid', async () => {
      const { inputs, pool } = await foundedPool('settings-window');
      assert.ok((await economy.advance(pool, 'k-open', { period: 1, stage: 'planning' })).ok);
      const change = {
        kind: 'settingsChanges',
        period: 1,
        record: { pool: { weighting: 'flat' } },
      };
      const renaming = await economy.submitInputs(pool, 'k-id', [
        { ...change, record: { pool: { id: 'other' } } },
      ]);
      assert.equal(renaming.ok ? '' : renaming.error.code, 'economy.invalid_input');
      assert.match(
        renaming.ok ? '' : renaming.error.detail,
        /^inputs\[0\] \(settingsChanges\): pool\.id: is not a setting/,
      );
      const tasks = inputs.filter((i) => i.kind === 'tasks' && i.period === 1);
      assert.ok((await economy.submitInputs(pool, 'k-tasks', tasks)).ok);
      assert.ok((await economy.advance(pool, 'k-bid', { period: 1, stage: 'bidding' })).ok);
      const bidding = await economy.submitInputs(pool, 'k-change', [change]);
      assert.equal(bidding.ok ? '' : bidding.error.code, 'economy.wrong_stage');
    });

    test('concurrent creations of one new pool: one creates it, the other is answered', async () => {
      const founding = (poolId: string) => {
        const { settings, inputs } = disassembleScenario(renamed(bakeryScenario(), poolId));
        return [settings, inputs.filter((i) => i.period === 0)] as const;
      };
      const [settings, standing] = founding('race-keys');
      const two = await Promise.all([
        economy.createPool('k-a', settings, standing),
        economy.createPool('k-b', settings, standing),
      ]);
      assert.deepEqual(two.map((a) => (a.ok ? 'created' : a.error.code)).sort(), [
        'created',
        'economy.pool_exists',
      ]);
      // The same key and request twice at once: both get the one answer.
      const [sameSettings, sameStanding] = founding('race-same');
      const same = await Promise.all([
        economy.createPool('k-same', sameSettings, sameStanding),
        economy.createPool('k-same', sameSettings, sameStanding),
      ]);
      assert.deepEqual(
        same.map((a) => (a.ok ? a.value : a.error.code)),
        [{ poolId: 'race-same' }, { poolId: 'race-same' }],
      );
      const status = await economy.status('race-same');
      assert.ok(status.ok);
      assert.equal(status.value.inputs, sameStanding.length);
    });

    test('an export reads the inputs and the whole ledger of one moment, as stored', async () => {
      const scenario = renamed(bakeryScenario(), 'export-read');
      const imported = await importScenario(economy, scenario);
      assert.ok(imported.ok);
      const store = createKyselyEconomyStore(db, dialect);
      const read = await readPoolForExport(store, 'export-read');
      assert.ok(read.ok);
      assert.equal(canonicalJson(read.value.scenario), canonicalJson(scenario));
      const whole = await createKyselyLedgerStore(db, dialect).loadWholePool(
        'export-read' as PoolId,
      );
      const inTransaction = await store.transaction((tx) => tx.loadLedger('export-read' as PoolId));
      assert.deepEqual(inTransaction, whole);
      assert.deepEqual(
        read.value.transfers.map((t) => [t.journalIndex, t.id, t.state, t.amount]),
        [...whole.transfers.values()]
          .sort((a, b) => a.createdAt - b.createdAt)
          .map((r) => [r.createdAt, r.transfer.id, r.state, r.transfer.amount]),
      );
      assert.equal(read.value.transfers.length, 10);
      assert.deepEqual(
        read.value.periods.map((p) => [p.period, p.stage, p.report?.members.length]),
        [[1, 'closed', 3]],
      );
    });

    test('unknown pools are named', async () => {
      const status = await economy.status('nowhere');
      assert.equal(status.ok ? '' : status.error.code, 'economy.unknown_pool');
      const submitted = await economy.submitInputs('nowhere', 'k', []);
      assert.equal(submitted.ok ? '' : submitted.error.code, 'economy.unknown_pool');
    });
  });
}
