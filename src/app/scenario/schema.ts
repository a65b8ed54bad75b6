// The scenario file format (YAML or JSON) as a zod schema. It parses into the plain types of
// src/core/scenario/types.ts (the core never sees zod), fills in the defaults of reference
// §9.1, and is the source of docs/scenario.schema.json (`peerconomy scenario-schema`).
// Limits keep a file from asking for more than a run can hold (TigerBeetle style).

import { z } from 'zod';
import type { MarketSpec, Scenario } from '../../core/scenario/index.ts';
import { applyPoolChange } from '../../core/scenario/settings.ts';
import { isTaskStart, isTimeZone } from './date-time.ts';

const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;
const id = z.string().regex(ID_PATTERN, { error: 'must be an id: 1–128 of A-Z a-z 0-9 _ . : -' });
const count = (max: number) => z.int().min(0).max(max);
const positive = (max: number) => z.int().min(1).max(max);
const WEIGHT_MAX = 1_000_000;
const EFFORT_MAX = 1_000_000_000_000;
/** The most entries a list of the file takes (a period's bids …). */
export const LIST_MAX = 100_000;
const list = <T extends z.ZodType>(item: T) => z.array(item).max(LIST_MAX).default([]);

const market = z.strictObject({
  minWeightMilli: positive(WEIGHT_MAX).default(100),
  capWeightMilli: positive(WEIGHT_MAX).default(5000),
  escalationStepPpm: positive(10_000_000).default(250_000),
  escalationWindowMinutes: positive(10_080).default(720),
  minNoticeMinutes: count(10_080).default(720),
  clearingRule: z.enum(['lowest', 'highest']).default('lowest'),
  rotationWindowPeriods: count(1000).default(4),
});

const pool = z.strictObject({
  id,
  weighting: z.enum(['auction', 'flat']).default('auction'),
  priceFactorMode: z.enum(['proportional', 'perHead']).default('proportional'),
  allowanceEffortMilli: count(EFFORT_MAX).default(40_000),
  carryOverCapEffortMilli: count(EFFORT_MAX).default(200_000),
  donateTo: z.enum(['redistribution', 'pool']).default('pool'),
  market: market.prefault({}),
  forgiveAfterPeriods: positive(1000).default(12),
});

/** A field that a settings change may not give, with the reason (decision 0018). */
const fixed = (reason: string) => z.never({ error: reason }).optional();

// A change of the pool's settings from a period on: every field of `pool` but its id, none
// required and without defaults (a field left out keeps the value in force).
const poolChange = z.strictObject({
  id: fixed("is not a setting: the pool's accounts are named by it"),
  weighting: pool.shape.weighting.unwrap().optional(),
  priceFactorMode: pool.shape.priceFactorMode.unwrap().optional(),
  allowanceEffortMilli: count(EFFORT_MAX).optional(),
  carryOverCapEffortMilli: count(EFFORT_MAX).optional(),
  donateTo: pool.shape.donateTo.unwrap().optional(),
  market: z
    .strictObject({
      minWeightMilli: positive(WEIGHT_MAX).optional(),
      capWeightMilli: positive(WEIGHT_MAX).optional(),
      escalationStepPpm: positive(10_000_000).optional(),
      escalationWindowMinutes: positive(10_080).optional(),
      minNoticeMinutes: count(10_080).optional(),
      clearingRule: z.enum(['lowest', 'highest']).optional(),
      rotationWindowPeriods: count(1000).optional(),
    })
    .optional(),
  forgiveAfterPeriods: positive(1000).optional(),
});

const category = z.enum(['child', 'elderly', 'sick', 'other']);
const allowances = z
  .array(z.strictObject({ category, allowanceEffortMilli: count(EFFORT_MAX) }))
  .max(4);

// A change of one association's settings from a period on: the settings that may change
// mid-run, none required (decision 0018). Its place in the tree is not a setting.
const associationChange = z.strictObject({
  id,
  parentId: fixed('is not a setting: the tree of associations is fixed for the run'),
  level: fixed('is not a setting: the tree of associations is fixed for the run'),
  allowances: allowances.optional(),
  basicNeedsInArrears: z.boolean().optional(),
  dwellingIdleLimitPeriods: positive(1000).optional(),
  dwellingNoticePeriods: count(1000).optional(),
});

const settingsChange = z.strictObject({
  pool: poolChange.optional(),
  associations: z.array(associationChange).min(1).max(LIST_MAX).optional(),
  name: fixed('is fixed for the whole run'),
  seed: fixed('is fixed for the whole run: every lottery derives its seed from it'),
  periods: fixed("is not a setting: the number of periods is the file's"),
});

const capacityMilli = z.int().min(1).max(1000);
const dependent = z.strictObject({
  category,
  allowanceEffortMilli: count(EFFORT_MAX).nullable().default(null),
});

const person = z.strictObject({
  id,
  capacitySlots: count(1000).default(1),
  contributing: z.boolean().default(true),
  residence: id.nullable().default(null),
  capacityMilli: capacityMilli.default(1000),
  dependent: dependent.nullable().default(null),
  memberFromPeriod: positive(1000).default(1),
  memberUntilPeriod: positive(1000).nullable().default(null),
});

const association = z.strictObject({
  id,
  parentId: id.nullable().default(null),
  level: z.string().min(1).max(64).default('neighbourhood'),
  allowances: allowances.default([]),
  basicNeedsInArrears: z.boolean().default(false),
  dwellingIdleLimitPeriods: positive(1000).default(12),
  dwellingNoticePeriods: count(1000).default(1),
});

const project = z.strictObject({
  id,
  maintainers: z.array(id).max(1000).default([]),
  namedConfirmers: z.array(id).max(1000).default([]),
  seat: id.nullable().default(null),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: 'must be a currency code: three capital letters' })
    .nullable()
    .default(null),
});

const resource = z.strictObject({
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

const recipe = z.strictObject({
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

const product = z
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

const task = z.strictObject({
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

const bid = z.strictObject({
  personId: id,
  instanceId: id,
  weightMilli: positive(WEIGHT_MAX),
  round: count(100).default(0),
});
/** One bid's record, for the open period's check by id (open-period-index.ts). */
export const bidSchema = bid;

const work = z.strictObject({
  id,
  personId: id,
  instanceId: id,
  minutes: count(10_080),
  unitsDone: count(1_000_000).nullable().default(null),
  confirmedBy: id.nullable().default(null),
});

/** One work record, for the open period's check by id (open-period-index.ts). */
export const workSchema = work;

const resourceClaim = z.strictObject({
  resourceId: id,
  personId: id.nullable().default(null),
  projectId: id.nullable().default(null),
  units: positive(1_000_000_000),
  premiumPerUnitEffortMilli: count(EFFORT_MAX).default(0),
  basicNeeds: z.boolean().default(false),
});

const period = z.strictObject({
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

const durableGood = z.strictObject({
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

const housingUnit = z.strictObject({
  id,
  projectId: id,
  buildEffortMilli: count(EFFORT_MAX),
  lifePeriods: positive(100_000),
  expectedMaintenanceEffortMilli: count(EFFORT_MAX).default(0),
  expectedOccupancyPpm: positive(1_000_000).default(950_000),
  reestimateEveryPeriods: positive(1000).default(12),
  stewardAssociationId: id.nullable().default(null),
});

export const scenarioSchema = z
  .strictObject({
    name: z.string().min(1).max(200),
    seed: z.int().min(0).max(0xffffffff).default(1),
    timeZone: z
      .string()
      .refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin' })
      .optional(),
    pool,
    persons: z.array(person).min(1).max(LIST_MAX),
    projects: z.array(project).max(LIST_MAX).default([]),
    products: z.array(product).max(LIST_MAX).default([]),
    associations: z.array(association).max(LIST_MAX).default([]),
    housingUnits: z.array(housingUnit).max(LIST_MAX).default([]),
    resources: z.array(resource).max(LIST_MAX).default([]),
    durableGoods: z.array(durableGood).max(LIST_MAX).default([]),
    subscriptions: z
      .array(
        z.strictObject({
          id,
          personId: id,
          productId: id,
          unitsPerPeriod: positive(1_000_000_000),
          fromPeriod: positive(1000).default(1),
          untilPeriod: positive(1000).nullable().default(null),
          basicNeeds: z.boolean().default(false),
        }),
      )
      .max(LIST_MAX)
      .default([]),
    periods: z.array(period).min(1).max(1000),
    // A federated pool is a scenario of the same format (checked: with no federation itself).
    federation: z
      .array(z.lazy((): z.ZodType<Scenario> => scenarioSchema))
      .max(16)
      .default([]),
  })
  .superRefine((s, context) => {
    // A bid outside the pool's weight range is refused here, where the path can be named.
    const inForce = marketsInForce(s as unknown as Scenario, context);
    for (const [i, x] of s.persons.entries()) {
      if (x.memberUntilPeriod !== null && x.memberUntilPeriod < x.memberFromPeriod) {
        context.addIssue({
          code: 'custom',
          path: ['persons', i, 'memberUntilPeriod'],
          message: `must be ≥ memberFromPeriod (${x.memberFromPeriod})`,
        });
      }
    }
    for (const [i, sub] of s.subscriptions.entries()) {
      if (sub.untilPeriod !== null && sub.untilPeriod < sub.fromPeriod) {
        context.addIssue({
          code: 'custom',
          path: ['subscriptions', i, 'untilPeriod'],
          message: `must be ≥ fromPeriod (${sub.fromPeriod})`,
        });
      }
    }
    for (const [p, period] of s.periods.entries()) {
      for (const [c, claim] of period.resourceClaims.entries()) {
        if ((claim.personId === null) === (claim.projectId === null)) {
          context.addIssue({
            code: 'custom',
            path: ['periods', p, 'resourceClaims', c],
            message: 'name exactly one of personId and projectId',
          });
        }
      }
      // Units done belong to measurable work only, and measurable work needs them.
      const measured = new Map(period.tasks.map((t) => [t.id, t.standardMinutesPerUnit]));
      for (const [w, record] of period.work.entries()) {
        const standard = measured.get(record.instanceId);
        if (standard === undefined) continue;
        if (standard !== null && record.unitsDone === null) {
          context.addIssue({
            code: 'custom',
            path: ['periods', p, 'work', w, 'unitsDone'],
            message: 'is required: the task has a standard time per unit',
          });
        } else if (standard === null && record.unitsDone !== null) {
          context.addIssue({
            code: 'custom',
            path: ['periods', p, 'work', w, 'unitsDone'],
            message: 'only for a task with standardMinutesPerUnit',
          });
        }
      }
      const { minWeightMilli } = inForce[p]!;
      for (const [b, bid] of period.bids.entries()) {
        if (bid.weightMilli < minWeightMilli) {
          context.addIssue({
            code: 'custom',
            path: ['periods', p, 'bids', b, 'weightMilli'],
            message: `must be ≥ ${minWeightMilli}`,
          });
        }
      }
    }
  });

/**
 * The market settings in force in each period, with an issue where the cap falls below the
 * minimum: at the file's pool, or at the change that brought it there.
 */
function marketsInForce(s: Scenario, context: z.RefinementCtx): MarketSpec[] {
  const check = (market: MarketSpec, path: PropertyKey[]) => {
    if (market.capWeightMilli < market.minWeightMilli) {
      context.addIssue({
        code: 'custom',
        path: [...path, 'capWeightMilli'],
        message: `must be ≥ minWeightMilli (${market.minWeightMilli})`,
      });
    }
  };
  let pool = s.pool;
  check(pool.market, ['pool', 'market']);
  return s.periods.map((period, p) => {
    // Two changes of one period giving the same field would depend on their order.
    const setBy = new Map<string, number>();
    for (const [c, change] of period.settingsChanges.entries()) {
      const at = ['periods', p, 'settingsChanges', c];
      const once = (key: string, path: PropertyKey[]) => {
        const first = setBy.get(key);
        if (first === undefined) setBy.set(key, c);
        else {
          context.addIssue({
            code: 'custom',
            path,
            message: `is already changed in this period by settingsChanges[${first}]`,
          });
        }
      };
      const nothing = (path: PropertyKey[]) =>
        context.addIssue({
          code: 'custom',
          path,
          message: 'changes nothing: give at least one setting',
        });
      if (change.pool === undefined && change.associations === undefined) nothing(at);
      for (const [k, a] of (change.associations ?? []).entries()) {
        const fields = Object.keys(a).filter((key) => key !== 'id');
        for (const field of fields) {
          once(`associations.${a.id}.${field}`, [...at, 'associations', k, field]);
        }
        if (fields.length === 0) nothing([...at, 'associations', k]);
      }
      if (change.pool === undefined) continue;
      const { market, ...rest } = change.pool;
      const fields = [
        ...Object.keys(rest),
        ...Object.keys(market ?? {}).map((key) => `market.${key}`),
      ];
      for (const field of fields) once(field, [...at, 'pool', ...field.split('.')]);
      if (fields.length === 0) nothing([...at, 'pool']);
      pool = applyPoolChange(pool, change.pool);
      if (change.pool.market !== undefined) check(pool.market, [...at, 'pool', 'market']);
    }
    return pool.market;
  });
}

/** Parses into the core's plain type; the assignment is checked at compile time. */
export function toScenario(value: z.output<typeof scenarioSchema>): Scenario {
  return value;
}

/** `periods[2].bids[5].weightMilli` from zod's path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(file)' : out;
}

/** "an object", "a string": the indefinite article a type name needs. */
function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** A zod issue as one short line naming the path and the problem. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const at = formatPath(issue.path);
  switch (issue.code) {
    case 'too_small':
      return `${at}: ${issue.origin === 'array' ? `needs at least ${issue.minimum} entries` : issue.origin === 'string' ? 'must not be empty' : `must be ≥ ${issue.minimum}`}`;
    case 'too_big':
      return `${at}: ${issue.origin === 'array' ? `at most ${issue.maximum} entries` : `must be ≤ ${issue.maximum}`}`;
    case 'invalid_type':
      // A field a settings change may not give: the schema's reason (decision 0018).
      if (issue.expected === 'never') return `${at}: ${issue.message}`;
      return `${at}: ${/received undefined$/.test(issue.message) ? 'is required' : `must be ${issue.expected === 'int' ? 'an integer' : withArticle(issue.expected)}`}`;
    case 'unrecognized_keys':
      return `${at}: unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      return `${at}: must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${at}: ${issue.message}`;
  }
}

/** The JSON Schema of the file format, as checked in at docs/scenario.schema.json. */
export function scenarioJsonSchemaText(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'Peerconomy scenario' }, null, 2)}\n`;
}
