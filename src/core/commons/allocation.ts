// Allocating a pooled natural resource for one period (reference §4.14, MODEL.md M13).
//
//   demand ≤ cap → flat rate: every eligible claim is met at the extraction effort per unit;
//   demand > cap → an optional basic-needs quota is drawn by lottery at the extraction price,
//                  then preference weighting: the rest goes to the highest premiums per unit, at a
//                  uniform premium x*; Π = Σ units × x* goes to the pool's premium account
//                  (evenly over the pool, never to the steward), and a project's premium
//                  becomes part of its goods' effort price (§4.7 c2).
// Only inhabitants of the pooling associations and their projects are eligible; other claims
// are returned as rejected and never count towards demand.

import {
  type AssociationTree,
  isValidIn,
  liesWithin,
  type ProjectSeat,
  type Residence,
} from '../association/tree.ts';
import { drawBasicNeedsQuota } from '../goods/preference.ts';
import { clearUnitAuction } from '../goods/unit-auction.ts';
import type { AccountId, AssociationId, PersonId, ProjectId, ResourceId } from '../ids.ts';
import { transferBatch } from '../ledger/batch.ts';
import type { TransferRequest } from '../ledger/types.ts';
import { lotteryOrder } from '../random.ts';
import { failure, ok, type Result } from '../result.ts';
import { compareIds, mulDivRoundHalfEven, sumIntegers } from '../units.ts';
import {
  capForPeriod,
  checkPooling,
  checkResource,
  type NaturalResource,
  type ResourcePooling,
} from './resource.ts';

export type Claimant =
  | { readonly kind: 'person'; readonly personId: PersonId }
  | { readonly kind: 'project'; readonly projectId: ProjectId };

export interface ResourceClaim {
  readonly claimant: Claimant;
  readonly units: number;
  /** Extra effort per unit offered in case of scarcity (0 = only at the extraction price). */
  readonly premiumEffortMilliPerUnit: number;
  /** The association counts this claim towards the basic-needs quota. */
  readonly basicNeeds?: boolean;
}

export interface ResourceAward {
  readonly claimant: Claimant;
  readonly units: number;
  /** Of these, units from the basic-needs quota: never charged a premium. */
  readonly quotaUnits: number;
  /** units × extraction effort per unit: credited to the extraction project. */
  readonly extractionEffortMilli: number;
  /** units × x*: credited to the pool's premium account. */
  readonly premiumEffortMilli: number;
}

export interface ResourceAllocation {
  readonly resourceId: ResourceId;
  readonly period: number;
  readonly mode: 'flatRate' | 'auction';
  readonly capUnits: number;
  /** Units claimed by eligible claimants. */
  readonly demandUnits: number;
  readonly clearingPremiumEffortMilliPerUnit: number;
  /** Π for this resource and period. */
  readonly premiumTotalEffortMilli: number;
  readonly awards: readonly ResourceAward[];
  /** Claims refused because the claimant is no inhabitant (or project) of a pooling association. */
  readonly rejected: readonly ResourceClaim[];
  /** The lottery seed used for ties, recorded for replay. */
  readonly seed: number;
}

export interface EligibilityContext {
  readonly tree: AssociationTree;
  readonly residences: readonly Residence[];
  readonly projectSeats: readonly ProjectSeat[];
  readonly pooling: ResourcePooling;
}

export type AllocationFailureCode =
  | 'commons.bad_cap'
  | 'commons.nonrenewable_needs_depletion'
  | 'commons.not_pooled'
  | 'commons.bad_claim'
  | 'commons.duplicate_claim';

export function partyIdOf(claimant: Claimant): string {
  return claimant.kind === 'person'
    ? `person:${claimant.personId}`
    : `project:${claimant.projectId}`;
}

/** Inhabitants of the pooling associations (at any level below them) and their projects. */
export function isEligible(
  context: EligibilityContext,
  claimant: Claimant,
  period: number,
): boolean {
  const places: AssociationId[] =
    claimant.kind === 'person'
      ? context.residences
          .filter((r) => r.personId === claimant.personId && isValidIn(r, period))
          .map((r) => r.associationId)
      : context.projectSeats
          .filter((s) => s.projectId === claimant.projectId && isValidIn(s, period))
          .map((s) => s.associationId);
  return places.some((place) =>
    context.pooling.associationIds.some(
      (pooled) => context.tree.nodes.has(pooled) && liesWithin(context.tree, place, pooled),
    ),
  );
}

export interface AllocationOptions {
  /** Units of a non-renewable already extracted in earlier periods (depletion schedule). */
  readonly extractedSoFarUnits?: number;
  /** Units still committed for this period, e.g. land under running leases. */
  readonly committedUnits?: number;
}

export function allocateResource(
  resource: NaturalResource,
  context: EligibilityContext,
  period: number,
  claims: readonly ResourceClaim[],
  seed: number,
  options: AllocationOptions = {},
): Result<ResourceAllocation, { code: AllocationFailureCode; detail: string }> {
  const resourceOk = checkResource(resource);
  if (!resourceOk.ok) return resourceOk;
  const pooledOk = checkPooling(context.pooling, resource);
  if (!pooledOk.ok) return pooledOk;
  const seen = new Set<string>();
  for (const claim of claims) {
    const party = partyIdOf(claim.claimant);
    if (seen.has(party)) return failure('commons.duplicate_claim', `${party} claims twice`);
    seen.add(party);
    const unitsOk = Number.isSafeInteger(claim.units) && claim.units >= 1;
    const premium = claim.premiumEffortMilliPerUnit;
    if (!unitsOk || !Number.isSafeInteger(premium) || premium < 0) {
      return failure('commons.bad_claim', `${party}: units ≥ 1 and premium ≥ 0 required`);
    }
  }

  const eligible: ResourceClaim[] = [];
  const rejected: ResourceClaim[] = [];
  for (const claim of claims) {
    (isEligible(context, claim.claimant, period) ? eligible : rejected).push(claim);
  }
  const capUnits = Math.max(
    0,
    capForPeriod(resource, period, options.extractedSoFarUnits ?? 0) -
      (options.committedUnits ?? 0),
  );
  const demandUnits = sumIntegers(eligible.map((c) => c.units));
  const price = resource.extractionEffortMilliPerUnit;
  const byParty = new Map(eligible.map((c) => [partyIdOf(c.claimant), c]));

  let mode: 'flatRate' | 'auction';
  let clearing = 0;
  let quota = new Map<string, number>();
  const won = new Map<string, number>();
  if (demandUnits <= capUnits) {
    mode = 'flatRate';
    for (const c of eligible) won.set(partyIdOf(c.claimant), c.units);
  } else {
    mode = 'auction';
    // Basic-needs quota first (reference §4.8 equity): drawn by lottery among the claims the
    // association marked as basic needs, at the extraction price, before any auction.
    quota = drawBasicNeedsQuota(
      Math.min(resource.basicNeedsQuotaUnits ?? 0, capUnits),
      resource.quotaUnitsPerClaimant ?? 1,
      lotteryOrder([...byParty.keys()], seed).map((partyId) => {
        const c = byParty.get(partyId)!;
        return { partyId, units: c.units, basicNeeds: c.basicNeeds };
      }),
    );
    const quotaTotal = sumIntegers(quota.values());
    // The goods module's uniform-price rule, keyed by party id because bidders here are
    // persons and projects; its ties go by its own draw (same seed) among the bidders left.
    const auction = clearUnitAuction(
      capUnits - quotaTotal,
      eligible
        .map((c) => ({
          partyId: partyIdOf(c.claimant),
          units: c.units - (quota.get(partyIdOf(c.claimant)) ?? 0),
          premiumEffortMilliPerUnit: c.premiumEffortMilliPerUnit,
        }))
        .filter((bid) => bid.units > 0),
      seed,
    );
    clearing = auction.clearingPremiumEffortMilliPerUnit;
    for (const award of auction.awards) won.set(award.partyId, award.units);
  }
  const parties = [...new Set([...quota.keys(), ...won.keys()])].sort(compareIds);
  const awards: ResourceAward[] = parties.flatMap((partyId) => {
    const quotaUnits = quota.get(partyId) ?? 0;
    const wonUnits = won.get(partyId) ?? 0;
    if (quotaUnits + wonUnits === 0) return [];
    return [
      {
        claimant: byParty.get(partyId)!.claimant,
        units: quotaUnits + wonUnits,
        quotaUnits,
        extractionEffortMilli: mulDivRoundHalfEven(quotaUnits + wonUnits, price, 1),
        premiumEffortMilli: mulDivRoundHalfEven(wonUnits, clearing, 1),
      },
    ];
  });
  return ok({
    resourceId: resource.id,
    period,
    mode,
    capUnits,
    demandUnits,
    clearingPremiumEffortMilliPerUnit: clearing,
    premiumTotalEffortMilli: sumIntegers(awards.map((a) => a.premiumEffortMilli)),
    awards,
    rejected,
    seed,
  });
}

/** What a project's use of the resource adds to its goods' effort price (§4.7 c2). */
export interface ProjectResourceInput {
  readonly projectId: ProjectId;
  readonly resourceId: ResourceId;
  readonly units: number;
  readonly extractionEffortMilli: number;
  readonly premiumEffortMilli: number;
}

export function projectResourceInputs(allocation: ResourceAllocation): ProjectResourceInput[] {
  return allocation.awards.flatMap((award) =>
    award.claimant.kind === 'project'
      ? [
          {
            projectId: award.claimant.projectId,
            resourceId: allocation.resourceId,
            units: award.units,
            extractionEffortMilli: award.extractionEffortMilli,
            premiumEffortMilli: award.premiumEffortMilli,
          },
        ]
      : [],
  );
}

export interface ResourceAccounts {
  person(personId: PersonId): AccountId;
  project(projectId: ProjectId): AccountId;
  /** The pool's premium account (reference §4.8): premiums lower every other price. */
  premium(): AccountId;
}

/** The account a claimant is debited on: a person's own, or a project's pass-through account. */
export function claimantAccount(accounts: ResourceAccounts, claimant: Claimant): AccountId {
  return claimant.kind === 'person'
    ? accounts.person(claimant.personId)
    : accounts.project(claimant.projectId);
}

export const RESOURCE_CODES = {
  take: 'take.resource',
  premium: 'premium.resource',
} as const;

/**
 * Postings for an allocation: each claimant is debited the extraction effort (credited to the
 * extraction project) and the premium (credited to the pool's premium account). A project
 * claimant is debited on its own pass-through account, from where the amounts enter its
 * goods' effort price. Ids are `${batchId}.${n}` so a retried batch is idempotent.
 */
export function resourcePostings(
  batchId: string,
  resource: NaturalResource,
  allocation: ResourceAllocation,
  accounts: ResourceAccounts,
): TransferRequest[] {
  const batch = transferBatch(batchId);
  const add = (debit: AccountId, credit: AccountId, amount: number, code: string): void =>
    batch.add({
      debitAccountId: debit,
      creditAccountId: credit,
      amount,
      unit: 'effort',
      code,
      reference: allocation.resourceId,
      period: allocation.period,
    });
  for (const award of allocation.awards) {
    const from = claimantAccount(accounts, award.claimant);
    add(
      from,
      accounts.project(resource.extractionProjectId),
      award.extractionEffortMilli,
      RESOURCE_CODES.take,
    );
    add(from, accounts.premium(), award.premiumEffortMilli, RESOURCE_CODES.premium);
  }
  return batch.requests;
}
