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
  const uplands = run.federation!.partners[0]!;

  test('both pools run three periods with every invariant holding', () => {
    assert.equal(run.stop, null);
    assert.equal(uplands.stop, null);
    assert.equal(run.periods.length, 3);
    assert.equal(uplands.periods.length, 3);
  });

  test('period 1: Dora takes a uplands bike, harbour owes the uplands 10 WH', () => {
    assert.deepEqual(nonZero(run, 1), {
      'harbour.federation.uplands': 10_000,
      'harbour.person.dora': 10_000,
      'harbour.project.garden': -20_000,
    });
    assert.deepEqual(nonZero(uplands, 1), {
      'uplands.federation.harbour': -10_000,
      'uplands.person.finn': 20_000,
      'uplands.project.bikes': -10_000,
    });
  });

  test('period 2: half written off, 5 WH each way, between system accounts only', () => {
    assert.deepEqual(run.federation!.periods[1]!.writeOffs, [
      {
        poolId: 'harbour',
        otherPoolId: 'uplands',
        sharePpm: 500_000,
        balanceBeforeEffortMilli: 10_000,
        otherBalanceBeforeEffortMilli: -10_000,
        writtenOffEffortMilli: 5_000,
        otherWrittenOffEffortMilli: -5_000,
      },
    ]);
    assert.deepEqual(writeOffTransfers(run, 2), [
      ['harbour.federation.uplands', 'harbour.adjustment', 5_000],
    ]);
    assert.deepEqual(writeOffTransfers(uplands, 2), [
      ['uplands.adjustment', 'uplands.federation.harbour', 5_000],
    ]);
    assert.deepEqual(nonZero(run, 2), {
      'harbour.adjustment': 5_000,
      'harbour.federation.uplands': 5_000,
      'harbour.person.dora': 10_000,
      'harbour.person.eli': -10_000,
      'harbour.project.garden': -10_000,
    });
    assert.deepEqual(nonZero(uplands, 2), {
      'uplands.adjustment': -5_000,
      'uplands.federation.harbour': -5_000,
      'uplands.person.finn': 20_000,
      'uplands.person.gus': -10_000,
    });
    const line = run.federation!.periods[1]!.lines[0]!;
    assert.deepEqual(
      [line.changeEffortMilli, line.otherChangeEffortMilli, line.debtorPoolId],
      [-5_000, 5_000, 'harbour'],
    );
  });

  test('the forgiven debt lowers harbour’s price factor, the loss raises the uplands’', () => {
    assert.equal(run.periods[1]!.settlement.nextPriceFactorPpm, 500_000);
    assert.equal(uplands.periods[1]!.settlement.nextPriceFactorPpm, 1_500_000);
    assert.equal(run.periods[2]!.priceFactorPpm, 500_000);
    assert.equal(uplands.periods[2]!.priceFactorPpm, 1_500_000);
    // No takings in period 3: the factors return to 1.000 and the balances wait.
    assert.equal(run.periods[2]!.settlement.nextPriceFactorPpm, 1_000_000);
  });

  test('period 3: the uplands records the rest; both federation accounts at 0', () => {
    assert.deepEqual(
      run.federation!.periods[2]!.writeOffs.map((w) => [
        w.poolId,
        w.otherPoolId,
        w.sharePpm,
        w.writtenOffEffortMilli,
        w.otherWrittenOffEffortMilli,
      ]),
      [['uplands', 'harbour', 1_000_000, -5_000, 5_000]],
    );
    assert.deepEqual(nonZero(run, 3), {
      'harbour.adjustment': 10_000,
      'harbour.person.dora': 10_000,
      'harbour.person.eli': -10_000,
      'harbour.project.garden': -10_000,
    });
    assert.deepEqual(nonZero(uplands, 3), {
      'uplands.adjustment': -10_000,
      'uplands.person.finn': 20_000,
      'uplands.person.gus': -10_000,
    });
    assert.equal(run.federation!.periods[2]!.lines[0]!.debtorPoolId, null);
  });

  test('no person is debited or credited by a write-off; both journals verify', () => {
    for (const r of [run, uplands]) {
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
          s.periods[1].federationWriteOffs[0].poolId = 'harbour';
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
          s.federation[0].periods[1].federationWriteOffs = [{ poolId: 'harbour' }];
        }),
      ),
      'scenario.bad_federation x.yaml: federation[0].periods[1].federationWriteOffs[0]: the position ' +
        'between "uplands" and "harbour" is already written off in this period at ' +
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
      'scenario.unknown_reference x.yaml: periods[1].federationWriteOffs[0].poolId: unknown federated pool "uplands"',
    );
  });
});
