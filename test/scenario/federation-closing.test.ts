// Proves that two federated pools can close the position between them by agreement: each
// writes off the agreed share of its own federation balance into its own adjustment account,
// at pool level only (no person's balance moves), balanced in both journals, reconciled, and
// shown in the report — with the numbers written in examples/mechanism-federation-closing.yaml.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { verifyLedger } from '../../src/core/ledger/index.ts';
import { runScenario, type ScenarioRun, scenarioReport } from '../../src/core/scenario/index.ts';
import { exampleVariant, loadText as load, refusal } from './support.ts';

const variant = exampleVariant('mechanism-federation-closing.yaml');
const nonZero = (run: ScenarioRun, period: number) =>
  Object.fromEntries([...run.periods[period - 1]!.closingBalances].filter(([, v]) => v !== 0));
const writeOffTransfers = (run: ScenarioRun, period: number) =>
  run.periods[period - 1]!.transfers.filter((t) => t.code === 'federation.writeOff').map((t) => [
    t.debitAccountId,
    t.creditAccountId,
    t.amount,
  ]);

describe('mechanism-federation-closing.yaml', () => {
  const run = runScenario(load(variant(() => {})));
  const village = run.federation!.partners[0]!;

  test('both pools run three periods with every invariant holding', () => {
    assert.equal(run.stop, null);
    assert.equal(village.stop, null);
    assert.equal(run.periods.length, 3);
    assert.equal(village.periods.length, 3);
  });

  test('period 1: Dora takes a village bike, town owes the village 10 WH', () => {
    assert.deepEqual(nonZero(run, 1), {
      'town.federation.village': 10_000,
      'town.person.dora': 10_000,
      'town.project.garden': -20_000,
    });
    assert.deepEqual(nonZero(village, 1), {
      'village.federation.town': -10_000,
      'village.person.finn': 20_000,
      'village.project.bikes': -10_000,
    });
  });

  test('period 2: half written off, 5 WH each way, between system accounts only', () => {
    assert.deepEqual(run.federation!.periods[1]!.writeOffs, [
      {
        poolId: 'town',
        otherPoolId: 'village',
        sharePpm: 500_000,
        balanceBeforeEffortMilli: 10_000,
        otherBalanceBeforeEffortMilli: -10_000,
        writtenOffEffortMilli: 5_000,
        otherWrittenOffEffortMilli: -5_000,
      },
    ]);
    assert.deepEqual(writeOffTransfers(run, 2), [
      ['town.federation.village', 'town.adjustment', 5_000],
    ]);
    assert.deepEqual(writeOffTransfers(village, 2), [
      ['village.adjustment', 'village.federation.town', 5_000],
    ]);
    assert.deepEqual(nonZero(run, 2), {
      'town.adjustment': 5_000,
      'town.federation.village': 5_000,
      'town.person.dora': 10_000,
      'town.person.eli': -10_000,
      'town.project.garden': -10_000,
    });
    assert.deepEqual(nonZero(village, 2), {
      'village.adjustment': -5_000,
      'village.federation.town': -5_000,
      'village.person.finn': 20_000,
      'village.person.gus': -10_000,
    });
    const line = run.federation!.periods[1]!.lines[0]!;
    assert.deepEqual(
      [line.changeEffortMilli, line.otherChangeEffortMilli, line.debtorPoolId],
      [-5_000, 5_000, 'town'],
    );
  });

  test('the forgiven debt lowers town’s price factor, the loss raises the village’s', () => {
    assert.equal(run.periods[1]!.settlement.nextPriceFactorPpm, 500_000);
    assert.equal(village.periods[1]!.settlement.nextPriceFactorPpm, 1_500_000);
    assert.equal(run.periods[2]!.priceFactorPpm, 500_000);
    assert.equal(village.periods[2]!.priceFactorPpm, 1_500_000);
    // No takings in period 3: the factors return to 1.000 and the balances wait.
    assert.equal(run.periods[2]!.settlement.nextPriceFactorPpm, 1_000_000);
  });

  test('period 3: the village records the rest; both federation accounts at 0', () => {
    assert.deepEqual(
      run.federation!.periods[2]!.writeOffs.map((w) => [
        w.poolId,
        w.otherPoolId,
        w.sharePpm,
        w.writtenOffEffortMilli,
        w.otherWrittenOffEffortMilli,
      ]),
      [['village', 'town', 1_000_000, -5_000, 5_000]],
    );
    assert.deepEqual(nonZero(run, 3), {
      'town.adjustment': 10_000,
      'town.person.dora': 10_000,
      'town.person.eli': -10_000,
      'town.project.garden': -10_000,
    });
    assert.deepEqual(nonZero(village, 3), {
      'village.adjustment': -10_000,
      'village.person.finn': 20_000,
      'village.person.gus': -10_000,
    });
    assert.equal(run.federation!.periods[2]!.lines[0]!.debtorPoolId, null);
  });

  test('no person is debited or credited by a write-off; both journals verify', () => {
    for (const r of [run, village]) {
      for (const p of [2, 3]) {
        for (const t of r.periods[p - 1]!.transfers.filter(
          (x) => x.code === 'federation.writeOff',
        )) {
          assert.ok(
            !t.debitAccountId.includes('.person.') && !t.creditAccountId.includes('.person.'),
          );
        }
      }
      assert.equal(verifyLedger(r.ledger).ok, true);
    }
  });

  test('the report shows write-offs only in the periods that have them', () => {
    const report = scenarioReport(run) as {
      federation: { periods: { writeOffs?: { writtenOffEffortMilli: number }[] }[] };
    };
    assert.deepEqual(
      report.federation.periods.map((f) => f.writeOffs?.map((w) => w.writtenOffEffortMilli)),
      [undefined, [5_000], [-5_000]],
    );
  });
});

describe('malformed federation write-offs name the path', () => {
  test('an unknown pool', () => {
    assert.equal(
      refusal(
        variant((s) => {
          s.periods[1].federationWriteOffs[0].poolId = 'nowhere';
        }),
      ),
      'scenario.unknown_reference x.yaml: periods[1].federationWriteOffs[0].poolId: unknown federated pool "nowhere"',
    );
  });

  test('the pool itself', () => {
    assert.match(
      refusal(
        variant((s) => {
          s.periods[1].federationWriteOffs[0].poolId = 'town';
        }),
      ),
      /^scenario\.unknown_reference x\.yaml: periods\[1\]\.federationWriteOffs\[0\]\.poolId/,
    );
  });

  test('a share of 0 or above the whole', () => {
    for (const share of [0, 1_000_001]) {
      assert.match(
        refusal(
          variant((s) => {
            s.periods[1].federationWriteOffs[0].sharePpm = share;
          }),
        ),
        /periods\[1\]\.federationWriteOffs\[0\]\.sharePpm: must be/,
      );
    }
  });

  test('the same pair written off in both pools’ files in one period', () => {
    assert.equal(
      refusal(
        variant((s) => {
          s.federation[0].periods[1].federationWriteOffs = [{ poolId: 'town' }];
        }),
      ),
      'scenario.bad_federation x.yaml: federation[0].periods[1].federationWriteOffs[0]: the position ' +
        'between "village" and "town" is already written off in this period at ' +
        'periods[1].federationWriteOffs[0]',
    );
  });

  test('a write-off in a file without federated pools', () => {
    assert.equal(
      refusal(
        variant((s) => {
          s.federation = [];
          s.periods[0].federationTakes = [];
        }),
      ),
      'scenario.unknown_reference x.yaml: periods[1].federationWriteOffs[0].poolId: unknown federated pool "village"',
    );
  });
});
