// Glue between a scenario and land by lease term (M13, reference §4.14): what a claim on a
// leased resource wins is held for the whole term and owed every period of it (posted price
// to the project that looks after the land, the cleared premium to the pool's premium
// account); running leases are taken off the area the next allocation can give out; at the
// end of a term the steward's rule returns the land to the commons (`reauction`) or renews the
// lease for another term (`renew`) unless its holder released it (no longer uses it).

import {
  type Claimant,
  endOfTerm,
  isActive,
  type LandLease,
  leaseDues,
  leasePostings,
  leasesFromAllocation,
  partyIdOf,
  type ResourceAccounts,
  type ResourceAllocation,
} from '../commons/index.ts';
import type { PersonId, ProjectId } from '../ids.ts';
import type { TransferRequest } from '../ledger/index.ts';
import type { Failure, Result } from '../result.ts';
import { failure, ok } from '../result.ts';
import { compareIds, sumIntegers } from '../units.ts';
import type { LeaseReleaseSpec, LeaseSpec, ResourceClaimSpec } from './types.ts';

/** One lease in one period: what its holder owed, and what became of it if its term ended. */
export interface LeaseLine extends LandLease {
  readonly duesPriceEffortMilli: number;
  readonly duesPremiumEffortMilli: number;
  /** The holder said it no longer uses the land (so it is not renewed). */
  readonly released: boolean;
  /** `running`; at the end of the term `renewed` (as `renewedAs`) or `returned` to the commons. */
  readonly status: 'running' | 'renewed' | 'returned';
  readonly renewedAs: string | null;
}

export interface LeasePeriod {
  readonly lines: readonly LeaseLine[];
  readonly transfers: readonly TransferRequest[];
  /** Dues a project holder paid: an input of its products (§4.7 c2). */
  readonly projectInputs: ReadonlyMap<string, number>;
  /** Leases of the resource that run on into the next period (renewals included). */
  readonly next: readonly LandLease[];
  /** Released leases among `next`. */
  readonly released: ReadonlySet<string>;
}

const claimantOf = (x: { personId: string | null; projectId: string | null }): Claimant =>
  x.personId !== null
    ? { kind: 'person', personId: x.personId as PersonId }
    : { kind: 'project', projectId: x.projectId as ProjectId };

/** Area under leases running in the period: the allocation may give out only the rest. */
export function leasedUnits(leases: readonly LandLease[], p: number): number {
  return sumIntegers(leases.filter((l) => isActive(l, p)).map((l) => l.units));
}

/** One lease per holder and resource: a holder claims again once its lease has ended. */
export function checkLeaseClaims(
  running: readonly LandLease[],
  claims: readonly ResourceClaimSpec[],
  p: number,
): Failure | null {
  const holders = new Set(running.filter((l) => isActive(l, p)).map((l) => partyIdOf(l.holder)));
  for (const claim of claims) {
    const party = partyIdOf(claimantOf(claim));
    if (holders.has(party)) {
      return {
        code: 'scenario.lease_held',
        detail: `${claim.resourceId}: ${party} holds a lease running in period ${p}`,
      };
    }
  }
  return null;
}

export function leasePeriod(
  lease: LeaseSpec,
  /** The project that surveys and maintains the land, and its posted price per area-period. */
  care: { readonly projectId: ProjectId; readonly priceEffortMilliPerUnitPeriod: number },
  p: number,
  carried: { readonly leases: readonly LandLease[]; readonly released: ReadonlySet<string> },
  allocation: ResourceAllocation,
  releases: readonly LeaseReleaseSpec[],
  accounts: ResourceAccounts,
): Result<LeasePeriod, Failure> {
  const won = leasesFromAllocation(
    allocation,
    care.priceEffortMilliPerUnitPeriod,
    p,
    lease.termPeriods,
  );
  const active = [...carried.leases.filter((l) => isActive(l, p)), ...won].sort((a, b) =>
    compareIds(a.leaseId, b.leaseId),
  );
  const released = new Set(carried.released);
  for (const r of releases) {
    const party = partyIdOf(claimantOf(r));
    const held = active.find((l) => partyIdOf(l.holder) === party);
    if (held === undefined) {
      return failure(
        'scenario.lease_not_held',
        `${r.resourceId}: ${party} holds no lease in period ${p}`,
      );
    }
    released.add(held.leaseId);
  }
  const ended = endOfTerm(
    active,
    p,
    lease.termEnd,
    (l) => !released.has(l.leaseId),
    lease.termPeriods,
  );
  const renewedAs = new Map(
    ended.renewed.map((n) => [`${n.resourceId}:${partyIdOf(n.holder)}`, n.leaseId]),
  );
  const transfers: TransferRequest[] = [];
  const projectInputs = new Map<string, number>();
  const lines: LeaseLine[] = active.map((l) => {
    transfers.push(...leasePostings(`p${p}.lease.${l.leaseId}`, l, p, care.projectId, accounts));
    const dues = leaseDues(l, p);
    if (l.holder.kind === 'project') {
      const id = l.holder.projectId;
      const paid = dues.priceEffortMilli + dues.premiumEffortMilli;
      projectInputs.set(id, (projectInputs.get(id) ?? 0) + paid);
    }
    const renewal =
      l.untilPeriod === p
        ? (renewedAs.get(`${l.resourceId}:${partyIdOf(l.holder)}`) ?? null)
        : null;
    return {
      ...l,
      duesPriceEffortMilli: dues.priceEffortMilli,
      duesPremiumEffortMilli: dues.premiumEffortMilli,
      released: released.has(l.leaseId),
      status: l.untilPeriod > p ? 'running' : renewal === null ? 'returned' : 'renewed',
      renewedAs: renewal,
    };
  });
  const next = [...active.filter((l) => l.untilPeriod > p), ...ended.renewed];
  const nextIds = new Set(next.map((l) => l.leaseId));
  return ok({
    lines,
    transfers,
    projectInputs,
    next,
    released: new Set([...released].filter((id) => nextIds.has(id))),
  });
}
