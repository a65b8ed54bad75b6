// The API's operations as the fuzzer sees them, read from docs/openapi.json: method, path
// template, path/query parameters and the JSON body schema (references resolved), and a
// well-formed value for a schema, drawn with a seeded PRNG and filled, where a field's name says
// what it is, with the ids of the security fixture (pools p and q, their persons, projects …).
import { readFileSync } from 'node:fs';
import type { Prng } from './prng.ts';

export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly allOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly $ref?: string;
  readonly default?: unknown;
}

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly schema: JsonSchema;
}

export interface Operation {
  readonly method: string;
  /** The path under /api/v1 with {placeholders}. */
  readonly template: string;
  readonly parameters: readonly Parameter[];
  readonly body: JsonSchema | null;
}

/** The operations of the OpenAPI document, in document order. */
export function loadOperations(path = 'docs/openapi.json'): Operation[] {
  const document = JSON.parse(readFileSync(path, 'utf8')) as {
    paths: Record<string, Record<string, OperationObject>>;
    components: { schemas: Record<string, JsonSchema> };
  };
  const resolve = (schema: JsonSchema): JsonSchema => {
    if (schema.$ref !== undefined) {
      return resolve(document.components.schemas[schema.$ref.split('/').at(-1)!]!);
    }
    const out: Record<string, unknown> = { ...schema };
    if (schema.properties !== undefined) {
      out.properties = Object.fromEntries(
        Object.entries(schema.properties).map(([name, value]) => [name, resolve(value)]),
      );
    }
    if (schema.items !== undefined) out.items = resolve(schema.items);
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      if (schema[key] !== undefined) out[key] = schema[key]!.map(resolve);
    }
    return out as JsonSchema;
  };
  return Object.entries(document.paths).flatMap(([template, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      template,
      parameters: (operation.parameters ?? []).map((p) => ({ ...p, schema: resolve(p.schema) })),
      body:
        operation.requestBody?.content['application/json']?.schema === undefined
          ? null
          : resolve(operation.requestBody.content['application/json'].schema),
    })),
  );
}

interface OperationObject {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

/** Ids the fixture knows, by the field name that carries them (the last ones exist nowhere). */
export const KNOWN_IDS: Readonly<Record<string, readonly string[]>> = {
  poolId: ['p', 'p', 'p', 'q', 'nowhere'],
  personId: ['ada', 'bo', 'cy', 'dan', 'eve', 'fay', 'quinn', 'nobody'],
  confirmedBy: ['bo', 'cy', 'ada', 'fay', 'quinn', 'nobody'],
  instanceId: ['loaves', 'fix', 'nothing'],
  productId: ['rye', 'wheel', 'nothing'],
  projectId: ['bakery', 'bikes', 'nothing'],
  associationId: ['north', 'south', 'nowhere'],
  resourceId: ['garden', 'nothing'],
  templateId: ['loaves', 'fix'],
  login: ['member', 'maintainer', 'coordinator', 'fay', 'quinn', 'nobody'],
  subject: ['ada', 'north', 'south', ''],
  kind: ['bids', 'work', 'tasks', 'requests', 'residencies', 'persons', 'projects', 'production'],
};

/** Where a string's value comes from when its name does not say: generic short text. */
const TEXT = ['x', 'loaves', 'a b', 'p', 'Zoë', '1'];

export interface ValueContext {
  readonly prng: Prng;
  /** Account ids and sequence numbers of the fixture. */
  readonly accountIds: readonly string[];
  readonly seqs: readonly number[];
}

const typesOf = (schema: JsonSchema): string[] =>
  schema.type === undefined
    ? []
    : Array.isArray(schema.type)
      ? [...schema.type]
      : [schema.type as string];

/** A value that the schema accepts (null only sometimes, where allowed). */
export function validValue(schema: JsonSchema, context: ValueContext, name = ''): unknown {
  const { prng } = context;
  if (schema.allOf !== undefined) {
    return Object.assign({}, ...schema.allOf.map((part) => validValue(part, context, name)));
  }
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices !== undefined) return validValue(prng.pick(choices), context, name);
  if (schema.enum !== undefined) return prng.pick(schema.enum);
  const types = typesOf(schema);
  if (types.includes('null') && prng.chance(0.15)) return null;
  const type = types.find((t) => t !== 'null') ?? 'object';
  switch (type) {
    case 'string':
      return stringFor(name, schema, context);
    case 'integer':
    case 'number': {
      if (name === 'seq' || name === 'seqs') return prng.pick(context.seqs);
      if (name === 'period' || /Period/.test(name)) return prng.pick([1, 1, 1, 2]);
      const low = schema.minimum ?? 0;
      const high = Math.min(schema.maximum ?? low + 2000, low + 2000);
      return low + prng.int(high - low + 1);
    }
    case 'boolean':
      return prng.chance(0.5);
    case 'array': {
      const count = Math.max(schema.minItems ?? 0, 1 + prng.int(2));
      return Array.from({ length: count }, () => validValue(schema.items ?? {}, context, name));
    }
    default:
      return objectFor(name, schema, context);
  }
}

function stringFor(name: string, schema: JsonSchema, context: ValueContext): string {
  const { prng } = context;
  if (name === 'accountId') return prng.pick([...context.accountIds, 'acc_unknown']);
  if (name === 'password') return prng.pick(['correct horse battery', 'a much longer password']);
  if (name === 'token') return prng.pick(['pcl_unknown', `pcf_${'x'.repeat(43)}`]);
  if (name === 'tokenId') return 'tok_unknown';
  const known = KNOWN_IDS[name];
  if (known !== undefined) return prng.pick(known);
  if (name === 'id' || name === 'name') return `fz-${prng.int(1_000_000)}`;
  const text = prng.pick(TEXT);
  return text.length >= (schema.minLength ?? 0) ? text : text.padEnd(schema.minLength ?? 0, 'x');
}

function objectFor(name: string, schema: JsonSchema, context: ValueContext): unknown {
  const { prng } = context;
  if (schema.properties === undefined) return recordFor(name, context);
  const required = new Set(schema.required ?? []);
  const out: Record<string, unknown> = {};
  for (const [field, fieldSchema] of Object.entries(schema.properties)) {
    if (required.has(field) || prng.chance(0.5))
      out[field] = validValue(fieldSchema, context, field);
  }
  return out;
}

/** A scenario record (the free-form `record` of an input, `settings` of a pool): a few fields
 *  of the scenario format with the fixture's ids. */
function recordFor(name: string, context: ValueContext): Record<string, unknown> {
  const { prng } = context;
  if (name === 'settings')
    return { name: `fz-${prng.int(1000)}`, pool: { id: `fz-${prng.int(1000)}` } };
  const fields: Record<string, () => unknown> = {
    id: () => `fz-${prng.int(1_000_000)}`,
    personId: () => prng.pick(KNOWN_IDS.personId!),
    instanceId: () => prng.pick(KNOWN_IDS.instanceId!),
    projectId: () => prng.pick(KNOWN_IDS.projectId!),
    productId: () => prng.pick(KNOWN_IDS.productId!),
    associationId: () => prng.pick(KNOWN_IDS.associationId!),
    templateId: () => prng.pick(KNOWN_IDS.templateId!),
    weightMilli: () => 1 + prng.int(3000),
    minutes: () => prng.int(600),
    units: () => 1 + prng.int(5),
    slots: () => 1 + prng.int(3),
    minutesPerSlot: () => 30 + prng.int(90),
    confirmedBy: () => prng.pick([null, ...KNOWN_IDS.confirmedBy!]),
    maintainers: () => [prng.pick(KNOWN_IDS.personId!)],
    residence: () => prng.pick(KNOWN_IDS.associationId!),
  };
  const out: Record<string, unknown> = {};
  for (const [field, make] of Object.entries(fields)) if (prng.chance(0.45)) out[field] = make();
  return out;
}
