// Proves Idempotency-Key over HTTP: the same key and body answer the same (and change nothing
// more), the same key with another body is refused, and both hold across a server restart on
// the same database, for pool writes and for account writes alike.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { storesOn } from '../storage/open-database.ts';
import { openInMemorySqliteStore } from '../storage/sqlite.ts';
import { refused, testClient } from './test-client.ts';
import { startTestServer, type TestServer } from './testing.ts';

let server: TestServer;
const P = { poolId: 'p' };

before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test('a pool write: same key and body answer the same; another body is refused; after a restart too', async () => {
  const client = await testClient(server);
  const step = { period: 1, stage: 'planning' };
  const first = await client.call('coordinator', 'POST', '/pools/{poolId}/steps', {
    params: P,
    body: step,
    key: 'step-1',
  });
  assert.equal(first.status, 200);
  const task = (id: string) => ({
    inputs: [
      {
        kind: 'tasks',
        period: 1,
        record: { id, templateId: id, projectId: 'bakery', slots: 1, minutesPerSlot: 60 },
      },
    ],
  });
  const given = await client.call('maintainer', 'POST', '/pools/{poolId}/inputs', {
    params: P,
    body: task('a'),
    key: 'task',
  });
  const again = await client.call('maintainer', 'POST', '/pools/{poolId}/inputs', {
    params: P,
    body: task('a'),
    key: 'task',
  });
  assert.deepEqual([again.status, again.body], [given.status, given.body]);
  refused(
    await client.call('maintainer', 'POST', '/pools/{poolId}/inputs', {
      params: P,
      body: task('b'),
      key: 'task',
    }),
    422,
    'economy.idempotency_key_reused',
  );
  // Another account's key of the same name is its own.
  assert.equal(
    (
      await client.call('coordinator', 'POST', '/pools/{poolId}/inputs', {
        params: P,
        body: task('b'),
        key: 'task',
      })
    ).status,
    201,
  );

  const restarted = server.restart();
  const afterRestart = await testClient(restarted);
  const replayed = await afterRestart.call('maintainer', 'POST', '/pools/{poolId}/inputs', {
    params: P,
    body: task('a'),
    key: 'task',
  });
  assert.deepEqual([replayed.status, replayed.body], [given.status, given.body]);
  refused(
    await afterRestart.call('maintainer', 'POST', '/pools/{poolId}/inputs', {
      params: P,
      body: task('c'),
      key: 'task',
    }),
    422,
    'economy.idempotency_key_reused',
  );
  const status = await afterRestart.call('member', 'GET', '/pools/{poolId}', { params: P });
  // Six persons, two associations, a project, a product, a resource, then tasks a and b:
  // nothing was given twice.
  assert.equal(status.body.inputs, 13);
});

test('an account write: same key and body answer the same; another body is refused; after a restart too', async () => {
  const client = await testClient(server);
  const change = { accountId: server.accountIds.outsider, role: 'auditor', subject: '' };
  const granted = await client.call('coordinator', 'PUT', '/pools/{poolId}/roles', {
    params: P,
    body: change,
    key: 'grant',
  });
  assert.deepEqual(granted.body.changed, true);
  const again = await client.call('coordinator', 'PUT', '/pools/{poolId}/roles', {
    params: P,
    body: change,
    key: 'grant',
  });
  assert.deepEqual(again.body, granted.body, 'the first answer, not "nothing changed"');
  refused(
    await client.call('coordinator', 'PUT', '/pools/{poolId}/roles', {
      params: P,
      body: { ...change, role: 'member', subject: 'ada' },
      key: 'grant',
    }),
    422,
    'http.idempotency_key_reused',
  );

  const restarted = await testClient(server.restart());
  const replayed = await restarted.call('coordinator', 'PUT', '/pools/{poolId}/roles', {
    params: P,
    body: change,
    key: 'grant',
  });
  assert.deepEqual(replayed.body, granted.body);
  // A minted secret is not stored, so a repeat answers without it.
  const invitation = { login: 'newcomer', personId: 'ada' };
  const invited = await restarted.call('coordinator', 'POST', '/pools/{poolId}/invitations', {
    params: P,
    body: invitation,
    key: 'invite',
  });
  assert.match(invited.body.token, /^pcl_/);
  const repeated = await restarted.call('coordinator', 'POST', '/pools/{poolId}/invitations', {
    params: P,
    body: invitation,
    key: 'invite',
  });
  assert.deepEqual(
    [repeated.status, repeated.body.accountId, repeated.body.token],
    [201, invited.body.accountId, undefined],
  );
});

test('a replayed office input or step writes its audit entry once', async () => {
  const client = await testClient(server);
  const audited = async () =>
    (
      await client.call('member', 'GET', '/pools/{poolId}/audit', {
        params: P,
        query: '?limit=500',
      })
    ).body.items.map((e: { action: string; onBehalfOf: string | null }) => e.action);
  const before = await audited();
  for (let time = 0; time < 2; time += 1) {
    const answer = await client.call('coordinator', 'POST', '/pools/{poolId}/inputs', {
      params: P,
      body: {
        inputs: [
          { kind: 'capacityFactors', period: 1, record: { personId: 'ada', capacityMilli: 500 } },
        ],
      },
      key: 'office-once',
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const stepped = await client.call('coordinator', 'POST', '/pools/{poolId}/steps', {
      params: P,
      body: { period: 1, stage: 'bidding' },
      key: 'bidding-once',
    });
    assert.equal(stepped.status, 200, JSON.stringify(stepped.body));
  }
  const added = (await audited()).slice(before.length);
  assert.deepEqual(added, ['inputs.office', 'period.step']);
});

test('a step that committed in a server killed before its audit entry gets the entry when the client asks again', async () => {
  const client = await testClient(server);
  const step = { period: 1, stage: 'cleared' as const };
  // The first server took the step and died before it wrote the audit log.
  const taken = await server.deps.economy.advance(
    P.poolId,
    `http:${server.accountIds.coordinator}:cleared-after-a-crash`,
    step,
  );
  assert.ok(taken.ok && !taken.value.alreadyDone);
  const retried = await testClient(server.restart());
  const answer = await retried.call('coordinator', 'POST', '/pools/{poolId}/steps', {
    params: P,
    body: step,
    key: 'cleared-after-a-crash',
  });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const entries = (
    await client.call('member', 'GET', '/pools/{poolId}/audit', { params: P, query: '?limit=500' })
  ).body.items.filter((e: { action: string; detail: unknown }) => e.action === 'period.step');
  assert.deepEqual(entries.at(-1).detail, step, 'the step is in the audit log');
});

test('an invitation whose server was killed before it stored its answer is finished by the retry of its key', async () => {
  const store = openInMemorySqliteStore();
  const own = await startTestServer(
    {},
    { db: store.db, ...storesOn(store.db, 'sqlite'), close: () => store.close() },
  );
  try {
    const invitation = { login: 'cut-off', personId: 'fay' };
    const invite = async (at: TestServer, key: string) =>
      (await testClient(at)).call('coordinator', 'POST', '/pools/{poolId}/invitations', {
        params: P,
        body: invitation,
        key,
      });
    const first = await invite(own, 'invite-cut-off');
    assert.equal(first.status, 201, JSON.stringify(first.body));
    // The account was made, then the server died before it stored the answer.
    await sql`delete from auth_requests where idempotency_key = ${'invite-cut-off'}`.execute(
      store.db,
    );
    const restarted = own.restart();
    const again = await invite(restarted, 'invite-cut-off');
    assert.equal(again.status, 201, JSON.stringify(again.body));
    assert.equal(again.body.accountId, first.body.accountId, 'the same account');
    assert.match(again.body.token, /^pcl_/, 'a link the client can hand on');
    // Another key for the same login is still refused: the login is taken.
    refused(await invite(restarted, 'invite-cut-off-2'), 409, 'auth.login_taken');
  } finally {
    await own.close();
  }
});
