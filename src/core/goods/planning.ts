// Production planning (reference §4.10, MODEL.md M9): wishes, pre-orders and subscriptions
// become a planned output; the history of premiums, discounts, write-offs and task weights
// becomes signals for the prosumer association. The rule is the reference's:
//   plannedOutput = preOrders + α × avgNonPreorderedDemand + safetyStock − stock   (≥ 0)

import { assert } from '../assert.ts';
import type { PersonId, ProductId } from '../ids.ts';
import {
  divRoundHalfEven,
  type EffortMilli,
  mulDivRoundHalfEven,
  PPM_ONE,
  type Ppm,
  sumIntegers,
} from '../units.ts';
import type { PreOrder, Subscription } from './takings.ts';
import { subscribedUnits } from './takings.ts';

/** A wish: a member would take this much in that period at no more than this price. */
export interface Intent {
  readonly personId: PersonId;
  readonly productId: ProductId;
  readonly quantity: number;
  readonly period: number;
  readonly maxUnitPriceEffortMilli: EffortMilli;
}

export interface PlanningInput {
  readonly productId: ProductId;
  readonly period: number;
  readonly postedUnitPriceEffortMilli: EffortMilli;
  readonly preOrders: readonly PreOrder[];
  readonly subscriptions: readonly Subscription[];
  readonly wishes: readonly Intent[];
  /** Demand that was not pre-ordered, in recent periods (units). */
  readonly nonPreorderedHistory: readonly number[];
  /** α in ppm (0.9 = 900 000). */
  readonly alphaPpm: Ppm;
  readonly safetyStockUnits: number;
  readonly stockUnits: number;
}

export interface PlannedOutput {
  readonly productId: ProductId;
  readonly period: number;
  /** Committed demand: pre-orders plus subscriptions active in the period. */
  readonly committedUnits: number;
  /** Wishes at or above the posted price (shown, not committed). */
  readonly wishedUnits: number;
  readonly averageNonPreorderedUnits: number;
  readonly plannedUnits: number;
}

export function planOutput(input: PlanningInput): PlannedOutput {
  const preOrdered = sumIntegers(
    input.preOrders
      .filter((o) => o.productId === input.productId && o.period === input.period)
      .map((o) => o.units),
  );
  const subscribed = subscribedUnits(input.subscriptions, input.period).get(input.productId) ?? 0;
  const wished = sumIntegers(
    input.wishes
      .filter(
        (w) =>
          w.productId === input.productId &&
          w.period === input.period &&
          w.maxUnitPriceEffortMilli >= input.postedUnitPriceEffortMilli,
      )
      .map((w) => w.quantity),
  );
  const history = input.nonPreorderedHistory;
  const average = history.length === 0 ? 0 : divRoundHalfEven(sumIntegers(history), history.length);
  const committed = preOrdered + subscribed;
  const planned =
    committed +
    mulDivRoundHalfEven(average, input.alphaPpm, PPM_ONE) +
    input.safetyStockUnits -
    input.stockUnits;
  return {
    productId: input.productId,
    period: input.period,
    committedUnits: committed,
    wishedUnits: wished,
    averageNonPreorderedUnits: average,
    plannedUnits: Math.max(0, planned),
  };
}

// ---------------------------------------------------------------------------------------
// Signals. "Persistent" = in each of the last `persistencePeriods` periods on record.

export interface ProductPeriodRecord {
  readonly period: number;
  /** x* of the period's scarcity auction; 0 if none. */
  readonly clearingPremiumEffortMilli: number;
  /** Shortfall of discounted surplus sales. */
  readonly discountShortfallEffortMilli: number;
  readonly writeOffEffortMilli: number;
  /** The highest clearing weight of the product's task templates. */
  readonly maxTaskWeightMilli: number;
}

export interface SignalSettings {
  readonly persistencePeriods: number;
  /** A weight at or above this counts as high (restructure, automate, reorganise: §4.5). */
  readonly highWeightMilli: number;
}

export const DEFAULT_SIGNAL_SETTINGS: SignalSettings = {
  persistencePeriods: 3,
  highWeightMilli: 2000,
};

export type ProductionSignal = 'produceMore' | 'produceLess' | 'restructure';

export function productionSignals(
  history: readonly ProductPeriodRecord[],
  settings: SignalSettings = DEFAULT_SIGNAL_SETTINGS,
): ProductionSignal[] {
  // 0 would make slice(-0) keep the whole history, i.e. "persistent" would mean "ever".
  assert(
    Number.isInteger(settings.persistencePeriods) && settings.persistencePeriods >= 1,
    `persistencePeriods must be a positive integer, got ${settings.persistencePeriods}`,
  );
  const recent = [...history]
    .sort((a, b) => a.period - b.period)
    .slice(-settings.persistencePeriods);
  if (recent.length < settings.persistencePeriods) return [];
  const every = (test: (r: ProductPeriodRecord) => boolean) => recent.every(test);
  const signals: ProductionSignal[] = [];
  if (every((r) => r.clearingPremiumEffortMilli > 0)) signals.push('produceMore');
  if (every((r) => r.discountShortfallEffortMilli > 0 || r.writeOffEffortMilli > 0)) {
    signals.push('produceLess');
  }
  if (every((r) => r.maxTaskWeightMilli >= settings.highWeightMilli)) signals.push('restructure');
  return signals;
}
