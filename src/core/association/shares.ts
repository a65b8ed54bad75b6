// Each contributor's share of the local associations they live in, for one period
// (reference §4.11 and §4.12, MODEL.md M10 and M11).
//
// Per association a:  S_a = Σ effort of its public services,
//                     D_a = Σ over the dependents it covers of min(allowance, taken),
//                     share_i = c_i × (S_a + D_a) / Σ c_j.
// Nesting: an association's budget is split among its child associations in proportion to
// their Σc and among the contributors living directly in it by their c; each child passes its
// part on the same way (§4.12). A person's share is the sum over the levels they live in.
//
// Every split is largest-remainder (units.ts), so the parts add up exactly. Each person's part
// is further divided into basic needs (basic services and redistribution) and the rest,
// because the basic part may be posted past a debit allowance when the association decides
// so; that division is again largest-remainder, over the persons' parts.

import type { AssociationId, PersonId, ProjectId } from '../ids.ts';
import { failure, ok, type Result } from '../result.ts';
import { compareIds, isCount, splitLargestRemainder, sumIntegers } from '../units.ts';
import {
  type CapacityFactor,
  type Contributor,
  checkCapacities,
  type DependentCategory,
  type DependentStatus,
  dependentsIn,
  directContributorsByAssociation,
  firstValidByPerson,
} from './members.ts';
import { type AssociationTree, checkResidences, levelsOf, type Residence } from './tree.ts';

/** What an association decided for the period. */
export interface AssociationSettings {
  readonly associationId: AssociationId;
  /**
   * Allowance per period for each dependent category this association covers. A dependent is
   * covered by the lowest association above them that sets an allowance for their category,
   * so two levels never both pay for the same taking.
   */
  readonly allowanceByCategory?: Partial<Record<DependentCategory, number>>;
  /** Basic-needs bundles stay available, and are charged, while a person is in arrears. */
  readonly basicNeedsInArrears: boolean;
}

/** A public service for one period: provided by a project, shared as a flat-rate bundle. */
export interface PublicService {
  readonly serviceId: string;
  readonly associationId: AssociationId;
  readonly projectId: ProjectId;
  readonly effortMilli: number;
  /** Water, clinic, minimal food: part of the basic-needs bundle. */
  readonly basicNeeds: boolean;
}

/** What a dependent took from the pool in the period, at posted prices. */
export interface DependentTaking {
  readonly personId: PersonId;
  readonly takenEffortMilli: number;
}

export interface AssociationPeriodInput {
  readonly tree: AssociationTree;
  readonly period: number;
  readonly residences: readonly Residence[];
  readonly dependents: readonly DependentStatus[];
  readonly capacities: readonly CapacityFactor[];
  readonly settings: readonly AssociationSettings[];
  readonly services: readonly PublicService[];
  readonly dependentTakings: readonly DependentTaking[];
}

export interface DependentCoverage {
  readonly personId: PersonId;
  readonly associationId: AssociationId;
  readonly allowanceEffortMilli: number;
  /** min(allowance, taken): booked to the association's redistribution account. */
  readonly coveredEffortMilli: number;
  /** Taken above the allowance: stays on the dependent's own account. */
  readonly excessEffortMilli: number;
}

export interface AssociationBudget {
  readonly associationId: AssociationId;
  readonly servicesEffortMilli: number;
  readonly basicServicesEffortMilli: number;
  readonly redistributionEffortMilli: number;
  /** Basic services + redistribution: may be charged past a debit allowance. */
  readonly basicEffortMilli: number;
  readonly otherEffortMilli: number;
  /** Σc of its contributors including sub-associations, in milli. */
  readonly capacitySumMilli: number;
}

export interface LevelShare {
  readonly associationId: AssociationId;
  readonly basicEffortMilli: number;
  readonly otherEffortMilli: number;
}

export interface PersonShare {
  readonly personId: PersonId;
  /** One entry per association the person owes to, lowest level first. */
  readonly levels: readonly LevelShare[];
  readonly totalEffortMilli: number;
}

export interface AssociationShares {
  readonly period: number;
  readonly budgets: readonly AssociationBudget[];
  readonly coverage: readonly DependentCoverage[];
  /** Dependents whose category no association above them covers: their takings are their own. */
  readonly uncoveredDependents: readonly PersonId[];
  readonly shares: readonly PersonShare[];
}

export type SharesFailureCode =
  | 'association.unknown'
  | 'association.residence_overlap'
  | 'association.capacity_out_of_range'
  | 'association.negative_amount'
  | 'association.no_contributors';

type SharesResult = Result<AssociationShares, { code: SharesFailureCode; detail: string }>;

export function computeAssociationShares(input: AssociationPeriodInput): SharesResult {
  const { tree, period } = input;
  const residencesOk = checkResidences(tree, input.residences);
  if (!residencesOk.ok) return residencesOk;
  const capacitiesOk = checkCapacities(input.capacities);
  if (!capacitiesOk.ok) return capacitiesOk;
  for (const service of input.services) {
    if (!tree.nodes.has(service.associationId)) {
      return failure('association.unknown', `service ${service.serviceId} has no association`);
    }
    if (!isCount(service.effortMilli)) {
      return failure('association.negative_amount', `service ${service.serviceId} effort`);
    }
  }
  for (const taking of input.dependentTakings) {
    if (!isCount(taking.takenEffortMilli)) {
      return failure('association.negative_amount', `taking of ${taking.personId}`);
    }
  }

  const settingsById = new Map(input.settings.map((s) => [s.associationId, s]));
  const coverage: DependentCoverage[] = [];
  const uncovered: PersonId[] = [];
  const takenBy = new Map<PersonId, number>();
  for (const taking of input.dependentTakings) {
    takenBy.set(taking.personId, (takenBy.get(taking.personId) ?? 0) + taking.takenEffortMilli);
  }
  // Index once what is valid in the period, so the work is linear in the input size.
  const homeOf = firstValidByPerson(input.residences, period, (r) => r.associationId);
  const dependentOf = dependentsIn(input.dependents, period);
  const dependentIds = [...dependentOf.keys()].sort(compareIds);
  for (const personId of dependentIds) {
    const status = dependentOf.get(personId);
    const home = homeOf.get(personId);
    if (status === undefined || home === undefined) continue;
    const coverer = levelsOf(tree, home).find(
      (id) => settingsById.get(id)?.allowanceByCategory?.[status.category] !== undefined,
    );
    if (coverer === undefined) {
      uncovered.push(personId);
      continue;
    }
    const allowance =
      status.allowanceEffortMilli ??
      settingsById.get(coverer)!.allowanceByCategory![status.category]!;
    const taken = takenBy.get(personId) ?? 0;
    const covered = Math.min(allowance, taken);
    coverage.push({
      personId,
      associationId: coverer,
      allowanceEffortMilli: allowance,
      coveredEffortMilli: covered,
      excessEffortMilli: taken - covered,
    });
  }

  // Σc per association including its sub-associations, computed bottom-up once.
  const directByAssociation = directContributorsByAssociation(
    input.residences,
    dependentOf,
    input.capacities,
    period,
  );
  const capacitySum = new Map<AssociationId, number>();
  const sumOf = (id: AssociationId): number => {
    const known = capacitySum.get(id);
    if (known !== undefined) return known;
    const own = sumIntegers((directByAssociation.get(id) ?? []).map((c) => c.capacityMilli));
    const value = own + sumIntegers((tree.children.get(id) ?? []).map(sumOf));
    capacitySum.set(id, value);
    return value;
  };

  const servicesOf = new Map<AssociationId, PublicService[]>();
  for (const service of input.services) {
    const list = servicesOf.get(service.associationId) ?? [];
    list.push(service);
    servicesOf.set(service.associationId, list);
  }
  const coveredBy = new Map<AssociationId, number>();
  for (const cover of coverage) {
    coveredBy.set(
      cover.associationId,
      (coveredBy.get(cover.associationId) ?? 0) + cover.coveredEffortMilli,
    );
  }

  const budgets: AssociationBudget[] = [];
  const perPerson = new Map<PersonId, Map<AssociationId, { basic: number; other: number }>>();
  const ids = [...tree.nodes.keys()].sort(compareIds);
  for (const associationId of ids) {
    const own = servicesOf.get(associationId) ?? [];
    const services = sumIntegers(own.map((s) => s.effortMilli));
    const basicServices = sumIntegers(own.filter((s) => s.basicNeeds).map((s) => s.effortMilli));
    const redistribution = coveredBy.get(associationId) ?? 0;
    const basic = basicServices + redistribution;
    const other = services - basicServices;
    const budget: AssociationBudget = {
      associationId,
      servicesEffortMilli: services,
      basicServicesEffortMilli: basicServices,
      redistributionEffortMilli: redistribution,
      basicEffortMilli: basic,
      otherEffortMilli: other,
      capacitySumMilli: sumOf(associationId),
    };
    budgets.push(budget);
    if (basic + other === 0) continue;
    if (budget.capacitySumMilli === 0) {
      return failure(
        'association.no_contributors',
        `association ${associationId} has a budget but no contributors in period ${period}`,
      );
    }
    // One split of S + D gives each person's part exactly as the formula says; the basic
    // pot is then split over those parts, so basic ≤ part and both pots add up exactly.
    const parts = new Map<PersonId, number>();
    splitDown(tree, associationId, basic + other, directByAssociation, sumOf, parts);
    const positive = [...parts].filter(([, part]) => part > 0);
    const basicParts = new Map<string, number>(
      basic === 0
        ? []
        : splitLargestRemainder(
            basic,
            positive.map(([id, part]) => ({ id, weight: part })),
          ).map((p) => [p.id, p.amount]),
    );
    for (const [personId, part] of positive) {
      const levels = perPerson.get(personId) ?? new Map();
      const basicPart = basicParts.get(personId) ?? 0;
      levels.set(associationId, { basic: basicPart, other: part - basicPart });
      perPerson.set(personId, levels);
    }
  }

  const shares: PersonShare[] = [...perPerson.keys()].sort(compareIds).map((personId) => {
    const levelMap = perPerson.get(personId)!;
    const home = homeOf.get(personId)!;
    const levels = levelsOf(tree, home)
      .filter((id) => levelMap.has(id))
      .map((id) => ({
        associationId: id,
        basicEffortMilli: levelMap.get(id)!.basic,
        otherEffortMilli: levelMap.get(id)!.other,
      }));
    return {
      personId,
      levels,
      totalEffortMilli: sumIntegers(levels.map((l) => l.basicEffortMilli + l.otherEffortMilli)),
    };
  });

  return ok({ period, budgets, coverage, uncoveredDependents: uncovered, shares });
}

/**
 * §4.12: split `amount` among the child associations (by their Σc) and the contributors who
 * live directly here (by their c), then recurse into each child with its part. Parties of the
 * two kinds get distinct id prefixes so a person id can never collide with an association id.
 */
function splitDown(
  tree: AssociationTree,
  associationId: AssociationId,
  amount: number,
  direct: ReadonlyMap<AssociationId, readonly Contributor[]>,
  capacitySumOf: (id: AssociationId) => number,
  into: Map<PersonId, number>,
): void {
  const parties: { id: string; weight: number }[] = [];
  for (const child of tree.children.get(associationId) ?? []) {
    const weight = capacitySumOf(child);
    if (weight > 0) parties.push({ id: `a:${child}`, weight });
  }
  for (const contributor of direct.get(associationId) ?? []) {
    parties.push({ id: `p:${contributor.personId}`, weight: contributor.capacityMilli });
  }
  for (const part of splitLargestRemainder(amount, parties)) {
    if (part.id.startsWith('a:')) {
      if (part.amount === 0) continue;
      const child = part.id.slice(2) as AssociationId;
      splitDown(tree, child, part.amount, direct, capacitySumOf, into);
    } else {
      const personId = part.id.slice(2) as PersonId;
      into.set(personId, (into.get(personId) ?? 0) + part.amount);
    }
  }
}
