// Proves the sessions page: the public is sent to sign in; a member sees where they are signed
// in (this browser marked, in English and German, no token on the page), linked from home;
// ending another session ends it there, ending this one signs out here, and another account's
// session id is not found and ends nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PASSWORD, startTestServer, type TestServer } from '../../http/testing.ts';
import { getPage } from './member/testing.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const PAGE = '/account/sessions';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

async function signIn(agent: string) {
  const response = await server.app.request('/api/v1/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': agent },
    body: JSON.stringify({ login: 'member', password: PASSWORD }),
  });
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}
const pageAs = (cookie: string, lang = 'en') =>
  server.app.request(PAGE, { headers: { cookie, 'accept-language': lang } });
const end = (cookie: string, sessionId: string) =>
  server.app.request(`${PAGE}/end`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ sessionId }).toString(),
  });
const sessionIds = (html: string) =>
  [...html.matchAll(/name="sessionId" value="([^"]+)"/g)].map((match) => match[1]!);

test('the public is sent to sign in; the page is linked from home', async () => {
  const anonymous = await getPage(server, PAGE, 'public');
  assert.equal(anonymous.status, 303);
  assert.equal(anonymous.headers.get('location'), '/sign-in?next=/account/sessions');
  assert.match(await (await getPage(server, '/', 'member')).text(), /href="\/account\/sessions"/);
});

test('a member lists their sessions, ends another one, and ends this one by signing out', async () => {
  const laptop = await signIn(FIREFOX);
  server.clock.now += 60_000;
  const phone = await signIn('curl/8.5.0');
  const html = await (await pageAs(laptop)).text();
  assert.match(html, /<h1>Where you are signed in<\/h1>/);
  assert.match(html, /Firefox on Linux<strong> · this browser<\/strong>/);
  assert.ok(!html.includes(laptop.split('=')[1]!) && !html.includes(phone.split('=')[1]!));
  const german = await (await pageAs(laptop, 'de')).text();
  assert.match(german, /<h1>Wo du angemeldet bist<\/h1>/);
  assert.match(german, /Firefox unter Linux<strong> · dieser Browser<\/strong>/);
  assert.match(german, /curl/);

  // Newest first: the phone's session, then this one.
  const [phoneId, laptopId] = sessionIds(html);
  // Another account names the phone's session: not found; the phone stays signed in.
  const byOther = await end(await server.cookieOf('coordinator'), phoneId!);
  assert.equal(byOther.status, 404);
  const me = (cookie: string) => server.app.request('/api/v1/auth/me', { headers: { cookie } });
  assert.equal((await me(phone)).status, 200);

  const ended = await end(laptop, phoneId!);
  assert.equal(ended.status, 303);
  assert.equal(ended.headers.get('location'), `${PAGE}?ended=1`);
  assert.equal((await me(phone)).status, 401);
  assert.match(
    await (await server.app.request(`${PAGE}?ended=1`, { headers: { cookie: laptop } })).text(),
    /The session is ended/,
  );

  const signedOut = await end(laptop, laptopId!);
  assert.equal(signedOut.status, 303);
  assert.equal(signedOut.headers.get('location'), '/sign-in');
  assert.equal((await me(laptop)).status, 401);
});
