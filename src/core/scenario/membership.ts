// Joining and leaving the pool (reference §4.9 "A person leaves", MODEL.md M8): a person is a
// member from `memberFromPeriod` to `memberUntilPeriod`. Outside it they bid, work, take and
// live in no association (checked with the path before the run), get no allowance and count
// for nothing in the settlement; their account stays, and a departed member's negative balance
// is forgiven T = `forgiveAfterPeriods` periods after they left, through the settlement's
// `forgiveness` event (`adjustment.forgiven`), so the pool bears it through Adj.

import type { AccountId, PersonId } from '../ids.ts';
import { inPeriodRange } from '../periods.ts';
import type { PeriodEvent, PoolChart } from '../pool/index.ts';
import { type Err, type Failure, failure } from '../result.ts';
import { compareIds } from '../units.ts';
import { departurePeriods } from './person-departures.ts';
import { poolInForce, type SettingsInForce, settingsTimeline } from './settings.ts';
import type { PersonSpec, Scenario } from './types.ts';

export const isMember = (person: PersonSpec, p: number): boolean =>
  inPeriodRange(p, person.memberFromPeriod, person.memberUntilPeriod);

/** Whether the file uses membership at all (by period p: only persons who had joined by then
 *  count, so a later joiner does not change an earlier period's report, and only departures
 *  given by then, so a stored pool's departure leaves its closed periods' reports as they
 *  were); the report shows it only then. */
export const usesMembership = (s: Scenario, p = Number.POSITIVE_INFINITY): boolean => {
  const departures = departurePeriods(s);
  return s.persons.some((x) => {
    if (x.memberFromPeriod > p) return false;
    if (x.memberFromPeriod !== 1) return true;
    const departed = departures.get(x.id);
    return departed !== undefined ? departed <= p : x.memberUntilPeriod !== null;
  });
};

/** The period in which a departed member's negative balance is forgiven; null = stays. T is
 *  the one in force in their last period L: the terms they left under (decision 0018). `s` is
 *  the file as given, not a period's view; `timeline` its settings timeline, when the caller
 *  has it already (a run derives it once). */
export const forgivenessPeriod = (
  s: Scenario,
  person: PersonSpec,
  timeline?: readonly SettingsInForce[],
): number | null =>
  person.memberUntilPeriod === null
    ? null
    : person.memberUntilPeriod +
      poolInForce(s, person.memberUntilPeriod, timeline).forgiveAfterPeriods;

/** Forgiveness events of period p, from the balances at the start of the period. */
export function forgivenessEvents(
  s: Scenario,
  chart: PoolChart,
  opening: ReadonlyMap<AccountId, number>,
  p: number,
  timeline: readonly SettingsInForce[] = settingsTimeline(s),
): PeriodEvent[] {
  const events: PeriodEvent[] = [];
  for (const person of [...s.persons].sort((a, b) => compareIds(a.id, b.id))) {
    if (forgivenessPeriod(s, person, timeline) !== p) continue;
    const balance = opening.get(chart.persons.get(person.id as PersonId)!) ?? 0;
    if (balance >= 0) continue;
    events.push({
      kind: 'forgiveness',
      id: `p${p}.forgive.${person.id}`,
      personId: person.id as PersonId,
      amountEffortMilli: -balance,
    });
  }
  return events;
}

export interface DepartedLine {
  readonly personId: string;
  readonly memberUntilPeriod: number;
  /** L + T: when a negative balance is (or was) forgiven. */
  readonly forgivenInPeriod: number;
  /** Forgiven in this period. */
  readonly forgivenEffortMilli: number;
  /** The balance at the end of the period: dormant if positive, forgiven later if negative. */
  readonly balanceEffortMilli: number;
}

export interface MembershipPeriod {
  readonly members: readonly string[];
  readonly departed: readonly DepartedLine[];
}

export function membershipPeriod(
  s: Scenario,
  chart: PoolChart,
  closing: ReadonlyMap<AccountId, number>,
  forgiven: readonly PeriodEvent[],
  p: number,
  timeline: readonly SettingsInForce[] = settingsTimeline(s),
): MembershipPeriod {
  const persons = [...s.persons].sort((a, b) => compareIds(a.id, b.id));
  const amount = new Map(
    forgiven.flatMap((e) => (e.kind === 'forgiveness' ? [[e.personId, e.amountEffortMilli]] : [])),
  );
  return {
    members: persons.filter((x) => isMember(x, p)).map((x) => x.id),
    departed: persons
      .filter((x) => x.memberUntilPeriod !== null && x.memberUntilPeriod < p)
      .map((x) => ({
        personId: x.id,
        memberUntilPeriod: x.memberUntilPeriod!,
        forgivenInPeriod: forgivenessPeriod(s, x, timeline)!,
        forgivenEffortMilli: amount.get(x.id as PersonId) ?? 0,
        balanceEffortMilli: closing.get(chart.persons.get(x.id as PersonId)!) ?? 0,
      })),
  };
}

/** Every person a period's lists name, with the path of the field. */
function personReferences(s: Scenario, at: number): [string, string][] {
  const period = s.periods[at]!;
  const path = `periods[${at}]`;
  const refs: [string, string][] = [];
  const add = (list: string, items: readonly unknown[], fields: readonly string[]) => {
    for (const [i, item] of items.entries()) {
      for (const field of fields) {
        const value = (item as Record<string, unknown>)[field];
        if (typeof value === 'string') refs.push([`${path}.${list}[${i}].${field}`, value]);
      }
    }
  };
  add('bids', period.bids, ['personId']);
  add('work', period.work, ['personId', 'confirmedBy']);
  add('noShows', period.noShows, ['personId']);
  add('requests', period.requests, ['personId']);
  for (const [i, sale] of period.discountSales.entries()) {
    add(`discountSales[${i}].requests`, sale.requests, ['personId']);
  }
  add('resourceClaims', period.resourceClaims, ['personId']);
  add('possession', period.possession, ['personId']);
  add('preOrders', period.preOrders, ['personId']);
  add('personalServices', period.personalServices, ['giverId', 'beneficiaryId', 'confirmedBy']);
  for (const [i, bundle] of period.flatRateBundles.entries()) {
    for (const [k, x] of bundle.participants.entries()) {
      refs.push([`${path}.flatRateBundles[${i}].participants[${k}]`, x]);
    }
    for (const [k, x] of bundle.dependentUsers.entries()) {
      refs.push([`${path}.flatRateBundles[${i}].dependentUsers[${k}]`, x]);
    }
  }
  for (const [i, o] of period.occupancy.entries()) {
    add(`occupancy[${i}].residents`, o.residents, ['personId']);
  }
  add('federationTakes', period.federationTakes, ['personId']);
  add('federationWork', period.federationWork, ['personId']);
  return refs;
}

/**
 * Nobody acts in the pool outside their membership: every person a period names is a member
 * then, a subscription runs only while its person is a member, and a person who is not a
 * member lives in no association (or they would be charged its shares).
 */
export function checkMembership(s: Scenario): Err<Failure<'scenario.not_a_member'>> | null {
  if (!usesMembership(s)) return null;
  const byId = new Map(s.persons.map((x) => [x.id, x]));
  const notMember = (path: string, id: string, p: number) =>
    failure('scenario.not_a_member', `${path}: "${id}" is not a member of the pool in period ${p}`);
  for (const [i, sub] of s.subscriptions.entries()) {
    const person = byId.get(sub.personId);
    if (person === undefined) continue;
    if (sub.fromPeriod < person.memberFromPeriod) {
      return notMember(`subscriptions[${i}].fromPeriod`, sub.personId, sub.fromPeriod);
    }
    const until = person.memberUntilPeriod;
    if (until !== null && (sub.untilPeriod === null || sub.untilPeriod > until)) {
      return notMember(`subscriptions[${i}].untilPeriod`, sub.personId, until + 1);
    }
  }
  const residence = new Map(s.persons.map((x) => [x.id, x.residence]));
  for (let at = 0; at < s.periods.length; at += 1) {
    const p = at + 1;
    for (const [path, id] of personReferences(s, at)) {
      const person = byId.get(id);
      if (person !== undefined && !isMember(person, p)) return notMember(path, id, p);
    }
    for (const move of s.periods[at]!.residencies) residence.set(move.personId, move.associationId);
    for (const [index, person] of s.persons.entries()) {
      const lives = residence.get(person.id) ?? null;
      if (lives === null || isMember(person, p)) continue;
      const field = p < person.memberFromPeriod ? 'memberFromPeriod' : 'memberUntilPeriod';
      return failure(
        'scenario.not_a_member',
        `persons[${index}].${field}: "${person.id}" lives in "${lives}" in period ${p} without ` +
          'being a member; add a residency with associationId null',
      );
    }
  }
  return null;
}
