// Proves that a signed-in member changes their own password by giving the current one: a wrong
// current password or a weak new one changes nothing; a change ends every session of the
// account (the other device's too) and hands the caller a new one; only the new password signs
// in afterwards.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PASSWORD, startTestServer, type TestServer } from '../testing.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const signIn = async (password: string) => {
  const response = await server.app.request('/api/v1/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'member', password }),
  });
  return {
    status: response.status,
    cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]!,
  };
};
const change = (cookie: string, body: unknown) =>
  server.app.request('/api/v1/auth/password', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });
const me = async (cookie: string) =>
  (await server.app.request('/api/v1/auth/me', { headers: { cookie } })).status;

test('a member changes their password with the current one; every other session ends', async () => {
  const here = await signIn(PASSWORD);
  const elsewhere = await signIn(PASSWORD);
  assert.equal(here.status, 200);
  const wrong = await change(here.cookie, {
    currentPassword: 'not my password',
    newPassword: 'a brand new password',
  });
  assert.equal(wrong.status, 422);
  assert.equal(((await wrong.json()) as { code: string }).code, 'auth.wrong_current_password');
  const weak = await change(here.cookie, { currentPassword: PASSWORD, newPassword: 'short' });
  assert.equal(((await weak.json()) as { code: string }).code, 'auth.weak_password');
  assert.equal((await signIn(PASSWORD)).status, 200, 'nothing changed so far');

  const changed = await change(here.cookie, {
    currentPassword: PASSWORD,
    newPassword: 'a brand new password',
  });
  assert.equal(changed.status, 200);
  const fresh = (changed.headers.get('set-cookie') ?? '').split(';')[0]!;
  assert.match(fresh, /=/);
  assert.notEqual(fresh, here.cookie);
  assert.equal(await me(fresh), 200, 'the caller carries on with a new session');
  assert.equal(await me(here.cookie), 401, 'the old session of the caller ended');
  assert.equal(await me(elsewhere.cookie), 401, 'the session on the other device ended');
  assert.equal((await signIn(PASSWORD)).status, 401);
  assert.equal((await signIn('a brand new password')).status, 200);
});

test('the public cannot change a password', async () => {
  const response = await change('', { currentPassword: PASSWORD, newPassword: 'whatever long' });
  assert.equal(response.status, 401);
});
