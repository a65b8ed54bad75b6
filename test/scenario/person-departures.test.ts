// Proves that a departure given as an input of period k means what `memberUntilPeriod: k − 1`
// means from period k on (no bids, work or takings, the debt forgiven in k − 1 + T), while the
// reports of periods 1 … k − 1 stay byte for byte what they were without it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  canonicalJson,
  periodReport,
  runScenario,
  type ScenarioRun,
} from '../../src/core/scenario/index.ts';
import { exampleVariant, loadExample, loadText, refusal } from './support.ts';

const variant = exampleVariant('mechanism-forgiveness.yaml');
// Cem stays a member in the file; whether and when he leaves is given by the periods.
const staying = (s: { persons: { id: string; memberUntilPeriod?: number }[] }) => {
  delete s.persons.find((x) => x.id === 'cem')!.memberUntilPeriod;
};
// The example's last period has no taking by Cem, so without a departure he simply stays.
const leavingIn = (k: number) =>
  variant((s) => {
    staying(s);
    s.periods[k - 1].personDepartures = [{ personId: 'cem' }];
  });
const reports = (run: ScenarioRun) => run.periods.map((p) => canonicalJson(periodReport(p)));

describe('personDepartures', () => {
  const withMembership = runScenario(loadExample('mechanism-forgiveness.yaml'));
  const withoutDeparture = runScenario(loadText(variant(staying)));
  const departed = runScenario(loadText(leavingIn(2)));

  test('runs with every invariant holding', () => {
    assert.equal(departed.stop, null);
    assert.equal(departed.periods.length, 4);
  });

  test('the periods before the departure report exactly what they did without it', () => {
    assert.equal(reports(departed)[0], reports(withoutDeparture)[0]);
    assert.equal(departed.periods[0]!.membership, null);
    // Also a departure in period 4: periods 1 to 3 unchanged.
    const late = runScenario(loadText(leavingIn(4)));
    assert.deepEqual(reports(late).slice(0, 3), reports(withoutDeparture).slice(0, 3));
    assert.notEqual(reports(late)[3], reports(withoutDeparture)[3]);
  });

  test('from its period on, the run is that of memberUntilPeriod: k − 1', () => {
    assert.deepEqual(reports(departed).slice(1), reports(withMembership).slice(1));
    const cem = departed.periods[1]!.membership!.departed[0]!;
    assert.deepEqual(
      [cem.personId, cem.memberUntilPeriod, cem.forgivenInPeriod, cem.balanceEffortMilli],
      ['cem', 1, 3, -10_000],
    );
    // The debt is forgiven T = 2 periods after his last, in period 3.
    assert.equal(departed.periods[2]!.membership!.departed[0]!.forgivenEffortMilli, 10_000);
    assert.equal(departed.periods[2]!.closingBalances.get('v.person.cem' as never), 0);
  });

  test('a departed person can bid, work or take nothing in or after its period', () => {
    const bids = variant((s) => {
      staying(s);
      s.periods[1].personDepartures = [{ personId: 'cem' }];
      s.periods[2].bids.push({ personId: 'cem', instanceId: 'bake3', weightMilli: 900 });
    });
    assert.equal(
      refusal(bids),
      'scenario.not_a_member x.yaml: periods[2].bids[1].personId: "cem" is not a member of the pool in period 3',
    );
    const takes = variant((s) => {
      staying(s);
      s.periods[0].personDepartures = [];
      s.periods[1].personDepartures = [{ personId: 'cem' }];
      s.periods[1].requests = [{ personId: 'cem', productId: 'loaf', units: 1 }];
    });
    assert.match(refusal(takes), /periods\[1\]\.requests\[0\]\.personId: "cem" is not a member/);
  });

  test('a departure names a member who has not left yet, once', () => {
    assert.equal(
      refusal(
        variant((s) => {
          staying(s);
          s.periods[1].personDepartures = [{ personId: 'zoe' }];
        }),
      ),
      'scenario.unknown_reference x.yaml: periods[1].personDepartures[0].personId: unknown person "zoe"',
    );
    assert.equal(
      refusal(
        variant((s) => {
          staying(s);
          s.periods[1].personDepartures = [{ personId: 'cem' }];
          s.periods[3].personDepartures = [{ personId: 'cem' }];
        }),
      ),
      'scenario.duplicate_id x.yaml: periods[3].personDepartures[0].personId: "cem" leaves twice',
    );
    assert.equal(
      refusal(
        variant((s) => {
          s.periods[2].personDepartures = [{ personId: 'cem' }];
        }),
      ),
      'scenario.not_a_member x.yaml: periods[2].personDepartures[0].personId: "cem" already leaves the pool after period 1',
    );
    assert.equal(
      refusal(
        variant((s) => {
          s.periods[1].personDepartures = [{ personId: 'dan' }];
        }),
      ),
      'scenario.not_a_member x.yaml: periods[1].personDepartures[0].personId: "dan" joins the pool in period 2, so cannot leave before period 3',
    );
  });

  test('a resident leaving moves out of the association and ends their subscriptions', () => {
    const text = variant((s) => {
      staying(s);
      s.associations = [{ id: 'la', level: 'neighbourhood' }];
      s.persons.find((x: { id: string }) => x.id === 'cem').residence = 'la';
      s.subscriptions = [
        { id: 's1', personId: 'cem', productId: 'loaf', unitsPerPeriod: 1, fromPeriod: 2 },
      ];
      s.periods[2].requests[0].units = 8;
      s.periods[3].personDepartures = [{ personId: 'cem' }];
    });
    const run = runScenario(loadText(text));
    assert.equal(run.stop, null);
    assert.equal(run.scenario.subscriptions[0]!.untilPeriod, 3);
    assert.deepEqual(run.scenario.periods[3]!.residencies, [
      { personId: 'cem', associationId: null },
    ]);
    assert.deepEqual(run.periods[3]!.membership!.members, ['ana', 'ben', 'dan']);
  });
});
