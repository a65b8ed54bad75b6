// Proves the password page: the public is sent to sign in; two new passwords that differ, a
// wrong current one and a short new one are refused next to their field (in English and German)
// and change nothing; a change signs the member in anew here and only the new password works.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PASSWORD, startTestServer, type TestServer } from '../../http/testing.ts';
import { getPage, postForm, textById } from './member/testing.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const PAGE = '/account/password';
const signInStatus = async (password: string) =>
  (
    await server.app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'member', password }),
    })
  ).status;

test('the public is sent to sign in; a member reads the form, linked from home', async () => {
  const anonymous = await getPage(server, PAGE, 'public');
  assert.equal(anonymous.status, 303);
  assert.equal(anonymous.headers.get('location'), '/sign-in?next=/account/password');
  const page = await (await getPage(server, PAGE, 'member')).text();
  assert.match(page, /<h1>Change your password<\/h1>/);
  assert.match(page, /autocomplete="current-password"/);
  assert.match(await (await getPage(server, '/', 'member')).text(), /href="\/account\/password"/);
});

test('refusals are shown next to their field and change nothing', async () => {
  const differ = await postForm(server, PAGE, 'member', {
    current: PASSWORD,
    next: 'a brand new password',
    again: 'a brand new passw0rd',
  });
  assert.equal(differ.status, 422);
  assert.match(textById(await differ.text(), 'f-again-error'), /The two new passwords differ/);
  const wrong = await postForm(
    server,
    PAGE,
    'member',
    { current: 'not it at all', next: 'a brand new password', again: 'a brand new password' },
    'de',
  );
  assert.equal(wrong.status, 422);
  assert.match(textById(await wrong.text(), 'f-current-error'), /nicht dein jetziges Passwort/);
  const short = await postForm(server, PAGE, 'member', {
    current: PASSWORD,
    next: 'short',
    again: 'short',
  });
  assert.equal(short.status, 422);
  assert.match(textById(await short.text(), 'f-next-error'), /at least 10 characters/);
  const common = await postForm(
    server,
    PAGE,
    'member',
    { current: PASSWORD, next: 'Password123', again: 'Password123' },
    'de',
  );
  assert.equal(common.status, 422);
  assert.match(textById(await common.text(), 'f-next-error'), /häufigsten Passwörter/);
  assert.equal(await signInStatus(PASSWORD), 200);
});

test('a change signs the member in anew here; only the new password signs in', async () => {
  const changed = await postForm(server, PAGE, 'member', {
    current: PASSWORD,
    next: 'a brand new password',
    again: 'a brand new password',
  });
  assert.equal(changed.status, 303);
  assert.equal(changed.headers.get('location'), '/account/password?done=1');
  assert.match(changed.headers.get('set-cookie') ?? '', /HttpOnly/i);
  assert.equal(await signInStatus(PASSWORD), 401);
  assert.equal(await signInStatus('a brand new password'), 200);
});
