// The association steward's view of a period: who lives in which association with which
// capacity factor and dependent status, and each contributor's share (reference §4.11, §4.12)
// as it would be with and without a change the steward is about to make. The preview computes
// the shares with the core's own rule (computeAssociationShares) on the period's services,
// assuming every dependent takes their whole allowance: what the period will actually charge
// follows from what the dependents take.
import {
  type AssociationShares,
  capacityOf,
  computeAssociationShares,
  dependentsIn,
  residenceOf,
} from '../../../core/association/index.ts';
import type { AssociationId, PersonId, PoolId, ProjectId } from '../../../core/ids.ts';
import { conventionalChart } from '../../../core/pool/index.ts';
import { setUpAssociations } from '../../../core/scenario/associations.ts';
import type { DependentCategorySpec, PeriodSpec, Scenario } from '../../../core/scenario/index.ts';

export const DEPENDENT_CATEGORIES: readonly DependentCategorySpec[] = [
  'child',
  'elderly',
  'sick',
  'other',
];

/** More than any allowance: a dependent "taking" this much is covered up to the allowance. */
const WHOLE_ALLOWANCE_MILLI = 1_000_000_000;

export interface Resident {
  readonly personId: string;
  readonly associationId: string;
  readonly capacityMilli: number;
  readonly dependent: string | null;
}

/** The associations a steward looks after: the ones named in their grants and every one
 *  below them. */
export function stewardedAssociations(scenario: Scenario, named: readonly string[]): string[] {
  const out = new Set(named.filter((id) => scenario.associations.some((a) => a.id === id)));
  let grew = true;
  while (grew) {
    grew = false;
    for (const a of scenario.associations) {
      if (a.parentId !== null && out.has(a.parentId) && !out.has(a.id)) {
        out.add(a.id);
        grew = true;
      }
    }
  }
  return [...out];
}

/** The scenario with one person's dependent status changed in period p. */
export function withDependent(
  scenario: Scenario,
  period: number,
  personId: string,
  category: DependentCategorySpec,
): Scenario {
  const periods = scenario.periods.map(
    (spec, i): PeriodSpec =>
      i === period - 1
        ? {
            ...spec,
            dependents: [
              ...spec.dependents,
              { personId, dependent: { category, allowanceEffortMilli: null } },
            ],
          }
        : spec,
  );
  return { ...scenario, periods };
}

const chartOf = (scenario: Scenario) =>
  conventionalChart(
    scenario.pool.id as PoolId,
    scenario.persons.map((p) => p.id as PersonId),
    scenario.projects.map((p) => p.id as ProjectId),
  );

export interface PeriodAssociations {
  readonly residents: readonly Resident[];
  readonly shares: AssociationShares | null;
  /** Why the shares could not be computed (a code of the core), or null. */
  readonly problem: string | null;
}

/** Residents of period p and the shares the period's services and dependents make. */
export function periodAssociations(scenario: Scenario, period: number): PeriodAssociations {
  const setup = setUpAssociations(scenario, chartOf(scenario));
  if (!setup.ok) return { residents: [], shares: null, problem: setup.error.code };
  const { residences, capacities, dependents, tree } = setup.value;
  const dependentNow = dependentsIn(dependents, period);
  const residents = scenario.persons.flatMap((person) => {
    const id = person.id as PersonId;
    const home = residenceOf(residences, id, period);
    if (home === undefined) return [];
    return [
      {
        personId: person.id,
        associationId: home,
        capacityMilli: capacityOf(capacities, id, period),
        dependent: dependentNow.get(id)?.category ?? null,
      },
    ];
  });
  const spec = scenario.periods[period - 1];
  const computed = computeAssociationShares({
    tree,
    period,
    residences,
    dependents,
    capacities,
    settings: scenario.associations.map((a) => ({
      associationId: a.id as AssociationId,
      allowanceByCategory: Object.fromEntries(
        a.allowances.map((x) => [x.category, x.allowanceEffortMilli]),
      ),
      basicNeedsInArrears: a.basicNeedsInArrears,
    })),
    services: (spec?.services ?? []).map((s) => ({
      serviceId: s.id,
      associationId: s.associationId as AssociationId,
      projectId: s.projectId as ProjectId,
      effortMilli: s.effortMilli,
      basicNeeds: s.basicNeeds,
    })),
    dependentTakings: [...dependentNow.keys()].map((personId) => ({
      personId,
      takenEffortMilli: WHOLE_ALLOWANCE_MILLI,
    })),
  });
  return computed.ok
    ? { residents, shares: computed.value, problem: null }
    : { residents, shares: null, problem: computed.error.code };
}

export interface ShareChange {
  readonly personId: string;
  readonly beforeEffortMilli: number;
  readonly afterEffortMilli: number;
}

/** Each contributor's share before and after, for the persons living in `associations`
 *  (either way round: the new dependent's own share falls to nothing). */
export function shareChanges(
  before: PeriodAssociations,
  after: PeriodAssociations,
  associations: readonly string[],
): ShareChange[] {
  const total = (shares: AssociationShares | null, personId: string) =>
    shares?.shares.find((s) => s.personId === personId)?.totalEffortMilli ?? 0;
  return before.residents
    .filter((r) => associations.includes(r.associationId) && r.dependent === null)
    .map((r) => ({
      personId: r.personId,
      beforeEffortMilli: total(before.shares, r.personId),
      afterEffortMilli: total(after.shares, r.personId),
    }));
}
