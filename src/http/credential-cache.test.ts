// Proves that the credentials the server keeps (src/app/auth/credential-cache.ts, decision
// 0078) change on the very next request in this process when a token or a session is revoked,
// at sign-out, at a password change and at a role change: each credential is used first, so it
// is held, and the test clock does not move, so nothing is held too long to matter.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PASSWORD, startTestServer, type TestServer } from './testing.ts';

let server: TestServer;

before(async () => {
  server = await startTestServer();
});
after(() => server.close());

/** A new session of the login: its cookie. */
async function signIn(login: string, password = PASSWORD): Promise<string> {
  const response = await server.request('/api/v1/auth/sign-in', {
    method: 'POST',
    body: JSON.stringify({ login, password }),
  });
  assert.equal(response.status, 200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}

const as = (credential: string) =>
  credential.startsWith('pct_')
    ? { authorization: `Bearer ${credential}` }
    : { cookie: credential };

async function me(credential: string) {
  const response = await server.request('/api/v1/auth/me', { headers: as(credential) });
  return { status: response.status, body: (await response.json()) as { roles?: unknown } };
}

async function send(credential: string, method: string, path: string, body?: unknown) {
  return server.request(`/api/v1${path}`, {
    method,
    headers: { ...as(credential), 'idempotency-key': `key-${Math.random()}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

test('a revoked token is refused on the next request', async () => {
  const session = await signIn('member');
  const made = await send(session, 'POST', '/auth/tokens', {
    name: 'cli',
    scope: 'read',
    ttlDays: 30,
  });
  assert.equal(made.status, 201);
  const { token, tokenId } = (await made.json()) as { token: string; tokenId: string };
  assert.equal((await me(token)).status, 200);
  assert.equal((await me(token)).status, 200);
  assert.equal((await send(session, 'DELETE', `/auth/tokens/${tokenId}`)).status, 200);
  assert.equal((await me(token)).status, 401);
});

test('a session is refused on the next request after sign-out', async () => {
  const session = await signIn('member');
  assert.equal((await me(session)).status, 200);
  const out = await server.request('/api/v1/auth/sign-out', {
    method: 'POST',
    headers: { cookie: session },
  });
  assert.equal(out.status, 204);
  assert.equal((await me(session)).status, 401);
});

test('a session ended from another session is refused on its next request', async () => {
  const ended = await signIn('auditor');
  const other = await signIn('auditor');
  assert.equal((await me(ended)).status, 200);
  const listed = await server.request('/api/v1/auth/sessions', { headers: { cookie: other } });
  const { items } = (await listed.json()) as {
    items: { sessionId: string; current: boolean; createdAt: number }[];
  };
  // Both sessions began at the same instant of the test clock: the one not current is `ended`.
  const target = items.find((s) => !s.current);
  assert.ok(target !== undefined && items.length === 2);
  assert.equal((await send(other, 'DELETE', `/auth/sessions/${target.sessionId}`)).status, 200);
  assert.equal((await me(ended)).status, 401);
  assert.equal((await me(other)).status, 200);
});

test("a password change ends the account's other sessions on their next request", async () => {
  const kept = await signIn('steward');
  const changer = await signIn('steward');
  assert.equal((await me(kept)).status, 200);
  const changed = await send(changer, 'POST', '/auth/password', {
    currentPassword: PASSWORD,
    newPassword: 'another long enough password',
  });
  assert.equal(changed.status, 200);
  assert.equal((await me(kept)).status, 401);
});

test('a role granted or taken back shows on the next request, by session and by token', async () => {
  const coordinator = await signIn('coordinator');
  const outsider = await signIn('outsider');
  const made = await send(outsider, 'POST', '/auth/tokens', {
    name: 'cli',
    scope: 'read',
    ttlDays: 30,
  });
  const { token } = (await made.json()) as { token: string };
  assert.deepEqual((await me(outsider)).body.roles, []);
  assert.deepEqual((await me(token)).body.roles, []);
  const change = {
    accountId: server.accountIds.outsider,
    role: 'auditor',
    subject: '',
  };
  assert.equal((await send(coordinator, 'PUT', '/pools/p/roles', change)).status, 200);
  const auditor = [{ poolId: 'p', role: 'auditor', subject: '' }];
  assert.deepEqual((await me(outsider)).body.roles, auditor);
  assert.deepEqual((await me(token)).body.roles, auditor);
  assert.equal((await send(coordinator, 'DELETE', '/pools/p/roles', change)).status, 200);
  assert.deepEqual((await me(outsider)).body.roles, []);
  assert.deepEqual((await me(token)).body.roles, []);
});
