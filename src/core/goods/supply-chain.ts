// Open supply chains (reference §6.2 B7, MODEL.md M17): the effort prices of a pool's
// products computed bottom-up through their inputs, and any price traced back down to the
// resources and the work that went into it. The input graph must be acyclic; a cycle is
// refused with a typed failure that names it.

import type { ProductId } from '../ids.ts';
import { type Failure, failure, ok, type Result } from '../result.ts';
import { compareIds, type EffortMilli, splitLargestRemainder } from '../units.ts';
import {
  computeEffortPrice,
  type EffortPriceBreakdown,
  type EffortPriceFailureCode,
  type ProductionRecipe,
} from './effort-price.ts';

export type SupplyChainFailureCode =
  | EffortPriceFailureCode
  | 'goods.supply_chain_cycle'
  | 'goods.duplicate_recipe'
  | 'goods.unknown_product';

/** Computed prices of every product with a recipe in the pool, by product id. */
export type PriceCatalog = ReadonlyMap<ProductId, EffortPriceBreakdown>;

export interface PricedCatalog {
  readonly prices: PriceCatalog;
  /** The recipes as priced: inputs made in the pool carry the upstream unit price. */
  readonly recipes: ReadonlyMap<ProductId, ProductionRecipe>;
}

/**
 * Prices all recipes bottom-up. An input whose product has a recipe here is valued at that
 * product's computed unit price (its pool price); an input from outside (another pool, via
 * federation) keeps the price stated on the recipe.
 */
export function priceCatalog(
  recipes: readonly ProductionRecipe[],
): Result<PricedCatalog, Failure<SupplyChainFailureCode>> {
  const byId = new Map<ProductId, ProductionRecipe>();
  for (const recipe of recipes) {
    if (byId.has(recipe.productId)) {
      return failure('goods.duplicate_recipe', `two recipes for ${recipe.productId}`);
    }
    byId.set(recipe.productId, recipe);
  }
  const prices = new Map<ProductId, EffortPriceBreakdown>();
  const priced = new Map<ProductId, ProductionRecipe>();
  const visiting: ProductId[] = [];

  // Depth-first in id order, so the same recipes always give the same result.
  const visit = (id: ProductId): Failure<SupplyChainFailureCode> | undefined => {
    if (prices.has(id)) return undefined;
    const at = visiting.indexOf(id);
    if (at >= 0) {
      const cycle = [...visiting.slice(at), id].join(' → ');
      return { code: 'goods.supply_chain_cycle', detail: `inputs form a cycle: ${cycle}` };
    }
    const recipe = byId.get(id)!;
    visiting.push(id);
    const inputIds = [...new Set(recipe.inputs.map((i) => i.productId))]
      .filter((inputId) => byId.has(inputId))
      .sort(compareIds);
    for (const inputId of inputIds) {
      const problem = visit(inputId);
      if (problem) return problem;
    }
    visiting.pop();
    const withPoolPrices: ProductionRecipe = {
      ...recipe,
      inputs: recipe.inputs.map((input) => {
        const upstream = prices.get(input.productId);
        return upstream ? { ...input, unitPriceEffortMilli: upstream.unitPriceEffortMilli } : input;
      }),
    };
    const result = computeEffortPrice(withPoolPrices);
    if (!result.ok) return result.error;
    prices.set(id, result.value);
    priced.set(id, withPoolPrices);
    return undefined;
  };

  for (const id of [...byId.keys()].sort(compareIds)) {
    const problem = visit(id);
    if (problem) return failure(problem.code, problem.detail);
  }
  return ok({ prices, recipes: priced });
}

/** One node of a traced price: the product's own breakdown and its inputs, recursively. */
export interface SupplyChainNode {
  readonly productId: ProductId;
  readonly breakdown: EffortPriceBreakdown;
  readonly inputs: readonly {
    readonly productId: ProductId;
    readonly quantity: number;
    readonly batchEffortMilli: number;
    /** Absent for inputs from outside the catalog (their chain is in another pool's books). */
    readonly node?: SupplyChainNode;
  }[];
}

export function traceSupplyChain(
  catalog: PricedCatalog,
  productId: ProductId,
): Result<SupplyChainNode, Failure<'goods.unknown_product'>> {
  if (!catalog.prices.has(productId)) {
    return failure('goods.unknown_product', `no recipe for ${productId}`);
  }
  // The catalog is acyclic (priceCatalog refused cycles), so the recursion terminates.
  const build = (id: ProductId): SupplyChainNode => {
    const breakdown = catalog.prices.get(id)!;
    return {
      productId: id,
      breakdown,
      inputs: breakdown.inputLines.map((line) => {
        const base = {
          productId: line.productId,
          quantity: line.quantity,
          batchEffortMilli: line.effortMilli,
        };
        return catalog.prices.has(line.productId) ? { ...base, node: build(line.productId) } : base;
      }),
    };
  };
  return ok(build(productId));
}

/** Where an amount of effort embodied in a product finally came from. */
export interface EmbodiedLeaf {
  /** `labour`, `overhead`, `meansOfProduction:<id>`, `resource:<id>` or `external:<product>`. */
  readonly source: string;
  /** The product whose batch the leaf belongs to. */
  readonly productId: ProductId;
  readonly effortMilli: number;
}

/**
 * Distributes `amountEffortMilli` of a product (for example its unit price, or one person's
 * taking) over the leaves of its supply chain: at every product the amount is split over its
 * batch lines by largest remainder, and input lines recurse into the input's own lines. The
 * leaves therefore sum to the amount exactly. Leaves are sorted by product, then source.
 */
export function embodiedEffort(
  catalog: PricedCatalog,
  productId: ProductId,
  amountEffortMilli: EffortMilli,
): Result<EmbodiedLeaf[], Failure<'goods.unknown_product'>> {
  if (!catalog.prices.has(productId)) {
    return failure('goods.unknown_product', `no recipe for ${productId}`);
  }
  const totals = new Map<string, EmbodiedLeaf>();
  const add = (leaf: EmbodiedLeaf): void => {
    if (leaf.effortMilli === 0) return;
    const key = `${leaf.productId}\u0000${leaf.source}`;
    const existing = totals.get(key);
    totals.set(key, {
      ...leaf,
      effortMilli: (existing?.effortMilli ?? 0) + leaf.effortMilli,
    });
  };
  const distribute = (id: ProductId, amount: number): void => {
    const b = catalog.prices.get(id)!;
    // Line keys are numbered so that repeated ids on one recipe stay distinct in the split.
    const lines: { key: string; weight: number; leaf: (amount: number) => void }[] = [
      { key: 'a', weight: b.batch.labour, leaf: (a) => add(leafOf(id, 'labour', a)) },
      { key: 'b', weight: b.batch.overhead, leaf: (a) => add(leafOf(id, 'overhead', a)) },
      ...b.meansOfProductionLines.map((l, i) => ({
        key: `c${String(i).padStart(6, '0')}`,
        weight: l.effortMilli,
        leaf: (a: number) => add(leafOf(id, `meansOfProduction:${l.id}`, a)),
      })),
      ...b.resourceLines.map((l, i) => ({
        key: `d${String(i).padStart(6, '0')}`,
        weight: l.effortMilli,
        leaf: (a: number) => add(leafOf(id, `resource:${l.resourceId}`, a)),
      })),
      ...b.inputLines.map((l, i) => ({
        key: `e${String(i).padStart(6, '0')}`,
        weight: l.effortMilli,
        leaf: (a: number) =>
          catalog.prices.has(l.productId)
            ? distribute(l.productId, a)
            : add(leafOf(id, `external:${l.productId}`, a)),
      })),
    ];
    const weighted = lines.filter((l) => l.weight > 0);
    if (weighted.length === 0) {
      // A product that took no effort at all: whatever is asked of it is unexplained labour.
      add(leafOf(id, 'labour', amount));
      return;
    }
    const parts = splitLargestRemainder(
      amount,
      weighted.map((l) => ({ id: l.key, weight: l.weight })),
    );
    const byKey = new Map(weighted.map((l) => [l.key, l]));
    for (const part of parts) byKey.get(part.id)!.leaf(part.amount);
  };
  distribute(productId, amountEffortMilli);
  const leaves = [...totals.values()];
  leaves.sort((a, b) => compareIds(a.productId, b.productId) || compareIds(a.source, b.source));
  return ok(leaves);
}

function leafOf(productId: ProductId, source: string, effortMilli: number): EmbodiedLeaf {
  return { productId, source, effortMilli };
}
