// Proves that checking bids and work records against the open period's index answers as the
// whole check does: for random pools and random inputs, valid and not, the same inputs accepted
// as parsed, or the same refusal code and detail, and the index kept after accepted inputs is
// the one built anew.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { disassembleScenario, type PoolInput } from '../../core/cycle/inputs.ts';
import { DEFAULT_MARKET, EMPTY_PERIOD, person, scenarioOf } from '../../core/scenario/testing.ts';
import type { PeriodSpec, Scenario } from '../../core/scenario/types.ts';
import { KeyVersion } from './key-versions.ts';
import {
  checkBids,
  checkByIndex,
  checkWork,
  indexOpenPeriod,
  type OpenPeriodIndex,
  withAccepted,
} from './open-period-index.ts';
import { validatePoolInputs } from './validate.ts';

const PERSONS = ['bo', 'cy', 'di', 'ed', 'fa'];
const TASKS = ['t1', 't2', 't3'];
const WORK_IDS = ['w1', 'w2', 'w3'];

/** A pool of persons who join late or leave (by membership or a departure), tasks in the open
 *  period, bids given so far, and the lowest weight raised from a period on. */
const pools = fc
  .record({
    periods: fc.integer({ min: 1, max: 3 }),
    joinsLate: fc.subarray(PERSONS.slice(1)),
    leaves: fc.subarray(PERSONS.slice(1)),
    departs: fc.subarray(PERSONS.slice(1), { maxLength: 2 }),
    tasks: fc.subarray(TASKS, { minLength: 1 }),
    measured: fc.subarray(TASKS),
    work: fc.array(
      fc.record({
        id: fc.constantFrom(...WORK_IDS),
        personId: fc.constantFrom(...PERSONS),
        instanceId: fc.constantFrom(...TASKS),
        confirmedBy: fc.constantFrom(null, ...PERSONS),
      }),
      { maxLength: 3 },
    ),
    bids: fc.array(
      fc.record({
        personId: fc.constantFrom(...PERSONS),
        instanceId: fc.constantFrom(...TASKS),
        weightMilli: fc.constantFrom(200, 1000, 4000),
        round: fc.constantFrom(0, 1),
      }),
      { maxLength: 6 },
    ),
    minWeightMilli: fc.constantFrom(100, 150),
    raisedTo: fc.option(fc.constantFrom(150, 300), { nil: null }),
  })
  .map((x): Scenario => {
    const p = x.periods;
    const persons = PERSONS.map((id) => ({
      ...person(id),
      memberFromPeriod: x.joinsLate.includes(id) ? p : 1,
      memberUntilPeriod: x.leaves.includes(id) && p > 1 ? p - 1 : null,
    }));
    const periods: PeriodSpec[] = Array.from({ length: p }, (_, at) => ({
      ...EMPTY_PERIOD,
      personDepartures: at === p - 1 ? x.departs.map((personId) => ({ personId })) : [],
      settingsChanges:
        at === p - 1 && x.raisedTo !== null
          ? [{ pool: { market: { minWeightMilli: x.raisedTo } } }]
          : [],
    }));
    const open = periods[p - 1]!;
    const tasks = x.tasks.map((id) => ({
      id,
      templateId: id,
      projectId: 'pr',
      slots: 1,
      minutesPerSlot: 60,
      indicatedWeightMilli: null,
      standardMinutesPerUnit: x.measured.includes(id) ? 30 : null,
    }));
    const workIds = new Set<string>();
    const work = x.work
      .filter((w) => {
        if (workIds.has(w.id) || !x.tasks.includes(w.instanceId)) return false;
        workIds.add(w.id);
        return true;
      })
      .map((w) => ({
        ...w,
        minutes: 60,
        unitsDone: x.measured.includes(w.instanceId) ? 2 : null,
      }));
    const keys = new Set<string>();
    const bids = x.bids.filter((b) => {
      const key = `${b.round}|${b.instanceId}|${b.personId}`;
      if (keys.has(key) || !x.tasks.includes(b.instanceId)) return false;
      keys.add(key);
      return true;
    });
    periods[p - 1] = { ...open, tasks, bids, work };
    const fixture = scenarioOf({ persons: [], projects: ['pr'], products: [], periods });
    const market = { ...DEFAULT_MARKET, minWeightMilli: x.minWeightMilli };
    return { ...fixture, pool: { ...fixture.pool, market }, persons };
  });

/** A bid as a client might give it: often valid, often naming what is not there, now and then
 *  malformed (the whole check's to answer). */
const bidRecords = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      personId: fc.constantFrom('bo', 'cy'),
      instanceId: fc.constantFrom(...TASKS),
      weightMilli: fc.constantFrom(400, 1000),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record(
      {
        personId: fc.constantFrom(...PERSONS, 'zoe'),
        instanceId: fc.constantFrom(...TASKS, 'tx'),
        weightMilli: fc.constantFrom(50, 100, 120, 200, 1000, 4000, 1_000_000),
        round: fc.constantFrom(0, 1),
      },
      { requiredKeys: ['personId', 'instanceId', 'weightMilli'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      personId: fc.constant('bo'),
      instanceId: fc.constant('t1'),
      weightMilli: fc.constantFrom(0, 2_000_000, 1.5),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constant({ personId: 'bo', instanceId: 't1', weightMilli: 500, extra: 1 }),
  },
);

/**
 * Gives `records` of `kind` to the open period of `scenario`, checked by the index and by the
 * whole check, and asserts they answer alike: `null` from the index only where the whole check
 * refuses (a record the schema refuses), else the same refusal, or the same inputs accepted and
 * the same index after. Undefined for a pool the whole check refuses as it is (no such pool).
 */
function answeredAlike(
  scenario: Scenario,
  kind: 'bids' | 'work',
  records: readonly unknown[],
): 'whole' | 'refused' | 'accepted' | undefined {
  const p = scenario.periods.length;
  const { settings, inputs } = disassembleScenario(scenario);
  const base = validatePoolInputs(settings, inputs, [], p);
  if (!base.ok) return undefined;
  const index = indexOpenPeriod(base.value.scenario, p, 7)!;
  const added: PoolInput[] = records.map((record) => ({ kind, period: p, record }));
  const byIndex = checkByIndex(index, added);
  const whole = validatePoolInputs(settings, inputs, added, p);
  if (byIndex === null) {
    assert.equal(whole.ok, false);
    return 'whole';
  }
  if (!whole.ok) {
    assert.deepEqual(byIndex, whole);
    return 'refused';
  }
  assert.ok(byIndex.ok, `refused what the whole check accepts: ${JSON.stringify(byIndex)}`);
  assert.deepEqual(byIndex.value, whole.value.added);
  assert.deepEqual(
    withAccepted(index, byIndex.value, 8),
    indexOpenPeriod(whole.value.scenario, p, 8),
  );
  return 'accepted';
}

/** Runs `answeredAlike` over random pools and records; counts the answers by kind. */
function countAnswers(kind: 'bids' | 'work', records: fc.Arbitrary<unknown[]>) {
  const counts = { whole: 0, refused: 0, accepted: 0 };
  fc.assert(
    fc.property(pools, records, (scenario, given) => {
      const answer = answeredAlike(scenario, kind, given);
      fc.pre(answer !== undefined);
      if (answer !== undefined) counts[answer] += 1;
    }),
    { numRuns: 600 },
  );
  return { ...counts, answered: counts.refused + counts.accepted };
}

test('bids checked against the index are answered as the whole check answers them', () => {
  const counts = countAnswers('bids', fc.array(bidRecords, { minLength: 1, maxLength: 3 }));
  // Both sides were exercised: the index answered most requests, accepting some.
  assert.ok(counts.answered > 300, `the index answered ${counts.answered} of 600`);
  assert.ok(counts.accepted > 50, `the index accepted ${counts.accepted}`);
});

test('inputs other than bids of the indexed period, or a list at its limit, go to the whole check', () => {
  const index = {
    seq: 0,
    period: 1,
    memberNow: new Map([['bo', true]]),
    tasks: new Map([['t1', null]]),
    bidKeys: KeyVersion.of([]),
    bids: 0,
    workIds: KeyVersion.of([]),
    works: 0,
    minWeightMilli: 100,
  } satisfies OpenPeriodIndex;
  const bid = { personId: 'bo', instanceId: 't1', weightMilli: 500 };
  const work = { id: 'w1', personId: 'bo', instanceId: 't1', minutes: 60 };
  assert.equal(checkBids(index, [{ kind: 'work', period: 1, record: bid }]), null);
  assert.equal(checkWork(index, [{ kind: 'bids', period: 1, record: work }]), null);
  assert.equal(checkWork(index, [{ kind: 'work', period: 2, record: work }]), null);
  assert.equal(
    checkWork({ ...index, works: 100_000 }, [{ kind: 'work', period: 1, record: work }]),
    null,
  );
  const mixed: PoolInput[] = [
    { kind: 'bids', period: 1, record: bid },
    { kind: 'work', period: 1, record: work },
  ];
  assert.equal(checkByIndex(index, mixed), null);
  assert.equal(checkByIndex(index, [{ kind: 'requests', period: 1, record: {} }]), null);
  assert.equal(checkBids(index, [{ kind: 'bids', period: 2, record: bid }]), null);
  assert.equal(checkBids(index, []), null);
  assert.equal(
    checkBids({ ...index, bids: 100_000 }, [{ kind: 'bids', period: 1, record: bid }]),
    null,
  );
  assert.deepEqual(checkBids(index, [{ kind: 'bids', period: 1, record: bid }]), {
    ok: true,
    value: [{ kind: 'bids', period: 1, record: { ...bid, round: 0 } }],
  });
});

/** A work record as a client might give it: often valid, often naming what is not there or an
 *  id taken, now and then with units where none belong or a malformed shape. */
const workRecords = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      id: fc.constantFrom('w4', 'w5'),
      personId: fc.constant('bo'),
      instanceId: fc.constantFrom(...TASKS),
      minutes: fc.constant(45),
      unitsDone: fc.constantFrom(null, 3),
      confirmedBy: fc.constantFrom(null, 'bo'),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      id: fc.constantFrom(...WORK_IDS, 'w4', 'w5'),
      personId: fc.constantFrom('bo', 'cy', ...PERSONS, 'zoe'),
      instanceId: fc.constantFrom(...TASKS, 'tx'),
      minutes: fc.constantFrom(30, 90),
      unitsDone: fc.constantFrom(null, 3),
      confirmedBy: fc.constantFrom(null, 'bo', ...PERSONS, 'zoe'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { id: 'w6', personId: 'bo', instanceId: 't1', minutes: -1 },
      { id: 'w6', personId: 'bo', instanceId: 't1', minutes: 30, extra: 1 },
      { id: 'w6', personId: 'bo', instanceId: 't1' },
    ),
  },
);

test('work records checked against the index are answered as the whole check answers them', () => {
  const counts = countAnswers('work', fc.array(workRecords, { minLength: 1, maxLength: 2 }));
  assert.ok(counts.answered > 300, `the index answered ${counts.answered} of 600`);
  assert.ok(counts.accepted > 30, `the index accepted ${counts.accepted}`);
  assert.ok(counts.refused > 30, `the index refused ${counts.refused}`);
});
