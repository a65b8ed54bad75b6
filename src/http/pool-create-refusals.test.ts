// A new pool whose settings name its id with a value of the wrong type (a list, a number, an
// object, null) is refused as invalid input with a problem, never a 500, and creates nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from './testing.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test('a pool id of the wrong type is a 4xx problem', async () => {
  for (const [n, id] of [[], 7, { a: 1 }, null, true].entries()) {
    const response = await server.request('/api/v1/pools', {
      role: 'outsider',
      method: 'POST',
      headers: { 'idempotency-key': `wrong-id-${n}` },
      body: JSON.stringify({
        settings: { name: 'x', pool: { id } },
        founding: [{ kind: 'persons', period: 0, record: { id: 'a' } }],
      }),
    });
    const text = await response.text();
    assert.ok(
      response.status >= 400 && response.status < 500,
      `${JSON.stringify(id)}: ${response.status} ${text}`,
    );
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
  }
  const pools = (await (
    await server.request('/api/v1/pools', { role: 'outsider' })
  ).json()) as unknown[];
  assert.equal(JSON.stringify(pools).includes('"x"'), false);
});
