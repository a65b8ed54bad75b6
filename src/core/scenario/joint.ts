// Joint products (M6, reference §4.7): one process yields several goods. The process is priced
// as one batch (its recipe, Q = the units of the recipe's own product); its batch total is
// split over the outputs by the declared basis (`splitJointProducts`, largest remainder, so the
// shares add up to the batch exactly and do not depend on the order of the outputs), and each
// output's unit price is its share ÷ its units. The split is published with every price.

import {
  type EffortPriceBreakdown,
  splitJointProducts,
  splitOverComponents,
} from '../goods/index.ts';
import type { ProductId } from '../ids.ts';
import { type Failure, ok, type Result } from '../result.ts';
import { effortMilli } from '../units.ts';
import type { JointSpec } from './types.ts';

/** How one output's price came out of its process's batch (open book). */
export interface JointLine {
  readonly processProductId: string;
  readonly basis: JointSpec['basis'];
  /** The split weight: the declared share in ppm, or the units made (outputShare). */
  readonly weight: number;
  /** The whole process's breakdown, before the split. */
  readonly process: EffortPriceBreakdown;
}

/** A breakdown that came out of a joint split, with the split that made it. */
export interface JointOutputPrice {
  readonly breakdown: EffortPriceBreakdown;
  readonly joint: JointLine;
}

/**
 * Each output's share of the process batch as a breakdown of its own: the batch components
 * are the share split over the process's components (largest remainder), the lines stay with
 * the whole process; `unitsOf` gives each output's units (≥ 1). In id order.
 */
export function splitJointBatch(
  jointProcess: EffortPriceBreakdown,
  spec: JointSpec,
  unitsOf: (productId: string) => number,
): Result<JointOutputPrice[], Failure> {
  const outputs = spec.outputs.map((o) => ({
    productId: o.productId as ProductId,
    units: unitsOf(o.productId),
    splitWeight: spec.basis === 'outputShare' ? unitsOf(o.productId) : (o.sharePpm ?? 0),
  }));
  const parts = splitJointProducts(jointProcess, outputs);
  if (!parts.ok) return parts;
  const weightOf = new Map(outputs.map((o) => [o.productId as string, o.splitWeight]));
  return ok(
    parts.value.map((part) => ({
      breakdown: {
        productId: part.productId,
        kind: jointProcess.kind,
        units: part.units,
        batch: splitOverComponents(part.batchShareEffortMilli, jointProcess.batch),
        batchTotalEffortMilli: effortMilli(part.batchShareEffortMilli),
        meansOfProductionLines: [],
        inputLines: [],
        resourceLines: [],
        unitPriceEffortMilli: part.unitPriceEffortMilli,
        perUnit: part.perUnit,
      },
      joint: {
        processProductId: jointProcess.productId,
        basis: spec.basis,
        weight: weightOf.get(part.productId)!,
        process: jointProcess,
      },
    })),
  );
}
