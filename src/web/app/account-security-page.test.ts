// Proves the web pages of the second factor: the public is sent to sign in; a member starts an
// enrolment and sees the QR code, the key and the otpauth link (in English and German); a wrong
// code is refused next to the field; a right one turns it on and shows ten recovery codes once;
// then the sign-in form asks for a code, and only a right one signs in; turning it off takes
// the password and a code.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { base32Decode, totp } from '../../app/auth/totp.ts';
import { PASSWORD, startTestServer, type TestServer } from '../../http/testing.ts';
import { getPage, postForm, textById } from './member/testing.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const PAGE = '/account/security';
let secret: Uint8Array = new Uint8Array();

const signInForm = (fields: Record<string, string>) =>
  server.app.request('/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

test('the public is sent to sign in; home links here; a member sees the second factor off', async () => {
  const anonymous = await getPage(server, PAGE, 'public');
  assert.equal(anonymous.status, 303);
  assert.equal(anonymous.headers.get('location'), '/sign-in?next=/account/security');
  assert.match(await (await getPage(server, '/', 'member')).text(), /href="\/account\/security"/);
  const page = await (await getPage(server, PAGE, 'member', 'de')).text();
  assert.match(page, /<h1>Sicherheit der Anmeldung<\/h1>/);
  assert.match(page, /Der zweite Faktor ist aus/);
});

test('an enrolment shows the QR code, the key and the link; a right code turns it on', async () => {
  const started = await postForm(server, `${PAGE}/enrol`, 'member', {});
  assert.equal(started.status, 303);
  const page = await (await getPage(server, PAGE, 'member')).text();
  assert.match(page, /<svg [^>]*viewBox/);
  const key = /<code class="hash">([A-Z2-7]{32})<\/code>/.exec(page)?.[1];
  assert.ok(key, 'the key in base32');
  assert.match(page, /otpauth:\/\/totp\/Peerconomy:member\?secret=/);
  secret = base32Decode(key)!;
  const wrong = await postForm(server, `${PAGE}/confirm`, 'member', { code: '000000' }, 'de');
  assert.equal(wrong.status, 422);
  assert.match(textById(await wrong.text(), 'f-code-error'), /falsch, schon benutzt oder zu alt/);
  const right = await postForm(server, `${PAGE}/confirm`, 'member', {
    code: totp(secret, server.clock.now),
  });
  assert.equal(right.status, 200);
  const shown = await right.text();
  assert.match(shown, /The second factor is on/);
  assert.equal(shown.match(/<li><code>[a-z2-7]{5}-[a-z2-7]{5}<\/code><\/li>/g)?.length, 10);
  const later = await (await getPage(server, PAGE, 'member')).text();
  assert.doesNotMatch(later, /<li><code>/, 'the recovery codes are shown once');
  assert.match(later, /Recovery codes left: 10/);
});

test('the sign-in form then asks for a code; only a right one signs in', async () => {
  server.clock.now += 60_000;
  const step = await signInForm({ login: 'member', password: PASSWORD, next: '/account/security' });
  assert.equal(step.status, 200);
  assert.equal(step.headers.get('set-cookie'), null);
  const html = await step.text();
  assert.match(html, /<h1>Code from your app<\/h1>/);
  const pendingToken = /name="pendingToken" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const wrong = await server.app.request('/sign-in/code', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'de' },
    body: new URLSearchParams({ pendingToken, code: '123456', next: '/' }).toString(),
  });
  assert.equal(wrong.status, 401);
  assert.match(await wrong.text(), /Dieser Code ist falsch/);
  const right = await server.app.request('/sign-in/code', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      pendingToken,
      code: totp(secret, server.clock.now),
      next: '/account/security',
    }).toString(),
  });
  assert.equal(right.status, 303);
  assert.equal(right.headers.get('location'), '/account/security');
  assert.match(right.headers.get('set-cookie') ?? '', /HttpOnly/i);
});

test('turning it off takes the password and a code', async () => {
  server.clock.now += 60_000;
  const wrong = await postForm(server, `${PAGE}/off`, 'member', {
    password: 'not my password',
    code: totp(secret, server.clock.now),
  });
  assert.equal(wrong.status, 422);
  assert.match(textById(await wrong.text(), 'f-password-error'), /not your current password/);
  const off = await postForm(server, `${PAGE}/off`, 'member', {
    password: PASSWORD,
    code: totp(secret, server.clock.now),
  });
  assert.equal(off.status, 303);
  const page = await (await getPage(server, PAGE, 'member')).text();
  assert.match(page, /The second factor is off/);
  assert.equal((await signInForm({ login: 'member', password: PASSWORD })).status, 303);
});
