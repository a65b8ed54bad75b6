// Recipes and means of production (M6, reference §4.7). A product that says how it is made
// gets its posted price from the recipe's estimates (`priceCatalog` → `computeEffortPrice`,
// bottom-up through its inputs) before the run; in every period that makes it, the actual
// price follows from what was worked and used, and the batch's difference goes to the pool's
// adjustment account (`estimateEvent`). The stock stays valued at the posted price.
//
// Why the pool identity holds: the project's books change by the labour and overhead credited
// and the inputs it paid for, minus the adjustment it is credited; its declared value changes
// by the batch at the posted price (goods.ts) minus the resources and the means of production
// the batch used up (added here). With adjustment = actual batch − posted batch both agree.
//
// A joint process (recipe.joint) is priced and made as one batch; its batch total is split over
// its outputs (joint.ts) and each output's share goes against its own posted price, so the
// adjustments still add up to actual batch − posted batches. Each output's actual price is
// kept (`carried.recipeActuals`) for re-estimating the posted price (reestimate.ts).

import {
  computeEffortPrice,
  type EffortPriceBreakdown,
  type ProductionRecipe,
  priceCatalog,
} from '../goods/index.ts';
import type { ProductId, ProjectId, ResourceId } from '../ids.ts';
import { estimateEvent, type PeriodEvent } from '../pool/index.ts';
import { type Failure, ok, type Result } from '../result.ts';
import { compareIds, type EffortMilli, effortMilli, type Ppm, sumIntegers } from '../units.ts';
import { type JointLine, splitJointBatch } from './joint.ts';
import type { PeriodMarket } from './market.ts';
import { byId, meansKey, type RecipeActual, type Step, stop, stopOn } from './step.ts';
import type { PeriodSpec, ProductSpec, RecipeSpec, Scenario } from './types.ts';
import type { WorkCredit } from './work.ts';

/** What making recipe products reads and moves on of the carried state. */
export interface RecipesCarried {
  stockUnits: Map<string, number>;
  /** Each recipe product's actual batches so far (M6), oldest first, for re-estimating. */
  recipeActuals: Map<string, RecipeActual[]>;
  /** What the batches so far charged for each means of production, by project and means id
   *  (`meansKey`): the part of its build effort (and maintenance) recovered. */
  meansChargedEffortMilli: Map<string, number>;
  /** Means of production abandoned so far (`meansKey`): no recipe charges them any more. */
  abandonedMeans: Set<string>;
}

/** What one batch took, in the core's shape: `units` made, the labour and overhead booked. */
function productionRecipe(
  scenario: Scenario,
  product: ProductSpec,
  recipe: RecipeSpec,
  units: number,
  labourEffortMilli: number,
  overheadEffortMilli: number,
  prices: ReadonlyMap<string, number>,
  abandoned: ReadonlySet<string> = new Set(),
): ProductionRecipe {
  return {
    productId: product.id as ProductId,
    kind: product.kind,
    units,
    labourEffortMilli: effortMilli(labourEffortMilli),
    meansOfProduction: recipe.meansOfProduction
      .filter((m) => !abandoned.has(meansKey(product.projectId, m.id)))
      .map((m) => ({
        id: m.id,
        buildEffortMilli: effortMilli(m.buildEffortMilli),
        lifePeriods: m.lifePeriods,
        maintenanceEffortMilli: effortMilli(m.maintenanceEffortMilliPerPeriod),
        useSharePpm: m.useSharePpm as Ppm,
      })),
    inputs: recipe.inputs.map((i) => ({
      productId: i.productId as ProductId,
      quantity: i.quantityPerUnit * units,
      unitPriceEffortMilli: effortMilli(prices.get(i.productId) ?? 0),
    })),
    resources: recipe.resources.map((r) => ({
      resourceId: r.resourceId as ResourceId,
      quantity: r.quantityPerUnit * units,
      extractionEffortMilliPerUnit: effortMilli(
        scenario.resources.find((x) => x.id === r.resourceId)?.extractionEffortMilliPerUnit ?? 0,
      ),
      premiumEffortMilli: effortMilli(0),
    })),
    overheadEffortMilli: effortMilli(overheadEffortMilli),
  };
}

/** A posted price from the estimates; a joint output's also says how it was split. */
export type RecipePrice = EffortPriceBreakdown & { readonly joint?: JointLine };

/** Each output of a joint process at Q = the units of its estimate. */
function estimatedJointUnits(scenario: Scenario, jointProcess: ProductSpec) {
  return (id: string): number =>
    id === jointProcess.id
      ? jointProcess.recipe!.unitsPerPeriod
      : (scenario.products.find((x) => x.id === id)?.jointOf?.unitsPerPeriod ?? 0);
}

/**
 * The posted prices of every product with a recipe, from its estimates (a joint process's
 * outputs by its split), and the scenario with those prices filled in (every later step reads
 * `unitPriceEffortMilli`). Plain prices stay.
 */
export function priceRecipes(
  scenario: Scenario,
): Result<{ scenario: Scenario; posted: RecipePrice[] }, Failure> {
  const withRecipe = byId(scenario.products).filter((x) => x.recipe !== null);
  if (withRecipe.length === 0) return ok({ scenario, posted: [] });
  const plain = new Map(scenario.products.map((x) => [x.id, x.unitPriceEffortMilli]));
  const recipes = withRecipe.map((product) => {
    const recipe = product.recipe!;
    const q = recipe.unitsPerPeriod;
    return productionRecipe(
      scenario,
      product,
      recipe,
      q,
      sumIntegers(recipe.labour.map((l) => l.effortMilliPerUnit * q)),
      sumIntegers(recipe.overhead.map((o) => o.effortMilliPerPeriod)),
      plain,
    );
  });
  const catalog = priceCatalog(recipes);
  if (!catalog.ok) return catalog;
  const prices = new Map<string, RecipePrice>();
  for (const product of withRecipe) {
    const jointProcess = catalog.value.prices.get(product.id as ProductId)!;
    const joint = product.recipe!.joint;
    if (joint === null) {
      prices.set(product.id, jointProcess);
      continue;
    }
    const split = splitJointBatch(jointProcess, joint, estimatedJointUnits(scenario, product));
    if (!split.ok) return split;
    for (const out of split.value) {
      prices.set(out.breakdown.productId, { ...out.breakdown, joint: out.joint });
    }
  }
  return ok({
    posted: [...prices.values()].sort((a, b) => compareIds(a.productId, b.productId)),
    scenario: {
      ...scenario,
      products: scenario.products.map((x) => {
        const price = prices.get(x.id);
        return price === undefined ? x : { ...x, unitPriceEffortMilli: price.unitPriceEffortMilli };
      }),
    },
  });
}

/** One product's batch of a period: the actual price and what the pool absorbs. */
export interface RecipeBatch {
  readonly productId: string;
  readonly units: number;
  readonly postedUnitPriceEffortMilli: number;
  readonly actual: EffortPriceBreakdown;
  /** Actual batch − posted price × units: > 0 the estimate was low, the pool pays the rest. */
  readonly uncoveredEffortMilli: number;
  /** A joint output: its share of the process batch (`actual` is that share). */
  readonly joint?: JointLine;
}

/** A means of production abandoned early and what was written off for it (§4.7). */
export interface MeansWriteOff {
  readonly projectId: string;
  readonly meansOfProductionId: string;
  readonly buildEffortMilli: number;
  /** What earlier batches charged for it (its lines: amortisation and maintenance shares). */
  readonly chargedEffortMilli: number;
  /** build − charged, at least 0: to the pool's adjustment account. */
  readonly writtenOffEffortMilli: number;
}

/** The build effort of a project's means as its books opened with it (openingInventory). */
function buildEffortOf(scenario: Scenario, projectId: string, meansId: string): number {
  for (const product of byId(scenario.products)) {
    if (product.projectId !== projectId) continue;
    const m = product.recipe?.meansOfProduction.find((x) => x.id === meansId);
    if (m !== undefined) return m.buildEffortMilli;
  }
  return 0;
}

/**
 * The means of production abandoned in period p, at its start: what the project's books
 * still hold for each (its build effort less every batch's charge for it so far, never below
 * 0) is written off to the pool's adjustment account (a `writeOff` event, adjustment →
 * project), and the project's declared value falls by as much, so the pool identity holds.
 */
function abandonMeans(
  scenario: Scenario,
  p: number,
  period: PeriodSpec,
  carried: RecipesCarried,
  events: PeriodEvent[],
  add: (projectId: string, amount: number) => void,
): MeansWriteOff[] {
  const lines: MeansWriteOff[] = [];
  const given = [...period.meansAbandoned].sort(
    (a, b) =>
      compareIds(a.projectId, b.projectId) ||
      compareIds(a.meansOfProductionId, b.meansOfProductionId),
  );
  for (const x of given) {
    const key = meansKey(x.projectId, x.meansOfProductionId);
    const build = buildEffortOf(scenario, x.projectId, x.meansOfProductionId);
    const charged = carried.meansChargedEffortMilli.get(key) ?? 0;
    const remainder = Math.max(0, build - charged);
    carried.abandonedMeans.add(key);
    if (remainder > 0) {
      events.push({
        kind: 'writeOff',
        id: `p${p}.meansWriteOff.${x.projectId}.${x.meansOfProductionId}`,
        projectId: x.projectId as ProjectId,
        amountEffortMilli: remainder,
      });
      add(x.projectId, -remainder);
    }
    lines.push({
      projectId: x.projectId,
      meansOfProductionId: x.meansOfProductionId,
      buildEffortMilli: build,
      chargedEffortMilli: charged,
      writtenOffEffortMilli: remainder,
    });
  }
  return lines;
}

/**
 * Every recipe product made this period: its inputs are taken from their products' stock
 * (what is in stock plus what this period makes), its actual price is computed from the
 * confirmed work on its templates, and the estimate's error becomes an adjustment event.
 * Runs before the goods step, which adds this period's production to stock.
 */
export function recipePeriod(
  scenario: Scenario,
  p: number,
  period: PeriodSpec,
  credits: readonly WorkCredit[],
  market: PeriodMarket,
  carried: RecipesCarried,
): Step<{
  batches: RecipeBatch[];
  events: PeriodEvent[];
  valueChange: Map<string, number>;
  meansWrittenOff: MeansWriteOff[];
}> {
  const prices = new Map(scenario.products.map((x) => [x.id, x.unitPriceEffortMilli]));
  const productOf = new Map(scenario.products.map((x) => [x.id, x]));
  const templateOf = new Map<string, string>(
    market.auctions.map((a) => [a.instanceId, a.templateId]),
  );
  const valueChange = new Map<string, number>();
  const add = (projectId: string, amount: number) =>
    valueChange.set(projectId, (valueChange.get(projectId) ?? 0) + amount);
  const madeNow = (id: string) =>
    sumIntegers(period.production.filter((x) => x.productId === id).map((x) => x.units));
  const booked = (projectId: string, templates: readonly string[]) =>
    sumIntegers(
      credits
        .filter(
          (c) =>
            c.confirmed &&
            c.projectId === projectId &&
            templates.includes(templateOf.get(c.instanceId) ?? ''),
        )
        .map((c) => c.amountEffortMilli),
    );
  const batches: RecipeBatch[] = [];
  const events: PeriodEvent[] = [];
  const meansWrittenOff = abandonMeans(scenario, p, period, carried, events, add);
  for (const product of byId(scenario.products)) {
    const recipe = product.recipe;
    if (recipe === null) continue;
    const units = madeNow(product.id);
    // A joint process makes all its outputs together or none of them.
    for (const output of recipe.joint?.outputs ?? []) {
      const made = madeNow(output.productId);
      if (units === 0 && made > 0) {
        return stop(
          p,
          null,
          'scenario.joint_without_process',
          `${output.productId}: made without its process ${product.id}`,
        );
      }
      if (units > 0 && made === 0) {
        return stop(
          p,
          null,
          'scenario.joint_output_missing',
          `${product.id}: its joint output ${output.productId} was not made`,
        );
      }
    }
    if (units === 0) continue;
    const actualRecipe = productionRecipe(
      scenario,
      product,
      recipe,
      units,
      booked(
        product.projectId,
        recipe.labour.map((l) => l.templateId),
      ),
      booked(
        product.projectId,
        recipe.overhead.map((o) => o.templateId),
      ),
      prices,
      carried.abandonedMeans,
    );
    const actual = computeEffortPrice(actualRecipe);
    if (!actual.ok) return stopOn(p, actual.error);
    for (const m of actual.value.meansOfProductionLines) {
      const key = meansKey(product.projectId, m.id);
      carried.meansChargedEffortMilli.set(
        key,
        (carried.meansChargedEffortMilli.get(key) ?? 0) + m.effortMilli,
      );
    }
    for (const line of actualRecipe.inputs) {
      const input = productOf.get(line.productId)!;
      const available = (carried.stockUnits.get(input.id) ?? 0) + madeNow(input.id);
      if (line.quantity > available) {
        return stop(
          p,
          null,
          'scenario.input_exceeds_stock',
          `${product.id}: needs ${line.quantity} of ${input.id}, ${available} available`,
        );
      }
      // Taken before the goods step adds this period's production, hence the look-ahead.
      carried.stockUnits.set(input.id, (carried.stockUnits.get(input.id) ?? 0) - line.quantity);
      const amount = line.quantity * line.unitPriceEffortMilli;
      add(input.projectId, -amount);
      if (input.projectId !== product.projectId && amount > 0) {
        events.push({
          kind: 'projectInput',
          id: `p${p}.input.${product.id}.${input.id}`,
          consumerProjectId: product.projectId as ProjectId,
          producerProjectId: input.projectId as ProjectId,
          productId: input.id as ProductId,
          amountEffortMilli: amount,
        });
      }
      // Within one project nothing is transferred: the input's stock value just falls.
    }
    // Resources claimed earlier and the means of production's share are used up by the batch.
    add(product.projectId, -(actual.value.batch.resources + actual.value.batch.meansOfProduction));
    // One output (the product itself), or each output's share of a joint process's batch.
    let outputs: readonly { breakdown: EffortPriceBreakdown; joint?: JointLine }[] = [
      { breakdown: actual.value },
    ];
    if (recipe.joint !== null) {
      const split = splitJointBatch(actual.value, recipe.joint, madeNow);
      if (!split.ok) return stopOn(p, split.error);
      outputs = split.value;
    }
    for (const { breakdown, joint } of outputs) {
      const output = productOf.get(breakdown.productId)!;
      const uncovered =
        breakdown.batchTotalEffortMilli - breakdown.units * output.unitPriceEffortMilli;
      events.push(
        estimateEvent(
          {
            productId: output.id as ProductId,
            postedUnitPriceEffortMilli: output.unitPriceEffortMilli as EffortMilli,
            actualUnitPriceEffortMilli: breakdown.unitPriceEffortMilli,
            unitsTaken: breakdown.units,
            uncoveredEffortMilli: effortMilli(uncovered),
          },
          product.projectId as ProjectId,
          `p${p}.estimate.${output.id}`,
        ),
      );
      batches.push({
        productId: output.id,
        units: breakdown.units,
        postedUnitPriceEffortMilli: output.unitPriceEffortMilli,
        actual: breakdown,
        uncoveredEffortMilli: uncovered,
        ...(joint === undefined ? {} : { joint }),
      });
      // Kept for re-estimating the posted price from recent actual prices.
      const history = carried.recipeActuals.get(output.id) ?? [];
      history.push({
        period: p,
        units: breakdown.units,
        batchEffortMilli: breakdown.batchTotalEffortMilli,
      });
      carried.recipeActuals.set(output.id, history);
    }
  }
  batches.sort((a, b) => compareIds(a.productId, b.productId));
  return { ok: true, value: { batches, events, valueChange, meansWrittenOff } };
}

/**
 * The projects' value before period 1: the build effort of the means of production their
 * recipes name (built before the run, recovered through the prices over their life). A means
 * named by two recipes of one project (a shared workshop) counts once.
 */
export function openingInventory(scenario: Scenario): Map<string, number> {
  const value = new Map<string, number>();
  const seen = new Set<string>();
  for (const product of byId(scenario.products)) {
    for (const m of product.recipe?.meansOfProduction ?? []) {
      const key = `${product.projectId}\u0000${m.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      value.set(product.projectId, (value.get(product.projectId) ?? 0) + m.buildEffortMilli);
    }
  }
  return value;
}
