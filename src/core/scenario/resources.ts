// Glue between a scenario and pooled natural resources (M13): each resource's claims of the
// period are allocated by `allocateResource` (flat rate when the yield suffices, premium
// auction when not; only inhabitants of the pooling associations and their projects are
// eligible) and posted by `resourcePostings` after the settlement.

import {
  allocateResource,
  type NaturalResource,
  type ResourceAllocation,
  type ResourceClaim,
  resourcePostings,
} from '../commons/index.ts';
import type { AssociationId, PersonId, PoolId, ProjectId, ResourceId } from '../ids.ts';
import type { TransferRequest } from '../ledger/index.ts';
import type { PoolChart } from '../pool/index.ts';
import type { Failure, Result } from '../result.ts';
import { failure, ok } from '../result.ts';
import { compareIds } from '../units.ts';
import type { AssociationSetup } from './associations.ts';
import { derivedSeed } from './market.ts';
import type { Scenario } from './types.ts';

export interface ResourcePeriodResult {
  readonly allocations: readonly ResourceAllocation[];
  readonly transfers: readonly TransferRequest[];
  /** Extraction effort and premiums a project paid for resources: inputs of its products. */
  readonly projectInputs: ReadonlyMap<string, number>;
}

export function resourcePeriod(
  scenario: Scenario,
  chart: PoolChart,
  setup: AssociationSetup,
  p: number,
): Result<ResourcePeriodResult, Failure> {
  const spec = scenario.periods[p - 1]!;
  const projectSeats = scenario.projects
    .filter((x) => x.seat !== null)
    .map((x) => ({
      projectId: x.id as ProjectId,
      associationId: x.seat as AssociationId,
      validFromPeriod: 1,
    }));
  const allocations: ResourceAllocation[] = [];
  const transfers: TransferRequest[] = [];
  const projectInputs = new Map<string, number>();
  for (const r of [...scenario.resources].sort((a, b) => compareIds(a.id, b.id))) {
    const resource: NaturalResource = {
      id: r.id as ResourceId,
      kind: r.kind,
      stewardAssociationId: r.stewardAssociationId as AssociationId,
      renewable: true,
      cap: { kind: 'sustainableYield', unitsPerPeriod: r.sustainableYieldUnitsPerPeriod },
      extractionProjectId: r.extractionProjectId as ProjectId,
      extractionEffortMilliPerUnit: r.extractionEffortMilliPerUnit,
      basicNeedsQuotaUnits: r.basicNeedsQuotaUnits,
    };
    const claims: ResourceClaim[] = spec.resourceClaims
      .filter((c) => c.resourceId === r.id)
      .map((c) => ({
        claimant:
          c.personId !== null
            ? { kind: 'person' as const, personId: c.personId as PersonId }
            : { kind: 'project' as const, projectId: c.projectId as ProjectId },
        units: c.units,
        premiumEffortMilliPerUnit: c.premiumPerUnitEffortMilli,
        ...(c.basicNeeds ? { basicNeeds: true } : {}),
      }));
    const context = {
      tree: setup.tree,
      residences: setup.residences,
      projectSeats,
      pooling: {
        poolId: chart.poolId as PoolId,
        associationIds: r.pooledBy.map((a) => a as AssociationId),
        resourceIds: [r.id as ResourceId],
      },
    };
    const seed = derivedSeed(scenario.seed, 'resource', p, r.id);
    const allocated = allocateResource(resource, context, p, claims, seed);
    if (!allocated.ok) return failure(allocated.error.code, `${r.id}: ${allocated.error.detail}`);
    allocations.push(allocated.value);
    transfers.push(
      ...resourcePostings(`p${p}.resource.${r.id}`, resource, allocated.value, {
        person: (id) => chart.persons.get(id)!,
        project: (id) => chart.projects.get(id)!,
        premium: () => chart.premiumAccountId,
      }),
    );
    for (const award of allocated.value.awards) {
      if (award.claimant.kind !== 'project') continue;
      const id = award.claimant.projectId;
      const paid = award.extractionEffortMilli + award.premiumEffortMilli;
      projectInputs.set(id, (projectInputs.get(id) ?? 0) + paid);
    }
  }
  return ok({ allocations, transfers, projectInputs });
}
