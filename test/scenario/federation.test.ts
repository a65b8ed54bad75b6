// Proves that a scenario file can hold federated pools: each runs on its own ledger with its
// invariants checked, deliveries between them settle on the two pools' federation accounts
// only (never between persons), converted by the weight indices W̄ and reconciled each period,
// and a member's work for the other pool works the debt off.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseScenarioText } from '../../src/app/scenario/load.ts';
import { verifyLedger } from '../../src/core/ledger/index.ts';
import { runScenario, type ScenarioRun, scenarioReport } from '../../src/core/scenario/index.ts';
import { exampleVariant, loadText as load } from './support.ts';

const variant = exampleVariant('mechanism-federation.yaml');
const refused = (text: string) => {
  const r = parseScenarioText(text, 'x.yaml');
  assert.equal(r.ok, false);
  return r.ok ? '' : `${r.error.code} ${r.error.detail}`;
};
const nonZero = (run: ScenarioRun, period: number) =>
  Object.fromEntries([...run.periods[period - 1]!.closingBalances].filter(([, v]) => v !== 0));

describe('mechanism-federation.yaml', () => {
  const run = runScenario(load(variant(() => {})));
  const village = run.federation!.partners[0]!;

  test('both pools run three periods with every invariant holding', () => {
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 3);
    assert.equal(village.stop, null);
    assert.equal(village.periods.length, 3);
    assert.equal(village.chart.poolId, 'village');
  });

  test('period 2: the bike is 12 WH in the village, 12 × 1.2 / 0.8 = 18 WH in town', () => {
    const f = run.federation!.periods[1]!;
    assert.deepEqual(
      f.deliveries.map((d) => [d.kind, d.personId, d.memberEffortMilli, d.hostEffortMilli]),
      [['take', 'dora', 18_000, 12_000]],
    );
    const [line] = f.lines;
    assert.deepEqual(
      [line!.weightIndexMilli, line!.otherWeightIndexMilli, line!.changeEffortMilli],
      [1200, 800, 18_000],
    );
    assert.deepEqual(
      [line!.otherChangeEffortMilli, line!.conversionDifferenceEffortMilli, line!.debtorPoolId],
      [-12_000, 0, 'town'],
    );
    assert.deepEqual(nonZero(run, 2), {
      'town.federation.village': 18_000,
      'town.person.dora': -6_000,
      'town.person.eli': 2_000,
      'town.project.garden': -14_000,
    });
    assert.deepEqual(nonZero(village, 2), {
      'village.federation.town': -12_000,
      'village.person.finn': 14_000,
      'village.project.bikes': -2_000,
    });
    assert.equal(village.periods[1]!.stockUnits.get('bike'), 0);
  });

  test('period 3: Dora’s 12 WH of work in the village (18 WH in town) works the debt off', () => {
    const f = run.federation!.periods[2]!;
    assert.deepEqual(
      f.deliveries.map((d) => [d.kind, d.minutes, d.memberEffortMilli, d.hostEffortMilli]),
      [['work', 720, 18_000, 12_000]],
    );
    assert.deepEqual(
      [f.lines[0]!.changeEffortMilli, f.lines[0]!.otherChangeEffortMilli, f.lines[0]!.debtorPoolId],
      [-18_000, 12_000, null],
    );
    assert.deepEqual(nonZero(run, 3), {
      'town.person.dora': 12_000,
      'town.person.eli': 2_000,
      'town.project.garden': -14_000,
    });
    assert.deepEqual(nonZero(village, 3), {
      'village.person.finn': 14_000,
      'village.project.bikes': -14_000,
    });
  });

  test('period 1 converts at 1.000 (no W̄ published yet) and nothing moves', () => {
    const [line] = run.federation!.periods[0]!.lines;
    assert.deepEqual([line!.weightIndexMilli, line!.otherWeightIndexMilli], [1000, 1000]);
    assert.equal(line!.debtorPoolId, null);
  });

  test('settlement at pool level: every federation transfer has a federation account', () => {
    for (const pool of [run, village]) {
      assert.ok(verifyLedger(pool.ledger).ok);
      const own = `${pool.chart.poolId}.`;
      const federation = [...pool.chart.federation.values()];
      for (const period of pool.periods) {
        for (const t of period.transfers) {
          assert.ok(t.debitAccountId.startsWith(own) && t.creditAccountId.startsWith(own));
          if (t.code.startsWith('federation.')) {
            assert.ok(
              federation.includes(t.debitAccountId) || federation.includes(t.creditAccountId),
            );
          }
        }
      }
    }
    const codes = run.periods.flatMap((p) => p.transfers.map((t) => t.code));
    assert.deepEqual(
      codes.filter((c) => c.startsWith('federation.')),
      ['federation.take', 'federation.work'],
    );
  });

  test('the report holds each federated pool’s own report', () => {
    const report = scenarioReport(run) as {
      federation: { pools: { poolId: string; periodsRun: number }[]; periods: unknown[] };
    };
    assert.deepEqual(
      report.federation.pools.map((p) => [p.poolId, p.periodsRun]),
      [['village', 3]],
    );
    assert.equal(report.federation.periods.length, 3);
  });

  test('a federated pool’s broken identity stops the run, naming the pool', () => {
    const broken = runScenario(
      load(
        variant((s) => {
          s.federation[0].periods[1].workInProgress = [];
        }),
      ),
    );
    assert.deepEqual(broken.stop && [broken.stop.period, broken.stop.invariant], [
      2,
      'poolIdentity',
    ]);
    assert.match(broken.stop!.detail, /^pool village: /);
  });

  test('more units than the other pool has in stock stop the run', () => {
    const greedy = runScenario(
      load(
        variant((s) => {
          s.periods[1].federationTakes[0].units = 2;
        }),
      ),
    );
    assert.deepEqual(greedy.stop && [greedy.stop.period, greedy.stop.code], [
      2,
      'scenario.federation_exceeds_stock',
    ]);
  });
});

describe('federation errors name the path', () => {
  test('an unknown pool, product or maintainer', () => {
    assert.equal(
      refused(
        variant((s) => {
          s.periods[1].federationTakes[0].poolId = 'city';
        }),
      ),
      'scenario.unknown_reference x.yaml: periods[1].federationTakes[0].poolId: unknown federated pool "city"',
    );
    assert.equal(
      refused(
        variant((s) => {
          s.periods[1].federationTakes[0].productId = 'veg';
        }),
      ),
      'scenario.unknown_reference x.yaml: periods[1].federationTakes[0].productId: unknown product of pool "village" "veg"',
    );
    assert.equal(
      refused(
        variant((s) => {
          s.periods[2].federationWork[0].confirmedBy = 'finn';
        }),
      ),
      'scenario.bad_federation x.yaml: periods[2].federationWork[0].confirmedBy: "finn" is neither a maintainer nor a named confirmer of "bikes" in pool "village"',
    );
  });
  test('a peer the other pool’s project names confirms work for it like a maintainer', () => {
    const named = parseScenarioText(
      variant((s) => {
        s.federation[0].projects[0].namedConfirmers = ['finn'];
        s.periods[2].federationWork[0].confirmedBy = 'finn';
      }),
      'x.yaml',
    );
    assert.ok(named.ok, named.ok ? '' : named.error.detail);
    const work = runScenario(named.value).federation!.periods[2]!.deliveries;
    assert.deepEqual(
      work.map((d) => [d.kind, d.personId, d.memberEffortMilli, d.hostEffortMilli]),
      [['work', 'dora', 18_000, 12_000]],
    );
  });
  test('a federated pool’s own problems, under federation[i]', () => {
    assert.equal(
      refused(
        variant((s) => {
          s.federation[0].periods[0].bids[0].personId = 'dora';
        }),
      ),
      'scenario.unknown_reference x.yaml: federation[0].periods[0].bids[0].personId: unknown person "dora"',
    );
    assert.equal(
      refused(
        variant((s) => {
          s.federation[0].periods[0].bids[0].weightMilli = 50;
        }),
      ),
      'scenario.invalid x.yaml: federation[0].periods[0].bids[0].weightMilli: must be ≥ 100',
    );
  });
  test('same pool id, other number of periods, federation inside federation', () => {
    assert.equal(
      refused(
        variant((s) => {
          s.federation[0].pool.id = 'town';
        }),
      ),
      'scenario.duplicate_id x.yaml: federation[0].pool.id: "town" names another pool of the file',
    );
    assert.equal(
      refused(
        variant((s) => {
          s.federation[0].periods.pop();
        }),
      ),
      "scenario.bad_federation x.yaml: federation[0].periods: 2 periods, fewer than the file's pool's 3",
    );
    assert.equal(
      refused(
        variant((s) => {
          s.federation[0].federation = [structuredClone(s.federation[0])];
          s.federation[0].federation[0].pool.id = 'hamlet';
        }),
      ),
      'scenario.bad_federation x.yaml: federation[0].federation: a federated pool has none of its own',
    );
  });
});
