// One fuzzed request: a well-formed request of an operation (operations.ts), then at most one
// mutation of a named kind: wrong types, missing and extra fields, edge numbers, long strings,
// odd unicode, other ids, odd path parameters and queries, wrong content types, broken JSON,
// oversized bodies, bad credentials, wrong methods and bad idempotency keys.
import { KNOWN_IDS, type Operation, type ValueContext, validValue } from './operations.ts';

export const MUTATIONS = [
  'valid',
  'wrong-type',
  'missing-field',
  'extra-field',
  'number-edge',
  'long-string',
  'unicode',
  'other-ids',
  'path-param',
  'query',
  'content-type',
  'broken-json',
  'oversized',
  'bad-credential',
  'wrong-method',
  'idempotency-key',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

export interface FuzzRequest {
  /** "METHOD /template" of the operation it was made from. */
  readonly route: string;
  readonly mutation: Mutation;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  /** Whether the harness adds the actor's credential (not when the mutation brings its own). */
  readonly withCredential: boolean;
}

/** A raw JSON token put where a value stood (JSON.stringify cannot write them). */
const RAW = (token: string) => `\u0000raw:${token}\u0000`;
const EDGE_NUMBERS: readonly unknown[] = [
  1e308,
  -1,
  -(2 ** 53),
  2 ** 53 + 1,
  0.5,
  -0.0001,
  0,
  1e21,
  '1',
  'NaN',
  'Infinity',
  '-0',
  RAW('1e400'),
  RAW('-1e400'),
  RAW('NaN'),
  RAW('Infinity'),
  RAW('1.0e+2'),
  RAW('-0'),
];
const ODD_STRINGS: readonly string[] = [
  '\u0000',
  '\ud800',
  '\udfff',
  '\u202e\u0070',
  'a\u0301',
  '\ud835\udd18',
  '\ufeffp',
  '\u200b',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '%00',
  '\uff50',
  'P',
  ' p',
  'p\n',
  '\u0024{7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  '\\',
  '"',
  '',
  ' ',
];
const ODD_PATH_VALUES: readonly string[] = [
  '..',
  '%2e%2e',
  '%00',
  '%ZZ',
  '%',
  'x'.repeat(300),
  '-1',
  '1.5',
  '1e3',
  '0x1f',
  '+1',
  '-0',
  '99999999999999999999',
  'NaN',
  'Infinity',
  '%F0%9F%98%80',
  '%20',
  '%2F',
  ';',
  'p%3Bq',
  '%C0%AE',
  '%E2%80%AE',
  '__proto__',
  'constructor',
];
const CONTENT_TYPES: readonly (string | null)[] = [
  null,
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/xml',
  'application/json, text/plain',
  'application/problem+json',
  'APPLICATION/JSON',
  'application/jsonx',
];
const BROKEN_BODIES = (valid: string): readonly string[] => [
  valid.slice(0, Math.max(1, valid.length >> 1)),
  '{',
  '',
  'null',
  '[]',
  '"text"',
  '12',
  '{"a":1,}',
  "{'a':1}",
  'NaN',
  '{"a":NaN}',
  '\ufeff{}',
  `${valid}${valid}`,
  `${valid} x`,
  '['.repeat(100_000),
  '{"a":'.repeat(50_000),
  '{"__proto__":{"admin":true}}',
  '\u0000',
  '{"inputs":[{"kind":"bids","period":1,"record":{"__proto__":{"x":1}}}]}',
];
const BAD_CREDENTIALS: readonly Record<string, string>[] = [
  { cookie: 'pc_session=' },
  { cookie: 'pc_session=garbage' },
  { cookie: `pc_session=pcs_${'A'.repeat(43)}` },
  { cookie: `pc_session=${'x'.repeat(8000)}` },
  { cookie: 'pc_session=%E2%80%AE%00' },
  { cookie: 'pc_session=a; pc_session=b' },
  { cookie: 'pc_session="quoted"' },
  { authorization: 'Bearer' },
  { authorization: 'Bearer ' },
  { authorization: `Bearer pct_${'A'.repeat(43)}` },
  { authorization: 'Bearer pct_' },
  { authorization: `Bearer ${'x'.repeat(8000)}` },
  { authorization: 'Basic YWRhOnBhc3N3b3Jk' },
  { authorization: 'bearer  a b' },
  { authorization: 'Bearer %00' },
];

/** Paths to every value inside a JSON value, with the value found there. */
function leaves(value: unknown, at: (string | number)[] = []): [(string | number)[], unknown][] {
  if (value === null || typeof value !== 'object') return at.length === 0 ? [] : [[at, value]];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  return [
    ...(at.length === 0 ? [] : [[at, value] as [(string | number)[], unknown]]),
    ...entries.flatMap(([key, item]) => leaves(item, [...at, key])),
  ];
}

function setAt(root: unknown, at: readonly (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[at.at(-1)!] = value;
}

function deleteAt(root: unknown, at: readonly (string | number)[]): void {
  let node = root as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  if (Array.isArray(node)) node.splice(Number(at.at(-1)), 1);
  else delete node[at.at(-1)!];
}

const serialize = (body: unknown) =>
  JSON.stringify(body).replace(/"\\u0000raw:([^\\]*)\\u0000"/g, '$1');

export function fuzzRequest(
  operation: Operation,
  mutation: Mutation,
  context: ValueContext,
): FuzzRequest {
  const { prng } = context;
  const route = `${operation.method} ${operation.template}`;
  const params = new Map<string, string>();
  for (const p of operation.parameters.filter((p) => p.in === 'path')) {
    params.set(p.name, encodeURIComponent(String(validValue(p.schema, context, p.name))));
  }
  let method = operation.method;
  let body: unknown = operation.body === null ? undefined : validValue(operation.body, context);
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['idempotency-key'] = `fz-${prng.int(2 ** 30)}`;
  let query = '';
  let raw: string | undefined;
  let withCredential = true;
  const spots = leaves(body);

  switch (mutation) {
    case 'valid':
      break;
    case 'wrong-type':
    case 'number-edge':
    case 'long-string':
    case 'unicode': {
      if (spots.length === 0) break;
      const [at] = prng.pick(spots);
      const replacement =
        mutation === 'wrong-type'
          ? prng.pick<unknown>([null, true, 0, -7, 'text', [], {}, [1, 'a'], { a: 1 }])
          : mutation === 'number-edge'
            ? prng.pick(EDGE_NUMBERS)
            : mutation === 'long-string'
              ? 'x'.repeat(prng.pick([129, 1001, 10_000, 200_000]))
              : prng.pick(ODD_STRINGS);
      setAt(body, at, replacement);
      break;
    }
    case 'missing-field':
      if (spots.length > 0) deleteAt(body, prng.pick(spots)[0]);
      else if (body !== undefined) body = {};
      break;
    case 'extra-field': {
      const objects = [['', body] as const, ...spots.map(([at, v]) => [at, v] as const)].filter(
        ([, v]) => v !== null && typeof v === 'object' && !Array.isArray(v),
      );
      if (objects.length > 0) {
        const [, target] = prng.pick(objects);
        const name = prng.pick([
          'extra',
          '__proto__',
          'constructor',
          'accountId',
          'role',
          'admin',
          'poolId',
        ]);
        Object.defineProperty(target, name, {
          value: prng.pick<unknown>(['coordinator', true, { role: 'coordinator' }, 'q', 1]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else if (method === 'GET') query = '?extra=1';
      break;
    }
    case 'other-ids': {
      for (const name of params.keys()) {
        const known = KNOWN_IDS[name];
        if (known !== undefined) params.set(name, prng.pick(known));
        if (name === 'seq')
          params.set(name, String(prng.pick(context.seqs) + prng.pick([0, 1, 100])));
      }
      for (const [at, value] of spots) {
        const name = String(at.at(-1));
        if (typeof value === 'string' && KNOWN_IDS[name] !== undefined && prng.chance(0.7)) {
          setAt(body, at, prng.pick(KNOWN_IDS[name]!));
        }
      }
      break;
    }
    case 'path-param': {
      const names = [...params.keys()];
      if (names.length > 0) params.set(prng.pick(names), prng.pick(ODD_PATH_VALUES));
      break;
    }
    case 'query':
      query = prng.pick([
        '?limit=-1',
        '?limit=0',
        '?limit=1e9',
        '?limit=abc',
        '?after=-2',
        '?after=NaN',
        '?after=1.5',
        '?limit=501',
        '?limit=1&limit=2',
        '?lang=xx',
        '?%ZZ=1',
        '?limit=%00',
        `?after=${'9'.repeat(400)}`,
        '?personId=bo',
        '?poolId=q',
      ]);
      break;
    case 'content-type': {
      const type = prng.pick(CONTENT_TYPES);
      if (type !== null) headers['content-type'] = type;
      raw = body === undefined ? prng.pick(['a=1', '<x/>', '{}']) : serialize(body);
      break;
    }
    case 'broken-json':
      raw = prng.pick(BROKEN_BODIES(body === undefined ? '{}' : serialize(body)));
      break;
    case 'oversized':
      raw = JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + prng.int(1000)) });
      break;
    case 'bad-credential':
      Object.assign(headers, prng.pick(BAD_CREDENTIALS));
      withCredential = false;
      break;
    case 'wrong-method':
      method = prng.pick(
        ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].filter((m) => m !== method),
      );
      break;
    case 'idempotency-key': {
      const key = prng.pick([null, '', 'k'.repeat(101), 'fixed-key', ' ', 'ä']);
      if (key === null) delete headers['idempotency-key'];
      else headers['idempotency-key'] = key === 'ä' ? '\u00e4' : key;
      break;
    }
  }

  let path = `/api/v1${operation.template}`;
  for (const [name, value] of params) path = path.replace(`{${name}}`, value);
  const text = raw ?? (body === undefined ? undefined : serialize(body));
  if (text !== undefined && mutation !== 'content-type' && headers['content-type'] === undefined) {
    headers['content-type'] = 'application/json';
  }
  return { route, mutation, method, path: `${path}${query}`, headers, body: text, withCredential };
}
