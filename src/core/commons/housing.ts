// Housing by duration of use (reference §4.13, MODEL.md M12).
//
//   rate per unit-period = (Build + Σ expected Maint) / (Life × expectedOccupancy)
//   due(resident) = rate × occupied fraction of the period, split among co-residents
//
// The effort of building and maintaining a dwelling is spread over everyone who lives there
// over its life; the longer you live there the more you contribute, and when you leave there
// is nothing to sell. Actual maintenance replaces the expectation as it happens, and the rate
// is re-estimated every `reestimateEveryPeriods` (yearly) from what is left to recover over
// the occupancy still expected (§4.7 estimate/actual rule). The period that completes the
// expected occupancy takes exactly what is left, so with occupancy as expected the dues over
// the unit's life add up to its build + maintenance effort to the mWH.

import { assert } from '../assert.ts';
import type { AccountId, PersonId } from '../ids.ts';
import { transferBatch } from '../ledger/batch.ts';
import type { TransferRequest } from '../ledger/types.ts';
import { failure, ok, type Result } from '../result.ts';
import { divRoundHalfEven, mulDivRoundHalfEven, PPM_ONE, splitLargestRemainder } from '../units.ts';

export interface HousingUnit {
  readonly id: string;
  readonly buildEffortMilli: number;
  readonly lifePeriods: number;
  /** Maintenance expected over the whole life; spread evenly over the periods. */
  readonly expectedMaintenanceEffortMilli: number;
  /** Expected share of the life the unit is lived in, ppm (95 % = 950 000). */
  readonly expectedOccupancyPpm: number;
  /** Re-estimate the rate every so many periods (12 for monthly periods). */
  readonly reestimateEveryPeriods: number;
}

export interface HousingAccount {
  readonly unitId: string;
  readonly elapsedPeriods: number;
  /** Σ occupied fractions of the elapsed periods, in ppm-periods. */
  readonly occupiedPpmPeriods: number;
  readonly recoveredEffortMilli: number;
  readonly actualMaintenanceEffortMilli: number;
  /** The current rate per fully occupied period. */
  readonly ratePerPeriodEffortMilli: number;
}

export interface Resident {
  readonly personId: PersonId;
  /** Share of the unit, e.g. 1 each for two residents sharing equally. */
  readonly shareWeight: number;
}

export interface HousingPeriod {
  readonly residents: readonly Resident[];
  /** Fraction of the period the unit was lived in, ppm; default: all of it when occupied. */
  readonly occupiedPpm?: number;
  readonly actualMaintenanceEffortMilli: number;
}

export interface HousingDue {
  readonly personId: PersonId;
  readonly amountEffortMilli: number;
}

export type HousingFailureCode = 'housing.bad_unit' | 'housing.bad_period' | 'housing.life_over';

export function checkHousingUnit(
  unit: HousingUnit,
): Result<true, { code: HousingFailureCode; detail: string }> {
  const counts = [unit.buildEffortMilli, unit.expectedMaintenanceEffortMilli];
  const positive = [unit.lifePeriods, unit.expectedOccupancyPpm, unit.reestimateEveryPeriods];
  if (
    !counts.every((v) => Number.isSafeInteger(v) && v >= 0) ||
    !positive.every((v) => Number.isSafeInteger(v) && v > 0) ||
    unit.expectedOccupancyPpm > PPM_ONE
  ) {
    return failure('housing.bad_unit', `housing unit ${unit.id} has invalid parameters`);
  }
  return ok(true);
}

/** Expected occupancy over the whole life, in ppm-periods. */
export function expectedOccupiedPpmPeriods(unit: HousingUnit): number {
  return unit.lifePeriods * unit.expectedOccupancyPpm;
}

/** Effort still to recover once `elapsed` periods are over (expected maintenance for the rest). */
function effortToRecover(unit: HousingUnit, account: HousingAccount, elapsed: number): number {
  const futureMaintenance = mulDivRoundHalfEven(
    unit.expectedMaintenanceEffortMilli,
    unit.lifePeriods - elapsed,
    unit.lifePeriods,
  );
  return (
    unit.buildEffortMilli +
    account.actualMaintenanceEffortMilli +
    futureMaintenance -
    account.recoveredEffortMilli
  );
}

function estimateRate(unit: HousingUnit, account: HousingAccount): number {
  const remainingPpm = expectedOccupiedPpmPeriods(unit) - account.occupiedPpmPeriods;
  const toRecover = effortToRecover(unit, account, account.elapsedPeriods);
  if (toRecover <= 0) return 0;
  if (remainingPpm <= PPM_ONE) return toRecover;
  return divRoundHalfEven(BigInt(toRecover) * BigInt(PPM_ONE), remainingPpm);
}

export function openHousingAccount(unit: HousingUnit): HousingAccount {
  assert(checkHousingUnit(unit).ok, `invalid housing unit ${unit.id}`);
  const fresh: HousingAccount = {
    unitId: unit.id,
    elapsedPeriods: 0,
    occupiedPpmPeriods: 0,
    recoveredEffortMilli: 0,
    actualMaintenanceEffortMilli: 0,
    ratePerPeriodEffortMilli: 0,
  };
  return { ...fresh, ratePerPeriodEffortMilli: estimateRate(unit, fresh) };
}

/**
 * Closes one period of a unit: re-estimates the rate when due, books this period's actual
 * maintenance, charges the residents for the occupied fraction, split exactly by share.
 */
export function advanceHousingPeriod(
  unit: HousingUnit,
  account: HousingAccount,
  period: HousingPeriod,
): Result<
  { account: HousingAccount; dues: HousingDue[] },
  { code: HousingFailureCode; detail: string }
> {
  if (account.elapsedPeriods >= unit.lifePeriods) {
    return failure('housing.life_over', `housing unit ${unit.id} has reached the end of its life`);
  }
  const occupiedPpm = period.residents.length === 0 ? 0 : (period.occupiedPpm ?? PPM_ONE);
  const weightsOk = period.residents.every(
    (r) => Number.isSafeInteger(r.shareWeight) && r.shareWeight > 0,
  );
  const maintenance = period.actualMaintenanceEffortMilli;
  if (
    !weightsOk ||
    !Number.isSafeInteger(occupiedPpm) ||
    occupiedPpm < 0 ||
    occupiedPpm > PPM_ONE ||
    (period.residents.length > 0 && occupiedPpm === 0) ||
    !Number.isSafeInteger(maintenance) ||
    maintenance < 0
  ) {
    return failure('housing.bad_period', `invalid period for housing unit ${unit.id}`);
  }
  const rate =
    account.elapsedPeriods % unit.reestimateEveryPeriods === 0 && account.elapsedPeriods > 0
      ? estimateRate(unit, account)
      : account.ratePerPeriodEffortMilli;
  const withMaintenance = {
    ...account,
    actualMaintenanceEffortMilli: account.actualMaintenanceEffortMilli + maintenance,
  };
  const toRecover = Math.max(0, effortToRecover(unit, withMaintenance, account.elapsedPeriods + 1));
  const remainingPpm = expectedOccupiedPpmPeriods(unit) - account.occupiedPpmPeriods;
  let dueTotal = 0;
  if (occupiedPpm > 0) {
    // The period that completes the expected occupancy takes what is left, so nothing is lost
    // to rounding over the life; before that, the rate for the occupied fraction.
    dueTotal =
      occupiedPpm >= remainingPpm
        ? toRecover
        : Math.min(toRecover, mulDivRoundHalfEven(rate, occupiedPpm, PPM_ONE));
  }
  const dues =
    dueTotal === 0
      ? []
      : splitLargestRemainder(
          dueTotal,
          period.residents.map((r) => ({ id: r.personId, weight: r.shareWeight })),
        ).map((part) => ({ personId: part.id, amountEffortMilli: part.amount }));
  return ok({
    account: {
      ...withMaintenance,
      elapsedPeriods: account.elapsedPeriods + 1,
      occupiedPpmPeriods: account.occupiedPpmPeriods + occupiedPpm,
      recoveredEffortMilli: account.recoveredEffortMilli + dueTotal,
      ratePerPeriodEffortMilli: rate,
    },
    dues,
  });
}

/**
 * Effort built and maintained but not (yet) recovered from residents; at the end of the
 * unit's life a remainder (less occupancy than expected) goes to the pool's adjustment account.
 */
export function unrecoveredEffortMilli(unit: HousingUnit, account: HousingAccount): number {
  return (
    unit.buildEffortMilli + account.actualMaintenanceEffortMilli - account.recoveredEffortMilli
  );
}

export interface HousingAccounts {
  person(personId: PersonId): AccountId;
  /** The account of the project (or association) that built and maintains the unit. */
  housing(unitId: string): AccountId;
}

export const HOUSING_CODE = 'take.housing';

/** Postings for one period's dues: each resident debited, the unit's keeper credited. */
export function housingPostings(
  batchId: string,
  unitId: string,
  period: number,
  dues: readonly HousingDue[],
  accounts: HousingAccounts,
): TransferRequest[] {
  const batch = transferBatch(batchId);
  for (const due of dues) {
    batch.add({
      debitAccountId: accounts.person(due.personId),
      creditAccountId: accounts.housing(unitId),
      amount: due.amountEffortMilli,
      unit: 'effort',
      code: HOUSING_CODE,
      reference: unitId,
      period,
    });
  }
  return batch.requests;
}
