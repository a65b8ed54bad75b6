// The authorization matrix: every route of the server × every role, allowed or denied, written
// out here as a table and not derived from the policies under test, so a changed policy shows
// as a changed row. "Y" = allowed (any answer but 401 and 403), "-" = denied (401 for the
// public, 403 for an account without the right).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROLES, startTestServer, type TestRole, type TestServer } from './testing.ts';

// biome-ignore format: the table is read as a table
const MATRIX: readonly (readonly [route: string, roles: string])[] = [
  //                                                   public
  //                                                   |outsider
  //                                                   ||member (ada)
  //                                                   |||maintainer (bo)
  //                                                   ||||confirmer (cy)
  //                                                   |||||steward (dan)
  //                                                   ||||||auditor
  //                                                   |||||||coordinator (eve)
  ['GET /healthz',                                    'YYYYYYYY'],
  ['GET /api/openapi.json',                           'YYYYYYYY'],
  ['GET /api/docs',                                   'YYYYYYYY'],
  ['GET /api/v1/auth/me',                             '-YYYYYYY'],
  ['GET /api/v1/auth/tokens',                         '-YYYYYYY'],
  ['POST /api/v1/auth/tokens',                        '-YYYYYYY'],
  ['DELETE /api/v1/auth/tokens/{tokenId}',            '-YYYYYYY'],
  ['POST /api/v1/auth/password',                      '-YYYYYYY'],
  ['GET /api/v1/auth/sessions',                       '-YYYYYYY'],
  ['DELETE /api/v1/auth/sessions/{sessionId}',        '-YYYYYYY'],
  ['GET /api/v1/auth/events',                         '-YYYYYYY'],
  ['POST /api/v1/auth/links/redeem',                  'YYYYYYYY'],
  ['GET /api/v1/pools',                               'YYYYYYYY'],
  ['POST /api/v1/pools',                              '-YYYYYYY'],
  ['GET /api/v1/pools/{poolId}',                      '--YYYYYY'],
  ['POST /api/v1/pools/{poolId}/steps',               '-------Y'],
  ['PUT /api/v1/pools/{poolId}/visibility',           '-------Y'],
  ['POST /api/v1/pools/{poolId}/inputs (task)',       '---Y---Y'],
  ['POST /api/v1/pools/{poolId}/inputs (residency)',  '-----Y-Y'],
  ['POST /api/v1/pools/{poolId}/inputs (person)',     '-------Y'],
  ['POST /api/v1/pools/{poolId}/bids (for ada)',      '--Y----Y'],
  ['POST /api/v1/pools/{poolId}/work (for ada)',      '--Y----Y'],
  ['POST /api/v1/pools/{poolId}/inputs/{seq}/confirmation', '---YY--Y'],
  ['DELETE /api/v1/pools/{poolId}/inputs/{seq} (bid of ada)', '--Y----Y'],
  ['PUT /api/v1/pools/{poolId}/inputs/{seq} (bid of ada)', '--Y----Y'],
  ['POST /api/v1/pools/{poolId}/work/confirmations',  '---YY--Y'],
  ['POST /api/v1/pools/{poolId}/requests (for ada)',  '--Y----Y'],
  ['POST /api/v1/pools/{poolId}/scarce-goods/{productId}/premiums (for ada)', '--Y----Y'],
  ['POST /api/v1/pools/{poolId}/pre-orders (for ada)', '--Y----Y'],
  ['POST /api/v1/pools/{poolId}/pre-orders/{preOrderId}/cancellation (of ada, free)', '--YY---Y'],
  ['POST /api/v1/pools/{poolId}/subscriptions (for ada)', '--Y----Y'],
  ['POST /api/v1/pools/{poolId}/resource-claims (for ada, north garden)', '--Y--Y-Y'],
  ['POST /api/v1/pools/{poolId}/resource-claims (for the bakery)', '---Y-Y-Y'],
  ['POST /api/v1/pools/{poolId}/residencies (ada, of north)', '-----Y-Y'],
  ['POST /api/v1/pools/{poolId}/residencies (fay, of south)', '-------Y'],
  ['POST /api/v1/pools/{poolId}/dependents (ada, of north)', '-----Y-Y'],
  ['POST /api/v1/pools/{poolId}/dependents (fay, of south)', '-------Y'],
  ['POST /api/v1/pools/{poolId}/inputs (residency of fay, south)', '-------Y'],
  ['GET /api/v1/pools/{poolId}/periods/{period}/clearing', '--YYYYYY'],
  ['GET /api/v1/pools/{poolId}/periods/{period}/report',   '--YYYYYY'],
  ['GET /api/v1/pools/{poolId}/journal',              '--YYYYYY'],
  ['GET /api/v1/pools/{poolId}/projection',           '--YYYYYY'],
  ['GET /api/v1/pools/{poolId}/persons/{personId}/projection (of ada)', '--Y---YY'],
  ['GET /api/v1/pools/{poolId}/persons/{personId}/statement (of ada)', '--Y---Y-'],
  ['GET /api/v1/pools/{poolId}/verify',               'YYYYYYYY'],
  ['GET /api/v1/pools/{poolId}/exports/csv-transfers', '--YYYYYY'],
  ['GET /api/v1/pools/{poolId}/exports/csv-members',  '------Y-'],
  ['GET /api/v1/pools/{poolId}/exports/csv-statements', '------Y-'],
  ['GET /api/v1/pools/{poolId}/exports/csv-work',     '------Y-'],
  ['GET /api/v1/pools/{poolId}/exports/valueflows',   '------Y-'],
  ['GET /api/v1/pools/{poolId}/exports/hledger',      '------Y-'],
  ['POST /api/v1/pools/{poolId}/persons/{personId}/calendar-feeds (of ada)', '--Y-----'],
  ['DELETE /api/v1/pools/{poolId}/persons/{personId}/calendar-feeds (of ada)', '--Y-----'],
  ['GET /api/v1/calendar/{token}',                    'YYYYYYYY'],
  ['GET /api/v1/pools/{poolId}/roles',                '--YYYYYY'],
  ['PUT /api/v1/pools/{poolId}/roles',                '-------Y'],
  ['DELETE /api/v1/pools/{poolId}/roles',             '-------Y'],
  ['POST /api/v1/pools/{poolId}/invitations',         '-------Y'],
  ['POST /api/v1/pools/{poolId}/reset-links',         '-------Y'],
  ['GET /api/v1/pools/{poolId}/audit',                '--YYYYYY'],
  ['GET /api/v1/auth/second-factor',                  '-YYYYYYY'],
  ['POST /api/v1/auth/second-factor/enrolment',       '-YYYYYYY'],
  ['POST /api/v1/auth/second-factor/confirmation',    '-YYYYYYY'],
  ['POST /api/v1/auth/second-factor/off',             '-YYYYYYY'],
  ['POST /api/v1/auth/sign-in/second-factor',         'YYYYYYYY'],
  ['GET /api/v1/pools/{poolId}/security-events',      '------Y-'],
  ['POST /api/v1/auth/sign-in',                       'YYYYYYYY'],
  ['POST /api/v1/auth/sign-out',                      'YYYYYYYY'],
];

const PERSON: Record<TestRole, string> = {
  public: 'nobody',
  outsider: 'nobody',
  member: 'ada',
  maintainer: 'bo',
  confirmer: 'cy',
  steward: 'dan',
  auditor: 'nobody',
  coordinator: 'eve',
};

let server: TestServer;
/** Sequence numbers of the inputs the setup gives: ada's bid and ada's work record (it also
 *  places ada's pre-order po-ada, to be taken when produced). */
const seqs = { bid: -1, work: -1 };

const json = (body: unknown) => ({ body: JSON.stringify(body) });
const write = (key: string) => ({ headers: { 'idempotency-key': key } });

/** The request of a row for a role: method, path and body, well-formed, so that only
 *  authorization can refuse it with 401 or 403. */
function requestOf(route: string, role: TestRole): { path: string } & RequestInit {
  const [method, template] = route.split(' ') as [string, string];
  const path = template
    .replace('{poolId}', 'p')
    .replace('{period}', '1')
    .replace('{personId}', 'ada')
    .replace('{tokenId}', 'tok_unknown')
    .replace('{sessionId}', 'ses_unknown')
    .replace('{productId}', 'rye')
    .replace('{preOrderId}', 'po-ada')
    .replace('{token}', `pcf_${'x'.repeat(43)}`)
    .replace('{seq}', String(route.includes('confirmation') ? seqs.work : seqs.bid));
  const key = `matrix:${route}:${role}`;
  const task = {
    id: `t-${role}`,
    templateId: 't',
    projectId: 'bakery',
    slots: 1,
    minutesPerSlot: 60,
  };
  const bodies: Record<string, unknown> = {
    'POST /api/v1/auth/tokens': { name: 'matrix', scope: 'read', ttlDays: 1 },
    'POST /api/v1/auth/links/redeem': { token: 'pcl_unknown', password: 'long enough password' },
    // A wrong current password: refused as such (422), so no account's sessions end here.
    'POST /api/v1/auth/password': {
      currentPassword: 'not the password',
      newPassword: 'a new long password',
    },
    // Wrong codes (422) and an unknown pending sign-in (410): nothing is turned on or off.
    'POST /api/v1/auth/second-factor/confirmation': { code: '000000' },
    'POST /api/v1/auth/second-factor/off': { password: 'not the password', code: '000000' },
    'POST /api/v1/auth/sign-in/second-factor': { pendingToken: 'pcp_unknown', code: '000000' },
    'POST /api/v1/pools': {
      settings: { name: `pool of ${role}`, pool: { id: `pool-${role}` } },
      founding: [{ kind: 'persons', period: 0, record: { id: 'x' } }],
    },
    'POST /api/v1/pools/{poolId}/steps': { period: 1, stage: 'planning' },
    'PUT /api/v1/pools/{poolId}/visibility': { publicBooks: false },
    'POST /api/v1/pools/{poolId}/inputs (task)': {
      inputs: [{ kind: 'tasks', period: 1, record: task }],
    },
    'POST /api/v1/pools/{poolId}/inputs (residency)': {
      inputs: [
        { kind: 'residencies', period: 1, record: { personId: 'ada', associationId: 'north' } },
      ],
    },
    'POST /api/v1/pools/{poolId}/inputs (residency of fay, south)': {
      inputs: [
        { kind: 'residencies', period: 1, record: { personId: 'fay', associationId: 'south' } },
      ],
    },
    'PUT /api/v1/pools/{poolId}/inputs/{seq} (bid of ada)': {
      inputs: [
        {
          kind: 'bids',
          period: 1,
          record: { personId: 'ada', instanceId: 'loaves', weightMilli: 1300 },
        },
      ],
    },
    'POST /api/v1/pools/{poolId}/work/confirmations': {
      seqs: [seqs.work],
      confirmedBy: PERSON[role],
    },
    'POST /api/v1/pools/{poolId}/requests (for ada)': {
      personId: 'ada',
      productId: 'rye',
      units: 1,
    },
    'POST /api/v1/pools/{poolId}/scarce-goods/{productId}/premiums (for ada)': {
      personId: 'ada',
      units: 1,
      premiumPerUnitEffortMilli: 500,
    },
    'POST /api/v1/pools/{poolId}/pre-orders (for ada)': {
      id: `po-${role}`,
      personId: 'ada',
      productId: 'rye',
      units: 1,
    },
    'POST /api/v1/pools/{poolId}/pre-orders/{preOrderId}/cancellation (of ada, free)': {},
    'POST /api/v1/pools/{poolId}/subscriptions (for ada)': {
      id: `sub-${role}`,
      personId: 'ada',
      productId: 'rye',
      unitsPerPeriod: 1,
    },
    'POST /api/v1/pools/{poolId}/resource-claims (for ada, north garden)': {
      resourceId: 'garden',
      personId: 'ada',
      units: 1,
    },
    'POST /api/v1/pools/{poolId}/resource-claims (for the bakery)': {
      resourceId: 'garden',
      projectId: 'bakery',
      units: 1,
    },
    'POST /api/v1/pools/{poolId}/residencies (ada, of north)': {
      personId: 'ada',
      associationId: 'north',
    },
    'POST /api/v1/pools/{poolId}/residencies (fay, of south)': {
      personId: 'fay',
      associationId: 'south',
    },
    'POST /api/v1/pools/{poolId}/dependents (ada, of north)': {
      personId: 'ada',
      dependent: { category: 'child' },
    },
    'POST /api/v1/pools/{poolId}/dependents (fay, of south)': {
      personId: 'fay',
      dependent: null,
    },
    'POST /api/v1/pools/{poolId}/inputs (person)': {
      inputs: [{ kind: 'persons', period: 0, record: { id: `new-${role}` } }],
    },
    'POST /api/v1/pools/{poolId}/bids (for ada)': {
      personId: 'ada',
      instanceId: 'loaves',
      weightMilli: 1000,
    },
    'POST /api/v1/pools/{poolId}/work (for ada)': {
      id: `w-${role}`,
      personId: 'ada',
      instanceId: 'loaves',
      minutes: 60,
    },
    'POST /api/v1/pools/{poolId}/inputs/{seq}/confirmation': { confirmedBy: PERSON[role] },
    'PUT /api/v1/pools/{poolId}/roles': {
      accountId: server.accountIds.member,
      role: 'member',
      subject: 'ada',
    },
    'DELETE /api/v1/pools/{poolId}/roles': {
      accountId: server.accountIds.outsider,
      role: 'auditor',
      subject: '',
    },
    'POST /api/v1/pools/{poolId}/invitations': { login: `invited-${role}`, personId: 'ada' },
    'POST /api/v1/pools/{poolId}/reset-links': { accountId: resettable },
    'POST /api/v1/auth/sign-in': {
      login: role === 'public' ? 'member' : role,
      password: 'correct horse battery',
    },
  };
  const body = bodies[route];
  return {
    path,
    method,
    ...(method === 'GET' ? {} : write(key)),
    ...(body === undefined ? {} : json(body)),
  };
}

/** An account with a role in pool p only: every role's account founds a pool of its own in
 *  the matrix, and a reset link is made only for an account held in the coordinator's pools. */
let resettable = '';

before(async () => {
  server = await startTestServer({ signInLimit: { limit: 1000, windowMs: 60_000 } });
  const account = await server.deps.auth.createAccount('resettable', 'correct horse battery');
  assert.ok(account.ok);
  resettable = account.value.accountId;
  await server.deps.authStore.grantRole(resettable, {
    poolId: 'p',
    role: 'member',
    subject: 'fay',
  });
  const step = async (stage: string) => {
    const r = await server.request('/api/v1/pools/p/steps', {
      role: 'coordinator',
      method: 'POST',
      ...write(`setup:${stage}`),
      ...json({ period: 1, stage }),
    });
    assert.equal(r.status, 200, await r.text());
  };
  const give = async (role: TestRole, path: string, body: unknown) => {
    const r = await server.request(`/api/v1/pools/p/${path}`, {
      role,
      method: 'POST',
      ...write(`setup:${path}`),
      ...json(body),
    });
    const text = await r.text();
    assert.equal(r.status, 201, text);
    return (JSON.parse(text) as { firstSeq: number }).firstSeq;
  };
  await step('planning');
  const loaves = {
    id: 'loaves',
    templateId: 'loaves',
    projectId: 'bakery',
    slots: 2,
    minutesPerSlot: 60,
  };
  await give('maintainer', 'inputs', { inputs: [{ kind: 'tasks', period: 1, record: loaves }] });
  await step('bidding');
  seqs.bid = await give('member', 'bids', {
    personId: 'ada',
    instanceId: 'loaves',
    weightMilli: 1200,
  });
  await step('cleared');
  await step('running');
  seqs.work = await give('member', 'work', {
    id: 'w-ada',
    personId: 'ada',
    instanceId: 'loaves',
    minutes: 60,
  });
  await give('member', 'pre-orders', {
    id: 'po-ada',
    personId: 'ada',
    productId: 'rye',
    units: 1,
    fulfil: 'production',
  });
});
after(() => server.close());

test('the matrix names every route of the OpenAPI document', async () => {
  const document = (await (await server.request('/api/openapi.json')).json()) as {
    paths: Record<string, object>;
  };
  const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} /api/v1${path}`),
  );
  const inMatrix = new Set(MATRIX.map(([route]) => route.replace(/ \(.*\)$/, '')));
  assert.deepEqual(
    documented.filter((route) => !inMatrix.has(route)),
    [],
  );
});

test('every route × every role is allowed or denied as the table says', async () => {
  const differences: string[] = [];
  for (const [route, row] of MATRIX) {
    assert.equal(row.length, ROLES.length, route);
    for (const [index, role] of ROLES.entries()) {
      const { path, ...init } = requestOf(route, role);
      const response = await server.request(path, { ...init, role });
      const denied = response.status === 401 || response.status === 403;
      const expected = row[index] === 'Y' ? 'allow' : 'deny';
      if ((expected === 'deny') !== denied) {
        differences.push(
          `${route} as ${role}: expected ${expected}, got ${response.status} ${(await response.text()).slice(0, 160)}`,
        );
      } else if (denied) {
        const problem = (await response.json()) as { code: string };
        const code = role === 'public' ? 'auth.unauthenticated' : 'auth.forbidden';
        if (problem.code !== code)
          differences.push(`${route} as ${role}: ${problem.code}, expected ${code}`);
      }
    }
  }
  assert.deepEqual(differences, []);
});
