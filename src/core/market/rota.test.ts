// Proves the fair rota shares flagged slots round-robin (fewest earlier shifts first, one slot
// of an instance per person), credits at the cap or the pool median, and allows swaps of tasks.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { PersonId } from '../ids.ts';
import type { EffortMilli, Minutes, WeightMilli } from '../units.ts';
import { instanceId, person, templateId } from './fixtures.ts';
import { medianWeightMilli, planRota, swapShifts } from './rota.ts';
import { DEFAULT_MARKET_SETTINGS } from './settings.ts';

const members = ['dan', 'bea', 'cem', 'ali'].map(person);
const needs = [
  { instanceId: instanceId('toilets-tue'), slots: 2, minutesPerSlot: 60 as Minutes },
  { instanceId: instanceId('toilets-mon'), slots: 1, minutesPerSlot: 90 as Minutes },
];

function plan(overrides: Partial<Parameters<typeof planRota>[0]> = {}) {
  const r = planRota({
    templateId: templateId('toilets'),
    needs,
    activeMembers: members,
    previousShifts: new Map<PersonId, number>([[person('ali'), 3]]),
    settings: DEFAULT_MARKET_SETTINGS,
    poolWeightsMilli: [800, 1200, 2000, 1000].map((w) => w as WeightMilli),
    ...overrides,
  });
  assert.ok(r.ok, r.ok ? '' : r.error.code);
  return r.value;
}

describe('fair rota', () => {
  it('round-robin, fewest earlier shifts first, credited at the cap', () => {
    const rota = plan();
    assert.equal(rota.weightMilli, 5000);
    // Order: bea, cem, dan (0 shifts, by id), then ali (3). Instances by id: mon, tue.
    assert.deepEqual(
      rota.shifts.map((s) => [s.instanceId, s.personId, s.creditEffortMilli]),
      [
        ['toilets-mon', 'bea', 7500],
        ['toilets-tue', 'cem', 5000],
        ['toilets-tue', 'dan', 5000],
      ],
    );
  });

  it('credits at the pool median when the pool decides so', () => {
    const rota = plan({ settings: { ...DEFAULT_MARKET_SETTINGS, rotaCredit: 'median' } });
    assert.equal(rota.weightMilli, 1100);
    assert.equal(medianWeightMilli([]), null);
    assert.equal(medianWeightMilli([3 as WeightMilli, 1 as WeightMilli, 2 as WeightMilli]), 2);
    assert.equal(medianWeightMilli([1001 as WeightMilli, 1002 as WeightMilli]), 1002);
  });

  it('never puts one person twice on an instance and spreads shifts evenly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 6 }),
        (memberCount, slotCounts) => {
          const people = Array.from({ length: memberCount }, (_, k) => person(`m${k}`));
          const result = planRota({
            templateId: templateId('t'),
            needs: slotCounts.map((slots, k) => ({
              instanceId: instanceId(`i${k}`),
              slots,
              minutesPerSlot: 60 as Minutes,
            })),
            activeMembers: people,
            previousShifts: new Map(),
            settings: DEFAULT_MARKET_SETTINGS,
            poolWeightsMilli: [],
          });
          if (slotCounts.some((s) => s > memberCount)) {
            assert.equal(result.ok ? '' : result.error.code, 'rota.not_enough_members');
            return;
          }
          assert.ok(result.ok);
          const pairs = new Set(result.value.shifts.map((s) => `${s.instanceId}|${s.personId}`));
          assert.equal(pairs.size, result.value.shifts.length);
          const counts = people.map(
            (p) => result.value.shifts.filter((s) => s.personId === p).length,
          );
          assert.ok(Math.max(...counts) - Math.min(...counts) <= 1);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('members swap shifts (tasks, not credits) unless that doubles someone on an instance', () => {
    const rota = plan();
    const swapped = swapShifts(
      rota,
      { instanceId: instanceId('toilets-mon'), personId: person('bea') },
      { instanceId: instanceId('toilets-tue'), personId: person('cem') },
    );
    assert.ok(swapped.ok);
    assert.deepEqual(
      swapped.value.shifts.map((s) => [s.instanceId, s.personId, s.creditEffortMilli]),
      [
        ['toilets-mon', 'cem', 7500],
        ['toilets-tue', 'bea', 5000],
        ['toilets-tue', 'dan', 5000],
      ],
    );
    const shift = (instance: string, who: string) => ({
      instanceId: instanceId(instance),
      personId: person(who),
      weightMilli: 1000 as WeightMilli,
      creditEffortMilli: 1000 as EffortMilli,
    });
    const crowded = { ...rota, shifts: [shift('mon', 'a'), shift('mon', 'b'), shift('tue', 'a')] };
    const doubled = swapShifts(
      crowded,
      { instanceId: instanceId('mon'), personId: person('b') },
      { instanceId: instanceId('tue'), personId: person('a') },
    );
    assert.equal(doubled.ok ? '' : doubled.error.code, 'rota.already_on_instance');
    const unknown = swapShifts(
      rota,
      { instanceId: instanceId('toilets-mon'), personId: person('ali') },
      { instanceId: instanceId('toilets-tue'), personId: person('cem') },
    );
    assert.equal(unknown.ok ? '' : unknown.error.code, 'rota.shift_unknown');
    const twice = swapShifts(
      rota,
      { instanceId: instanceId('toilets-mon'), personId: person('bea') },
      { instanceId: instanceId('toilets-tue'), personId: person('dan') },
    );
    assert.ok(twice.ok);
    const self = swapShifts(
      rota,
      { instanceId: instanceId('toilets-tue'), personId: person('cem') },
      { instanceId: instanceId('toilets-tue'), personId: person('cem') },
    );
    assert.equal(self.ok ? '' : self.error.code, 'rota.same_person');
    const none = planRota({
      ...{
        templateId: templateId('t'),
        needs,
        previousShifts: new Map(),
        settings: DEFAULT_MARKET_SETTINGS,
        poolWeightsMilli: [],
      },
      activeMembers: [],
    });
    assert.equal(none.ok ? '' : none.error.code, 'rota.no_members');
  });
});
