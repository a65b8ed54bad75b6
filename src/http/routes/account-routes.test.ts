// Proves the account's own security routes: security events are recorded for sign-ins (the
// login tried on a failure), lockouts, tokens, sign-outs and role changes, without a secret or
// password, each account reads only its own and a pool's auditor those of the pool's accounts;
// and an account lists its live sessions (never a token; the current one marked) and ends one,
// while another account's session id is not found.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testClient } from '../test-client.ts';
import { PASSWORD, startTestServer, type TestServer } from '../testing.ts';

let server: TestServer;
let client: Awaited<ReturnType<typeof testClient>>;
before(async () => {
  server = await startTestServer();
  client = await testClient(server);
});
after(() => server.close());

const signIn = async (login: string, password: string, agent?: string) => {
  const response = await server.app.request('/api/v1/auth/sign-in', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(agent === undefined ? {} : { 'user-agent': agent }),
    },
    body: JSON.stringify({ login, password }),
  });
  return {
    status: response.status,
    cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]!,
  };
};

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const PHONE =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

test('security events: sign-ins, a token, a sign-out; own events only, no secrets', async () => {
  assert.equal((await signIn('confirmer', 'a wrong password')).status, 401);
  assert.equal((await signIn('nobody-here', 'a wrong password')).status, 401);
  const signedIn = await signIn('confirmer', PASSWORD, FIREFOX);
  const made = await server.request('/api/v1/auth/tokens', {
    method: 'POST',
    headers: { cookie: signedIn.cookie, 'idempotency-key': 'k1' },
    body: JSON.stringify({ name: 'cli', scope: 'read', ttlDays: 7 }),
  });
  const token = ((await made.json()) as { token: string; tokenId: string }).token;
  const signedOut = await server.app.request('/api/v1/auth/sign-out', {
    method: 'POST',
    headers: { cookie: signedIn.cookie },
  });
  assert.equal(signedOut.status, 204);

  const own = await client.call('confirmer', 'GET', '/auth/events');
  assert.equal(own.status, 200);
  const kinds = own.body.items.map((event: { kind: string }) => event.kind);
  // The test client's own sign-in comes last: after the sign-out.
  assert.deepEqual(kinds, [
    'sign_in.failed',
    'sign_in.succeeded',
    'token.created',
    'sign_out',
    'sign_in.succeeded',
  ]);
  const failed = own.body.items[0];
  assert.equal(failed.login, 'confirmer');
  assert.equal(failed.sourceIp, 'local');
  assert.equal(failed.accountId, server.accountIds.confirmer);
  const text = JSON.stringify(own.body);
  assert.ok(!text.includes(PASSWORD) && !text.includes('a wrong password'));
  assert.ok(!text.includes(token) && !text.includes(signedIn.cookie.split('=')[1]!));
  // The sign-in that named no account is nobody's: no account reads it.
  const member = await client.call('member', 'GET', '/auth/events');
  assert.ok(
    member.body.items.every(
      (event: { accountId: string }) => event.accountId === server.accountIds.member,
    ),
  );
  // Paged by seq.
  const first = await client.call('confirmer', 'GET', '/auth/events', { query: '?limit=2' });
  assert.equal(first.body.items.length, 2);
  const rest = await client.call('confirmer', 'GET', '/auth/events', {
    query: `?after=${first.body.nextCursor}`,
  });
  assert.deepEqual(
    [...first.body.items, ...rest.body.items].map((event: { seq: number }) => event.seq),
    own.body.items.map((event: { seq: number }) => event.seq),
  );
});

test('a lockout is an event of the account; role changes too, read by the pool’s auditor', async () => {
  const locking = await startTestServer({ signInLimit: { limit: 1000, windowMs: 60_000 } });
  try {
    for (let attempt = 0; attempt < 12; attempt += 1)
      await locking.app.request('/api/v1/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'member', password: 'not the password' }),
      });
    const events = await locking.deps.authStore.securityEvents(
      [locking.accountIds.member],
      -1,
      100,
    );
    assert.ok(events.some((event) => event.kind === 'sign_in.locked'));
  } finally {
    await locking.close();
  }

  const granted = await client.call('coordinator', 'PUT', '/pools/{poolId}/roles', {
    params: { poolId: 'p' },
    body: { accountId: server.accountIds.maintainer, role: 'auditor', subject: '' },
  });
  assert.equal(granted.status, 200);
  const seen = await client.call('auditor', 'GET', '/pools/{poolId}/security-events', {
    params: { poolId: 'p' },
  });
  assert.equal(seen.status, 200);
  const change = seen.body.items.find((event: { kind: string }) => event.kind === 'role.granted');
  assert.equal(change.accountId, server.accountIds.maintainer);
  assert.deepEqual(change.detail, {
    poolId: 'p',
    role: 'auditor',
    subject: '',
    by: server.accountIds.coordinator,
  });
  const refused = await client.call('member', 'GET', '/pools/{poolId}/security-events', {
    params: { poolId: 'p' },
  });
  assert.equal(refused.status, 403);
});

test('own sessions: listed without tokens, the current one marked; one ended; others unreachable', async () => {
  const laptop = await signIn('steward', PASSWORD, FIREFOX);
  server.clock.now += 60_000;
  const phone = await signIn('steward', PASSWORD, PHONE);
  const listed = await server.app.request('/api/v1/auth/sessions', {
    headers: { cookie: laptop.cookie },
  });
  const { items } = (await listed.json()) as {
    items: { sessionId: string; agent: string | null; current: boolean }[];
  };
  assert.deepEqual(
    items.map((session) => [session.agent, session.current]),
    [
      ['Chrome on Android', false],
      ['Firefox on Linux', true],
    ],
  );
  const text = JSON.stringify(items);
  assert.ok(!text.includes(laptop.cookie.split('=')[1]!));
  assert.ok(!text.includes(phone.cookie.split('=')[1]!));
  const phoneId = items[0]!.sessionId;

  // Another account names the session: not found, and the session lives on.
  const other = await client.call('member', 'DELETE', '/auth/sessions/{sessionId}', {
    params: { sessionId: phoneId },
  });
  assert.equal(other.status, 404);
  const me = (cookie: string) => server.app.request('/api/v1/auth/me', { headers: { cookie } });
  assert.equal((await me(phone.cookie)).status, 200);

  const ended = await server.app.request(`/api/v1/auth/sessions/${phoneId}`, {
    method: 'DELETE',
    headers: { cookie: laptop.cookie, 'idempotency-key': 'end-phone' },
  });
  assert.equal(ended.status, 200);
  assert.equal((await me(phone.cookie)).status, 401);
  assert.equal((await me(laptop.cookie)).status, 200);
  const events = await server.deps.authStore.securityEvents([server.accountIds.steward], -1, 100);
  assert.equal(events.at(-1)?.kind, 'session.ended');
  assert.deepEqual(events.at(-1)?.detail, { sessionId: phoneId });
});
