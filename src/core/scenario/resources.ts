// Glue between a scenario and pooled natural resources (M13): each resource's claims of the
// period are allocated by `allocateResource` (flat rate when the cap suffices, premium
// auction when not; only inhabitants of the pooling associations and their projects are
// eligible) and posted by `resourcePostings` after the settlement. A non-renewable's cap is
// its depletion schedule, never more than what is left of the reserve, which is carried from
// period to period; a leased resource (land) gives out only the area no running lease holds,
// and its leases are posted instead, every period of their term (land.ts).

import {
  allocateResource,
  type LandLease,
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
import { checkLeaseClaims, type LeaseLine, leasedUnits, leasePeriod } from './land.ts';
import { derivedSeed } from './market.ts';
import type { ResourceSpec, Scenario } from './types.ts';

/** What resources carry from period to period. */
export interface CommonsState {
  /** Units of each non-renewable extracted so far. */
  readonly extractedUnits: ReadonlyMap<string, number>;
  /** Land leases running on into the next period. */
  readonly leases: readonly LandLease[];
  /** Ids of running leases whose holder released them (not renewed at the term's end). */
  readonly releasedLeases: ReadonlySet<string>;
}

export const NO_COMMONS_STATE: CommonsState = {
  extractedUnits: new Map(),
  leases: [],
  releasedLeases: new Set(),
};

/** A non-renewable's reserve in one period (reference §4.14 depletion schedule). */
export interface ReserveLine {
  readonly resourceId: string;
  readonly reserveUnits: number;
  /** The schedule's units for this period (0 before its first step). */
  readonly scheduledUnits: number;
  /** What could be given out: the scheduled units, at most what was left. */
  readonly capUnits: number;
  readonly extractedUnits: number;
  readonly extractedToDateUnits: number;
  readonly remainingUnits: number;
}

function resourceOf(r: ResourceSpec): NaturalResource {
  const schedule = [...(r.depletion?.schedule ?? [])].sort((a, b) => a.fromPeriod - b.fromPeriod);
  return {
    id: r.id as ResourceId,
    kind: r.kind,
    stewardAssociationId: r.stewardAssociationId as AssociationId,
    renewable: r.depletion === null,
    cap:
      r.depletion === null
        ? { kind: 'sustainableYield', unitsPerPeriod: r.sustainableYieldUnitsPerPeriod ?? 0 }
        : { kind: 'depletion', schedule, reserveUnits: r.depletion.reserveUnits },
    extractionProjectId: r.extractionProjectId as ProjectId,
    extractionEffortMilliPerUnit: r.extractionEffortMilliPerUnit,
    basicNeedsQuotaUnits: r.basicNeedsQuotaUnits,
  };
}

function scheduledUnits(r: ResourceSpec, p: number): number {
  let units = 0;
  let from = 0;
  for (const step of r.depletion?.schedule ?? []) {
    if (step.fromPeriod <= p && step.fromPeriod >= from) {
      units = step.unitsPerPeriod;
      from = step.fromPeriod;
    }
  }
  return units;
}

export interface ResourcePeriodResult {
  readonly allocations: readonly ResourceAllocation[];
  readonly transfers: readonly TransferRequest[];
  /** Extraction effort and premiums a project paid for resources: inputs of its products. */
  readonly projectInputs: ReadonlyMap<string, number>;
  readonly reserves: readonly ReserveLine[];
  readonly leases: readonly LeaseLine[];
  /** The state to carry into the next period. */
  readonly next: CommonsState;
}

export function resourcePeriod(
  scenario: Scenario,
  chart: PoolChart,
  setup: AssociationSetup,
  p: number,
  state: CommonsState = NO_COMMONS_STATE,
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
  const reserves: ReserveLine[] = [];
  const leases: LeaseLine[] = [];
  const extractedUnits = new Map(state.extractedUnits);
  const nextLeases: LandLease[] = [];
  const releasedLeases = new Set<string>();
  const accounts = {
    person: (id: PersonId) => chart.persons.get(id)!,
    project: (id: ProjectId) => chart.projects.get(id)!,
    premium: () => chart.premiumAccountId,
  };
  for (const r of [...scenario.resources].sort((a, b) => compareIds(a.id, b.id))) {
    const resource = resourceOf(r);
    const running = state.leases.filter((l) => l.resourceId === r.id);
    const claimSpecs = spec.resourceClaims.filter((c) => c.resourceId === r.id);
    const held = checkLeaseClaims(running, claimSpecs, p);
    if (held !== null) return failure(held.code, held.detail);
    const claims: ResourceClaim[] = claimSpecs.map((c) => ({
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
    const extractedBefore = extractedUnits.get(r.id) ?? 0;
    const allocated = allocateResource(resource, context, p, claims, seed, {
      extractedSoFarUnits: extractedBefore,
      committedUnits: leasedUnits(running, p),
    });
    if (!allocated.ok) return failure(allocated.error.code, `${r.id}: ${allocated.error.detail}`);
    allocations.push(allocated.value);
    if (r.depletion !== null) {
      const extracted = allocated.value.awards.reduce((t, a) => t + a.units, 0);
      extractedUnits.set(r.id, extractedBefore + extracted);
      reserves.push({
        resourceId: r.id,
        reserveUnits: r.depletion.reserveUnits,
        scheduledUnits: scheduledUnits(r, p),
        capUnits: allocated.value.capUnits,
        extractedUnits: extracted,
        extractedToDateUnits: extractedBefore + extracted,
        remainingUnits: r.depletion.reserveUnits - extractedBefore - extracted,
      });
    }
    if (r.lease !== null) {
      const leased = leasePeriod(
        r.lease,
        {
          projectId: r.extractionProjectId as ProjectId,
          priceEffortMilliPerUnitPeriod: r.extractionEffortMilliPerUnit,
        },
        p,
        { leases: running, released: state.releasedLeases },
        allocated.value,
        spec.leaseReleases.filter((x) => x.resourceId === r.id),
        accounts,
      );
      if (!leased.ok) return leased;
      leases.push(...leased.value.lines);
      transfers.push(...leased.value.transfers);
      nextLeases.push(...leased.value.next);
      for (const id of leased.value.released) releasedLeases.add(id);
      for (const [id, paid] of leased.value.projectInputs) {
        projectInputs.set(id, (projectInputs.get(id) ?? 0) + paid);
      }
      continue;
    }
    transfers.push(
      ...resourcePostings(`p${p}.resource.${r.id}`, resource, allocated.value, accounts),
    );
    for (const award of allocated.value.awards) {
      if (award.claimant.kind !== 'project') continue;
      const id = award.claimant.projectId;
      const paid = award.extractionEffortMilli + award.premiumEffortMilli;
      projectInputs.set(id, (projectInputs.get(id) ?? 0) + paid);
    }
  }
  return ok({
    allocations,
    transfers,
    projectInputs,
    reserves,
    leases,
    next: { extractedUnits, leases: nextLeases, releasedLeases },
  });
}
