// Takings: requests, pre-orders and subscriptions, and the gate every optional taking passes
// (reference §4.6 "Timing", §4.9, §4.10; MODEL.md M5, §6.3). A member may run a balance down
// to −allowance; in arrears (below it) optional takings are blocked, basic-needs bundles never
// are; a basic-needs taking that passes the bound is allowed and flagged as such.

import type { PersonId, ProductId } from '../ids.ts';
import { inPeriodRange } from '../periods.ts';
import { type Failure, failure, ok, type Result } from '../result.ts';
import {
  type EffortMilli,
  effortMilli,
  mulDivRoundHalfEven,
  PPM_ONE,
  type Ppm,
  ppm,
  ratioPpm,
} from '../units.ts';

export interface TakingGateInput {
  readonly balanceEffortMilli: number;
  /** Debits already reserved in this period (pending takings) that the balance does not show. */
  readonly pendingDebitsEffortMilli: number;
  readonly allowanceEffortMilli: number;
  readonly chargeEffortMilli: number;
  readonly basicNeeds: boolean;
}

export type TakingGateFailureCode = 'goods.in_arrears' | 'goods.allowance_exceeded';

/** Whether a taking may go ahead; a basic-needs taking past the bound carries the flag. */
export function checkTaking(
  input: TakingGateInput,
): Result<{ readonly boundException?: 'basicNeeds' }, Failure<TakingGateFailureCode>> {
  const available = input.balanceEffortMilli - input.pendingDebitsEffortMilli;
  const after = available - input.chargeEffortMilli;
  if (input.basicNeeds) {
    return ok(after < -input.allowanceEffortMilli ? { boundException: 'basicNeeds' } : {});
  }
  if (available < -input.allowanceEffortMilli) {
    return failure('goods.in_arrears', 'in arrears: only basic-needs bundles can be taken');
  }
  if (after < -input.allowanceEffortMilli) {
    return failure('goods.allowance_exceeded', 'this taking would pass the debit allowance');
  }
  return ok({});
}

// ---------------------------------------------------------------------------------------
// Pre-orders: a commitment that reserves a unit at the posted price. Cancelling is free
// before production starts; afterwards the member bears the share of effort already spent.

export interface PreOrder {
  readonly id: string;
  readonly personId: PersonId;
  readonly productId: ProductId;
  readonly units: number;
  readonly postedUnitPriceEffortMilli: EffortMilli;
  readonly period: number;
}

export interface ProductionProgress {
  readonly started: boolean;
  /** Effort spent so far on the batch and the effort the whole batch is planned to take. */
  readonly spentEffortMilli: number;
  readonly plannedEffortMilli: number;
}

/** Share of the batch already spent, in ppm, capped at 1 (0 before production starts). */
export function spentSharePpm(progress: ProductionProgress): Ppm {
  if (!progress.started || progress.plannedEffortMilli <= 0) return ratioPpm(0, 1);
  const share = ratioPpm(Math.max(0, progress.spentEffortMilli), progress.plannedEffortMilli);
  return ppm(Math.min(share, PPM_ONE));
}

/** What cancelling a pre-order costs: posted × units × spent share (0 before the start). */
export function cancellationCharge(preOrder: PreOrder, progress: ProductionProgress): EffortMilli {
  const full = mulDivRoundHalfEven(preOrder.postedUnitPriceEffortMilli, preOrder.units, 1);
  return effortMilli(mulDivRoundHalfEven(full, spentSharePpm(progress), PPM_ONE));
}

// ---------------------------------------------------------------------------------------
// Standing subscriptions: recurring takings (food, energy) that also make the demand forecast.

export interface Subscription {
  readonly personId: PersonId;
  readonly productId: ProductId;
  readonly unitsPerPeriod: number;
  readonly fromPeriod: number;
  /** Last period included; open-ended when absent. */
  readonly untilPeriod?: number;
}

export function subscriptionActive(subscription: Subscription, period: number): boolean {
  return inPeriodRange(period, subscription.fromPeriod, subscription.untilPeriod);
}

/** Units due per product in a period from all active subscriptions. */
export function subscribedUnits(
  subscriptions: readonly Subscription[],
  period: number,
): Map<ProductId, number> {
  const units = new Map<ProductId, number>();
  for (const s of subscriptions) {
    if (!subscriptionActive(s, period)) continue;
    units.set(s.productId, (units.get(s.productId) ?? 0) + s.unitsPerPeriod);
  }
  return units;
}

// ---------------------------------------------------------------------------------------
// Carry-over cap (§4.9): a positive balance is kept up to the cap; above it the member's
// choice decides where the excess goes. No expiry below the cap.

export type DonateChoice = 'redistribution' | 'pool';

export interface CarryOver {
  readonly keptEffortMilli: number;
  readonly donatedEffortMilli: number;
  readonly donateTo: DonateChoice;
}

export function applyCarryOverCap(
  balanceEffortMilli: number,
  capEffortMilli: number,
  choice: DonateChoice,
): CarryOver {
  const donated = Math.max(0, balanceEffortMilli - capEffortMilli);
  return {
    keptEffortMilli: balanceEffortMilli - donated,
    donatedEffortMilli: donated,
    donateTo: choice,
  };
}
