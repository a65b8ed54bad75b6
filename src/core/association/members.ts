// Who owes a share to a local association and with what weight (reference §4.11, MODEL.md
// M10): inhabitants who are not dependents contribute, weighted by a capacity factor; a
// dependent (child, elderly, sick, other) owes nothing and has takings up to an allowance
// covered by redistribution. Both statuses have validity periods, because the association
// decides them for a time (sickness is self-declared with a limit and renewal).

import type { AssociationId, PersonId } from '../ids.ts';
import { failure, ok, type Result } from '../result.ts';
import { compareIds } from '../units.ts';
import {
  type AssociationTree,
  inhabitantsOf,
  isValidIn,
  type Residence,
  type Validity,
} from './tree.ts';

export type DependentCategory = 'child' | 'elderly' | 'sick' | 'other';

export interface DependentStatus extends Validity {
  readonly personId: PersonId;
  readonly category: DependentCategory;
  /** An allowance the association set for this person, overriding the category's. */
  readonly allowanceEffortMilli?: number;
}

/** Capacity factor c ∈ (0, 1] in milli: 1000 full capacity, 500 half time. Default 1000. */
export interface CapacityFactor extends Validity {
  readonly personId: PersonId;
  readonly capacityMilli: number;
}

export const FULL_CAPACITY_MILLI = 1000;

export interface Contributor {
  readonly personId: PersonId;
  readonly capacityMilli: number;
}

export type MembersFailureCode = 'association.capacity_out_of_range';

/** The dependent status valid for a person in a period, if any (the first listed wins). */
export function dependentStatusOf(
  dependents: readonly DependentStatus[],
  personId: PersonId,
  period: number,
): DependentStatus | undefined {
  return dependents.find((status) => status.personId === personId && isValidIn(status, period));
}

/** A person's capacity in a period: the factor valid then, or full capacity. */
export function capacityOf(
  capacities: readonly CapacityFactor[],
  personId: PersonId,
  period: number,
): number {
  const found = capacities.find(
    (factor) => factor.personId === personId && isValidIn(factor, period),
  );
  return found === undefined ? FULL_CAPACITY_MILLI : found.capacityMilli;
}

export function checkCapacities(
  capacities: readonly CapacityFactor[],
): Result<true, { code: MembersFailureCode; detail: string }> {
  for (const factor of capacities) {
    const value = factor.capacityMilli;
    if (!Number.isSafeInteger(value) || value < 1 || value > FULL_CAPACITY_MILLI) {
      return failure(
        'association.capacity_out_of_range',
        `capacity of ${factor.personId} must be 1..${FULL_CAPACITY_MILLI} milli, got ${value}`,
      );
    }
  }
  return ok(true);
}

/**
 * The contributors who live directly in `associationId` (not in a sub-association) in the
 * period: residents there who are not dependents, with their capacity. Sorted by id.
 */
export function directContributors(
  residences: readonly Residence[],
  dependents: readonly DependentStatus[],
  capacities: readonly CapacityFactor[],
  associationId: AssociationId,
  period: number,
): Contributor[] {
  const here = residences.filter((residence) => residence.associationId === associationId);
  const byAssociation = directContributorsByAssociation(
    here,
    dependentsIn(dependents, period),
    capacities,
    period,
  );
  return byAssociation.get(associationId) ?? [];
}

/**
 * Every person who is a dependent in the period, with the status valid then (the first listed
 * wins, as in `dependentStatusOf`): indexed once, for the share computation and its contributors.
 */
export function dependentsIn(
  dependents: readonly DependentStatus[],
  period: number,
): Map<PersonId, DependentStatus> {
  return firstValidByPerson(dependents, period, (status) => status);
}

/**
 * `directContributors` for every association at once: each association that has any maps to
 * its contributors, sorted by id. `dependentOf` holds the period's dependents (`dependentsIn`).
 * Linear in the input size, because what is valid in the period is indexed once (the first
 * record listed wins, as in `capacityOf`).
 */
export function directContributorsByAssociation(
  residences: readonly Residence[],
  dependentOf: ReadonlyMap<PersonId, DependentStatus>,
  capacities: readonly CapacityFactor[],
  period: number,
): Map<AssociationId, Contributor[]> {
  const capacityOf = firstValidByPerson(capacities, period, (factor) => factor.capacityMilli);
  const out = new Map<AssociationId, Contributor[]>();
  const seen = new Map<AssociationId, Set<PersonId>>();
  for (const residence of residences) {
    if (!isValidIn(residence, period) || dependentOf.has(residence.personId)) continue;
    const seenHere = seen.get(residence.associationId) ?? new Set<PersonId>();
    seen.set(residence.associationId, seenHere);
    if (seenHere.has(residence.personId)) continue;
    seenHere.add(residence.personId);
    const list = out.get(residence.associationId) ?? [];
    list.push({
      personId: residence.personId,
      capacityMilli: capacityOf.get(residence.personId) ?? FULL_CAPACITY_MILLI,
    });
    out.set(residence.associationId, list);
  }
  for (const list of out.values()) list.sort((a, b) => compareIds(a.personId, b.personId));
  return out;
}

/** Per person, the value of the first record valid in the period (the first listed wins). */
export function firstValidByPerson<T extends Validity & { readonly personId: PersonId }, V>(
  records: readonly T[],
  period: number,
  pick: (record: T) => V,
): Map<PersonId, V> {
  const out = new Map<PersonId, V>();
  for (const record of records) {
    if (!out.has(record.personId) && isValidIn(record, period)) {
      out.set(record.personId, pick(record));
    }
  }
  return out;
}

/** Every contributor of an association including its sub-associations. Sorted by id. */
export function contributorsOf(
  tree: AssociationTree,
  residences: readonly Residence[],
  dependents: readonly DependentStatus[],
  capacities: readonly CapacityFactor[],
  associationId: AssociationId,
  period: number,
): Contributor[] {
  return inhabitantsOf(tree, residences, associationId, period)
    .filter((personId) => dependentStatusOf(dependents, personId, period) === undefined)
    .map((personId) => ({ personId, capacityMilli: capacityOf(capacities, personId, period) }));
}

/** The association's default rules for automatic dependent status (reference §4.11, §9.1). */
export interface DependentRules {
  /** Younger than this many years: a child (default 16). */
  readonly childUnderYears: number;
  /** Older than this many years: elderly (default 67). */
  readonly elderlyOverYears: number;
  /** How long one self-declaration of sickness lasts before it must be renewed. */
  readonly sicknessLimitPeriods: number;
}

export const DEFAULT_DEPENDENT_RULES: DependentRules = {
  childUnderYears: 16,
  elderlyOverYears: 67,
  sicknessLimitPeriods: 3,
};

/** The category a person falls into by age alone, if any. */
export function categoryByAge(
  ageYears: number,
  rules: DependentRules = DEFAULT_DEPENDENT_RULES,
): DependentCategory | undefined {
  if (ageYears < rules.childUnderYears) return 'child';
  if (ageYears > rules.elderlyOverYears) return 'elderly';
  return undefined;
}

/**
 * A self-declared sickness: valid from the declaration for the association's limit. Renewal
 * is a new declaration starting the period after the old one ends.
 */
export function declareSickness(
  personId: PersonId,
  fromPeriod: number,
  rules: DependentRules = DEFAULT_DEPENDENT_RULES,
): DependentStatus {
  return {
    personId,
    category: 'sick',
    validFromPeriod: fromPeriod,
    validUntilPeriod: fromPeriod + rules.sicknessLimitPeriods - 1,
  };
}
