// Proves the calendar feed page: My week links to it; a member makes a feed link that is shown
// once (in the answer to the form, never on the page again) and that a calendar program reads
// without signing in; revoking stops every link of the member's; and only a person of the pool
// reaches the page, in English and German.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TEST_POOL, type TestServer } from '../../../http/testing.ts';
import { startMemberServer } from './fixture.ts';
import { getPage, postForm } from './testing.ts';

const CALENDAR = `/pools/${TEST_POOL}/calendar`;
const TOKEN = /pcf_[\w-]{20,100}/;

let server: TestServer;
before(async () => {
  server = await startMemberServer();
});
after(async () => {
  await server?.close();
});

const feedOf = (token: string) => server.request(`/api/v1/calendar/${token}`);

test('My week links to the calendar page, which explains the link in both languages', async () => {
  const week = await (await getPage(server, `/pools/${TEST_POOL}`, 'member')).text();
  assert.match(week, new RegExp(`href="${CALENDAR}"`));
  const en = await getPage(server, CALENDAR, 'member');
  assert.equal(en.status, 200);
  const html = await en.text();
  assert.match(html, /Whoever has the link can read your slots/);
  assert.doesNotMatch(html, TOKEN);
  const de = await (await getPage(server, CALENDAR, 'member', 'de')).text();
  assert.match(de, /Kalender-Link erstellen/);
});

test('a made link is shown once and read without signing in; revoking stops it', async () => {
  const made = await postForm(server, CALENDAR, 'member', { action: 'make' });
  assert.equal(made.status, 200);
  assert.equal(made.headers.get('cache-control'), 'no-store');
  const html = await made.text();
  const token = TOKEN.exec(html)?.[0];
  assert.ok(token, 'the answer shows the new link');
  assert.match(html, new RegExp(`>http://[^<]+/api/v1/calendar/${token}</textarea>`));
  const feed = await feedOf(token);
  assert.equal(feed.status, 200);
  assert.match(feed.headers.get('content-type') ?? '', /text\/calendar/);
  assert.match(await feed.text(), /BEGIN:VCALENDAR/);

  const again = await (await getPage(server, CALENDAR, 'member')).text();
  assert.doesNotMatch(again, TOKEN, 'the link is not shown a second time');

  const second = TOKEN.exec(await (await postForm(server, CALENDAR, 'member', {})).text())?.[0];
  assert.ok(second);
  const revoked = await postForm(server, CALENDAR, 'member', { action: 'revoke' }, 'de');
  assert.equal(revoked.status, 303);
  const to = revoked.headers.get('location') ?? '';
  assert.equal(to, `${CALENDAR}?revoked=2`);
  assert.match(
    await (await getPage(server, to, 'member', 'de')).text(),
    /2 Kalender-Link\(s\) widerrufen/,
  );
  assert.equal((await feedOf(token)).status, 404);
  assert.equal((await feedOf(second)).status, 404);
});

test('only a person of the pool reaches the page; the public is sent to sign in', async () => {
  assert.equal((await getPage(server, CALENDAR, 'outsider')).status, 403);
  assert.equal((await postForm(server, CALENDAR, 'outsider', { action: 'make' })).status, 403);
  const visitor = await server.request(CALENDAR);
  assert.equal(visitor.status, 303);
  assert.match(visitor.headers.get('location') ?? '', /^\/sign-in/);
});
