// Proves the named input routes: each gives its record to the pool (the open period, or standing
// for a subscription) as the generic inputs route would, refuses with the stable codes (not
// signed in, another person's record, a steward outside their association, a malformed body,
// the wrong stage), a pre-order is cancelled by its person or its project, and several work
// records are confirmed in one request.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { refused, testClient } from './test-client.ts';
import { startTestServer, type TestServer } from './testing.ts';

let server: TestServer;
let client: Awaited<ReturnType<typeof testClient>>;
const P = { poolId: 'p' };
const step = (stage: string) =>
  client.call('coordinator', 'POST', '/pools/{poolId}/steps', {
    params: P,
    body: { period: 1, stage },
  });

before(async () => {
  server = await startTestServer();
  client = await testClient(server);
});
after(() => server.close());

async function storedScenario() {
  const read = await server.deps.economy.scenario('p');
  assert.ok(read.ok);
  return read;
}

test('the named routes give their records, and refuse as the policies and the cycle say', async () => {
  const inputsNow = async () =>
    (await client.call('coordinator', 'GET', '/pools/{poolId}', { params: P })).body.inputs;
  const before = await inputsNow();
  // Before the first period opens there is no open period to take a request.
  refused(
    await client.call('member', 'POST', '/pools/{poolId}/requests', {
      params: P,
      body: { personId: 'ada', productId: 'rye', units: 1 },
    }),
    409,
    'economy.wrong_period',
  );
  assert.equal((await step('planning')).status, 200);
  const given: [string, string, object][] = [
    ['member', '/pools/{poolId}/requests', { personId: 'ada', productId: 'rye', units: 2 }],
    [
      'member',
      '/pools/{poolId}/pre-orders',
      { id: 'po1', personId: 'ada', productId: 'rye', units: 1 },
    ],
    [
      'member',
      '/pools/{poolId}/subscriptions',
      { id: 's1', personId: 'ada', productId: 'rye', unitsPerPeriod: 1 },
    ],
    [
      'member',
      '/pools/{poolId}/resource-claims',
      { resourceId: 'garden', personId: 'ada', units: 3 },
    ],
    [
      'maintainer',
      '/pools/{poolId}/resource-claims',
      { resourceId: 'garden', projectId: 'bakery', units: 2 },
    ],
    ['steward', '/pools/{poolId}/residencies', { personId: 'cy', associationId: 'south' }],
    [
      'steward',
      '/pools/{poolId}/dependents',
      { personId: 'dan', dependent: { category: 'elderly' } },
    ],
  ];
  for (const [role, path, body] of given) {
    const answer = await client.call(role as 'member', 'POST', path, { params: P, body });
    assert.equal(answer.status, 201, `${path}: ${JSON.stringify(answer.body)}`);
  }
  const premium = await client.call(
    'member',
    'POST',
    '/pools/{poolId}/scarce-goods/{productId}/premiums',
    {
      params: { ...P, productId: 'rye' },
      body: { personId: 'bo', units: 1, premiumPerUnitEffortMilli: 250 },
    },
  );
  refused(premium, 403, 'auth.forbidden');
  const own = await client.call(
    'maintainer',
    'POST',
    '/pools/{poolId}/scarce-goods/{productId}/premiums',
    {
      params: { ...P, productId: 'rye' },
      body: { personId: 'bo', units: 1, premiumPerUnitEffortMilli: 250 },
    },
  );
  assert.equal(own.status, 201, JSON.stringify(own.body));
  assert.equal(await inputsNow(), before + given.length + 1);

  // The records as stored: the subscription standing, the premium a request with it.
  const scenario = await storedScenario();
  assert.deepEqual(
    scenario.value.subscriptions.map((s) => s.id),
    ['s1'],
  );
  assert.deepEqual(
    scenario.value.periods[0]!.requests.map((r) => r),
    [
      {
        personId: 'ada',
        productId: 'rye',
        units: 2,
        premiumPerUnitEffortMilli: 0,
        premiumTermPeriods: null,
        release: 'atOnce',
        basicNeeds: false,
      },
      {
        personId: 'bo',
        productId: 'rye',
        units: 1,
        premiumPerUnitEffortMilli: 250,
        premiumTermPeriods: null,
        release: 'atOnce',
        basicNeeds: false,
      },
    ],
  );

  refused(
    await client.call('public', 'POST', '/pools/{poolId}/requests', {
      params: P,
      body: { personId: 'ada', productId: 'rye', units: 1 },
    }),
    401,
    'auth.unauthenticated',
  );
  refused(
    await client.call('steward', 'POST', '/pools/{poolId}/residencies', {
      params: P,
      body: { personId: 'fay', associationId: 'south' },
    }),
    403,
    'auth.forbidden',
  );
  refused(
    await client.call('member', 'POST', '/pools/{poolId}/requests', {
      params: P,
      body: { personId: 'ada', productId: 'rye', units: 0 },
    }),
    400,
    'http.invalid_request',
  );
  refused(
    await client.call('member', 'POST', '/pools/{poolId}/requests', {
      params: P,
      body: { personId: 'ada', productId: 'cake', units: 1 },
    }),
    422,
    'scenario.unknown_reference',
  );
});

test("a pre-order is cancelled by its person, free, or by the product's maintainers", async () => {
  const cancel = (role: 'member' | 'maintainer' | 'steward', preOrderId: string, body: object) =>
    client.call(role, 'POST', '/pools/{poolId}/pre-orders/{preOrderId}/cancellation', {
      params: { ...P, preOrderId },
      body,
    });
  for (const id of ['po-free', 'po-spent']) {
    const placed = await client.call('member', 'POST', '/pools/{poolId}/pre-orders', {
      params: P,
      body: { id, personId: 'ada', productId: 'rye', units: 1, fulfil: 'production' },
    });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
  }
  // Another member's steward is not the pre-order's person; its person cannot charge
  // themselves an effort that only the project knows.
  refused(await cancel('steward', 'po-free', {}), 403, 'auth.forbidden');
  refused(
    await cancel('member', 'po-spent', { spentEffortMilli: 1, plannedEffortMilli: 2 }),
    403,
    'auth.forbidden',
  );
  refused(await cancel('member', 'po-unknown', {}), 403, 'auth.forbidden');
  const free = await cancel('member', 'po-free', {});
  assert.equal(free.status, 201, JSON.stringify(free.body));
  const spent = await cancel('maintainer', 'po-spent', {
    spentEffortMilli: 500,
    plannedEffortMilli: 2000,
  });
  assert.equal(spent.status, 201, JSON.stringify(spent.body));
  refused(await cancel('member', 'po-free', {}), 422, 'scenario.duplicate_id');
  // po1 is taken by a request of a later period, not when produced: nothing to cancel.
  refused(await cancel('member', 'po1', {}), 422, 'scenario.pre_order_not_open');
  const scenario = await storedScenario();
  assert.deepEqual(scenario.value.periods[0]!.preOrderCancellations, [
    { preOrderId: 'po-free', spentEffortMilli: 0, plannedEffortMilli: 0 },
    { preOrderId: 'po-spent', spentEffortMilli: 500, plannedEffortMilli: 2000 },
  ]);
});

test('work records are confirmed several at once, all or none', async () => {
  const loaves = {
    id: 'loaves',
    templateId: 'loaves',
    projectId: 'bakery',
    slots: 2,
    minutesPerSlot: 60,
  };
  await client.call('maintainer', 'POST', '/pools/{poolId}/inputs', {
    params: P,
    body: { inputs: [{ kind: 'tasks', period: 1, record: loaves }] },
  });
  await step('bidding');
  for (const personId of ['ada', 'dan']) {
    const bid = await client.call('coordinator', 'POST', '/pools/{poolId}/bids', {
      params: P,
      body: { personId, instanceId: 'loaves', weightMilli: 1000 },
    });
    assert.equal(bid.status, 201, JSON.stringify(bid.body));
  }
  await step('cleared');
  await step('running');
  const seqs: number[] = [];
  for (const personId of ['ada', 'dan']) {
    const work = await client.call('coordinator', 'POST', '/pools/{poolId}/work', {
      params: P,
      body: { id: `w-${personId}`, personId, instanceId: 'loaves', minutes: 60 },
    });
    assert.equal(work.status, 201, JSON.stringify(work.body));
    seqs.push(work.body.firstSeq);
  }
  // Bo may not confirm as cy; cy confirms both in one request, under one key.
  refused(
    await client.call('maintainer', 'POST', '/pools/{poolId}/work/confirmations', {
      params: P,
      body: { seqs, confirmedBy: 'cy' },
    }),
    403,
    'auth.forbidden',
  );
  const confirmed = await client.call('confirmer', 'POST', '/pools/{poolId}/work/confirmations', {
    params: P,
    body: { seqs, confirmedBy: 'cy' },
    key: 'confirm-both',
  });
  assert.equal(confirmed.status, 201, JSON.stringify(confirmed.body));
  assert.equal(confirmed.body.accepted, 2);
  const again = await client.call('confirmer', 'POST', '/pools/{poolId}/work/confirmations', {
    params: P,
    body: { seqs, confirmedBy: 'cy' },
    key: 'confirm-both',
  });
  assert.deepEqual(again.body, confirmed.body);
  const scenario = await storedScenario();
  assert.deepEqual(
    scenario.value.periods[0]!.work.map((w) => [w.id, w.confirmedBy]),
    [
      ['w-ada', 'cy'],
      ['w-dan', 'cy'],
    ],
  );
  refused(
    await client.call('confirmer', 'POST', '/pools/{poolId}/work/confirmations', {
      params: P,
      body: { seqs: [9999], confirmedBy: 'cy' },
    }),
    404,
    'economy.unknown_input',
  );
});
