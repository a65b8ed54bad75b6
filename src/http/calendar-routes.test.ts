// Proves calendar feeds over HTTP: a person makes a secret feed URL (its token shown once, a
// repeated request answers without it), the URL serves their assigned slots as iCalendar to
// anyone holding it, only that person makes or revokes their feeds, and a revoked URL is refused.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { refused, testClient } from './test-client.ts';
import { startTestServer, type TestServer } from './testing.ts';

let server: TestServer;
let client: Awaited<ReturnType<typeof testClient>>;
const ADA = { poolId: 'p', personId: 'ada' };
const FEEDS = '/pools/{poolId}/persons/{personId}/calendar-feeds';

before(async () => {
  server = await startTestServer();
  client = await testClient(server);
});
after(() => server.close());

test('a calendar feed: made once, read by its URL, revoked', async () => {
  const made = await client.call('member', 'POST', FEEDS, { params: ADA, key: 'feed-1' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const token: string = made.body.token;
  assert.match(token, /^pcf_[\w-]{43}$/);
  const repeated = await client.call('member', 'POST', FEEDS, { params: ADA, key: 'feed-1' });
  assert.deepEqual(repeated.body, { poolId: 'p', personId: 'ada', createdAt: made.body.createdAt });

  const feed = await server.request(`/api/v1/calendar/${token}`, { role: 'public' });
  assert.equal(feed.status, 200);
  assert.match(feed.headers.get('content-type') ?? '', /^text\/calendar/);
  const calendar = await feed.text();
  assert.match(calendar, /^BEGIN:VCALENDAR\r\n/);
  assert.match(calendar, /\r\nEND:VCALENDAR$/);

  refused(await client.call('maintainer', 'POST', FEEDS, { params: ADA }), 403, 'auth.forbidden');
  refused(await client.call('auditor', 'DELETE', FEEDS, { params: ADA }), 403, 'auth.forbidden');
  refused(await client.call('public', 'POST', FEEDS, { params: ADA }), 401, 'auth.unauthenticated');

  const revoked = await client.call('member', 'DELETE', FEEDS, { params: ADA });
  assert.deepEqual(revoked.body, { revoked: 1 });
  refused(
    await client.call('public', 'GET', '/calendar/{token}', { params: { token } }),
    404,
    'auth.unknown_token',
  );
  refused(
    await client.call('public', 'GET', '/calendar/{token}', { params: { token: 'not-a-token' } }),
    400,
    'http.invalid_request',
  );
  // The store keeps the secret's hash only.
  const stored = await server.deps.authStore.findCalendarFeed(token);
  assert.equal(stored, undefined, 'the plain token finds nothing');
});
