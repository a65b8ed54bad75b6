// A write whose body is not JSON, or that has none where the route takes one, is refused with
// a problem (415 or 400) before any use case runs, never answered with a 500.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from './testing.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const put = (headers: Record<string, string>, body?: string) =>
  server.request('/api/v1/pools/p/visibility', {
    role: 'coordinator',
    method: 'PUT',
    headers: { 'idempotency-key': `k-${Math.random()}`, ...headers },
    ...(body === undefined ? {} : { body }),
  });

test('a JSON body sent as another media type is refused with 415 problem+json', async () => {
  for (const type of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/xml',
    'application/jsonx',
  ]) {
    const response = await put({ 'content-type': type }, '{"publicBooks":true}');
    assert.equal(response.status, 415, type);
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
    assert.equal(((await response.json()) as { code: string }).code, 'http.unsupported_media_type');
  }
  const status = (await (
    await server.request('/api/v1/pools/p', { role: 'coordinator' })
  ).json()) as {
    publicBooks: boolean;
  };
  assert.equal(status.publicBooks, false);
});

test('a write without the body its route takes is refused with 400 problem+json', async () => {
  const response = await server.app.request('/api/v1/pools/p/visibility', {
    method: 'PUT',
    headers: {
      cookie: await server.cookieOf('coordinator'),
      'idempotency-key': 'no-body',
    },
  });
  assert.equal(response.status, 400);
  assert.equal(((await response.json()) as { code: string }).code, 'http.invalid_request');
});

test('JSON media types with parameters or in capitals are read as JSON', async () => {
  for (const type of [
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/problem+json',
  ]) {
    assert.equal((await put({ 'content-type': type }, '{"publicBooks":false}')).status, 200, type);
  }
});
