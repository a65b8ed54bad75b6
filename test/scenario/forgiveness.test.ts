// Proves that persons join and leave a pool in a scenario file: a departed member acts no more,
// their balance is reported, and their debt is forgiven T periods after they left through the
// settlement's forgiveness event, borne by the pool through Adj and the next price factor.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseScenarioText } from '../../src/app/scenario/load.ts';
import {
  canonicalJson,
  runScenario,
  type ScenarioRun,
  scenarioReport,
} from '../../src/core/scenario/index.ts';
import { exampleVariant, loadExample } from './support.ts';

const balance = (run: ScenarioRun, period: number, account: string) =>
  run.periods[period - 1]!.closingBalances.get(`v.${account}` as never);
const variant = exampleVariant('mechanism-forgiveness.yaml');
const refused = (text: string) => {
  const r = parseScenarioText(text, 'x.yaml');
  assert.equal(r.ok, false);
  return r.ok ? '' : `${r.error.code} ${r.error.detail}`;
};

describe('mechanism-forgiveness.yaml', () => {
  const run = runScenario(loadExample('mechanism-forgiveness.yaml'));

  test('runs four periods with every invariant holding', () => {
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 4);
  });

  test('period 1: Ben +10 WH for the bike, Cem −10 WH for taking it', () => {
    assert.equal(balance(run, 1, 'person.ben'), 10_000);
    assert.equal(balance(run, 1, 'person.cem'), -10_000);
  });

  test('period 2: Dan is a member, Cem has left with −10 WH, to be forgiven in 1 + 2 = 3', () => {
    assert.deepEqual(run.periods[1]!.membership, {
      members: ['ana', 'ben', 'dan'],
      departed: [
        {
          personId: 'cem',
          memberUntilPeriod: 1,
          forgivenInPeriod: 3,
          forgivenEffortMilli: 0,
          balanceEffortMilli: -10_000,
        },
      ],
    });
    assert.deepEqual(run.periods[0]!.membership?.members, ['ana', 'ben', 'cem']);
  });

  test('period 3: the 10 WH are forgiven from the adjustment account; factor 1 + 10/20 = 1.5', () => {
    const p3 = run.periods[2]!;
    const forgiven = p3.transfers.filter((t) => t.code === 'adjustment.forgiven');
    assert.deepEqual(
      forgiven.map((t) => [t.debitAccountId, t.creditAccountId, t.amount]),
      [['v.adjustment', 'v.person.cem', 10_000]],
    );
    assert.equal(balance(run, 3, 'person.cem'), 0);
    assert.equal(balance(run, 3, 'adjustment'), -10_000);
    assert.equal(p3.settlement.baseEffortMilli, 20_000);
    assert.equal(p3.settlement.identity.adjustmentEffortMilli, 10_000);
    assert.equal(p3.settlement.nextPriceFactorPpm, 1_500_000);
    assert.equal(p3.membership?.departed[0]?.forgivenEffortMilli, 10_000);
    assert.equal(p3.membership?.departed[0]?.balanceEffortMilli, 0);
  });

  test('period 4: a 2 WH loaf costs Ana 3 WH, 1 WH of it back to the adjustment account', () => {
    const ana = run.periods[3]!.transfers.filter((t) => t.debitAccountId === 'v.person.ana');
    assert.deepEqual(
      ana.map((t) => [t.code, t.creditAccountId, t.amount]),
      [
        ['take.goods', 'v.project.bakery', 2_000],
        ['price.factor', 'v.adjustment', 1_000],
      ],
    );
    assert.deepEqual(
      ['person.ana', 'person.ben', 'person.cem', 'person.dan', 'adjustment'].map((a) =>
        balance(run, 4, a),
      ),
      [-23_000, 10_000, 0, 22_000, -9_000],
    );
  });

  test('the report lists membership only in files that use it', () => {
    const report = scenarioReport(run) as { periods: { membership?: unknown }[] };
    assert.ok(report.periods[1]!.membership);
    const plain = JSON.parse(
      canonicalJson(scenarioReport(runScenario(loadExample('reference-4.9-month.yaml')))),
    ) as { periods: { membership?: unknown }[] };
    assert.equal('membership' in plain.periods[0]!, false);
  });

  test('with a term beyond the run nothing is forgiven and the factor stays 1.0', () => {
    const later = parseScenarioText(
      variant((s) => {
        s.pool.forgiveAfterPeriods = 5;
      }),
      'x.yaml',
    );
    assert.ok(later.ok);
    const r = runScenario(later.value);
    assert.equal(r.stop, null);
    assert.equal(balance(r, 4, 'person.cem'), -10_000);
    assert.equal(r.periods[2]!.settlement.nextPriceFactorPpm, 1_000_000);
  });
});

describe('membership errors name the path', () => {
  test('a departed member who takes', () => {
    const text = variant((s) => {
      s.periods[1].requests = [{ personId: 'cem', productId: 'loaf', units: 1 }];
    });
    assert.equal(
      refused(text),
      'scenario.not_a_member x.yaml: periods[1].requests[0].personId: "cem" is not a member of the pool in period 2',
    );
  });
  test('a newcomer who bids before joining', () => {
    const text = variant((s) => {
      s.periods[0].bids.push({ personId: 'dan', instanceId: 'build', weightMilli: 900 });
    });
    assert.equal(
      refused(text),
      'scenario.not_a_member x.yaml: periods[0].bids[1].personId: "dan" is not a member of the pool in period 1',
    );
  });
  test('a departed member who still lives in an association', () => {
    const text = variant((s) => {
      s.associations = [{ id: 'town' }];
      s.persons[2].residence = 'town';
    });
    assert.equal(
      refused(text),
      'scenario.not_a_member x.yaml: persons[2].memberUntilPeriod: "cem" lives in "town" in period 2 without being a member; add a residency with associationId null',
    );
    const moved = variant((s) => {
      s.associations = [{ id: 'town' }];
      s.persons[2].residence = 'town';
      s.periods[1].residencies = [{ personId: 'cem', associationId: null }];
    });
    assert.ok(parseScenarioText(moved, 'x.yaml').ok);
  });
  test('a subscription past the member’s last period', () => {
    const text = variant((s) => {
      s.subscriptions = [{ id: 's1', personId: 'cem', productId: 'loaf', unitsPerPeriod: 1 }];
    });
    assert.equal(
      refused(text),
      'scenario.not_a_member x.yaml: subscriptions[0].untilPeriod: "cem" is not a member of the pool in period 2',
    );
  });
  test('leaving before joining, and a term of 0', () => {
    assert.equal(
      refused(
        variant((s) => {
          s.persons[3].memberUntilPeriod = 1;
        }),
      ),
      'scenario.invalid x.yaml: persons[3].memberUntilPeriod: must be ≥ memberFromPeriod (2)',
    );
    assert.equal(
      refused(
        variant((s) => {
          s.pool.forgiveAfterPeriods = 0;
        }),
      ),
      'scenario.invalid x.yaml: pool.forgiveAfterPeriods: must be ≥ 1',
    );
  });
});
