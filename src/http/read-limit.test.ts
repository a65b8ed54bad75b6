// Proves the read limit: API reads are counted per account (per address when signed out) and
// pages per address; past the limit a read is refused with 429 problem+json and Retry-After,
// another client is not, and the next window reads again. Writes keep their own limit.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEFAULT_HTTP_SETTINGS } from './deps.ts';
import { startTestServer, TEST_POOL, type TestServer } from './testing.ts';

const LIMIT = 4;
let server: TestServer;
before(async () => {
  server = await startTestServer({
    ...DEFAULT_HTTP_SETTINGS,
    readLimit: { limit: LIMIT, windowMs: 60_000 },
  });
});
after(() => server.close());

const read = async (cookie: string, path = `/api/v1/pools/${TEST_POOL}`) =>
  server.app.request(path, { headers: cookie === '' ? {} : { cookie } });

test('API reads past the limit are refused per account, and read again next window', async () => {
  const member = await server.cookieOf('member');
  const auditor = await server.cookieOf('auditor');
  for (let i = 0; i < LIMIT; i += 1) assert.equal((await read(member)).status, 200);
  const refused = await read(member);
  assert.equal(refused.status, 429);
  assert.equal(refused.headers.get('content-type'), 'application/problem+json');
  assert.equal(((await refused.json()) as { code: string }).code, 'http.rate_limited');
  assert.ok(Number(refused.headers.get('retry-after')) >= 1);
  assert.equal((await read(auditor)).status, 200, 'another account reads on');
  server.clock.now += 60_000;
  assert.equal((await read(member)).status, 200, 'a new window');
});

test('signed-out reads and pages are counted per address', async () => {
  server.clock.now += 60_000;
  for (let i = 0; i < LIMIT; i += 1) assert.notEqual((await read('')).status, 429);
  assert.equal((await read('')).status, 429);
  for (let i = 0; i < LIMIT; i += 1) {
    assert.notEqual((await read('', '/sign-in')).status, 429, `page ${i + 1}`);
  }
  assert.equal((await read('', '/sign-in')).status, 429);
  assert.equal((await read('', '/healthz')).status, 200, 'readiness is never limited');
});
