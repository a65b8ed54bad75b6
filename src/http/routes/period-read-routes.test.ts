// Proves the open period's projection over HTTP: the pool's and one person's, each the economy
// service's own answer, read by whom the policies name, refused with stable codes as problem+json
// matching the OpenAPI document, and with an ETag that changes exactly when an input arrives.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { refused, testClient } from '../test-client.ts';
import { startTestServer, type TestServer } from '../testing.ts';

let server: TestServer;
let client: Awaited<ReturnType<typeof testClient>>;
const P = { poolId: 'p' };
const ADA = { ...P, personId: 'ada' };

before(async () => {
  server = await startTestServer();
  client = await testClient(server);
});
after(() => server.close());

const step = async (stage: string) => {
  const answer = await client.call('coordinator', 'POST', '/pools/{poolId}/steps', {
    params: P,
    body: { period: 1, stage },
  });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
};
const bid = async (role: 'member' | 'coordinator', personId: string, weightMilli: number) => {
  const answer = await client.call(role, 'POST', '/pools/{poolId}/bids', {
    params: P,
    body: { personId, instanceId: 'loaves', weightMilli },
  });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
};

test('no projection before a period is open', async () => {
  refused(
    await client.call('member', 'GET', '/pools/{poolId}/projection', { params: P }),
    409,
    'economy.no_open_period',
  );
});

test("the pool's and a person's projection while bidding: the service's answer", async () => {
  await step('planning');
  const loaves = { id: 'loaves', templateId: 'loaves', projectId: 'bakery', slots: 1 };
  const tasks = await client.call('maintainer', 'POST', '/pools/{poolId}/inputs', {
    params: P,
    body: { inputs: [{ kind: 'tasks', period: 1, record: { ...loaves, minutesPerSlot: 60 } }] },
  });
  assert.equal(tasks.status, 201);
  await step('bidding');
  await bid('member', 'ada', 1200);
  await bid('coordinator', 'dan', 1500);

  const pool = await client.call('member', 'GET', '/pools/{poolId}/projection', { params: P });
  assert.equal(pool.status, 200);
  const expected = await server.deps.economy.projection('p');
  assert.ok(expected.ok);
  assert.deepEqual(pool.body, JSON.parse(JSON.stringify(expected.value)));
  assert.equal(pool.body.stage, 'bidding');
  assert.equal('person' in pool.body, false);
  // One slot, two bids: the lower bid takes it, as the clearing would if bidding closed now.
  const [task] = pool.body.clearing.tasks;
  assert.deepEqual(
    [task.instanceId, task.winners.map((w: { personId: string }) => w.personId)],
    ['loaves', ['ada']],
  );

  for (const role of ['member', 'coordinator', 'auditor'] as const) {
    const mine = await client.call(role, 'GET', '/pools/{poolId}/persons/{personId}/projection', {
      params: ADA,
    });
    assert.equal(mine.status, 200, `${role}: ${JSON.stringify(mine.body)}`);
    assert.equal(mine.body.person.personId, 'ada');
    assert.deepEqual({ ...mine.body, person: undefined }, { ...pool.body, person: undefined });
  }
  const adas = await server.deps.economy.projection('p', 'ada');
  assert.ok(adas.ok);
  const asAda = await client.call(
    'member',
    'GET',
    '/pools/{poolId}/persons/{personId}/projection',
    {
      params: ADA,
    },
  );
  assert.deepEqual(asAda.body, JSON.parse(JSON.stringify(adas.value)));
});

test('refusals: another person, an unknown person, an unknown pool, the public', async () => {
  refused(
    await client.call('member', 'GET', '/pools/{poolId}/persons/{personId}/projection', {
      params: { ...P, personId: 'dan' },
    }),
    403,
    'auth.forbidden',
  );
  refused(
    await client.call('steward', 'GET', '/pools/{poolId}/persons/{personId}/projection', {
      params: ADA,
    }),
    403,
    'auth.forbidden',
  );
  refused(
    await client.call('coordinator', 'GET', '/pools/{poolId}/persons/{personId}/projection', {
      params: { ...P, personId: 'zed' },
    }),
    404,
    'economy.unknown_person',
  );
  refused(
    await client.call('member', 'GET', '/pools/{poolId}/projection', {
      params: { poolId: 'none' },
    }),
    403,
    'auth.forbidden',
  );
  refused(
    await client.call('public', 'GET', '/pools/{poolId}/projection', { params: P }),
    401,
    'auth.unauthenticated',
  );
});

test("where the books are open the public reads the pool's projection, never a person's", async () => {
  const opened = await client.call('coordinator', 'PUT', '/pools/{poolId}/visibility', {
    params: P,
    body: { publicBooks: true },
  });
  assert.equal(opened.status, 200);
  assert.equal(
    (await client.call('public', 'GET', '/pools/{poolId}/projection', { params: P })).status,
    200,
  );
  refused(
    await client.call('public', 'GET', '/pools/{poolId}/persons/{personId}/projection', {
      params: ADA,
    }),
    401,
    'auth.unauthenticated',
  );
  refused(
    await client.call('outsider', 'GET', '/pools/{poolId}/persons/{personId}/projection', {
      params: ADA,
    }),
    403,
    'auth.forbidden',
  );
});

test('the ETag holds until an input arrives, then the projection is of the new input', async () => {
  const first = await client.call('member', 'GET', '/pools/{poolId}/projection', { params: P });
  const etag = first.headers.get('etag')!;
  const held = await client.call('member', 'GET', '/pools/{poolId}/projection', {
    params: P,
    headers: { 'if-none-match': etag },
  });
  assert.equal(held.status, 304);
  await bid('coordinator', 'bo', 900);
  const changed = await client.call('member', 'GET', '/pools/{poolId}/projection', {
    params: P,
    headers: { 'if-none-match': etag },
  });
  assert.equal(changed.status, 200);
  assert.notEqual(changed.headers.get('etag'), etag);
  assert.equal(changed.body.inputSeq, first.body.inputSeq + 1);
  assert.deepEqual(
    changed.body.clearing.tasks[0].winners.map((w: { personId: string }) => w.personId),
    ['bo'],
  );
});
