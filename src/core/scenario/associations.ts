// Glue between a scenario and the association module (M10, M11): the validity ranges of
// residences, capacity factors and dependent statuses from the per-period changes, each period's
// shares and redistribution (computeAssociationShares) and their postings
// (associationPostings) on accounts the pool's chart does not have: one association account
// and one redistribution account per association, opened in the same pool journal.

import {
  type AssociationSettings,
  type AssociationShares,
  type AssociationTree,
  associationPostings,
  buildAssociationTree,
  type CapacityFactor,
  computeAssociationShares,
  type DependentStatus,
  type DependentTaking,
  dependentsIn,
  type PublicService,
  type Residence,
} from '../association/index.ts';
import type { ScarcityClearing } from '../goods/index.ts';
import type { AccountId, AssociationId, PersonId, ProjectId } from '../ids.ts';
import type { TransferRequest } from '../ledger/index.ts';
import type { PoolChart } from '../pool/index.ts';
import type { Failure, Result } from '../result.ts';
import { failure, ok } from '../result.ts';
import type { PeriodSpec, Scenario } from './types.ts';

export interface AssociationSetup {
  readonly tree: AssociationTree;
  readonly residences: readonly Residence[];
  readonly capacities: readonly CapacityFactor[];
  readonly dependents: readonly DependentStatus[];
  readonly accounts: ReadonlyMap<string, { association: AccountId; redistribution: AccountId }>;
}

/** `{from, value}` changes to inclusive validity ranges (a later change ends the earlier). */
function ranges<T>(changes: readonly { from: number; value: T }[]) {
  const sorted = [...changes].sort((a, b) => a.from - b.from);
  return sorted.map((c, i) => {
    const next = sorted[i + 1];
    return {
      value: c.value,
      validFromPeriod: c.from,
      ...(next === undefined ? {} : { validUntilPeriod: next.from - 1 }),
    };
  });
}

/** A change in period 1 replaces the person's starting value (same period: the later wins;
 *  the starting value comes first and each period has at most one change per person). */
function latestOf<T>(list: readonly { from: number; value: T }[]) {
  return list.filter((c, i) => !list.slice(i + 1).some((d) => d.from === c.from));
}

/** Each person's changes of one value over the file's periods, in period order (and list order
 *  within a period): `listOf` gives a period's list, `newValue` a change's new value. Indexed
 *  once for all persons, so setting up costs the changes, not persons × periods. */
function changesByPerson<C extends { readonly personId: string }, T>(
  scenario: Scenario,
  listOf: (period: PeriodSpec) => readonly C[],
  newValue: (change: C) => T,
): Map<string, { from: number; value: T }[]> {
  const byPerson = new Map<string, { from: number; value: T }[]>();
  for (const [index, period] of scenario.periods.entries()) {
    for (const c of listOf(period)) {
      const change = { from: index + 1, value: newValue(c) };
      const list = byPerson.get(c.personId);
      if (list === undefined) byPerson.set(c.personId, [change]);
      else list.push(change);
    }
  }
  return byPerson;
}

/** A person's value as validity ranges: `start` from period 1, then each of their changes. */
function personRanges<T>(
  changes: ReadonlyMap<string, readonly { from: number; value: T }[]>,
  personId: string,
  start: T,
) {
  return ranges(latestOf([{ from: 1, value: start }, ...(changes.get(personId) ?? [])]));
}

export function setUpAssociations(
  scenario: Scenario,
  chart: PoolChart,
): Result<AssociationSetup, Failure> {
  const built = buildAssociationTree(
    scenario.associations.map((a) => ({
      id: a.id as AssociationId,
      level: a.level,
      ...(a.parentId === null ? {} : { parentId: a.parentId as AssociationId }),
    })),
  );
  if (!built.ok) return failure(built.error.code, built.error.detail);
  const residences: Residence[] = [];
  const capacities: CapacityFactor[] = [];
  const dependents: DependentStatus[] = [];
  const homeChanges = changesByPerson(
    scenario,
    (p) => p.residencies,
    (r) => r.associationId,
  );
  const factorChanges = changesByPerson(
    scenario,
    (p) => p.capacityFactors,
    (c) => c.capacityMilli,
  );
  const statusChanges = changesByPerson(
    scenario,
    (p) => p.dependents,
    (d) => d.dependent,
  );
  for (const person of scenario.persons) {
    const id = person.id;
    const homes = personRanges<string | null>(homeChanges, id, person.residence);
    for (const { value, ...validity } of homes) {
      if (value === null) continue;
      residences.push({
        personId: id as PersonId,
        associationId: value as AssociationId,
        ...validity,
      });
    }
    const factors = personRanges(factorChanges, id, person.capacityMilli);
    for (const { value, ...validity } of factors) {
      capacities.push({ personId: id as PersonId, capacityMilli: value, ...validity });
    }
    const statuses = personRanges(statusChanges, id, person.dependent);
    for (const { value, ...validity } of statuses) {
      if (value === null) continue;
      dependents.push({
        personId: id as PersonId,
        category: value.category,
        ...validity,
        ...(value.allowanceEffortMilli === null
          ? {}
          : { allowanceEffortMilli: value.allowanceEffortMilli }),
      });
    }
  }
  const accounts = new Map(
    scenario.associations.map((a) => [
      a.id,
      {
        association: `${chart.poolId}.association.${a.id}` as AccountId,
        redistribution: `${chart.poolId}.redistribution.${a.id}` as AccountId,
      },
    ]),
  );
  return ok({ tree: built.value, residences, capacities, dependents, accounts });
}

/** The associations' settings as the share computation reads them: from the scenario given,
 *  which in period p is the view with the settings in force in p (decision 0018). */
function associationSettings(scenario: Scenario): AssociationSettings[] {
  return scenario.associations.map((a) => ({
    associationId: a.id as AssociationId,
    allowanceByCategory: Object.fromEntries(
      a.allowances.map((x) => [x.category, x.allowanceEffortMilli]),
    ),
    basicNeedsInArrears: a.basicNeedsInArrears,
  }));
}

export interface AssociationPeriod {
  readonly shares: AssociationShares;
  readonly services: readonly PublicService[];
  readonly transfers: readonly TransferRequest[];
}

/** One period's shares, redistribution and postings; dependents' takings at posted prices. */
export function associationPeriod(
  scenario: Scenario,
  chart: PoolChart,
  setup: AssociationSetup,
  p: number,
  goods: readonly ScarcityClearing[],
): Result<AssociationPeriod, Failure> {
  const spec = scenario.periods[p - 1]!;
  const services: PublicService[] = spec.services.map((s) => ({
    serviceId: s.id,
    associationId: s.associationId as AssociationId,
    projectId: s.projectId as ProjectId,
    effortMilli: s.effortMilli,
    basicNeeds: s.basicNeeds,
  }));
  const isDependent = dependentsIn(setup.dependents, p);
  const taken = new Map<string, number>();
  for (const g of goods) {
    for (const a of g.allocations) {
      if (isDependent.has(a.personId)) {
        taken.set(a.personId, (taken.get(a.personId) ?? 0) + a.priceEffortMilli);
      }
    }
  }
  const dependentTakings: DependentTaking[] = [...taken].map(([personId, amount]) => ({
    personId: personId as PersonId,
    takenEffortMilli: amount,
  }));
  const settings = associationSettings(scenario);
  const computed = computeAssociationShares({
    tree: setup.tree,
    period: p,
    residences: setup.residences,
    dependents: setup.dependents,
    capacities: setup.capacities,
    settings,
    services,
    dependentTakings,
  });
  if (!computed.ok) return failure(computed.error.code, computed.error.detail);
  const transfers = associationPostings(`p${p}.assoc`, computed.value, services, settings, {
    person: (id) => chart.persons.get(id)!,
    project: (id) => chart.projects.get(id)!,
    association: (id) => setup.accounts.get(id)!.association,
    redistribution: (id) => setup.accounts.get(id)!.redistribution,
  });
  return ok({ shares: computed.value, services, transfers });
}
