// The scenario file format (YAML or JSON) as a zod schema. It parses into the plain types of
// src/core/scenario/types.ts (the core never sees zod), fills in the defaults of reference
// §9.1, and is the source of docs/scenario.schema.json (`peerconomy scenario-schema`).
// Limits keep a file from asking for more than a run can hold (TigerBeetle style). The parts live
// beside it: schema-fields.ts (ids, counts, lists), schema-pool.ts, schema-goods.ts and
// schema-period.ts; this file puts them together and checks across them.

import { z } from 'zod';
import type { MarketSpec, Scenario } from '../../core/scenario/index.ts';
import { applyPoolChange } from '../../core/scenario/settings.ts';
import { isTimeZone } from './date-time.ts';
import { id, LIST_MAX, positive } from './schema-fields.ts';
import { durableGood, housingUnit, product, resource } from './schema-goods.ts';
import { period } from './schema-period.ts';
import { association, person, pool, project } from './schema-pool.ts';

export { LIST_MAX } from './schema-fields.ts';
export { bidSchema, workSchema } from './schema-period.ts';

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
