// The scenario file format (schema.ts): the pool and its market, settings changes from a period
// on (decision 0018), persons, dependents, associations and projects.

import { z } from 'zod';
import { count, EFFORT_MAX, id, LIST_MAX, positive, WEIGHT_MAX } from './schema-fields.ts';

export const market = z.strictObject({
  minWeightMilli: positive(WEIGHT_MAX).default(100),
  capWeightMilli: positive(WEIGHT_MAX).default(5000),
  escalationStepPpm: positive(10_000_000).default(250_000),
  escalationWindowMinutes: positive(10_080).default(720),
  minNoticeMinutes: count(10_080).default(720),
  clearingRule: z.enum(['lowest', 'highest']).default('lowest'),
  rotationWindowPeriods: count(1000).default(4),
});

export const pool = z.strictObject({
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
export const fixed = (reason: string) => z.never({ error: reason }).optional();

// A change of the pool's settings from a period on: every field of `pool` but its id, none
// required and without defaults (a field left out keeps the value in force).
export const poolChange = z.strictObject({
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

export const category = z.enum(['child', 'elderly', 'sick', 'other']);
export const allowances = z
  .array(z.strictObject({ category, allowanceEffortMilli: count(EFFORT_MAX) }))
  .max(4);

// A change of one association's settings from a period on: the settings that may change
// mid-run, none required (decision 0018). Its place in the tree is not a setting.
export const associationChange = z.strictObject({
  id,
  parentId: fixed('is not a setting: the tree of associations is fixed for the run'),
  level: fixed('is not a setting: the tree of associations is fixed for the run'),
  allowances: allowances.optional(),
  basicNeedsInArrears: z.boolean().optional(),
  dwellingIdleLimitPeriods: positive(1000).optional(),
  dwellingNoticePeriods: count(1000).optional(),
});

export const settingsChange = z.strictObject({
  pool: poolChange.optional(),
  associations: z.array(associationChange).min(1).max(LIST_MAX).optional(),
  name: fixed('is fixed for the whole run'),
  seed: fixed('is fixed for the whole run: every lottery derives its seed from it'),
  periods: fixed("is not a setting: the number of periods is the file's"),
});

export const capacityMilli = z.int().min(1).max(1000);
export const dependent = z.strictObject({
  category,
  allowanceEffortMilli: count(EFFORT_MAX).nullable().default(null),
});

export const person = z.strictObject({
  id,
  capacitySlots: count(1000).default(1),
  contributing: z.boolean().default(true),
  residence: id.nullable().default(null),
  capacityMilli: capacityMilli.default(1000),
  dependent: dependent.nullable().default(null),
  memberFromPeriod: positive(1000).default(1),
  memberUntilPeriod: positive(1000).nullable().default(null),
});

export const association = z.strictObject({
  id,
  parentId: id.nullable().default(null),
  level: z.string().min(1).max(64).default('neighbourhood'),
  allowances: allowances.default([]),
  basicNeedsInArrears: z.boolean().default(false),
  dwellingIdleLimitPeriods: positive(1000).default(12),
  dwellingNoticePeriods: count(1000).default(1),
});

export const project = z.strictObject({
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
