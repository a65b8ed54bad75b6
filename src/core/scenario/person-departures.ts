// A person leaving the pool as an input of a period (M1: leaving is free; decision 0035). A
// stored pool cannot change its standing `persons`, so the departure is given in the period it
// takes effect: `personDepartures: [{ personId }]` in period k means what `memberUntilPeriod:
// k − 1` means: from period k on the person bids, works and takes nothing, gets no allowance,
// and a negative balance is forgiven in period k − 1 + T (membership.ts). The file is read with
// the departures applied, so every rule that knows `memberUntilPeriod` knows them too.

import { type Err, type Failure, failure } from '../result.ts';
import { unknownAt } from './check-paths.ts';
import type { PersonSpec, ResidencySpec, Scenario } from './types.ts';

/** The period each person's departure is given in, by person id. */
export function departurePeriods(s: Scenario): Map<string, number> {
  const given = new Map<string, number>();
  s.periods.forEach((period, at) => {
    for (const x of period.personDepartures)
      if (!given.has(x.personId)) given.set(x.personId, at + 1);
  });
  return given;
}

/**
 * The file with its departures as memberships: a person departing in period k is a member
 * until k − 1, their open subscriptions end with k − 1, and, if they still live in an
 * association, they move out in period k (a non-member lives in none). Earlier periods read
 * exactly what they read without the departure. Departures the check refuses are left alone.
 */
export function withPersonDepartures(s: Scenario): Scenario {
  const departures = departurePeriods(s);
  if (departures.size === 0) return s;
  const lastPeriod = (person: PersonSpec): number | null => {
    const k = departures.get(person.id);
    return k === undefined || departureProblem(person, k) !== null ? null : k - 1;
  };
  const last = new Map<string, number>();
  for (const person of s.persons) {
    const until = lastPeriod(person);
    if (until !== null) last.set(person.id, until);
  }
  if (last.size === 0) return s;
  const residence = new Map(s.persons.map((x) => [x.id, x.residence]));
  const periods = s.periods.map((period, at) => {
    const moves: ResidencySpec[] = [];
    for (const [id, until] of last) {
      const moved = period.residencies.some((x) => x.personId === id);
      if (until === at && !moved && residence.get(id) !== null) {
        moves.push({ personId: id, associationId: null });
      }
    }
    for (const move of period.residencies) residence.set(move.personId, move.associationId);
    return moves.length === 0
      ? period
      : { ...period, residencies: [...period.residencies, ...moves] };
  });
  return {
    ...s,
    persons: s.persons.map((x) =>
      last.has(x.id) ? { ...x, memberUntilPeriod: last.get(x.id)! } : x,
    ),
    subscriptions: s.subscriptions.map((x) => {
      const until = last.get(x.personId);
      if (until === undefined || x.fromPeriod > until) return x;
      return x.untilPeriod !== null && x.untilPeriod <= until ? x : { ...x, untilPeriod: until };
    }),
    periods,
  };
}

/** Why a departure in period k cannot be taken, or null: the person must have been a member
 *  in period k − 1 and not have left already. */
function departureProblem(person: PersonSpec, k: number): string | null {
  if (person.memberUntilPeriod !== null) {
    return `already leaves the pool after period ${person.memberUntilPeriod}`;
  }
  if (person.memberFromPeriod >= k) {
    return `joins the pool in period ${person.memberFromPeriod}, so cannot leave before period ${person.memberFromPeriod + 1}`;
  }
  return null;
}

export type PersonDepartureCode =
  | 'scenario.unknown_reference'
  | 'scenario.duplicate_id'
  | 'scenario.not_a_member';

/** Each departure names a person of the file, once in the whole file, who was a member in the
 *  period before it and had not left yet. */
export function checkPersonDepartures(s: Scenario): Err<Failure<PersonDepartureCode>> | null {
  const byId = new Map(s.persons.map((x) => [x.id, x]));
  const seen = new Set<string>();
  for (const [at, period] of s.periods.entries()) {
    for (const [i, x] of period.personDepartures.entries()) {
      const path = `periods[${at}].personDepartures[${i}].personId`;
      const person = byId.get(x.personId);
      if (person === undefined) return unknownAt(path, 'person', x.personId);
      if (seen.has(x.personId)) {
        return failure('scenario.duplicate_id', `${path}: "${x.personId}" leaves twice`);
      }
      seen.add(x.personId);
      const problem = departureProblem(person, at + 1);
      if (problem !== null) {
        return failure('scenario.not_a_member', `${path}: "${x.personId}" ${problem}`);
      }
    }
  }
  return null;
}
