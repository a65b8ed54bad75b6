// The scenario file format (schema.ts): one period's inputs, from task instances, bids and work
// to takings, pre-orders, residencies and settings changes.

import { z } from 'zod';
import { isTaskStart } from './date-time.ts';
import { count, EFFORT_MAX, id, LIST_MAX, list, positive, WEIGHT_MAX } from './schema-fields.ts';
import { capacityMilli, dependent, settingsChange } from './schema-pool.ts';

export const task = z.strictObject({
  id,
  templateId: id,
  projectId: id,
  slots: positive(10_000),
  minutesPerSlot: positive(10_080),
  indicatedWeightMilli: positive(WEIGHT_MAX).nullable().default(null),
  standardMinutesPerUnit: positive(10_080).nullable().default(null),
  // Optional and without a default, so files without them parse as before.
  start: z
    .string()
    .refine(isTaskStart, {
      error: 'must be a date-time like 2026-03-07T09:00, 2026-03-07T09:00:00+01:00 or …Z',
    })
    .optional(),
  place: z.string().min(1).max(200).optional(),
});

export const bid = z.strictObject({
  personId: id,
  instanceId: id,
  weightMilli: positive(WEIGHT_MAX),
  round: count(100).default(0),
});
/** One bid's record, for the open period's check by id (open-period-index.ts). */
export const bidSchema = bid;

export const work = z.strictObject({
  id,
  personId: id,
  instanceId: id,
  minutes: count(10_080),
  unitsDone: count(1_000_000).nullable().default(null),
  confirmedBy: id.nullable().default(null),
});

/** One work record, for the open period's check by id (open-period-index.ts). */
export const workSchema = work;

export const resourceClaim = z.strictObject({
  resourceId: id,
  personId: id.nullable().default(null),
  projectId: id.nullable().default(null),
  units: positive(1_000_000_000),
  premiumPerUnitEffortMilli: count(EFFORT_MAX).default(0),
  basicNeeds: z.boolean().default(false),
});

export const period = z.strictObject({
  tasks: list(task),
  bids: list(bid),
  work: list(work),
  noShows: list(z.strictObject({ personId: id, instanceId: id, round: positive(100) })),
  production: list(z.strictObject({ productId: id, units: count(1_000_000_000) })),
  requests: list(
    z.strictObject({
      personId: id,
      productId: id,
      units: positive(1_000_000_000),
      premiumPerUnitEffortMilli: count(EFFORT_MAX).default(0),
      premiumTermPeriods: positive(1000).nullable().default(null),
      release: z.enum(['atOnce', 'onCompletion']).default('atOnce'),
      basicNeeds: z.boolean().default(false),
    }),
  ),
  writeOffs: list(z.strictObject({ productId: id, units: positive(1_000_000_000) })),
  discountSales: list(
    z.strictObject({
      productId: id,
      discountPpm: count(1_000_000),
      requests: z
        .array(z.strictObject({ personId: id, units: positive(1_000_000_000) }))
        .min(1)
        .max(LIST_MAX),
    }),
  ),
  workInProgress: list(
    z.strictObject({
      projectId: id,
      changeEffortMilli: z.int().min(-EFFORT_MAX).max(EFFORT_MAX),
    }),
  ),
  services: list(
    z.strictObject({
      id,
      associationId: id,
      projectId: id,
      effortMilli: count(EFFORT_MAX),
      basicNeeds: z.boolean().default(false),
    }),
  ),
  residencies: list(z.strictObject({ personId: id, associationId: id.nullable() })),
  capacityFactors: list(z.strictObject({ personId: id, capacityMilli })),
  dependents: list(z.strictObject({ personId: id, dependent: dependent.nullable() })),
  occupancy: list(
    z.strictObject({
      unitId: id,
      residents: z
        .array(z.strictObject({ personId: id, shareWeight: positive(1_000_000).default(1) }))
        .min(1)
        .max(1000),
      occupiedPpm: positive(1_000_000).default(1_000_000),
      maintenanceEffortMilli: count(EFFORT_MAX).default(0),
    }),
  ),
  dwellings: list(
    z.strictObject({
      unitId: id,
      action: z.enum(['release', 'reassign']),
      personIds: z.array(id).max(1000).default([]),
    }),
  ),
  resourceClaims: list(resourceClaim),
  possession: list(
    z.strictObject({
      goodId: id,
      personId: id,
      action: z.enum(['claim', 'use', 'release', 'transfer', 'demandReturn']),
      toPersonId: id.nullable().default(null),
      returnOnPeriod: positive(1000).nullable().default(null),
    }),
  ),
  preOrders: list(
    z.strictObject({
      id,
      personId: id,
      productId: id,
      units: positive(1_000_000_000),
      fulfil: z.enum(['request', 'production']).default('request'),
    }),
  ),
  preOrderCancellations: list(
    z.strictObject({
      preOrderId: id,
      spentEffortMilli: count(EFFORT_MAX).default(0),
      plannedEffortMilli: count(EFFORT_MAX).default(0),
    }),
  ),
  personalServices: list(
    z.strictObject({
      id,
      giverId: id,
      beneficiaryId: id,
      minutes: positive(10_080),
      weightMilli: positive(WEIGHT_MAX).default(1000),
      confirmedBy: id.nullable().default(null),
    }),
  ),
  flatRateBundles: list(
    z.strictObject({
      id,
      projectId: id,
      effortMilli: count(EFFORT_MAX),
      participants: z.array(id).min(1).max(LIST_MAX),
      dependentUsers: z.array(id).max(LIST_MAX).default([]),
      basicNeeds: z.boolean().default(false),
      fairUse: z
        .strictObject({
          productId: id,
          capUnits: count(1_000_000_000),
          takings: z
            .array(z.strictObject({ personId: id, units: count(1_000_000_000) }))
            .max(LIST_MAX)
            .default([]),
        })
        .nullable()
        .default(null),
    }),
  ),
  durationUses: list(z.strictObject({ productId: id, personId: id, minutes: count(1_000_000) })),
  biddingRounds: list(
    z.strictObject({
      id,
      projectId: id,
      budgetEffortMilli: count(EFFORT_MAX),
      budgetMoneyCents: count(EFFORT_MAX).default(0),
      roundLimit: positive(100).default(3),
      termPeriods: positive(1000).default(1),
      surplus: z.enum(['reserve', 'lowerGuideline']).default('reserve'),
      onFailure: z.enum(['changePlan', 'cutBudget']).default('changePlan'),
      rounds: z
        .array(
          z.strictObject({
            pledges: z
              .array(
                z.strictObject({
                  personId: id,
                  effortMilli: count(EFFORT_MAX).default(0),
                  moneyCents: count(EFFORT_MAX).default(0),
                }),
              )
              .max(LIST_MAX),
          }),
        )
        .min(1)
        .max(100),
    }),
  ),
  wishes: list(
    z.strictObject({
      personId: id,
      productId: id,
      units: positive(1_000_000_000),
      maxUnitPriceEffortMilli: count(EFFORT_MAX),
    }),
  ),
  leaseReleases: list(
    z.strictObject({
      resourceId: id,
      personId: id.nullable().default(null),
      projectId: id.nullable().default(null),
    }),
  ),
  federationTakes: list(
    z.strictObject({ poolId: id, personId: id, productId: id, units: positive(1_000_000_000) }),
  ),
  federationWork: list(
    z.strictObject({
      id,
      poolId: id,
      personId: id,
      projectId: id,
      minutes: positive(10_080),
      weightMilli: positive(WEIGHT_MAX).default(1000),
      confirmedBy: id,
    }),
  ),
  federationWriteOffs: list(
    z.strictObject({ poolId: id, sharePpm: positive(1_000_000).default(1_000_000) }),
  ),
  money: list(
    z.strictObject({
      projectId: id,
      incomeCents: count(EFFORT_MAX).default(0),
      expenseCents: count(EFFORT_MAX).default(0),
    }),
  ),
  projectDepartures: list(z.strictObject({ projectId: id })),
  personDepartures: list(z.strictObject({ personId: id })),
  meansAbandoned: list(z.strictObject({ projectId: id, meansOfProductionId: id })),
  projectForks: list(
    z.strictObject({
      id,
      projectId: id,
      maintainers: z.array(id).max(1000).default([]),
      namedConfirmers: z.array(id).max(1000).default([]),
      seat: id.nullable().default(null),
    }),
  ),
  settingsChanges: list(settingsChange),
});
