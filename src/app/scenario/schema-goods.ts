// The scenario file format (schema.ts): natural resources, products with their recipes and
// allocation models, shared durable goods and dwellings.

import { z } from 'zod';
import { count, EFFORT_MAX, id, list, positive } from './schema-fields.ts';

export const resource = z.strictObject({
  id,
  kind: z.enum(['land', 'water', 'mineral', 'forest', 'other']).default('other'),
  stewardAssociationId: id,
  pooledBy: z.array(id).min(1).max(1000),
  sustainableYieldUnitsPerPeriod: count(1_000_000_000).nullable().default(null),
  extractionProjectId: id,
  extractionEffortMilliPerUnit: count(EFFORT_MAX),
  basicNeedsQuotaUnits: count(1_000_000_000).default(0),
  depletion: z
    .strictObject({
      reserveUnits: count(1_000_000_000_000),
      schedule: z
        .array(
          z.strictObject({
            fromPeriod: positive(1000),
            unitsPerPeriod: count(1_000_000_000),
          }),
        )
        .min(1)
        .max(1000),
    })
    .nullable()
    .default(null),
  lease: z
    .strictObject({
      termPeriods: positive(1000).default(36),
      termEnd: z.enum(['reauction', 'renew']).default('reauction'),
    })
    .nullable()
    .default(null),
});

export const recipe = z.strictObject({
  unitsPerPeriod: positive(1_000_000_000),
  labour: list(z.strictObject({ templateId: id, effortMilliPerUnit: count(EFFORT_MAX) })),
  overhead: list(z.strictObject({ templateId: id, effortMilliPerPeriod: count(EFFORT_MAX) })),
  inputs: list(z.strictObject({ productId: id, quantityPerUnit: positive(1_000_000) })),
  resources: list(z.strictObject({ resourceId: id, quantityPerUnit: positive(1_000_000) })),
  meansOfProduction: list(
    z.strictObject({
      id,
      buildEffortMilli: count(EFFORT_MAX),
      lifePeriods: positive(100_000),
      maintenanceEffortMilliPerPeriod: count(EFFORT_MAX).default(0),
      useSharePpm: count(1_000_000).default(1_000_000),
    }),
  ),
  reestimate: z
    .strictObject({ windowPeriods: positive(1000) })
    .nullable()
    .default(null),
  joint: z
    .strictObject({
      basis: z.enum(['effortShare', 'outputShare']).default('effortShare'),
      outputs: z
        .array(
          z.strictObject({
            productId: id,
            sharePpm: positive(1_000_000).nullable().default(null),
          }),
        )
        .min(2)
        .max(100),
    })
    .superRefine((x, context) => {
      // Declared effort shares must add up exactly; an output split needs no shares.
      if (x.basis === 'outputShare') {
        const given = x.outputs.findIndex((o) => o.sharePpm !== null);
        if (given >= 0) {
          context.addIssue({
            code: 'custom',
            path: ['outputs', given, 'sharePpm'],
            message: 'leave it out: basis outputShare splits by the units made',
          });
        }
        return;
      }
      const missing = x.outputs.findIndex((o) => o.sharePpm === null);
      if (missing >= 0) {
        context.addIssue({
          code: 'custom',
          path: ['outputs', missing, 'sharePpm'],
          message: 'is required for basis effortShare',
        });
        return;
      }
      const total = x.outputs.reduce((t, o) => t + (o.sharePpm ?? 0), 0);
      if (total !== 1_000_000) {
        context.addIssue({
          code: 'custom',
          path: ['outputs'],
          message: `the shares must add up to 1000000 ppm, not ${total}`,
        });
      }
    })
    .nullable()
    .default(null),
});

export const product = z
  .strictObject({
    id,
    projectId: id,
    // Required unless the product has a recipe, which computes it (checked below).
    unitPriceEffortMilli: count(EFFORT_MAX).optional(),
    scarcityRule: z.enum(['auction', 'lottery', 'fcfs']).default('auction'),
    basicNeedsQuotaUnits: count(1_000_000).default(0),
    planningAlphaPpm: count(10_000_000).default(900_000),
    safetyStockUnits: count(1_000_000_000).default(0),
    recipe: recipe.nullable().default(null),
    allocation: z.enum(['effortBased', 'flatAllocation', 'byDuration']).default('effortBased'),
    minutesPerPeriod: positive(1_000_000).default(43_200),
    jointOf: z
      .strictObject({ productId: id, unitsPerPeriod: positive(1_000_000_000) })
      .nullable()
      .default(null),
    kind: z.enum(['good', 'service']).default('good'),
  })
  .superRefine((x, context) => {
    if (x.jointOf !== null) {
      // Priced by the split of the process it comes out of (checked against it in the run).
      const clash =
        (x.unitPriceEffortMilli ?? 0) !== 0
          ? { path: 'unitPriceEffortMilli', message: 'leave it out: the joint split prices it' }
          : x.recipe !== null
            ? { path: 'recipe', message: 'leave it out: the process of jointOf makes it' }
            : x.allocation !== 'effortBased'
              ? { path: 'jointOf', message: 'only for allocation effortBased' }
              : null;
      if (clash !== null) {
        context.addIssue({ code: 'custom', path: [clash.path], message: clash.message });
      }
    } else if (x.recipe === null && x.unitPriceEffortMilli === undefined) {
      context.addIssue({ code: 'custom', path: ['unitPriceEffortMilli'], message: 'is required' });
    } else if (x.recipe !== null && (x.unitPriceEffortMilli ?? 0) !== 0) {
      // 0 is the stand-in the parsed form carries (below), so a parsed scenario parses again.
      context.addIssue({
        code: 'custom',
        path: ['unitPriceEffortMilli'],
        message: 'leave it out: the recipe computes the price',
      });
    } else if (x.recipe !== null && x.allocation !== 'effortBased') {
      context.addIssue({
        code: 'custom',
        path: ['recipe'],
        message: 'only for allocation effortBased',
      });
    }
  })
  // A recipe's price is computed by the run (computeEffortPrice); 0 stands in until then.
  .transform(({ unitPriceEffortMilli, ...rest }) => ({
    ...rest,
    unitPriceEffortMilli: unitPriceEffortMilli ?? 0,
  }));

export const durableGood = z.strictObject({
  id,
  stewardAssociationId: id,
  idleLimitPeriods: count(1000).default(12),
  noticePeriods: count(1000).default(1),
  terms: z
    .strictObject({
      returnOnDemand: z.boolean().default(true),
      transferable: z.enum(['no', 'withinRegion', 'yes']).default('no'),
      onSite: z.boolean().default(false),
      repairDuty: z.boolean().default(false),
      permanent: z.boolean().default(false),
      transitive: z.boolean().default(false),
    })
    .prefault({}),
});

export const housingUnit = z.strictObject({
  id,
  projectId: id,
  buildEffortMilli: count(EFFORT_MAX),
  lifePeriods: positive(100_000),
  expectedMaintenanceEffortMilli: count(EFFORT_MAX).default(0),
  expectedOccupancyPpm: positive(1_000_000).default(950_000),
  reestimateEveryPeriods: positive(1000).default(12),
  stewardAssociationId: id.nullable().default(null),
});
