// Proves the open supply chain: prices computed bottom-up through inputs, cycles refused, and a
// price traced down to resources and work with leaves that sum to the price exactly.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { asId, type ProductId, type ResourceId } from '../ids.ts';
import { effortMilli, sumIntegers } from '../units.ts';
import type { ProductionRecipe } from './effort-price.ts';
import { embodiedEffort, priceCatalog, traceSupplyChain } from './supply-chain.ts';
import { bicycleRecipe } from './testing.ts';

const product = (id: string) => asId<'Product'>(id) as ProductId;
const E = effortMilli;

// Steel: 10 000 kg from 3 000 WH of work and 20 000 kg of ore at 0.05 WH/kg → 0.4 WH/kg.
const steel: ProductionRecipe = {
  productId: product('steel'),
  kind: 'good',
  units: 10_000,
  labourEffortMilli: E(3_000_000),
  meansOfProduction: [],
  inputs: [],
  resources: [
    {
      resourceId: asId<'Resource'>('ore') as ResourceId,
      quantity: 20_000,
      extractionEffortMilliPerUnit: E(50),
      premiumEffortMilli: E(0),
    },
  ],
  overheadEffortMilli: E(0),
};
// The bicycle of reference §4.7; the steel price on the recipe is replaced by the pool price.
const bicycle = bicycleRecipe(0);

describe('supply chain', () => {
  test('prices flow up the chain: steel 0.4 WH/kg makes the bicycle 19.0 WH', () => {
    const catalog = priceCatalog([bicycle, steel]);
    assert.ok(catalog.ok);
    assert.equal(catalog.value.prices.get(product('steel'))?.unitPriceEffortMilli, 400);
    assert.equal(catalog.value.prices.get(product('bicycle'))?.unitPriceEffortMilli, 19_000);
  });

  test('a bicycle traced down to resources and work sums to 19.0 WH exactly', () => {
    const catalog = priceCatalog([steel, bicycle]);
    assert.ok(catalog.ok);
    const tree = traceSupplyChain(catalog.value, product('bicycle'));
    assert.ok(tree.ok);
    assert.equal(tree.value.inputs[0]?.node?.productId, 'steel');
    assert.equal(tree.value.inputs[1]?.node, undefined);
    const leaves = embodiedEffort(catalog.value, product('bicycle'), E(19_000));
    assert.ok(leaves.ok);
    assert.deepEqual(
      leaves.value.map((l) => [l.productId, l.source, l.effortMilli]),
      [
        ['bicycle', 'external:tyre', 1_000],
        ['bicycle', 'labour', 10_000],
        ['bicycle', 'meansOfProduction:workshop', 1_500],
        ['bicycle', 'overhead', 500],
        ['steel', 'labour', 4_500],
        ['steel', 'resource:ore', 1_500],
      ],
    );
  });

  test('cycles, duplicates and unknown products are refused', () => {
    const a: ProductionRecipe = {
      ...steel,
      productId: product('a'),
      inputs: [{ productId: product('b'), quantity: 1, unitPriceEffortMilli: E(1) }],
    };
    const b: ProductionRecipe = {
      ...steel,
      productId: product('b'),
      inputs: [{ productId: product('a'), quantity: 1, unitPriceEffortMilli: E(1) }],
    };
    const cycle = priceCatalog([a, b]);
    assert.ok(!cycle.ok);
    assert.equal(cycle.error.code, 'goods.supply_chain_cycle');
    assert.match(cycle.error.detail, /a → b → a/);
    const dup = priceCatalog([steel, steel]);
    assert.equal(!dup.ok && dup.error.code, 'goods.duplicate_recipe');
    const bad = priceCatalog([{ ...steel, units: 0 }]);
    assert.equal(!bad.ok && bad.error.code, 'goods.no_units');
    const catalog = priceCatalog([steel]);
    assert.ok(catalog.ok);
    const unknownTrace = traceSupplyChain(catalog.value, product('nope'));
    assert.equal(!unknownTrace.ok && unknownTrace.error.code, 'goods.unknown_product');
    const unknown = embodiedEffort(catalog.value, product('nope'), E(1));
    assert.equal(!unknown.ok && unknown.error.code, 'goods.unknown_product');
  });

  test('a product that took no effort explains any amount as labour', () => {
    const free = { ...steel, productId: product('free'), labourEffortMilli: E(0), resources: [] };
    const catalog = priceCatalog([free]);
    assert.ok(catalog.ok);
    const leaves = embodiedEffort(catalog.value, product('free'), E(7));
    assert.ok(leaves.ok);
    assert.deepEqual(leaves.value, [{ productId: 'free', source: 'labour', effortMilli: 7 }]);
  });

  test('property: leaves of a random chain sum exactly to the amount traced', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            labour: fc.integer({ min: 0, max: 1_000_000 }),
            units: fc.integer({ min: 1, max: 500 }),
            qty: fc.integer({ min: 0, max: 50 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.integer({ min: 0, max: 10_000_000 }),
        (chain, amount) => {
          // Product i uses product i−1: a line, so always acyclic.
          const recipes: ProductionRecipe[] = chain.map((c, i) => ({
            ...steel,
            productId: product(`p${i}`),
            units: c.units,
            labourEffortMilli: E(c.labour),
            inputs:
              i === 0
                ? []
                : [
                    {
                      productId: product(`p${i - 1}`),
                      quantity: c.qty,
                      unitPriceEffortMilli: E(0),
                    },
                  ],
          }));
          const catalog = priceCatalog([...recipes].reverse());
          assert.ok(catalog.ok);
          const top = product(`p${chain.length - 1}`);
          const leaves = embodiedEffort(catalog.value, top, E(amount));
          assert.ok(leaves.ok);
          assert.equal(sumIntegers(leaves.value.map((l) => l.effortMilli)), amount);
        },
      ),
      { numRuns: 100 },
    );
  });
});
