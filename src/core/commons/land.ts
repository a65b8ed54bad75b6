// Land as possession by lease term (reference §4.14 "Land", §4.13, MODEL.md M13).
//
// Land is not used up: it is allocated in units of area for a lease term (default 3 years),
// and the holder owes the posted price plus the cleared premium per area-period for every
// period of the term. At the end of the term the incumbent has no property right: the steward
// association's rule either puts the land back into the next auction or renews the lease for
// another term — but only while the holder still uses it, since possession ends with use.

import type { AccountId, ProjectId, ResourceId } from '../ids.ts';
import { transferBatch } from '../ledger/batch.ts';
import type { TransferRequest } from '../ledger/types.ts';
import { inPeriodRange } from '../periods.ts';
import { compareIds, mulDivRoundHalfEven, sumIntegers } from '../units.ts';
import {
  type Claimant,
  claimantAccount,
  partyIdOf,
  RESOURCE_CODES,
  type ResourceAccounts,
  type ResourceAllocation,
} from './allocation.ts';

/** 3 years of monthly periods (reference §9.1). */
export const DEFAULT_LEASE_TERM_PERIODS = 36;

export interface LandLease {
  readonly leaseId: string;
  readonly resourceId: ResourceId;
  readonly holder: Claimant;
  readonly units: number;
  readonly fromPeriod: number;
  /** Last period of the term, inclusive. */
  readonly untilPeriod: number;
  readonly priceEffortMilliPerUnitPeriod: number;
  readonly premiumEffortMilliPerUnitPeriod: number;
}

export type TermEndRule = 'reauction' | 'renew';

/** Leases for the awards of a land auction (or flat-rate allocation) starting at `fromPeriod`. */
export function leasesFromAllocation(
  allocation: ResourceAllocation,
  priceEffortMilliPerUnitPeriod: number,
  fromPeriod: number,
  termPeriods = DEFAULT_LEASE_TERM_PERIODS,
): LandLease[] {
  return allocation.awards.map((award) => ({
    leaseId: `${allocation.resourceId}:${fromPeriod}:${partyIdOf(award.claimant)}`,
    resourceId: allocation.resourceId,
    holder: award.claimant,
    units: award.units,
    fromPeriod,
    untilPeriod: fromPeriod + termPeriods - 1,
    priceEffortMilliPerUnitPeriod,
    premiumEffortMilliPerUnitPeriod: allocation.clearingPremiumEffortMilliPerUnit,
  }));
}

export function isActive(lease: LandLease, period: number): boolean {
  return inPeriodRange(period, lease.fromPeriod, lease.untilPeriod);
}

/** What the holder owes for one period of the lease; nothing outside the term. */
export function leaseDues(
  lease: LandLease,
  period: number,
): { priceEffortMilli: number; premiumEffortMilli: number } {
  if (!isActive(lease, period)) return { priceEffortMilli: 0, premiumEffortMilli: 0 };
  return {
    priceEffortMilli: mulDivRoundHalfEven(lease.units, lease.priceEffortMilliPerUnitPeriod, 1),
    premiumEffortMilli: mulDivRoundHalfEven(lease.units, lease.premiumEffortMilliPerUnitPeriod, 1),
  };
}

/** Area of a land resource not under an active lease in a period. */
export function freeLandUnits(
  capUnits: number,
  leases: readonly LandLease[],
  period: number,
): number {
  return capUnits - sumIntegers(leases.filter((l) => isActive(l, period)).map((l) => l.units));
}

export interface TermEndOutcome {
  /** Leases renewed for another term (same units and premium; renewal is the LA's rule). */
  readonly renewed: readonly LandLease[];
  /** Leases ended: their area goes back to the commons and into the next allocation. */
  readonly returned: readonly LandLease[];
}

/**
 * Leases whose term ended in `period` (untilPeriod === period). Under `renew`, a lease is
 * renewed only while its holder still uses the land; an unused lease always returns.
 */
export function endOfTerm(
  leases: readonly LandLease[],
  period: number,
  rule: TermEndRule,
  stillInUse: (lease: LandLease) => boolean,
  termPeriods = DEFAULT_LEASE_TERM_PERIODS,
): TermEndOutcome {
  const ending = leases
    .filter((lease) => lease.untilPeriod === period)
    .sort((a, b) => compareIds(a.leaseId, b.leaseId));
  const renewed: LandLease[] = [];
  const returned: LandLease[] = [];
  for (const lease of ending) {
    if (rule === 'renew' && stillInUse(lease)) {
      renewed.push({
        ...lease,
        leaseId: `${lease.resourceId}:${period + 1}:${partyIdOf(lease.holder)}`,
        fromPeriod: period + 1,
        untilPeriod: period + termPeriods,
      });
    } else {
      returned.push(lease);
    }
  }
  return { renewed, returned };
}

/**
 * Postings of one period of a lease: the holder is debited the price per area-period
 * (credited to the project that surveys and maintains the land) and the premium (credited to
 * the pool's premium account). Nothing outside the term.
 */
export function leasePostings(
  batchId: string,
  lease: LandLease,
  period: number,
  landCareProjectId: ProjectId,
  accounts: ResourceAccounts,
): TransferRequest[] {
  const dues = leaseDues(lease, period);
  const holder = claimantAccount(accounts, lease.holder);
  const legs: [AccountId, number, string][] = [
    [accounts.project(landCareProjectId), dues.priceEffortMilli, RESOURCE_CODES.take],
    [accounts.premium(), dues.premiumEffortMilli, RESOURCE_CODES.premium],
  ];
  const batch = transferBatch(batchId);
  for (const [credit, amount, code] of legs) {
    batch.add({
      debitAccountId: holder,
      creditAccountId: credit,
      amount,
      unit: 'effort',
      code,
      reference: lease.leaseId,
      period,
    });
  }
  return batch.requests;
}
