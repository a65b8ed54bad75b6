// Fixtures for the goods tests: the worked examples of the reference as recipes, written once.
import { asId, type ProductId } from '../ids.ts';
import { effortMilli, ppm } from '../units.ts';
import type { ProductionRecipe } from './effort-price.ts';

export const product = (id: string) => asId<'Product'>(id) as ProductId;

/**
 * Reference §4.7: 400 bicycles a year from 4 000 WH of labour, a workshop (10 000 WH over 25
 * years plus 200 WH upkeep a year), 15 kg of steel and 2 tyres per bike, 200 WH overhead. The
 * steel price is a parameter: 0.4 WH/kg as the reference states it, or anything a supply
 * chain puts in its place.
 */
export function bicycleRecipe(steelUnitPriceEffortMilli = 400): ProductionRecipe {
  return {
    productId: product('bicycle'),
    kind: 'good',
    units: 400,
    labourEffortMilli: effortMilli(4_000_000),
    meansOfProduction: [
      {
        id: 'workshop',
        buildEffortMilli: effortMilli(10_000_000),
        lifePeriods: 25,
        maintenanceEffortMilli: effortMilli(200_000),
        useSharePpm: ppm(1_000_000),
      },
    ],
    inputs: [
      {
        productId: product('steel'),
        quantity: 6000,
        unitPriceEffortMilli: effortMilli(steelUnitPriceEffortMilli),
      },
      { productId: product('tyre'), quantity: 800, unitPriceEffortMilli: effortMilli(500) },
    ],
    resources: [],
    overheadEffortMilli: effortMilli(200_000),
  };
}
