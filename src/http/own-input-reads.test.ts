// Proves that a member's own input (a bid) is authorized without reading the pool's access row
// (pool-actions.ts, `authorizeInputs`; on PostgreSQL that read was a round trip of its own for
// every bid), and that the answers stay as they were: an unknown pool answers
// `economy.unknown_pool` whether the policy would allow the input there or refuse it, and a
// refused input to a pool that exists answers with its refusal.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { refused, testClient } from './test-client.ts';
import { startTestServer, type TestServer } from './testing.ts';

let server: TestServer;
let client: Awaited<ReturnType<typeof testClient>>;
/** The pools whose access row was read, in order. */
const accessRead: string[] = [];

before(async () => {
  server = await startTestServer();
  client = await testClient(server);
  const store = server.deps.authStore;
  const poolAccess = store.poolAccess.bind(store);
  store.poolAccess = (poolId) => {
    accessRead.push(poolId);
    return poolAccess(poolId);
  };
});
after(() => server.close());

const bid = (role: 'member' | 'outsider', poolId: string) =>
  client.call(role, 'POST', '/pools/{poolId}/bids', {
    params: { poolId },
    body: { personId: 'ada', instanceId: 'loaves', weightMilli: 1000 },
  });

test("a member's own bid reads no pool access; the economy answers it", async () => {
  accessRead.length = 0;
  // The pool has no period open yet: the economy's refusal, not the policy's.
  refused(await bid('member', 'p'), 409, 'economy.wrong_period');
  assert.deepEqual(accessRead, []);
});

test('a bid the policy allows to a pool that does not exist answers unknown_pool', async () => {
  // The member's account also holds ada's membership of a pool that was never created.
  const granted = await server.deps.authStore.grantRole(server.accountIds.member, {
    poolId: 'gone',
    role: 'member',
    subject: 'ada',
  });
  assert.ok(granted);
  accessRead.length = 0;
  refused(await bid('member', 'gone'), 404, 'economy.unknown_pool');
  assert.deepEqual(accessRead, []);
});

test('a refused bid answers unknown_pool before the refusal where the pool does not exist', async () => {
  accessRead.length = 0;
  refused(await bid('outsider', 'none'), 404, 'economy.unknown_pool');
  refused(await bid('outsider', 'p'), 403, 'auth.forbidden');
  assert.deepEqual(accessRead, ['none', 'p']);
});
