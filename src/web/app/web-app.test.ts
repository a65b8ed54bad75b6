// Proves the web app's frame: pages in the reader's language (asked, remembered, or from the
// browser), the Content-Security-Policy on every page, sign-in and sign-out by form with the
// refusal shown on the form, a stale session read as signed out, cross-site posts refused,
// unknown pages answered as pages and unknown API paths as problem+json, htmx served locally.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PASSWORD, startTestServer, type TestServer } from '../../http/testing.ts';
import { ASSET_PATHS } from './assets.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

test('the home page is English by default, German when the browser prefers it', async () => {
  const en = await server.request('/');
  assert.equal(en.status, 200);
  const enHtml = await en.text();
  assert.match(enHtml, /<html lang="en">/);
  assert.match(enHtml, /Pools with open books/);
  const de = await server.request('/', {
    headers: { 'accept-language': 'fr;q=1, de;q=0.8, en;q=0.5' },
  });
  assert.match(await de.text(), /Pools mit offenen Büchern/);
});

test('?lang= switches the language and remembers it in a cookie', async () => {
  const asked = await server.request('/?lang=de');
  assert.match(await asked.text(), /<html lang="de">/);
  const cookie = asked.headers.get('set-cookie') ?? '';
  assert.match(cookie, /pc_lang=de/);
  const later = await server.request('/', { headers: { cookie: cookie.split(';')[0]! } });
  assert.match(await later.text(), /<html lang="de">/);
});

test('every page carries a strict script policy and loads htmx from this server', async () => {
  const page = await server.request('/sign-in');
  const csp = page.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-eval/);
  const html = await page.text();
  assert.ok(html.includes(`<script src="${ASSET_PATHS.htmx}"`));
  assert.doesNotMatch(html, /<script>(?!<\/script>)/, 'no inline script');
  const htmx = await server.request(ASSET_PATHS.htmx);
  assert.equal(htmx.status, 200);
  assert.match(htmx.headers.get('content-type') ?? '', /javascript/);
  assert.match(await htmx.text(), /htmx/);
});

test('a wrong password is refused on the form, in German too, and signs nobody in', async () => {
  const refused = await server.request(
    '/sign-in?lang=de',
    form({ login: 'member', password: 'nope' }),
  );
  assert.equal(refused.status, 401);
  assert.equal(refused.headers.get('set-cookie')?.includes('pc_session=') ?? false, false);
  const html = await refused.text();
  assert.match(html, /Benutzername oder Passwort stimmen nicht/);
  assert.match(html, /value="member"/, 'the login stays filled in');
});

test('signing in by form sets the session, shows the pools, and signing out ends it', async () => {
  const signedIn = await server.request(
    '/sign-in',
    form({ login: 'member', password: PASSWORD, next: '/?from=sign-in' }),
  );
  assert.equal(signedIn.status, 303);
  assert.equal(signedIn.headers.get('location'), '/?from=sign-in');
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  assert.match(cookie, /^pc_session=/);
  const home = await server.request('/', { headers: { cookie } });
  const html = await home.text();
  assert.match(html, /Your pools/);
  assert.match(html, /href="\/pools\/p"/);
  const out = await server.request('/sign-out', { method: 'POST', headers: { cookie } });
  assert.equal(out.status, 303);
  const after = await server.request('/', { headers: { cookie } });
  assert.doesNotMatch(await after.text(), /Your pools/, 'the ended session opens nothing');
  assert.match(
    after.headers.get('set-cookie') ?? '',
    /pc_session=;/,
    'the stale cookie is cleared',
  );
});

test('a return address off this site is not followed', async () => {
  const signedIn = await server.request(
    '/sign-in',
    form({ login: 'member', password: PASSWORD, next: '//evil.example/' }),
  );
  assert.equal(signedIn.headers.get('location'), '/');
});

test('a form posted from another site is refused and changes nothing', async () => {
  const refused = await server.request('/sign-in', {
    ...form({ login: 'member', password: PASSWORD }),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'https://evil.example',
    },
  });
  assert.equal(refused.status, 403);
  assert.equal(refused.headers.get('set-cookie'), null);
});

test('an unknown page is a page; an unknown API path is problem+json', async () => {
  const page = await server.request('/no/such/page', { headers: { 'accept-language': 'de' } });
  assert.equal(page.status, 404);
  assert.match(page.headers.get('content-type') ?? '', /text\/html/);
  assert.match(await page.text(), /Nicht gefunden/);
  const api = await server.request('/api/v1/no/such/route');
  assert.equal(api.status, 404);
  assert.equal(api.headers.get('content-type'), 'application/problem+json');
});
