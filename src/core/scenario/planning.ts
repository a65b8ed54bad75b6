// Production planning for a scenario (M9): the next period's planned output per product
// (`planOutput`) and the persistent signals of the last periods (`productionSignals`).

import type { ProductPeriodRecord } from '../goods/index.ts';
import {
  DEFAULT_SIGNAL_SETTINGS,
  type PlannedOutput,
  type ProductionSignal,
  planOutput,
  productionSignals,
  type ScarcityClearing,
} from '../goods/index.ts';
import type { PersonId, ProductId } from '../ids.ts';
import { type EffortMilli, mulDivRoundHalfEven, PPM_ONE, type Ppm } from '../units.ts';
import type { PeriodMarket } from './market.ts';
import { byId, type OpenPreOrder } from './step.ts';
import type { PeriodSpec, Scenario } from './types.ts';

/** What planning reads and moves on of the carried state. */
/** The periods of non-pre-ordered demand the plan averages over. */
const DEMAND_PERIODS = 3;

/** Drops all but the last `n` entries, in place: what is carried on is only what a later
 *  period reads, so a kept state does not grow with the history (decision 0057). */
function keepLast(list: unknown[], n: number): void {
  if (list.length > n) list.splice(0, list.length - n);
}

export interface PlanningCarried {
  stockUnits: Map<string, number>;
  openPreOrders: Map<string, OpenPreOrder>;
  /** Units taken per product and period that were not pre-ordered (planning history), of the
   *  last DEMAND_PERIODS periods. */
  nonPreordered: Map<string, number[]>;
  /** Each product's records of the last `persistencePeriods` periods, for its signals. */
  productRecords: Map<string, ProductPeriodRecord[]>;
}

/** How much of each product to make next period: pre-orders placed now, plus α × the mean
 *  non-pre-ordered demand of the last three periods, plus safety stock, minus stock. */
export function planNext(
  scenario: Scenario,
  p: number,
  clearings: readonly ScarcityClearing[],
  carried: PlanningCarried,
): PlannedOutput[] {
  // Only pre-orders taken by request show up in the requests; those taken when produced and
  // subscriptions are takings of their own and never count as non-pre-ordered demand.
  const placedBefore = (p >= 2 ? scenario.periods[p - 2]!.preOrders : []).filter(
    (o) => o.fulfil === 'request',
  );
  // Planned for: what is pre-ordered now by request, and every pre-order still waiting for
  // production (placed now or earlier and not yet taken).
  const placedNow = [
    ...scenario.periods[p - 1]!.preOrders.filter((o) => o.fulfil === 'request'),
    ...[...carried.openPreOrders.values()].map((o) => o.spec),
  ];
  // The same for every product: converted once, not per product.
  const subscriptions = scenario.subscriptions.map((x) => ({
    personId: x.personId as PersonId,
    productId: x.productId as ProductId,
    unitsPerPeriod: x.unitsPerPeriod,
    fromPeriod: x.fromPeriod,
    ...(x.untilPeriod === null ? {} : { untilPeriod: x.untilPeriod }),
  }));
  return byId(scenario.products).map((product) => {
    const taken =
      clearings
        .find((c) => c.productId === product.id)
        ?.allocations.reduce((t, a) => t + a.units, 0) ?? 0;
    const preOrdered = placedBefore
      .filter((o) => o.productId === product.id)
      .reduce((t, o) => t + o.units, 0);
    const history = carried.nonPreordered.get(product.id) ?? [];
    history.push(Math.max(0, taken - preOrdered));
    keepLast(history, DEMAND_PERIODS);
    carried.nonPreordered.set(product.id, history);
    return planOutput({
      productId: product.id as ProductId,
      period: p + 1,
      postedUnitPriceEffortMilli: product.unitPriceEffortMilli as EffortMilli,
      preOrders: placedNow
        .filter((o) => o.productId === product.id)
        .map((o) => ({
          id: o.id,
          personId: o.personId as PersonId,
          productId: o.productId as ProductId,
          units: o.units,
          postedUnitPriceEffortMilli: product.unitPriceEffortMilli as EffortMilli,
          period: p + 1,
        })),
      subscriptions,
      // Wishes placed now are for the next period, like pre-orders (M9, reference §4.10).
      wishes: scenario.periods[p - 1]!.wishes.filter((w) => w.productId === product.id).map(
        (w) => ({
          personId: w.personId as PersonId,
          productId: w.productId as ProductId,
          quantity: w.units,
          period: p + 1,
          maxUnitPriceEffortMilli: w.maxUnitPriceEffortMilli as EffortMilli,
        }),
      ),
      nonPreorderedHistory: history.slice(-DEMAND_PERIODS),
      alphaPpm: product.planningAlphaPpm as Ppm,
      safetyStockUnits: product.safetyStockUnits,
      stockUnits: carried.stockUnits.get(product.id) ?? 0,
    });
  });
}

/** What the period's discounted sales of a product left uncovered, exactly as settlement
 *  charges them: posted − round_half_even(posted × (1 − d)) per taking. */
function discountShortfall(
  period: PeriodSpec,
  discounted: readonly ScarcityClearing[],
  productId: string,
): number {
  const sale = period.discountSales.find((x) => x.productId === productId);
  const clearing = discounted.find((x) => x.productId === productId);
  if (sale === undefined || clearing === undefined) return 0;
  let shortfall = 0;
  for (const a of clearing.allocations) {
    const charged = mulDivRoundHalfEven(a.priceEffortMilli, PPM_ONE - sale.discountPpm, PPM_ONE);
    shortfall += a.priceEffortMilli - charged;
  }
  return shortfall;
}

/** Records this period for every product and returns the signals its history now shows. */
export function planningSignals(
  scenario: Scenario,
  p: number,
  period: PeriodSpec,
  market: PeriodMarket,
  clearings: readonly ScarcityClearing[],
  discounted: readonly ScarcityClearing[],
  carried: PlanningCarried,
): { productId: string; signals: ProductionSignal[] }[] {
  const out: { productId: string; signals: ProductionSignal[] }[] = [];
  for (const product of byId(scenario.products)) {
    const clearing = clearings.find((c) => c.productId === product.id);
    const lost = period.writeOffs
      .filter((x) => x.productId === product.id)
      .reduce((t, x) => t + x.units * product.unitPriceEffortMilli, 0);
    let maxWeight = 0;
    for (const auction of market.auctions) {
      if (market.projectOf.get(auction.instanceId) === product.projectId) {
        maxWeight = Math.max(maxWeight, auction.weightMilli ?? 0);
      }
    }
    const records = carried.productRecords.get(product.id) ?? [];
    records.push({
      period: p,
      clearingPremiumEffortMilli: clearing?.clearingPremiumEffortMilli ?? 0,
      discountShortfallEffortMilli: discountShortfall(period, discounted, product.id),
      writeOffEffortMilli: lost,
      maxTaskWeightMilli: maxWeight,
    });
    // Signals read the last `persistencePeriods` records (in period order, as pushed).
    keepLast(records, DEFAULT_SIGNAL_SETTINGS.persistencePeriods);
    carried.productRecords.set(product.id, records);
    out.push({ productId: product.id, signals: productionSignals(records) });
  }
  return out;
}
