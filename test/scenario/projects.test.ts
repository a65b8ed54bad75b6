// Proves that a project leaves a pool and is forked in a scenario file (M1, decision 0014): the
// numbers of examples/mechanism-projects.yaml exactly, the departed project frozen and acting no
// more, the fork's copy of the commons working like any project from its period on, no earlier
// period depending on a later fork or departure, and malformed inputs refused with the path.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  canonicalJson,
  periodReport,
  runScenario,
  type Scenario,
  type ScenarioRun,
} from '../../src/core/scenario/index.ts';
import { exampleVariant, loadExample, refusal } from './support.ts';

const FILE = 'mechanism-projects.yaml';
const variant = exampleVariant(FILE);
const balances = (run: ScenarioRun, period: number) =>
  Object.fromEntries(
    [...run.periods[period - 1]!.closingBalances]
      .filter(([, v]) => v !== 0)
      .map(([k, v]) => [k.replace(/^v\./, ''), v]),
  );

describe(FILE, () => {
  const run = runScenario(loadExample(FILE));

  test('runs three periods with every invariant holding, the factor 1.0 throughout', () => {
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 3);
    for (const p of run.periods) {
      assert.equal(p.priceFactorPpm, 1_000_000);
      assert.equal(p.settlement.nextPriceFactorPpm, 1_000_000);
    }
  });

  test('periods 1 and 2: Ben +1.5 WH; Cem −0.5 then −1 WH; the bakery −1 then −0.5 WH', () => {
    assert.deepEqual(balances(run, 1), {
      'person.ben': 1_500,
      'person.cem': -500,
      'project.bakery': -1_000,
    });
    assert.deepEqual(balances(run, 2), {
      'person.ben': 1_500,
      'person.cem': -1_000,
      'project.bakery': -500,
    });
    assert.deepEqual([...run.periods[1]!.stockUnits], [['loaf', 1]]);
    assert.deepEqual(run.periods[1]!.committed.open, ['dan-loaf']);
    assert.equal(run.periods[1]!.projects, null);
  });

  test('period 3: the bakery has left, frozen at −0.5 WH with 1 loaf (0.5 WH) in stock', () => {
    const p3 = run.periods[2]!;
    assert.deepEqual(p3.projects?.departed, [
      {
        projectId: 'bakery',
        leftInPeriod: 3,
        balanceEffortMilli: -500,
        inventoryEffortMilli: 500,
        stock: [{ productId: 'loaf', units: 1 }],
      },
    ]);
    assert.deepEqual(p3.projects?.inPool, ['bakehouse']);
    assert.deepEqual(p3.projects?.releasedPreOrders, [
      { preOrderId: 'dan-loaf', personId: 'dan', productId: 'loaf', units: 1 },
    ]);
    assert.deepEqual(p3.projects?.endedSubscriptions, [
      { subscriptionId: 'cem-loaf', personId: 'cem', productId: 'loaf', lastPeriod: 2 },
    ]);
    assert.deepEqual(p3.committed.open, []);
    // Nothing is posted to or from the departed bakery.
    assert.deepEqual(
      p3.transfers.filter(
        (t) => t.debitAccountId === 'v.project.bakery' || t.creditAccountId === 'v.project.bakery',
      ),
      [],
    );
  });

  test('period 3: the bakehouse, a fork of the bakery kept by Cem, bakes and hands out its copy', () => {
    const p3 = run.periods[2]!;
    assert.deepEqual(p3.projects?.forks, [
      {
        id: 'bakehouse',
        forkOf: 'bakery',
        fromPeriod: 3,
        maintainers: ['cem'],
        products: [{ productId: 'bakehouse.loaf', copiedFrom: 'loaf' }],
      },
    ]);
    assert.deepEqual(
      p3.transfers.map((t) => [t.code, t.debitAccountId, t.creditAccountId, t.amount]),
      [
        ['work.credit', 'v.project.bakehouse', 'v.person.dan', 1_000],
        ['take.goods', 'v.person.cem', 'v.project.bakehouse', 500],
        ['take.goods', 'v.person.dan', 'v.project.bakehouse', 500],
      ],
    );
    assert.deepEqual(p3.committed.subscriptions, []);
    assert.deepEqual(balances(run, 3), {
      'person.ben': 1_500,
      'person.cem': -1_500,
      'person.dan': 500,
      'project.bakery': -500,
    });
    assert.equal(run.periods[2]!.closingBalances.get('v.project.bakehouse' as never), 0);
    assert.deepEqual([...p3.stockUnits].sort(), [
      ['bakehouse.loaf', 0],
      ['loaf', 1],
    ]);
  });

  test("the fork's account and products appear only from its period on", () => {
    assert.equal(run.periods[1]!.closingBalances.has('v.project.bakehouse' as never), false);
    assert.deepEqual(
      run.periods[1]!.plans.map((x) => x.productId),
      ['loaf'],
    );
    assert.deepEqual(
      run.periods[2]!.plans.map((x) => x.productId),
      ['bakehouse.loaf'],
    );
  });

  test('the first periods report the same whether or not the later periods are in the file', () => {
    const full = loadExample(FILE);
    const cut: Scenario = {
      ...full,
      periods: full.periods.slice(0, 2),
      subscriptions: [full.subscriptions[0]!],
    };
    const short = runScenario(cut);
    assert.equal(short.stop, null);
    for (const p of [0, 1]) {
      assert.equal(
        canonicalJson(periodReport(short.periods[p]!)),
        canonicalJson(periodReport(run.periods[p]!)),
      );
    }
  });
});

describe('projects leaving and forking: errors name the path', () => {
  test('a task of the bakery after it left', () => {
    const text = variant((s) => {
      s.periods[2].tasks[0].projectId = 'bakery';
    });
    assert.equal(
      refusal(text),
      'scenario.project_not_in_pool x.yaml: periods[2].tasks[0].projectId: project "bakery" left the pool in period 3',
    );
  });

  test("a request of the bakery's loaf after it left", () => {
    const text = variant((s) => {
      s.periods[2].requests.push({ personId: 'ana', productId: 'loaf', units: 1 });
    });
    assert.equal(
      refusal(text),
      'scenario.project_not_in_pool x.yaml: periods[2].requests[2].productId: "loaf" is a product of "bakery", which left the pool in period 3',
    );
  });

  test('a subscription to the fork before it exists', () => {
    const text = variant((s) => {
      s.subscriptions.push({
        id: 'early',
        personId: 'cem',
        productId: 'bakehouse.loaf',
        unitsPerPeriod: 1,
        fromPeriod: 2,
      });
    });
    assert.equal(
      refusal(text),
      'scenario.project_not_in_pool x.yaml: subscriptions[1].fromPeriod: "bakehouse.loaf" is a product of "bakehouse", which is forked only in period 3',
    );
  });

  test('a fork of an unknown project', () => {
    const text = variant((s) => {
      s.periods[2].projectForks[0].projectId = 'brewery';
    });
    assert.equal(
      refusal(text),
      'scenario.unknown_reference x.yaml: periods[2].projectForks[0].projectId: unknown project "brewery"',
    );
  });

  test('a fork whose id clashes with a project', () => {
    const text = variant((s) => {
      s.projects.push({ id: 'bakehouse', maintainers: ['ben'] });
    });
    assert.equal(
      refusal(text),
      'scenario.duplicate_id x.yaml: periods[2].projectForks[0].id: "bakehouse" is already a project',
    );
  });

  test('a departure given twice in a period, and an unknown field', () => {
    const twice = variant((s) => {
      s.periods[2].projectDepartures.push({ projectId: 'bakery' });
    });
    assert.equal(
      refusal(twice),
      'scenario.duplicate_id x.yaml: periods[2].projectDepartures[1]: "bakery" appears twice',
    );
    const extra = variant((s) => {
      s.periods[2].projectForks[0].currency = 'EUR';
    });
    assert.match(refusal(extra), /^scenario.invalid x.yaml: periods\[2\].projectForks\[0\]/);
  });
});
