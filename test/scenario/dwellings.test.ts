// Proves that a dwelling with a steward is possessed by its household in a scenario: moving
// in possesses it, its occupancy is the use that keeps it (and charges it by duration), idle
// past the association's T_idle it is flagged (invariant 8), and only after the notice may the
// steward reassign it to a waiting household — with the numbers written in
// examples/mechanism-dwellings.yaml.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runScenario, scenarioReport } from '../../src/core/scenario/index.ts';
import { balancesOf, exampleVariant, loadText as load, refusal } from './support.ts';

const variant = exampleVariant('mechanism-dwellings.yaml');

describe('examples/mechanism-dwellings.yaml', () => {
  const run = runScenario(load(variant(() => {})));
  const events = (p: number) =>
    run.periods[p - 1]!.dwellings!.events.map((e) => `${e.unitId} ${e.kind.slice(9)}`);
  const unit = (p: number, id: string) =>
    run.periods[p - 1]!.dwellings!.dwellings.find((d) => d.unitId === id)!;

  test('runs all six periods with possession (§6.8) and every other invariant holding', () => {
    assert.equal(run.stop, null);
    assert.equal(run.periods.length, 6);
  });

  test('the events of each period', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6].map(events), [
      ['flat-a moved_in', 'flat-b moved_in'],
      [],
      [],
      ['flat-b idle_flagged'],
      ['flat-a idle_flagged'],
      ['flat-a reassigned', 'flat-b released'],
    ]);
  });

  test('flat-a: idle 5 − 2 = 3 > 2 flagged in 5, reassignable from 6, Cy’s since 6', () => {
    assert.deepEqual(
      [3, 4, 5].map((p) => [unit(p, 'flat-a').idlePeriods, unit(p, 'flat-a').idleFlaggedAtPeriod]),
      [
        [1, null],
        [2, null],
        [3, 5],
      ],
    );
    assert.equal(unit(5, 'flat-a').reassignableFromPeriod, 6);
    assert.deepEqual(unit(5, 'flat-a').household, ['ana', 'ben']);
    assert.deepEqual(unit(6, 'flat-a'), {
      unitId: 'flat-a',
      stewardAssociationId: 'town',
      state: 'possessed',
      household: ['cy'],
      sincePeriod: 6,
      lastUsedPeriod: 6,
      idlePeriods: 0,
      idleFlaggedAtPeriod: null,
      reassignableFromPeriod: null,
    });
  });

  test('flat-b: flagged in 4, Dan back in 5 clears it, released in 6', () => {
    assert.deepEqual(
      [unit(4, 'flat-b').idleFlaggedAtPeriod, unit(4, 'flat-b').reassignableFromPeriod],
      [4, 5],
    );
    assert.deepEqual(
      [unit(5, 'flat-b').idleFlaggedAtPeriod, unit(5, 'flat-b').lastUsedPeriod],
      [null, 5],
    );
    assert.equal(unit(6, 'flat-b').state, 'commons');
    assert.deepEqual(unit(6, 'flat-b').household, []);
  });

  test('charged by duration of use only: Ana −1, Ben −1, Cy −1, Dan −2, coop +5 WH', () => {
    assert.deepEqual(
      balancesOf(run, 6, ['person.ana', 'person.ben', 'person.cy', 'person.dan', 'project.coop']),
      [-1_000, -1_000, -1_000, -2_000, 5_000],
    );
    const unrecovered = run.periods[5]!.housing.map((h) => [h.unitId, h.unrecoveredEffortMilli]);
    assert.deepEqual(unrecovered, [
      ['flat-a', 9_000],
      ['flat-b', 10_000],
    ]);
  });

  test('the report lists the dwellings only in files that have a steward for one', () => {
    const report = scenarioReport(run) as { periods: { dwellings?: { units: unknown[] } }[] };
    assert.equal(report.periods[0]!.dwellings!.units.length, 2);
    const plain = runScenario(
      load(
        variant((s) => {
          for (const u of s.housingUnits) delete u.stewardAssociationId;
          s.periods[5].dwellings = [];
        }),
      ),
    );
    assert.equal(plain.stop, null);
    const plainReport = scenarioReport(plain) as { periods: { dwellings?: unknown }[] };
    assert.equal(plainReport.periods[0]!.dwellings, undefined);
  });
});

describe('the steward’s rules stop the run with a code', () => {
  // biome-ignore lint/suspicious/noExplicitAny: tests edit the parsed YAML freely
  const stopOf = (edit: (s: any) => void) => {
    const r = runScenario(load(variant(edit)));
    return r.stop === null ? null : [r.stop.period, r.stop.code, r.stop.detail];
  };

  test('reassigning before the notice has run out', () => {
    assert.deepEqual(
      stopOf((s) => {
        s.associations[0].dwellingNoticePeriods = 2;
      }),
      [6, 'dwelling.notice_running', 'flat-a: the notice runs until period 7'],
    );
  });

  test('reassigning a dwelling that is not idle, or in the commons', () => {
    assert.deepEqual(
      stopOf((s) => {
        s.associations[0].dwellingIdleLimitPeriods = 3;
      }),
      [6, 'dwelling.not_idle', 'flat-a is not flagged as idle'],
    );
    assert.deepEqual(
      stopOf((s) => {
        s.periods[5].dwellings[1] = { unitId: 'flat-b', action: 'reassign', personIds: ['cy'] };
        s.periods[4].dwellings = [{ unitId: 'flat-b', action: 'release' }];
        s.periods[4].occupancy = [];
      }),
      [6, 'dwelling.not_possessed', 'flat-b is in the commons'],
    );
  });

  test('somebody else living in a possessed dwelling', () => {
    assert.deepEqual(
      stopOf((s) => {
        s.periods[1].occupancy[0].residents = [{ personId: 'cy' }];
      }),
      [2, 'dwelling.possessed_by_other', 'flat-a is possessed by ana, ben'],
    );
  });
});

describe('malformed dwelling fields name the path', () => {
  test('an unknown steward association', () => {
    assert.equal(
      refusal(
        variant((s) => {
          s.housingUnits[1].stewardAssociationId = 'nowhere';
        }),
      ),
      'scenario.unknown_reference x.yaml: housingUnits[1].stewardAssociationId: unknown association "nowhere"',
    );
  });

  test('a step for a dwelling without a steward', () => {
    assert.equal(
      refusal(
        variant((s) => {
          delete s.housingUnits[1].stewardAssociationId;
        }),
      ),
      'scenario.unknown_reference x.yaml: periods[5].dwellings[1].unitId: unknown housing unit ' +
        'with a stewardAssociationId "flat-b"',
    );
  });

  test('a reassignment without a household, a release with one, an unknown person', () => {
    assert.equal(
      refusal(
        variant((s) => {
          s.periods[5].dwellings[0].personIds = [];
        }),
      ),
      'scenario.invalid x.yaml: periods[5].dwellings[0].personIds: the waiting household: ' +
        'required to reassign, only there',
    );
    assert.match(
      refusal(
        variant((s) => {
          s.periods[5].dwellings[1].personIds = ['dan'];
        }),
      ),
      /periods\[5\]\.dwellings\[1\]\.personIds: the waiting household/,
    );
    assert.equal(
      refusal(
        variant((s) => {
          s.periods[5].dwellings[0].personIds = ['zoe'];
        }),
      ),
      'scenario.unknown_reference x.yaml: periods[5].dwellings[0].personIds[0]: unknown person "zoe"',
    );
  });

  test('two steps for one dwelling in a period; an unknown action; T_idle 0', () => {
    assert.equal(
      refusal(
        variant((s) => {
          s.periods[5].dwellings[1].unitId = 'flat-a';
          s.periods[5].dwellings[1].personIds = [];
        }),
      ),
      'scenario.invalid x.yaml: periods[5].dwellings[1].unitId: one step per dwelling a period',
    );
    assert.match(
      refusal(
        variant((s) => {
          s.periods[5].dwellings[1].action = 'evict';
        }),
      ),
      /periods\[5\]\.dwellings\[1\]\.action: must be one of "release", "reassign"/,
    );
    assert.match(
      refusal(
        variant((s) => {
          s.associations[0].dwellingIdleLimitPeriods = 0;
        }),
      ),
      /associations\[0\]\.dwellingIdleLimitPeriods: must be ≥ 1/,
    );
  });
});
