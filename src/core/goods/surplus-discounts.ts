// Downward preference weighting (reference §4.8, MODEL.md M7): a perishable surplus offered at
// growing discounts; what the discount leaves uncovered goes to the pool's adjustment account.

import type { PersonId } from '../ids.ts';
import { lotteryRanks } from '../random.ts';
import { type Failure, failure, ok, type Result } from '../result.ts';
import {
  type EffortMilli,
  effortMilli,
  mulDivRoundHalfEven,
  PPM_ONE,
  type Ppm,
  sumIntegers,
} from '../units.ts';
import { type GoodsRequest, type PreferenceFailureCode, validateRequests } from './preference.ts';

export interface DiscountedSale {
  readonly personId: PersonId;
  readonly units: number;
  readonly discountPpm: Ppm;
  /** What the taker is debited: round_half_even(posted × units × (1 − discount)). */
  readonly chargedEffortMilli: EffortMilli;
  /** posted × units − charged: goes to the adjustment account; charged + shortfall is exact. */
  readonly shortfallEffortMilli: EffortMilli;
}

export function discountedSale(
  personId: PersonId,
  postedUnitPriceEffortMilli: EffortMilli,
  units: number,
  discountPpm: Ppm,
): DiscountedSale {
  const full = mulDivRoundHalfEven(postedUnitPriceEffortMilli, units, 1);
  const charged = mulDivRoundHalfEven(full, PPM_ONE - discountPpm, PPM_ONE);
  return {
    personId,
    units,
    discountPpm,
    chargedEffortMilli: effortMilli(charged),
    shortfallEffortMilli: effortMilli(full - charged),
  };
}

export interface SurplusClearing {
  readonly sales: readonly DiscountedSale[];
  readonly shortfallEffortMilli: EffortMilli;
  readonly unitsLeft: number;
  readonly seed: number;
}

/**
 * Offers a perishable surplus step by step (for example 25 %, 50 %, 100 % off). At each step
 * the requests made at that step are served in lottery order until the surplus is gone.
 */
export function clearSurplus(
  good: { readonly availableUnits: number; readonly postedUnitPriceEffortMilli: EffortMilli },
  steps: readonly { readonly discountPpm: Ppm; readonly requests: readonly GoodsRequest[] }[],
  seed: number,
): Result<SurplusClearing, Failure<PreferenceFailureCode | 'goods.bad_discount'>> {
  let left = good.availableUnits;
  const sales: DiscountedSale[] = [];
  for (const [index, step] of steps.entries()) {
    if (step.discountPpm < 0 || step.discountPpm > PPM_ONE) {
      return failure('goods.bad_discount', 'a discount must be 0..1 000 000 ppm');
    }
    const problem = validateRequests(good, step.requests);
    if (problem) return failure(problem.code, problem.detail);
    const ranks = lotteryRanks(
      step.requests.map((r) => r.personId),
      seed + index,
    );
    const ordered = [...step.requests].sort(
      (a, b) => ranks.get(a.personId)! - ranks.get(b.personId)!,
    );
    for (const r of ordered) {
      const units = Math.min(r.quantity, left);
      if (units === 0) break;
      left -= units;
      sales.push(
        discountedSale(r.personId, good.postedUnitPriceEffortMilli, units, step.discountPpm),
      );
    }
  }
  return ok({
    sales,
    shortfallEffortMilli: effortMilli(sumIntegers(sales.map((s) => s.shortfallEffortMilli))),
    unitsLeft: left,
    seed,
  });
}
