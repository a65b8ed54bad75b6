// The effort price of a product and its published breakdown (reference §4.7, MODEL.md M6).
//
// Everything is computed per BATCH first (the whole period's output of one product), where
// every amount is an exact integer of mWH; the batch total is divided by the units produced
// once, and the per-unit breakdown is the largest-remainder split of that unit price over the
// batch components, so the published parts always add up to the published price exactly.

import type { AccountId, ProductId, ResourceId, TransferId } from '../ids.ts';
import type { TransferRequest } from '../ledger/types.ts';
import { type Failure, failure, ok, type Result } from '../result.ts';
import {
  divRoundHalfEven,
  type EffortMilli,
  effortMilli,
  mulDivRoundHalfEven,
  PPM_ONE,
  type Ppm,
  scaleByPpm,
  splitLargestRemainder,
  sumIntegers,
} from '../units.ts';

/** A workshop, machine or building used for production, charged by its share of use. */
export interface MeansOfProductionUse {
  readonly id: string;
  /** Weighted hours spent building or acquiring it, recovered over its life. */
  readonly buildEffortMilli: EffortMilli;
  /** Expected life in periods (≥ 1); the build effort is amortised evenly over them. */
  readonly lifePeriods: number;
  /** Maintenance effort spent on it in this period. */
  readonly maintenanceEffortMilli: EffortMilli;
  /** Share of its use in this period attributed to this product, in ppm (1 000 000 = all). */
  readonly useSharePpm: Ppm;
}

/** An intermediate good taken from the pool, valued at its pool price. */
export interface InputUse {
  readonly productId: ProductId;
  /** Quantity per batch in the input's own smallest unit (kg, pieces, kWh). */
  readonly quantity: number;
  readonly unitPriceEffortMilli: EffortMilli;
}

/** A natural resource used for the batch (§4.14), with any scarcity premium the project paid. */
export interface ResourceUse {
  readonly resourceId: ResourceId;
  readonly quantity: number;
  /** Effort of extraction per unit of the resource. */
  readonly extractionEffortMilliPerUnit: EffortMilli;
  /** Total preference-weighting premium paid for this quantity; it is part of the cost. */
  readonly premiumEffortMilli: EffortMilli;
}

/** What one batch of a product (or of a service: `units` = service units) took to make. */
export interface ProductionRecipe {
  readonly productId: ProductId;
  readonly kind: 'good' | 'service';
  /** Units produced in the period (Q ≥ 1). */
  readonly units: number;
  /** Σ minutes × weight of all work records booked to this batch (L). */
  readonly labourEffortMilli: EffortMilli;
  readonly meansOfProduction: readonly MeansOfProductionUse[];
  readonly inputs: readonly InputUse[];
  readonly resources: readonly ResourceUse[];
  /** Coordination and administration booked to this batch (O). */
  readonly overheadEffortMilli: EffortMilli;
}

/** The five published components, in a fixed order. */
export const PRICE_COMPONENTS = [
  'labour',
  'meansOfProduction',
  'inputs',
  'resources',
  'overhead',
] as const;
export type PriceComponent = (typeof PRICE_COMPONENTS)[number];

export type ComponentAmounts = Readonly<Record<PriceComponent, number>>;

export interface EffortPriceBreakdown {
  readonly productId: ProductId;
  readonly kind: 'good' | 'service';
  readonly units: number;
  /** Batch totals per component (exact, before division by units). */
  readonly batch: ComponentAmounts;
  readonly batchTotalEffortMilli: EffortMilli;
  /** Means of production charge per line (amortisation + maintenance) × use share. */
  readonly meansOfProductionLines: readonly { readonly id: string; readonly effortMilli: number }[];
  /** Batch cost per input line: quantity × pool price. */
  readonly inputLines: readonly {
    readonly productId: ProductId;
    readonly quantity: number;
    readonly effortMilli: number;
  }[];
  /** Batch cost per resource line: quantity × extraction + premium. */
  readonly resourceLines: readonly {
    readonly resourceId: ResourceId;
    readonly effortMilli: number;
  }[];
  /** round_half_even(batch total / units). */
  readonly unitPriceEffortMilli: EffortMilli;
  /** The unit price split over the components by largest remainder: sums to the unit price. */
  readonly perUnit: ComponentAmounts;
}

export type EffortPriceFailureCode =
  | 'goods.no_units'
  | 'goods.bad_life'
  | 'goods.bad_use_share'
  | 'goods.negative_amount';

/** Amortisation of one period: build / life, rounded half-even (one rounding per line). */
export function amortisationPerPeriod(use: MeansOfProductionUse): number {
  return divRoundHalfEven(use.buildEffortMilli, use.lifePeriods);
}

function validate(recipe: ProductionRecipe): Failure<EffortPriceFailureCode> | undefined {
  if (!Number.isSafeInteger(recipe.units) || recipe.units < 1) {
    return { code: 'goods.no_units', detail: `${recipe.productId}: units must be ≥ 1` };
  }
  const amounts = [
    recipe.labourEffortMilli,
    recipe.overheadEffortMilli,
    ...recipe.meansOfProduction.flatMap((m) => [m.buildEffortMilli, m.maintenanceEffortMilli]),
    ...recipe.inputs.flatMap((i) => [i.quantity, i.unitPriceEffortMilli]),
    ...recipe.resources.flatMap((r) => [
      r.quantity,
      r.extractionEffortMilliPerUnit,
      r.premiumEffortMilli,
    ]),
  ];
  if (amounts.some((a) => !Number.isSafeInteger(a) || a < 0)) {
    return { code: 'goods.negative_amount', detail: `${recipe.productId}: amounts must be ≥ 0` };
  }
  for (const m of recipe.meansOfProduction) {
    if (!Number.isSafeInteger(m.lifePeriods) || m.lifePeriods < 1) {
      return { code: 'goods.bad_life', detail: `${m.id}: life must be ≥ 1 period` };
    }
    if (!Number.isSafeInteger(m.useSharePpm) || m.useSharePpm < 0 || m.useSharePpm > PPM_ONE) {
      return { code: 'goods.bad_use_share', detail: `${m.id}: use share must be 0..1 000 000 ppm` };
    }
  }
  return undefined;
}

/** Splits a total over the components by their batch weights (largest remainder). */
export function splitOverComponents(total: number, batch: ComponentAmounts): ComponentAmounts {
  const zero = { labour: 0, meansOfProduction: 0, inputs: 0, resources: 0, overhead: 0 };
  const weightSum = sumIntegers(PRICE_COMPONENTS.map((c) => batch[c]));
  if (weightSum === 0) return zero;
  const parts = splitLargestRemainder(
    total,
    PRICE_COMPONENTS.map((c) => ({ id: c, weight: batch[c] })),
  );
  const out: Record<PriceComponent, number> = { ...zero };
  for (const part of parts) out[part.id] = part.amount;
  return out;
}

/** EffortPrice(g) of reference §4.7 with its breakdown; a typed failure for bad recipes. */
export function computeEffortPrice(
  recipe: ProductionRecipe,
): Result<EffortPriceBreakdown, Failure<EffortPriceFailureCode>> {
  const problem = validate(recipe);
  if (problem) return failure(problem.code, problem.detail);

  const meansOfProductionLines = recipe.meansOfProduction.map((m) => ({
    id: m.id,
    effortMilli: mulDivRoundHalfEven(
      amortisationPerPeriod(m) + m.maintenanceEffortMilli,
      m.useSharePpm,
      PPM_ONE,
    ),
  }));
  const inputLines = recipe.inputs.map((i) => ({
    productId: i.productId,
    quantity: i.quantity,
    effortMilli: mulDivRoundHalfEven(i.quantity, i.unitPriceEffortMilli, 1),
  }));
  const resourceLines = recipe.resources.map((r) => ({
    resourceId: r.resourceId,
    effortMilli: sumIntegers([
      mulDivRoundHalfEven(r.quantity, r.extractionEffortMilliPerUnit, 1),
      r.premiumEffortMilli,
    ]),
  }));
  const batch: ComponentAmounts = {
    labour: recipe.labourEffortMilli,
    meansOfProduction: sumIntegers(meansOfProductionLines.map((l) => l.effortMilli)),
    inputs: sumIntegers(inputLines.map((l) => l.effortMilli)),
    resources: sumIntegers(resourceLines.map((l) => l.effortMilli)),
    overhead: recipe.overheadEffortMilli,
  };
  const batchTotal = sumIntegers(PRICE_COMPONENTS.map((c) => batch[c]));
  const unitPrice = divRoundHalfEven(batchTotal, recipe.units);
  return ok({
    productId: recipe.productId,
    kind: recipe.kind,
    units: recipe.units,
    batch,
    batchTotalEffortMilli: effortMilli(batchTotal),
    meansOfProductionLines,
    inputLines,
    resourceLines,
    unitPriceEffortMilli: effortMilli(unitPrice),
    perUnit: splitOverComponents(unitPrice, batch),
  });
}

// ---------------------------------------------------------------------------------------
// The posted price of the next period: the effort price (from estimates) × the pool's price
// factor, published with the same breakdown, split again so that it sums to the posted price.

export interface PostedPrice {
  readonly productId: ProductId;
  readonly effortPriceEffortMilli: EffortMilli;
  readonly priceFactorPpm: Ppm;
  readonly postedUnitPriceEffortMilli: EffortMilli;
  readonly perUnit: ComponentAmounts;
}

export function postedPrice(breakdown: EffortPriceBreakdown, priceFactorPpm: Ppm): PostedPrice {
  const posted = scaleByPpm(breakdown.unitPriceEffortMilli, priceFactorPpm);
  return {
    productId: breakdown.productId,
    effortPriceEffortMilli: breakdown.unitPriceEffortMilli,
    priceFactorPpm,
    postedUnitPriceEffortMilli: posted,
    perUnit: splitOverComponents(posted, breakdown.batch),
  };
}

// ---------------------------------------------------------------------------------------
// Joint products: one process, several goods. The project declares how the batch's effort
// is split (by output share or effort share, as weights); the split is largest remainder.

export interface JointOutput {
  readonly productId: ProductId;
  readonly units: number;
  /** The declared share of the batch effort (any non-negative integer weight). */
  readonly splitWeight: number;
}

export interface JointProductPrice {
  readonly productId: ProductId;
  readonly units: number;
  readonly batchShareEffortMilli: EffortMilli;
  readonly unitPriceEffortMilli: EffortMilli;
  readonly perUnit: ComponentAmounts;
}

export function splitJointProducts(
  breakdown: EffortPriceBreakdown,
  outputs: readonly JointOutput[],
): Result<JointProductPrice[], Failure<'goods.joint_split_empty' | 'goods.no_units'>> {
  if (outputs.length === 0 || outputs.every((o) => o.splitWeight === 0)) {
    return failure('goods.joint_split_empty', 'a joint split needs a positive declared weight');
  }
  const bad = outputs.find((o) => !Number.isSafeInteger(o.units) || o.units < 1);
  if (bad) return failure('goods.no_units', `${bad.productId}: units must be ≥ 1`);
  const parts = splitLargestRemainder(
    breakdown.batchTotalEffortMilli,
    outputs.map((o) => ({ id: o.productId, weight: o.splitWeight })),
  );
  const byId = new Map(outputs.map((o) => [o.productId as string, o]));
  return ok(
    parts.map((part) => {
      const output = byId.get(part.id)!;
      const unitPrice = divRoundHalfEven(part.amount, output.units);
      return {
        productId: output.productId,
        units: output.units,
        batchShareEffortMilli: effortMilli(part.amount),
        unitPriceEffortMilli: effortMilli(unitPrice),
        perUnit: splitOverComponents(unitPrice, breakdown.batch),
      };
    }),
  );
}

// ---------------------------------------------------------------------------------------
// Posted versus actual price. The posted price (from estimates) is what takers are debited;
// at period end the actual price is computed and (actual − posted) × units taken goes to
// the pool's adjustment account, never back to the individual takers (no re-billing).

export interface PriceAdjustment {
  readonly productId: ProductId;
  readonly postedUnitPriceEffortMilli: EffortMilli;
  readonly actualUnitPriceEffortMilli: EffortMilli;
  readonly unitsTaken: number;
  /** (actual − posted) × units; positive = effort not yet covered, charged to the pool. */
  readonly uncoveredEffortMilli: EffortMilli;
}

export function priceAdjustment(
  productId: ProductId,
  posted: EffortMilli,
  actual: EffortMilli,
  unitsTaken: number,
): PriceAdjustment {
  return {
    productId,
    postedUnitPriceEffortMilli: posted,
    actualUnitPriceEffortMilli: actual,
    unitsTaken,
    uncoveredEffortMilli: effortMilli(mulDivRoundHalfEven(actual - posted, unitsTaken, 1)),
  };
}

/**
 * The ledger posting of an adjustment: an under-estimate (uncovered > 0) debits the pool's
 * adjustment account and credits the project (which spent more than takers paid); an
 * over-estimate goes the other way. Zero needs no transfer.
 */
export function adjustmentTransfer(
  adjustment: PriceAdjustment,
  ids: {
    readonly transferId: TransferId;
    readonly projectAccountId: AccountId;
    readonly adjustmentAccountId: AccountId;
    readonly period: number;
  },
): TransferRequest | undefined {
  const amount = adjustment.uncoveredEffortMilli;
  if (amount === 0) return undefined;
  const under = amount > 0;
  return {
    id: ids.transferId,
    debitAccountId: under ? ids.adjustmentAccountId : ids.projectAccountId,
    creditAccountId: under ? ids.projectAccountId : ids.adjustmentAccountId,
    amount: Math.abs(amount),
    unit: 'effort',
    code: 'adjustment.estimate',
    reference: adjustment.productId,
    period: ids.period,
  };
}
