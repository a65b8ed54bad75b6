// Proves that pool settings change from a period on (decision 0018): each period runs with the
// settings in force in it (the debit allowance as the ledger's bound, the weighting in the
// market), the report lists them from the first change on, a lowered allowance holds nobody
// in breach for an older debt, and a change the format cannot take is refused with its path.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  canonicalJson,
  runScenario,
  type ScenarioRun,
  scenarioReport,
} from '../../src/core/scenario/index.ts';
import { DEFAULT_MARKET } from '../../src/core/scenario/testing.ts';
import { exampleVariant, loadExample, loadText, refusal } from './support.ts';

const FILE = 'mechanism-settings.yaml';
const variant = exampleVariant(FILE);
const balances = (run: ScenarioRun, period: number) =>
  ['person.ana', 'person.ben', 'project.bakery'].map(
    (id) => run.periods[period - 1]!.closingBalances.get(`s.${id}` as never) ?? 0,
  );
const credits = (run: ScenarioRun) =>
  run.periods.map((p) => p.work.map((w) => [w.weightMilli, w.amountEffortMilli]));

describe(FILE, () => {
  const run = runScenario(loadExample(FILE));

  test('runs three periods with every invariant holding', () => {
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 3);
  });

  test('periods 1 and 2 under the file pool: Ana at her 10 WH allowance, Ben paid his bid', () => {
    assert.deepEqual(balances(run, 1), [-10_000, 10_000, 0]);
    assert.deepEqual(balances(run, 2), [-10_000, 20_000, -10_000]);
    assert.deepEqual(credits(run).slice(0, 2), [[[1000, 10_000]], [[2000, 10_000]]]);
  });

  test('period 3 as a time bank with a 30 WH allowance: weight 1.000, Ana at −30 WH', () => {
    assert.deepEqual(credits(run)[2], [[1000, 10_000]]);
    assert.equal(run.periods[2]!.settlement.baseEffortMilli, 20_000);
    assert.deepEqual(balances(run, 3), [-30_000, 30_000, 0]);
    assert.deepEqual(
      run.periods.map((p) => p.priceFactorPpm),
      [1_000_000, 1_000_000, 1_000_000],
    );
    assert.deepEqual(run.ledger.accounts.get('s.person.ana' as never)?.account.bound, {
      kind: 'debitAllowance',
      allowance: 30_000,
    });
  });

  test('the report lists the settings in force from the first change on', () => {
    const report = JSON.parse(canonicalJson(scenarioReport(run)));
    assert.deepEqual(
      report.periods.map((p: { settings?: unknown }) => 'settings' in p),
      [false, false, true],
    );
    assert.deepEqual(report.periods[2].settings, {
      id: 's',
      weighting: 'flat',
      priceFactorMode: 'proportional',
      allowanceEffortMilli: 30_000,
      carryOverCapEffortMilli: 200_000,
      donateTo: 'pool',
      forgiveAfterPeriods: 12,
      market: DEFAULT_MARKET,
    });
  });

  test('without the change, period 3 pays the bid and stops at the 10 WH allowance', () => {
    const unchanged = runScenario(
      loadText(
        variant((s) => {
          delete s.periods[2].settingsChanges;
        }),
      ),
    );
    assert.deepEqual(
      unchanged.periods.map((p) => canonicalJson(p.closingBalances as never)),
      run.periods.slice(0, 2).map((p) => canonicalJson(p.closingBalances as never)),
    );
    assert.equal(unchanged.stop?.period, 3);
    assert.equal(unchanged.stop?.invariant, 'bounds');
  });

  test('a change holds from its period on, and a later one replaces it field by field', () => {
    const later = runScenario(
      loadText(
        variant((s) => {
          s.periods.push({
            settingsChanges: [{ pool: { weighting: 'auction', market: { minWeightMilli: 500 } } }],
            tasks: [{ id: 'bake4', templateId: 'bake', projectId: 'bakery', slots: 1 }],
            bids: [{ personId: 'ben', instanceId: 'bake4', weightMilli: 1500 }],
            work: [{ id: 'w4', personId: 'ben', instanceId: 'bake4', minutes: 400 }],
          });
          s.periods[3].tasks[0].minutesPerSlot = 400;
          s.periods[3].work[0].confirmedBy = 'ana';
          s.periods[3].production = [{ productId: 'loaf', units: 5 }];
        }),
      ),
    );
    assert.equal(later.stop, null);
    // 400 min at 1.500 = 10 WH: the auction again; the allowance of period 3 stays.
    assert.deepEqual(credits(later)[3], [[1500, 10_000]]);
    const settings = later.periods[3]!.settings!;
    assert.equal(settings.allowanceEffortMilli, 30_000);
    assert.equal(settings.weighting, 'auction');
    assert.deepEqual([settings.market.minWeightMilli, settings.market.capWeightMilli], [500, 5000]);
  });

  test('a lowered allowance keeps an older debt, and refuses what would go lower', () => {
    const lowered = (requests: unknown[]) =>
      runScenario(
        loadText(
          variant((s) => {
            s.periods = s.periods.slice(0, 2);
            s.periods[1].settingsChanges = [{ pool: { allowanceEffortMilli: 5000 } }];
            s.periods[1].requests = requests;
          }),
        ),
      );
    const kept = lowered([]);
    assert.equal(kept.stop, null);
    assert.deepEqual(balances(kept, 2), [-10_000, 20_000, -10_000]);
    const lower = lowered([{ personId: 'ana', productId: 'loaf', units: 1 }]);
    assert.equal(lower.stop?.period, 2);
    assert.equal(lower.stop?.invariant, 'bounds');
  });
});

describe(`${FILE}: malformed changes are refused with their path`, () => {
  type Edit = Parameters<typeof variant>[0];
  const refused = (edit: Edit) => refusal(variant(edit));
  const change =
    (pool: unknown, extra: object = {}): Edit =>
    (s) => {
      s.periods[2].settingsChanges = [{ pool, ...extra }];
    };

  test("the pool's id, the seed, the name and the number of periods are not settings", () => {
    assert.match(
      refused(change({ id: 't' })),
      /periods\[2\]\.settingsChanges\[0\]\.pool\.id: is not a setting: the pool's accounts are named by it/,
    );
    assert.match(
      refused(change({ weighting: 'flat' }, { seed: 7 })),
      /periods\[2\]\.settingsChanges\[0\]\.seed: is fixed for the whole run/,
    );
    assert.match(
      refused(change({ weighting: 'flat' }, { periods: 5 })),
      /periods\[2\]\.settingsChanges\[0\]\.periods: is not a setting/,
    );
    assert.match(
      refused(change({ weighting: 'flat' }, { name: 'x' })),
      /periods\[2\]\.settingsChanges\[0\]\.name: is fixed for the whole run/,
    );
  });

  test('unknown and out-of-range fields, an empty change, a change of nothing', () => {
    assert.match(
      refused(change({ weighting: 'flat', colour: 'red' })),
      /periods\[2\]\.settingsChanges\[0\]\.pool: unknown field "colour"/,
    );
    assert.match(
      refused(change({ market: { minWeightMilli: 0 } })),
      /periods\[2\]\.settingsChanges\[0\]\.pool\.market\.minWeightMilli: must be ≥ 1/,
    );
    assert.match(
      refused(change({ weighting: 'even' })),
      /periods\[2\]\.settingsChanges\[0\]\.pool\.weighting: must be one of "auction", "flat"/,
    );
    assert.match(refused(change({})), /periods\[2\]\.settingsChanges\[0\]\.pool: changes nothing/);
    assert.match(
      refused((s) => {
        s.periods[2].settingsChanges = [{}];
      }),
      /periods\[2\]\.settingsChanges\[0\]: changes nothing: give at least one setting/,
    );
  });

  test('a cap below the minimum in force, at the change that brings it there', () => {
    assert.match(
      refused(change({ market: { minWeightMilli: 6000 } })),
      /periods\[2\]\.settingsChanges\[0\]\.pool\.market\.capWeightMilli: must be ≥ minWeightMilli \(6000\)/,
    );
  });

  test('two changes of one period giving the same field', () => {
    assert.match(
      refused((s) => {
        s.periods[2].settingsChanges = [
          { pool: { weighting: 'flat', market: { capWeightMilli: 4000 } } },
          { pool: { allowanceEffortMilli: 1, market: { capWeightMilli: 3000 } } },
        ];
      }),
      /periods\[2\]\.settingsChanges\[1\]\.pool\.market\.capWeightMilli: is already changed in this period by settingsChanges\[0\]/,
    );
  });

  test('a bid below the minimum weight in force in its period', () => {
    assert.match(
      refused(change({ market: { minWeightMilli: 2500 } })),
      /periods\[2\]\.bids\[0\]\.weightMilli: must be ≥ 2500/,
    );
  });
});

// Association settings change too: the dependents' allowance of `la` rises from 10 to 20 WH in
// period 2. Each period Ben packs a 15 WH basket (15 h at 1.000) and the child takes it.
// Period 1: covered min(10, 15) = 10 WH, shared by Ana and Ben at 5 WH each; the child pays
// the 5 WH excess. Period 2: covered 15 WH (7.5 WH each), no excess.
const ASSOCIATION_FILE = (changes: unknown) => `
name: association-allowance-rises
pool: { id: s }
associations:
  - id: la
    allowances: [{ category: child, allowanceEffortMilli: 10000 }]
persons:
  - { id: ana, residence: la }
  - { id: ben, residence: la }
  - { id: kid, residence: la, capacitySlots: 0, dependent: { category: child } }
projects:
  - { id: pantry, maintainers: [ana] }
products:
  - { id: basket, projectId: pantry, unitPriceEffortMilli: 15000 }
periods:
  - tasks: [{ id: pack1, templateId: pack, projectId: pantry, slots: 1, minutesPerSlot: 900 }]
    bids: [{ personId: ben, instanceId: pack1, weightMilli: 1000 }]
    work: [{ id: w1, personId: ben, instanceId: pack1, minutes: 900, confirmedBy: ana }]
    production: [{ productId: basket, units: 1 }]
    requests: [{ personId: kid, productId: basket, units: 1 }]
  - settingsChanges: ${JSON.stringify(changes)}
    tasks: [{ id: pack2, templateId: pack, projectId: pantry, slots: 1, minutesPerSlot: 900 }]
    bids: [{ personId: ben, instanceId: pack2, weightMilli: 1000 }]
    work: [{ id: w2, personId: ben, instanceId: pack2, minutes: 900, confirmedBy: ana }]
    production: [{ productId: basket, units: 1 }]
    requests: [{ personId: kid, productId: basket, units: 1 }]
`;
const RISE = [
  {
    associations: [{ id: 'la', allowances: [{ category: 'child', allowanceEffortMilli: 20000 }] }],
  },
];

describe('settingsChanges: an association whose dependents’ allowance rises from period 2', () => {
  const run = runScenario(loadText(ASSOCIATION_FILE(RISE)));
  const people = (p: number) =>
    ['ana', 'ben', 'kid'].map(
      (id) => run.periods[p - 1]!.closingBalances.get(`s.person.${id}` as never) ?? 0,
    );
  const coverage = (p: number) =>
    run.periods[p - 1]!.associations!.shares.coverage.map((c) => [
      c.allowanceEffortMilli,
      c.coveredEffortMilli,
      c.excessEffortMilli,
    ]);

  test('runs both periods with every invariant holding', () => {
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 2);
  });

  test('period 1 under the file: 10 WH covered, 5 WH each, the child pays 5 WH', () => {
    assert.deepEqual(coverage(1), [[10_000, 10_000, 5000]]);
    assert.deepEqual(people(1), [-5000, 10_000, -5000]);
  });

  test('period 2 under the change: all 15 WH covered, 7.5 WH each, the child pays nothing', () => {
    assert.deepEqual(coverage(2), [[20_000, 15_000, 0]]);
    assert.deepEqual(people(2), [-12_500, 17_500, -5000]);
  });

  test('the report lists the associations in force from the change on', () => {
    const report = JSON.parse(canonicalJson(scenarioReport(run)));
    assert.equal('settings' in report.periods[0], false);
    assert.deepEqual(report.periods[1].settings.associations, [
      {
        id: 'la',
        parentId: null,
        level: 'neighbourhood',
        allowances: [{ category: 'child', allowanceEffortMilli: 20000 }],
        basicNeedsInArrears: false,
        dwellingIdleLimitPeriods: 12,
        dwellingNoticePeriods: 1,
      },
    ]);
  });

  test('a pool change alone reports no associations', () => {
    const pooled = runScenario(loadText(ASSOCIATION_FILE([{ pool: { forgiveAfterPeriods: 6 } }])));
    const report = JSON.parse(canonicalJson(scenarioReport(pooled)));
    assert.equal(report.periods[1].settings.forgiveAfterPeriods, 6);
    assert.equal('associations' in report.periods[1].settings, false);
    assert.deepEqual(
      pooled.periods[1]!.associations!.shares.coverage.map((c) => c.coveredEffortMilli),
      [10_000],
    );
  });
});

describe('settingsChanges: malformed association changes are refused with their path', () => {
  const refused = (changes: unknown) => refusal(ASSOCIATION_FILE(changes));
  const at = 'periods\\[1\\]\\.settingsChanges';

  test('an unknown association', () => {
    assert.match(
      refused([{ associations: [{ id: 'lb', basicNeedsInArrears: true }] }]),
      new RegExp(`${at}\\[0\\]\\.associations\\[0\\]\\.id: unknown association "lb"`),
    );
  });

  test('the place in the tree is not a setting', () => {
    assert.match(
      refused([{ associations: [{ id: 'la', parentId: 'x' }] }]),
      new RegExp(`${at}\\[0\\]\\.associations\\[0\\]\\.parentId: is not a setting`),
    );
    assert.match(
      refused([{ associations: [{ id: 'la', level: 'city', basicNeedsInArrears: true }] }]),
      new RegExp(`${at}\\[0\\]\\.associations\\[0\\]\\.level: is not a setting`),
    );
  });

  test('an empty change', () => {
    assert.match(refused([{}]), new RegExp(`${at}\\[0\\]: changes nothing`));
    assert.match(
      refused([{ associations: [{ id: 'la' }] }]),
      new RegExp(`${at}\\[0\\]\\.associations\\[0\\]: changes nothing`),
    );
    assert.match(
      refused([{ associations: [] }]),
      new RegExp(`${at}\\[0\\]\\.associations: needs at least 1 entries`),
    );
  });

  test('the same field of the same association twice in one period', () => {
    assert.match(
      refused([
        { associations: [{ id: 'la', dwellingNoticePeriods: 2 }] },
        { associations: [{ id: 'la', basicNeedsInArrears: true, dwellingNoticePeriods: 3 }] },
      ]),
      new RegExp(
        `${at}\\[1\\]\\.associations\\[0\\]\\.dwellingNoticePeriods: is already changed in this period by settingsChanges\\[0\\]`,
      ),
    );
    assert.match(
      refused([
        {
          associations: [
            { id: 'la', basicNeedsInArrears: true },
            { id: 'la', basicNeedsInArrears: false },
          ],
        },
      ]),
      new RegExp(`${at}\\[0\\]\\.associations\\[1\\]\\.basicNeedsInArrears: is already changed`),
    );
  });
});
