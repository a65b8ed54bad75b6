// Proves that a good won on a commitment released on completion waits in stock until the work
// is done (then is taken and charged) or lapses back to stock, and that a means of production
// abandoned early is written off to the adjustment account, with the numbers worked out by
// hand in examples/mechanism-completion.yaml, and that a service unit not taken in its period
// is written off; malformed uses are refused with their path.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runScenario, type ScenarioRun } from '../../src/core/scenario/index.ts';
import { exampleVariant, loadExample, loadText, refusal } from './support.ts';

const FILE = 'mechanism-completion.yaml';
const run = runScenario(loadExample(FILE));
const period = (p: number) => run.periods[p - 1]!;
const codes = (p: number) => period(p).transfers.map((t) => [t.code, t.amount]);
const stock = (p: number) => Object.fromEntries(period(p).stockUnits);
const reservations = (p: number) =>
  period(p).reservations.map((r) => [r.personId, r.status, r.unitPriceEffortMilli]);
const variant = exampleVariant(FILE);
const balancesOf = (r: ScenarioRun, p: number) =>
  Object.fromEntries(
    ['ada', 'bo', 'cy', 'di'].map((id) => [
      id,
      r.periods[p - 1]!.closingBalances.get(`p.person.${id}` as never) ?? 0,
    ]),
  );

describe('goods released on completion and means of production abandoned early', () => {
  test('runs all four periods with every invariant holding', () => {
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 4);
    assert.deepEqual(
      run.periods.map((p) => p.priceFactorPpm),
      [1_000_000, 1_000_000, 1_000_000, 1_000_000],
    );
  });

  test('period 1: both bikes won are reserved, nobody is charged for them', () => {
    assert.deepEqual(period(1).goods[0]!.clearingPremiumEffortMilli, 1000);
    assert.deepEqual(codes(1), [
      ['work.credit', 4000],
      ['work.credit', 5000],
      ['take.goods', 4000],
    ]);
    assert.deepEqual(stock(1), { bike: 0, bread: 5 });
    assert.deepEqual(reservations(1), [
      ['ada', 'reserved', null],
      ['bo', 'reserved', null],
    ]);
    assert.deepEqual(
      period(1).commitments.map((c) => [c.personId, c.duePeriod, c.release, c.status]),
      [
        ['ada', 2, 'onCompletion', 'open'],
        ['bo', 2, 'onCompletion', 'open'],
      ],
    );
    assert.deepEqual(balancesOf(run, 1), { ada: 0, bo: 4000, cy: 0, di: 1000 });
    assert.equal(period(1).inventoryEffortMilli.get('shop'), 17_000);
  });

  test('period 2: Ada works off her premium, the oven is written off (9 000)', () => {
    assert.deepEqual(codes(2), [
      ['work.credit', 1000],
      ['adjustment.writeOff', 9000],
    ]);
    assert.deepEqual(period(2).meansWrittenOff, [
      {
        projectId: 'shop',
        meansOfProductionId: 'oven',
        buildEffortMilli: 12_000,
        chargedEffortMilli: 3000,
        writtenOffEffortMilli: 9000,
      },
    ]);
    assert.deepEqual(reservations(2), [
      ['ada', 'due', null],
      ['bo', 'reserved', null],
    ]);
    assert.deepEqual(
      period(2).commitments.map((c) => [c.personId, c.creditedEffortMilli, c.status]),
      [
        ['ada', 1000, 'fulfilled'],
        ['bo', 0, 'open'],
      ],
    );
    assert.equal(period(2).closingBalances.get('p.adjustment' as never), -9000);
    assert.equal(period(2).inventoryEffortMilli.get('shop'), 9000);
  });

  test("period 3: Ada's bike is taken, the oven is no longer charged, Bo's lapses", () => {
    assert.deepEqual(codes(3), [
      ['work.credit', 5000],
      ['adjustment.estimate', 3000],
      ['take.goods', 2000],
      ['premium.commitment', 1000],
    ]);
    const bread = period(3).recipes[0]!;
    assert.deepEqual(
      [bread.actual.unitPriceEffortMilli, bread.actual.batch.meansOfProduction],
      [500, 0],
    );
    assert.equal(bread.uncoveredEffortMilli, -3000);
    assert.deepEqual(reservations(3), [
      ['ada', 'taken', 2000],
      ['bo', 'lapsed', null],
    ]);
    assert.deepEqual(
      period(3).commitments.map((c) => [c.personId, c.status]),
      [['bo', 'lapsed']],
    );
    assert.deepEqual(stock(3), { bike: 1, bread: 15 });
    assert.deepEqual(balancesOf(run, 3), { ada: -2000, bo: 4000, cy: 0, di: 6000 });
    assert.equal(period(3).closingBalances.get('p.adjustment' as never), -6000);
    assert.equal(period(3).closingBalances.get('p.premium' as never), 1000);
    assert.equal(period(3).inventoryEffortMilli.get('shop'), 15_000);
  });

  test('period 4: the returned bike goes to Cy, one care hour is taken, one written off', () => {
    assert.deepEqual(codes(4), [
      ['work.credit', 2000],
      ['adjustment.writeOff', 1000],
      ['take.goods', 2000],
      ['take.goods', 1000],
    ]);
    const care = period(4).recipes[0]!;
    assert.deepEqual(
      [care.productId, care.actual.kind, care.units, care.actual.unitPriceEffortMilli],
      ['care', 'service', 2, 1000],
    );
    assert.deepEqual(period(4).servicesUnused, [
      { productId: 'care', units: 1, effortMilli: 1000 },
    ]);
    assert.deepEqual(period(4).reservations, []);
    assert.deepEqual(period(4).commitments, []);
    assert.deepEqual(stock(4), { bike: 0, bread: 15, care: 0 });
    assert.deepEqual(balancesOf(run, 4), { ada: -3000, bo: 4000, cy: -2000, di: 8000 });
    assert.equal(period(4).closingBalances.get('p.adjustment' as never), -7000);
    assert.equal(period(4).inventoryEffortMilli.get('shop'), 13_000);
    assert.equal(period(4).inventoryEffortMilli.get('carecoop'), 0);
    assert.equal(period(4).settlement.baseEffortMilli, 3000);
    assert.equal(period(4).settlement.nextPriceFactorPpm, 3_000_000);
  });

  test('the same care hours as a good stay in stock', () => {
    const text = variant((s) => {
      delete s.products[2].kind;
    });
    const kept = runScenario(loadText(text)).periods[3]!;
    assert.deepEqual(kept.servicesUnused, []);
    assert.equal(kept.stockUnits.get('care'), 1);
    assert.equal(kept.inventoryEffortMilli.get('carecoop'), 1000);
  });

  test('with release atOnce the same bikes are handed out and charged in period 1', () => {
    const text = variant((s) => {
      for (const r of s.periods[0].requests) delete r.release;
    });
    const at = runScenario(loadText(text));
    assert.equal(at.stop, null);
    assert.deepEqual(at.periods[0]!.reservations, []);
    assert.deepEqual(Object.fromEntries(at.periods[0]!.stockUnits), { bike: 0, bread: 5 });
    assert.deepEqual(balancesOf(at, 1), { ada: -3000, bo: 1000, cy: 0, di: 1000 });
  });

  test('a project leaving the pool gets its reserved units back; nothing is owed', () => {
    const text = variant((s) => {
      s.periods = [s.periods[0], { projectDepartures: [{ projectId: 'shop' }] }];
    });
    const left = runScenario(loadText(text));
    assert.equal(left.stop, null);
    assert.deepEqual(
      left.periods[1]!.reservations.map((r) => [r.personId, r.status]),
      [
        ['ada', 'lapsed'],
        ['bo', 'lapsed'],
      ],
    );
    assert.deepEqual(left.periods[1]!.commitments, []);
    assert.deepEqual(left.periods[1]!.projects?.departed[0]?.stock, [
      { productId: 'bike', units: 2 },
      { productId: 'bread', units: 5 },
    ]);
    assert.deepEqual(balancesOf(left, 2), { ada: 0, bo: 4000, cy: 0, di: 1000 });
  });
});

describe('completion and abandoned means: errors name the path', () => {
  test('onCompletion without a term', () => {
    const text = variant((s) => {
      s.periods[0].requests[0].premiumTermPeriods = null;
    });
    assert.equal(
      refusal(text),
      'scenario.invalid x.yaml: periods[0].requests[0].release: onCompletion needs premiumTermPeriods (the good waits for the committed work)',
    );
  });

  test('an unknown release', () => {
    const text = variant((s) => {
      s.periods[0].requests[0].release = 'later';
    });
    assert.equal(
      refusal(text),
      'scenario.invalid x.yaml: periods[0].requests[0].release: must be one of "atOnce", "onCompletion"',
    );
  });

  test('a means of production no recipe of the project names', () => {
    const text = variant((s) => {
      s.periods[1].meansAbandoned[0].meansOfProductionId = 'kiln';
    });
    assert.equal(
      refusal(text),
      'scenario.unknown_reference x.yaml: periods[1].meansAbandoned[0].meansOfProductionId: unknown means of production of a recipe of "shop" "kiln"',
    );
  });

  test('a means of production abandoned twice', () => {
    const text = variant((s) => {
      s.periods[2].meansAbandoned = [{ projectId: 'shop', meansOfProductionId: 'oven' }];
    });
    assert.equal(
      refusal(text),
      'scenario.duplicate_id x.yaml: periods[2].meansAbandoned[0].meansOfProductionId: "oven" was abandoned in period 2 already',
    );
  });

  test('a service taken by flat allocation', () => {
    const text = variant((s) => {
      s.products[2] = {
        id: 'care',
        projectId: 'carecoop',
        kind: 'service',
        unitPriceEffortMilli: 0,
      };
      s.products[2].allocation = 'flatAllocation';
    });
    assert.equal(
      refusal(text),
      'scenario.service_mismatch x.yaml: products[2].allocation: a service is taken effort-based',
    );
  });

  test('a service as the input of a recipe', () => {
    const text = variant((s) => {
      s.products[1].recipe.inputs = [{ productId: 'care', quantityPerUnit: 1 }];
    });
    assert.equal(
      refusal(text),
      'scenario.service_mismatch x.yaml: products[1].recipe.inputs[0].productId: "care" is a service, delivered when taken, not kept as an input',
    );
  });

  test('an unknown kind', () => {
    const text = variant((s) => {
      s.products[2].kind = 'right';
    });
    assert.equal(
      refusal(text),
      'scenario.invalid x.yaml: products[2].kind: must be one of "good", "service"',
    );
  });

  test('an unknown project', () => {
    const text = variant((s) => {
      s.periods[1].meansAbandoned[0].projectId = 'mill';
    });
    assert.equal(
      refusal(text),
      'scenario.unknown_reference x.yaml: periods[1].meansAbandoned[0].projectId: unknown project "mill"',
    );
  });
});
