// Proves that the runner stops with a report naming the broken invariant or the refusing
// rule, keeps the periods before it, and credits only work confirmed by whom the project's
// policy allows (its maintainers and named peers).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runScenario } from './run.ts';
import { EMPTY_PERIOD, person, pool } from './testing.ts';
import type { PeriodSpec, Scenario } from './types.ts';

const emptyPeriod: PeriodSpec = EMPTY_PERIOD;

/** Ada sweeps the hall for a project; Bo maintains it. The hall's output is declared as WIP. */
function hall(period: Partial<PeriodSpec>, wipEffortMilli: number): Scenario {
  return {
    name: 'hall',
    subscriptions: [],
    seed: 7,
    pool: pool({ id: 'p' }),
    persons: [person('ada'), person('bo')],
    projects: [
      { id: 'hall', maintainers: ['bo'], namedConfirmers: [], seat: null, currency: null },
    ],
    products: [],
    associations: [],
    housingUnits: [],
    resources: [],
    durableGoods: [],
    periods: [
      emptyPeriod,
      {
        ...emptyPeriod,
        tasks: [
          {
            id: 'sweep',
            templateId: 'sweep',
            projectId: 'hall',
            slots: 1,
            minutesPerSlot: 90,
            indicatedWeightMilli: null,
            standardMinutesPerUnit: null,
          },
        ],
        bids: [{ personId: 'ada', instanceId: 'sweep', weightMilli: 1300, round: 0 }],
        workInProgress: [{ projectId: 'hall', changeEffortMilli: wipEffortMilli }],
        ...period,
      },
    ],
    federation: [],
  };
}

const sweep = (confirmedBy: string | null) => ({
  id: 'w1',
  personId: 'ada',
  instanceId: 'sweep',
  minutes: 90,
  unitsDone: null,
  confirmedBy,
});

describe('runScenario', () => {
  test('confirmed work is credited at the clearing weight: 90 min × 1.300 = 1 950 mWH', () => {
    const run = runScenario(hall({ work: [sweep('bo')] }, 1950));
    assert.equal(run.stop, null);
    assert.equal(run.periods[1]!.settlement.closingBalances.get('p.person.ada' as never), 1950);
  });

  test('unconfirmed work is not credited', () => {
    const run = runScenario(hall({ work: [sweep(null)] }, 0));
    assert.equal(run.stop, null);
    assert.equal(run.periods[1]!.work[0]!.amountEffortMilli, 0);
    assert.equal(run.periods[1]!.settlement.closingBalances.get('p.person.ada' as never), 0);
  });

  test('an undeclared inventory change stops the run at the pool identity', () => {
    const run = runScenario(hall({ work: [sweep('bo')] }, 0));
    assert.equal(run.periods.length, 1);
    assert.deepEqual(run.stop && [run.stop.period, run.stop.invariant, run.stop.code], [
      2,
      'poolIdentity',
      'pool.identity_violated',
    ]);
    assert.match(run.stop!.detail, /hall: books 1950, declared 0, difference 1950/);
  });

  test('a peer the project names confirms like a maintainer: 1 950 mWH for Ada', () => {
    const base = hall({ work: [sweep('cy')] }, 1950);
    const named: Scenario = {
      ...base,
      persons: [...base.persons, person('cy')],
      projects: [{ ...base.projects[0]!, namedConfirmers: ['cy'] }],
    };
    const run = runScenario(named);
    assert.equal(run.stop, null);
    assert.equal(run.periods[1]!.settlement.closingBalances.get('p.person.ada' as never), 1950);
  });

  test('a confirmer neither maintaining nor named stops the run', () => {
    const base = hall({ work: [sweep('cy')] }, 1950);
    const run = runScenario({ ...base, persons: [...base.persons, person('cy')] });
    assert.deepEqual(run.stop && [run.stop.period, run.stop.code, run.stop.detail], [
      2,
      'work.confirmer_not_allowed',
      'work w1: cy may not confirm for the project',
    ]);
  });

  test('a self-confirmed record stops the run as a refused rule, not an invariant', () => {
    const run = runScenario(hall({ work: [sweep('ada')] }, 1950));
    assert.deepEqual(run.stop && [run.stop.period, run.stop.invariant, run.stop.code], [
      2,
      null,
      'work.self_confirmation',
    ]);
  });

  test('--periods runs only the first periods', () => {
    assert.equal(runScenario(hall({}, 0), { periods: 1 }).periods.length, 1);
  });
});

describe('flat-rate bundles', () => {
  test('a 1 950 mWH bundle over three participants: 650 each; the hall stays even', () => {
    const base = hall({ work: [sweep('bo')] }, 0);
    const withBundle: Scenario = {
      ...base,
      persons: [...base.persons, { ...base.persons[1]!, id: 'cy' }],
      periods: [
        base.periods[0]!,
        {
          ...base.periods[1]!,
          workInProgress: [],
          flatRateBundles: [
            {
              id: 'hall-use',
              projectId: 'hall',
              effortMilli: 1950,
              participants: ['cy', 'ada', 'bo'],
              dependentUsers: [],
              basicNeeds: false,
              fairUse: null,
            },
          ],
        },
      ],
    };
    const run = runScenario(withBundle);
    assert.equal(run.stop, null);
    const balances = run.periods[1]!.closingBalances;
    assert.deepEqual(
      ['ada', 'bo', 'cy', 'hall'].map((id) =>
        balances.get((id === 'hall' ? 'p.project.hall' : `p.person.${id}`) as never),
      ),
      [1950 - 650, -650, -650, 0],
    );
    assert.equal(run.periods[1]!.settlement.baseEffortMilli, 1950);
  });
});

describe('basic-needs quota of a scarce good (M7)', () => {
  test('the quota unit goes to the basic-needs request at the posted price, the rest by premium', () => {
    const base = hall({}, 0);
    const run = runScenario({
      ...base,
      persons: [...base.persons, { ...base.persons[1]!, id: 'cy' }],
      products: [
        {
          id: 'flat',
          projectId: 'hall',
          unitPriceEffortMilli: 1000,
          scarcityRule: 'auction',
          basicNeedsQuotaUnits: 1,
          planningAlphaPpm: 900_000,
          safetyStockUnits: 0,
          recipe: null,
          allocation: 'effortBased',
          minutesPerPeriod: 43_200,
          jointOf: null,
          kind: 'good',
        },
      ],
      periods: [
        {
          ...base.periods[0]!,
          production: [{ productId: 'flat', units: 2 }],
          workInProgress: [{ projectId: 'hall', changeEffortMilli: -2000 }],
          requests: [
            {
              personId: 'ada',
              productId: 'flat',
              units: 1,
              premiumPerUnitEffortMilli: 0,
              premiumTermPeriods: null,
              release: 'atOnce',
              basicNeeds: true,
            },
            {
              personId: 'bo',
              productId: 'flat',
              units: 1,
              premiumPerUnitEffortMilli: 700,
              premiumTermPeriods: null,
              release: 'atOnce',
              basicNeeds: false,
            },
            {
              personId: 'cy',
              productId: 'flat',
              units: 1,
              premiumPerUnitEffortMilli: 300,
              premiumTermPeriods: null,
              release: 'atOnce',
              basicNeeds: false,
            },
          ],
        },
      ],
    });
    assert.equal(run.stop, null);
    const clearing = run.periods[0]!.goods[0]!;
    assert.deepEqual(
      clearing.allocations.map((a) => [a.personId, a.units, a.quotaUnits, a.premiumEffortMilli]),
      [
        ['ada', 1, 1, 0],
        ['bo', 1, 0, 300],
      ],
    );
    const b = run.periods[0]!.closingBalances;
    assert.deepEqual(
      ['ada', 'bo', 'cy'].map((id) => b.get(`p.person.${id}` as never)),
      [-1000, -1300, 0],
    );
  });
});

describe('free goods (M14)', () => {
  test('a copyable design at price 0 is handed out without any transfer', () => {
    const base = hall({}, 0);
    const run = runScenario({
      ...base,
      products: [
        {
          id: 'design',
          projectId: 'hall',
          unitPriceEffortMilli: 0,
          scarcityRule: 'auction',
          basicNeedsQuotaUnits: 0,
          planningAlphaPpm: 900_000,
          safetyStockUnits: 0,
          recipe: null,
          allocation: 'effortBased',
          minutesPerPeriod: 43_200,
          jointOf: null,
          kind: 'good',
        },
      ],
      periods: [
        {
          ...base.periods[0]!,
          production: [{ productId: 'design', units: 2 }],
          requests: [
            {
              personId: 'ada',
              productId: 'design',
              units: 1,
              premiumPerUnitEffortMilli: 0,
              premiumTermPeriods: null,
              release: 'atOnce',
              basicNeeds: false,
            },
            {
              personId: 'bo',
              productId: 'design',
              units: 1,
              premiumPerUnitEffortMilli: 0,
              premiumTermPeriods: null,
              release: 'atOnce',
              basicNeeds: false,
            },
          ],
        },
      ],
    });
    assert.equal(run.stop, null);
    assert.deepEqual(
      run.periods[0]!.goods[0]!.allocations.map((a) => [a.personId, a.units, a.priceEffortMilli]),
      [
        ['ada', 1, 0],
        ['bo', 1, 0],
      ],
    );
    assert.equal(run.periods[0]!.transfers.length, 0);
  });
});

describe('services from person to person (M15)', () => {
  const withService = (confirmedBy: string | null): Scenario => {
    const base = hall({}, 0);
    return {
      ...base,
      periods: [
        {
          ...base.periods[0]!,
          personalServices: [
            {
              id: 's1',
              giverId: 'ada',
              beneficiaryId: 'bo',
              minutes: 90,
              weightMilli: 1000,
              confirmedBy,
            },
          ],
        },
      ],
    };
  };

  test('confirmed by the beneficiary: bo −1 500, ada +1 500 mWH, code work.service', () => {
    const run = runScenario(withService('bo'));
    assert.equal(run.stop, null);
    const b = run.periods[0]!.closingBalances;
    assert.deepEqual(
      [b.get('p.person.ada' as never), b.get('p.person.bo' as never)],
      [1500, -1500],
    );
    assert.deepEqual(
      run.periods[0]!.transfers.map((t) => t.code),
      ['work.service'],
    );
  });

  test('unconfirmed: nothing moves; confirmed by the giver: refused', () => {
    const open = runScenario(withService(null));
    assert.equal(open.stop, null);
    assert.equal(open.periods[0]!.transfers.length, 0);
    assert.equal(runScenario(withService('ada')).stop?.code, 'timebank.unconfirmed');
  });
});

describe('time bank (weighting: flat)', () => {
  test('every hour counts 1.000 whatever the bid: 90 min = 1 500 mWH', () => {
    const base = hall({ work: [sweep('bo')] }, 1500);
    const run = runScenario({ ...base, pool: { ...base.pool, weighting: 'flat' } });
    assert.equal(run.stop, null);
    assert.equal(run.periods[1]!.work[0]!.weightMilli, 1000);
    assert.equal(run.periods[1]!.settlement.closingBalances.get('p.person.ada' as never), 1500);
  });
});
