// Proves that membership is the closed range of periods, and that only a negative balance is
// forgiven, exactly T periods after the member's last period, for exactly its amount.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AccountId, PersonId, PoolId } from '../ids.ts';
import { conventionalChart } from '../pool/index.ts';
import { forgivenessEvents, forgivenessPeriod, isMember } from './membership.ts';
import { EMPTY_PERIOD } from './testing.ts';
import type { PersonSpec, Scenario } from './types.ts';

const person = (id: string, from: number, until: number | null): PersonSpec => ({
  id,
  capacitySlots: 1,
  contributing: true,
  residence: null,
  capacityMilli: 1000,
  dependent: null,
  memberFromPeriod: from,
  memberUntilPeriod: until,
});

describe('membership', () => {
  test('a member from period 2 to 4 is one in 2, 3 and 4 only', () => {
    const x = person('x', 2, 4);
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((p) => isMember(x, p)),
      [false, true, true, true, false],
    );
    assert.equal(isMember(person('y', 1, null), 1000), true);
  });

  test('forgiveness in L + T, of negative balances only', () => {
    const persons = [person('owes', 1, 2), person('saved', 1, 2), person('stays', 1, null)];
    const s = { persons, pool: { forgiveAfterPeriods: 3 }, periods: [] } as unknown as Scenario;
    const chart = conventionalChart(
      'v' as PoolId,
      persons.map((x) => x.id as PersonId),
      [],
    );
    const opening = new Map<AccountId, number>([
      ['v.person.owes' as AccountId, -4_000],
      ['v.person.saved' as AccountId, 7_000],
      ['v.person.stays' as AccountId, -1_000],
    ]);
    assert.deepEqual(forgivenessEvents(s, chart, opening, 4), []);
    assert.deepEqual(forgivenessEvents(s, chart, opening, 5), [
      { kind: 'forgiveness', id: 'p5.forgive.owes', personId: 'owes', amountEffortMilli: 4_000 },
    ]);
    assert.deepEqual(forgivenessEvents(s, chart, opening, 6), []);
  });

  test('T is the one in force in the last period of membership', () => {
    const persons = [person('early', 1, 1), person('late', 1, 2)];
    const change = (forgiveAfterPeriods: number) => ({
      ...EMPTY_PERIOD,
      settingsChanges: [{ pool: { forgiveAfterPeriods } }],
    });
    // T = 3 in period 1, 1 from period 2 on, 5 from period 4 on.
    const s = {
      persons,
      pool: { forgiveAfterPeriods: 3 },
      periods: [EMPTY_PERIOD, change(1), EMPTY_PERIOD, change(5)],
    } as unknown as Scenario;
    assert.deepEqual(
      persons.map((x) => forgivenessPeriod(s, x)),
      [1 + 3, 2 + 1],
    );
  });
});
