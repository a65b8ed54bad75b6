// Checks of a scenario's commons fields that a schema of shapes cannot make (M12, M13): a
// resource is renewable (a yield) or non-renewable (a depletion schedule), never both; a
// schedule names each period once; only land that is not used up is leased; lease releases
// name a leased resource and one holder; a transfer names whom to, a return date belongs to a
// claim and lies ahead; a dwelling's steward is an association, and a release or
// reassignment names a dwelling with a steward, once a period, and a waiting household only
// for a reassignment. Each failure's detail starts with the path.

import { type Err, type Failure, failure } from '../result.ts';
import { unknownAt as unknown } from './check-paths.ts';
import type { Scenario } from './types.ts';

export type CommonsCheckCode = 'scenario.invalid' | 'scenario.unknown_reference';

type Check = Err<Failure<CommonsCheckCode>> | null;

const invalid = (path: string, message: string): Check =>
  failure('scenario.invalid', `${path}: ${message}`);

export function checkCommons(s: Scenario): Check {
  for (const [i, r] of s.resources.entries()) {
    const at = `resources[${i}]`;
    if ((r.sustainableYieldUnitsPerPeriod === null) === (r.depletion === null)) {
      return invalid(
        at,
        'give sustainableYieldUnitsPerPeriod (renewable) or depletion (non-renewable), exactly one',
      );
    }
    const seen = new Set<number>();
    for (const [k, step] of (r.depletion?.schedule ?? []).entries()) {
      if (seen.has(step.fromPeriod)) {
        return invalid(
          `${at}.depletion.schedule[${k}].fromPeriod`,
          `period ${step.fromPeriod} appears twice`,
        );
      }
      seen.add(step.fromPeriod);
    }
    if (r.lease !== null && r.depletion !== null) {
      return invalid(`${at}.lease`, 'a leased resource is not used up: give no depletion schedule');
    }
  }
  const byId = new Map(s.resources.map((r) => [r.id, r]));
  const persons = new Set(s.persons.map((x) => x.id));
  const associations = new Set(s.associations.map((x) => x.id));
  for (const [i, unit] of s.housingUnits.entries()) {
    const steward = unit.stewardAssociationId;
    if (steward !== null && !associations.has(steward)) {
      return unknown(`housingUnits[${i}].stewardAssociationId`, 'association', steward);
    }
  }
  const stewarded = new Set(
    s.housingUnits.filter((u) => u.stewardAssociationId !== null).map((u) => u.id),
  );
  const projects = new Set(s.projects.map((x) => x.id));
  for (const [p, period] of s.periods.entries()) {
    const seen = new Set<string>();
    for (const [i, x] of period.leaseReleases.entries()) {
      const at = `periods[${p}].leaseReleases[${i}]`;
      const resource = byId.get(x.resourceId);
      if (resource === undefined) {
        return unknown(`${at}.resourceId`, 'resource', x.resourceId);
      }
      if (resource.lease === null) {
        return invalid(`${at}.resourceId`, `resource "${x.resourceId}" is not leased`);
      }
      if ((x.personId === null) === (x.projectId === null)) {
        return invalid(at, 'name exactly one of personId and projectId');
      }
      if (x.personId !== null && !persons.has(x.personId)) {
        return unknown(`${at}.personId`, 'person', x.personId);
      }
      if (x.projectId !== null && !projects.has(x.projectId)) {
        return unknown(`${at}.projectId`, 'project', x.projectId);
      }
      const key = `${x.resourceId}|${x.personId ?? ''}|${x.projectId ?? ''}`;
      if (seen.has(key)) return invalid(at, 'the same lease is released twice');
      seen.add(key);
    }
    const moved = new Set<string>();
    for (const [i, x] of period.dwellings.entries()) {
      const at = `periods[${p}].dwellings[${i}]`;
      if (!stewarded.has(x.unitId)) {
        return unknown(`${at}.unitId`, 'housing unit with a stewardAssociationId', x.unitId);
      }
      if (moved.has(x.unitId)) return invalid(`${at}.unitId`, 'one step per dwelling a period');
      moved.add(x.unitId);
      if ((x.action === 'reassign') !== x.personIds.length > 0) {
        return invalid(
          `${at}.personIds`,
          'the waiting household: required to reassign, only there',
        );
      }
      for (const [k, personId] of x.personIds.entries()) {
        if (!persons.has(personId)) return unknown(`${at}.personIds[${k}]`, 'person', personId);
      }
    }
    for (const [i, x] of period.possession.entries()) {
      const at = `periods[${p}].possession[${i}]`;
      if ((x.action === 'transfer') !== (x.toPersonId !== null)) {
        return invalid(`${at}.toPersonId`, 'is required for a transfer, and only there');
      }
      if (x.toPersonId !== null && !persons.has(x.toPersonId)) {
        return unknown(`${at}.toPersonId`, 'person', x.toPersonId);
      }
      if (x.toPersonId === x.personId) {
        return invalid(`${at}.toPersonId`, 'a transfer goes to someone else');
      }
      if (x.returnOnPeriod !== null && x.action !== 'claim') {
        return invalid(`${at}.returnOnPeriod`, 'only for a claim');
      }
      if (x.returnOnPeriod !== null && x.returnOnPeriod < p + 1) {
        return invalid(`${at}.returnOnPeriod`, `must be ≥ the period of the claim (${p + 1})`);
      }
    }
  }
  return null;
}
