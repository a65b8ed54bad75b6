// Re-estimating the posted price from recent actual prices (M6, reference §4.7 "Estimate vs.
// actual": publish a posted price = the estimate from the last periods). A recipe with
// `reestimate: { windowPeriods: N }` posts, for period t, the unit-weighted mean of the actual
// prices of the periods t − N … t − 1 that made the product: round_half_even(Σ actual batch ÷
// Σ units) (decision 0015). Without any such period (before the first batch, or after N
// periods without one) the posted price is the recipe's estimate. A joint output follows the
// setting of its process and its own actual shares. The price is fixed before the period's
// takings; the period's actual price still goes against it in the adjustment account.

import { compareIds, divRoundHalfEven, sumIntegers } from '../units.ts';
import type { RecipeActual } from './step.ts';
import type { ProductSpec, Scenario } from './types.ts';

/** Where a period's posted price came from. */
export interface PostedPriceLine {
  readonly productId: string;
  readonly unitPriceEffortMilli: number;
  /** `estimate`: the recipe's estimate (no actual price in the window); `actual`: the mean. */
  readonly source: 'estimate' | 'actual';
  /** The periods whose actual prices were averaged (empty for the estimate). */
  readonly fromPeriods: readonly number[];
  /** Σ units and Σ actual batch effort over those periods; null for the estimate. */
  readonly units: number | null;
  readonly batchEffortMilli: number | null;
}

function windowOf(scenario: Scenario, product: ProductSpec): number | null {
  const own = product.recipe?.reestimate;
  if (own !== undefined && own !== null) return own.windowPeriods;
  const of = product.jointOf;
  if (of === null) return null;
  const made = scenario.products.find((x) => x.id === of.productId);
  return made?.recipe?.reestimate?.windowPeriods ?? null;
}

/**
 * The posted price of every re-estimated product for period p, and the scenario with those
 * prices (every later step of the period charges and values at them). `scenario` holds the
 * estimates (priceRecipes), so a product without actual prices in its window keeps its own.
 */
export function reestimatePrices(
  scenario: Scenario,
  p: number,
  carried: { readonly recipeActuals: ReadonlyMap<string, readonly RecipeActual[]> },
): { scenario: Scenario; lines: PostedPriceLine[] } {
  const lines: PostedPriceLine[] = [];
  const prices = new Map<string, number>();
  for (const product of scenario.products) {
    const window = windowOf(scenario, product);
    if (window === null) continue;
    const recent = (carried.recipeActuals.get(product.id) ?? []).filter(
      (x) => x.period >= p - window && x.period < p,
    );
    if (recent.length === 0) {
      lines.push({
        productId: product.id,
        unitPriceEffortMilli: product.unitPriceEffortMilli,
        source: 'estimate',
        fromPeriods: [],
        units: null,
        batchEffortMilli: null,
      });
      continue;
    }
    const units = sumIntegers(recent.map((x) => x.units));
    const batch = sumIntegers(recent.map((x) => x.batchEffortMilli));
    const price = divRoundHalfEven(batch, units);
    prices.set(product.id, price);
    lines.push({
      productId: product.id,
      unitPriceEffortMilli: price,
      source: 'actual',
      fromPeriods: recent.map((x) => x.period),
      units,
      batchEffortMilli: batch,
    });
  }
  if (lines.length === 0) return { scenario, lines };
  lines.sort((a, b) => compareIds(a.productId, b.productId));
  const products = scenario.products.map((x) => {
    const price = prices.get(x.id);
    return price === undefined ? x : { ...x, unitPriceEffortMilli: price };
  });
  return { scenario: { ...scenario, products }, lines };
}
