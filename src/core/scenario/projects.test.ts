// Proves the pure rules of projects leaving and forking: a fork copies its original's product
// definitions and recipes (without the means of production) under its own id from its period
// on, a departed project's products leave the period's view, its open pre-orders are released,
// and each malformed fork or departure is refused with the path of the field.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkProjectReferences,
  inPool,
  projectChanges,
  projectsView,
  withForks,
} from './projects.ts';
import { releasePreOrders, usesProjectChanges } from './projects-period.ts';
import type { OpenPreOrder } from './step.ts';
import { EMPTY_PERIOD, person, pool, product } from './testing.ts';
import type { PeriodSpec, ProductSpec, Scenario } from './types.ts';

const bread: ProductSpec = {
  ...product({ id: 'bread', projectId: 'bakery', unitPriceEffortMilli: 500 }),
  recipe: {
    unitsPerPeriod: 10,
    reestimate: null,
    joint: null,
    labour: [{ templateId: 'bake', effortMilliPerUnit: 400 }],
    overhead: [],
    inputs: [{ productId: 'flour', quantityPerUnit: 1 }],
    resources: [],
    meansOfProduction: [
      {
        id: 'oven',
        buildEffortMilli: 60_000,
        lifePeriods: 60,
        maintenanceEffortMilliPerPeriod: 0,
        useSharePpm: 1_000_000,
      },
    ],
  },
};

function scenario(periods: Partial<PeriodSpec>[]): Scenario {
  return {
    name: 't',
    seed: 1,
    pool: pool({ id: 'v' }),
    persons: [person('ana'), person('ben')],
    projects: [
      { id: 'bakery', maintainers: ['ana'], namedConfirmers: [], seat: null, currency: null },
      { id: 'mill', maintainers: ['ben'], namedConfirmers: [], seat: null, currency: null },
    ],
    products: [bread, product({ id: 'flour', projectId: 'mill', unitPriceEffortMilli: 100 })],
    associations: [],
    housingUnits: [],
    resources: [],
    durableGoods: [],
    subscriptions: [
      {
        id: 's',
        personId: 'ben',
        productId: 'bread',
        unitsPerPeriod: 1,
        fromPeriod: 1,
        untilPeriod: null,
        basicNeeds: false,
      },
    ],
    periods: periods.map((p) => ({ ...EMPTY_PERIOD, ...p })),
    federation: [],
  };
}

const fork = {
  id: 'oven2',
  projectId: 'bakery',
  maintainers: ['ben'],
  namedConfirmers: [],
  seat: null,
};
const refusal = (s: Scenario): string => {
  const changes = projectChanges(s);
  if (!changes.ok) return `${changes.error.code} ${changes.error.detail}`;
  const found = checkProjectReferences(withForks(s, changes.value), changes.value);
  return found === null ? '' : `${found.error.code} ${found.error.detail}`;
};

describe('projectChanges and withForks', () => {
  test('a fork copies the products and recipes of its original, without the means of production', () => {
    const s = scenario([{}, { projectForks: [fork] }]);
    const changes = projectChanges(s);
    assert.ok(changes.ok);
    assert.deepEqual(changes.value.forks, [
      {
        id: 'oven2',
        forkOf: 'bakery',
        fromPeriod: 2,
        maintainers: ['ben'],
        products: [{ productId: 'oven2.bread', copiedFrom: 'bread' }],
      },
    ]);
    const expanded = withForks(s, changes.value);
    const copy = expanded.products.find((x) => x.id === 'oven2.bread')!;
    assert.equal(copy.projectId, 'oven2');
    assert.equal(copy.unitPriceEffortMilli, 500);
    assert.deepEqual(copy.recipe?.labour, bread.recipe!.labour);
    assert.deepEqual(copy.recipe?.inputs, [{ productId: 'flour', quantityPerUnit: 1 }]);
    assert.deepEqual(copy.recipe?.meansOfProduction, []);
    assert.deepEqual(expanded.projects.at(-1), {
      id: 'oven2',
      maintainers: ['ben'],
      namedConfirmers: [],
      seat: null,
      currency: null,
    });
    // The original keeps its oven.
    assert.equal(expanded.products[0]!.recipe?.meansOfProduction.length, 1);
  });

  test('a fork names confirmers of its own; none come from the original', () => {
    const s = scenario([{ projectForks: [{ ...fork, namedConfirmers: ['ana'] }] }]);
    const named = { ...s, projects: s.projects.map((x) => ({ ...x, namedConfirmers: ['ben'] })) };
    const changes = projectChanges(named);
    assert.ok(changes.ok);
    assert.deepEqual(changes.value.forkProjects, [
      { id: 'oven2', maintainers: ['ben'], namedConfirmers: ['ana'], seat: null, currency: null },
    ]);
  });

  test('a fork of a fork copies the copies of a later period', () => {
    const s = scenario([
      { projectForks: [fork] },
      { projectForks: [{ ...fork, id: 'o3', projectId: 'oven2' }] },
    ]);
    const changes = projectChanges(s);
    assert.ok(changes.ok);
    assert.deepEqual(
      changes.value.forkProducts.map((x) => x.id),
      ['oven2.bread', 'o3.oven2.bread'],
    );
  });

  test('the view of a period holds the forks made by then and no product of a departed project', () => {
    const s = scenario([
      {},
      { projectForks: [fork], projectDepartures: [{ projectId: 'bakery' }] },
    ]);
    const changes = projectChanges(s);
    assert.ok(changes.ok);
    const expanded = withForks(s, changes.value);
    const p1 = projectsView(expanded, changes.value, 1);
    assert.deepEqual(
      p1.projects.map((x) => x.id),
      ['bakery', 'mill'],
    );
    assert.deepEqual(
      p1.products.map((x) => x.id),
      ['bread', 'flour'],
    );
    assert.deepEqual(
      p1.subscriptions.map((x) => x.id),
      ['s'],
    );
    const p2 = projectsView(expanded, changes.value, 2);
    assert.deepEqual(
      p2.projects.map((x) => x.id),
      ['bakery', 'mill', 'oven2'],
    );
    assert.deepEqual(
      p2.products.map((x) => x.id),
      ['flour', 'oven2.bread'],
    );
    assert.deepEqual(p2.subscriptions, []);
    assert.equal(inPool(changes.value, 'bakery', 1), true);
    assert.equal(inPool(changes.value, 'bakery', 2), false);
    assert.equal(inPool(changes.value, 'oven2', 1), false);
    assert.equal(usesProjectChanges(changes.value, 1), false);
    assert.equal(usesProjectChanges(changes.value, 2), true);
  });

  test('a file without forks or departures is left as it is', () => {
    const s = scenario([{}]);
    const changes = projectChanges(s);
    assert.ok(changes.ok);
    assert.equal(withForks(s, changes.value), s);
    assert.equal(projectsView(s, changes.value, 1), s);
  });

  test("a departing project's open pre-orders are released, the others stay", () => {
    const s = scenario([{}, { projectDepartures: [{ projectId: 'bakery' }] }]);
    const changes = projectChanges(s);
    assert.ok(changes.ok);
    const order = (id: string, productId: string): [string, OpenPreOrder] => [
      id,
      { spec: { id, personId: 'ana', productId, units: 2, fulfil: 'production' }, placedIn: 1 },
    ];
    const open = new Map([order('a', 'bread'), order('b', 'flour')]);
    assert.deepEqual(releasePreOrders(open, s, changes.value, 1), []);
    assert.deepEqual(releasePreOrders(open, s, changes.value, 2), [
      { preOrderId: 'a', personId: 'ana', productId: 'bread', units: 2 },
    ]);
    assert.deepEqual([...open.keys()], ['b']);
  });
});

describe('malformed forks and departures name the path', () => {
  test('a fork of an unknown project, or of one forked in the same period', () => {
    assert.equal(
      refusal(scenario([{ projectForks: [{ ...fork, projectId: 'zoo' }] }])),
      'scenario.unknown_reference periods[0].projectForks[0].projectId: unknown project "zoo"',
    );
    assert.match(
      refusal(scenario([{ projectForks: [fork, { ...fork, id: 'x', projectId: 'oven2' }] }])),
      /^scenario.unknown_reference periods\[0\].projectForks\[1\].projectId/,
    );
  });

  test('a fork id clashing with a project, a fork or a product', () => {
    assert.equal(
      refusal(scenario([{ projectForks: [{ ...fork, id: 'mill' }] }])),
      'scenario.duplicate_id periods[0].projectForks[0].id: "mill" is already a project',
    );
    assert.equal(
      refusal(scenario([{ projectForks: [fork] }, { projectForks: [fork] }])),
      'scenario.duplicate_id periods[1].projectForks[0].id: "oven2" is already a project',
    );
    const s = scenario([{ projectForks: [fork] }]);
    const clash = {
      ...s,
      products: [...s.products, product({ id: 'oven2.bread', projectId: 'mill' })],
    };
    assert.equal(
      refusal(clash),
      'scenario.duplicate_id periods[0].projectForks[0].id: the copy "oven2.bread" of product "bread" is already a product',
    );
  });

  test('unknown maintainers, named confirmers and seats of a fork', () => {
    assert.equal(
      refusal(scenario([{ projectForks: [{ ...fork, maintainers: ['zoe'] }] }])),
      'scenario.unknown_reference periods[0].projectForks[0].maintainers[0]: unknown person "zoe"',
    );
    assert.equal(
      refusal(scenario([{ projectForks: [{ ...fork, namedConfirmers: ['ana', 'zoe'] }] }])),
      'scenario.unknown_reference periods[0].projectForks[0].namedConfirmers[1]: unknown person "zoe"',
    );
    assert.equal(
      refusal(scenario([{ projectForks: [{ ...fork, seat: 'town' }] }])),
      'scenario.unknown_reference periods[0].projectForks[0].seat: unknown association "town"',
    );
  });

  test('leaving twice, or a project unknown', () => {
    const away = { projectDepartures: [{ projectId: 'bakery' }] };
    assert.equal(
      refusal(scenario([away, away])),
      'scenario.project_not_in_pool periods[1].projectDepartures[0].projectId: "bakery" left the pool in period 1',
    );
    assert.equal(
      refusal(scenario([{ projectDepartures: [{ projectId: 'zoo' }] }])),
      'scenario.unknown_reference periods[0].projectDepartures[0].projectId: unknown project "zoo"',
    );
  });

  test('a project keeping dwellings cannot leave yet', () => {
    const s = scenario([{ projectDepartures: [{ projectId: 'mill' }] }]);
    const unit = {
      id: 'h1',
      projectId: 'mill',
      buildEffortMilli: 1000,
      lifePeriods: 10,
      expectedMaintenanceEffortMilli: 0,
      expectedOccupancyPpm: 950_000,
      reestimateEveryPeriods: 12,
      stewardAssociationId: null,
    };
    assert.match(
      refusal({ ...s, housingUnits: [unit] }),
      /^scenario.project_cannot_leave periods\[0\].projectDepartures\[0\].projectId: "mill" keeps dwellings/,
    );
  });

  test('references to a project after it left, or to a fork before it, are refused', () => {
    const away = { projectDepartures: [{ projectId: 'bakery' }] };
    const task = {
      id: 't',
      templateId: 'bake',
      projectId: 'bakery',
      slots: 1,
      minutesPerSlot: 60,
      indicatedWeightMilli: null,
      standardMinutesPerUnit: null,
    };
    assert.equal(
      refusal(scenario([{}, { ...away, tasks: [task] }])),
      'scenario.project_not_in_pool periods[1].tasks[0].projectId: project "bakery" left the pool in period 2',
    );
    assert.equal(
      refusal(scenario([{ tasks: [{ ...task, projectId: 'oven2' }] }, { projectForks: [fork] }])),
      'scenario.project_not_in_pool periods[0].tasks[0].projectId: project "oven2" is forked only in period 2',
    );
    const request = {
      personId: 'ana',
      productId: 'bread',
      units: 1,
      premiumPerUnitEffortMilli: 0,
      premiumTermPeriods: null,
      release: 'atOnce' as const,
      basicNeeds: false,
    };
    assert.equal(
      refusal({ ...scenario([away, { requests: [request] }]), subscriptions: [] }),
      'scenario.project_not_in_pool periods[1].requests[0].productId: "bread" is a product of "bakery", which left the pool in period 1',
    );
    const late = scenario([away]);
    assert.equal(
      refusal({ ...late, subscriptions: [{ ...late.subscriptions[0]!, fromPeriod: 1 }] }),
      'scenario.project_not_in_pool subscriptions[0].fromPeriod: "bread" is a product of "bakery", which left the pool in period 1',
    );
    // Baking bread after the mill left: the recipe takes its flour.
    const milled = scenario([
      {
        projectDepartures: [{ projectId: 'mill' }],
        production: [{ productId: 'bread', units: 1 }],
      },
    ]);
    assert.equal(
      refusal({ ...milled, subscriptions: [] }),
      'scenario.project_not_in_pool periods[0].production[0].productId: its recipe takes "flour" of "mill", which left the pool in period 1',
    );
  });
});
