// Proves the exports over HTTP: each format answers the same text as the export use case, with
// its media type and a file name; the ValueFlows document is JSON-LD; per-person exports are
// refused to anyone but auditors, and a missing hledger date is a problem, not a 500.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { refused, testClient } from './test-client.ts';
import { startTestServer, type TestServer } from './testing.ts';

let server: TestServer;
let client: Awaited<ReturnType<typeof testClient>>;
const P = { poolId: 'p' };

before(async () => {
  server = await startTestServer();
  client = await testClient(server);
});
after(() => server.close());

const get = (role: 'auditor' | 'member' | 'public', format: string, query = '') =>
  server.request(`/api/v1/pools/p/exports/${format}${query}`, { role });

test('each export answers the use case’s text with its media type and file name', async () => {
  for (const format of ['csv-transfers', 'csv-members', 'csv-statements', 'csv-work']) {
    const answer = await get('auditor', format);
    assert.equal(answer.status, 200, format);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    assert.equal(
      answer.headers.get('content-disposition'),
      `attachment; filename="p-${format.slice(4)}.csv"`,
    );
    const expected = await server.deps.exportPool('p', { format: format as 'csv-members' });
    assert.ok(expected.ok);
    assert.equal(await answer.text(), expected.value.body);
  }
  const members = await (await get('auditor', 'csv-members')).text();
  assert.match(members.split('\r\n')[0]!, /^personId,contributing,/);
  assert.equal(members.trimEnd().split('\r\n').length, 1 + 6, 'a header and the six persons');

  const valueflows = await client.call('auditor', 'GET', '/pools/{poolId}/exports/valueflows', {
    params: P,
  });
  assert.equal(valueflows.status, 200);
  assert.match(valueflows.headers.get('content-type') ?? '', /^application\/ld\+json/);
  assert.ok(valueflows.body['@context'], 'a JSON-LD document has a context');

  const hledger = await get('auditor', 'hledger', '?firstPeriodDate=2026-01-01&periodLength=month');
  assert.equal(hledger.status, 200, await hledger.clone().text());
  assert.match(hledger.headers.get('content-type') ?? '', /^text\/plain/);
});

test('per-person exports are for auditors; the transfers for whoever reads the books', async () => {
  for (const format of ['csv-members', 'csv-statements', 'csv-work', 'valueflows', 'hledger']) {
    refused(
      await client.call('member', 'GET', `/pools/{poolId}/exports/${format}`, { params: P }),
      403,
      'auth.forbidden',
    );
    refused(
      await client.call('public', 'GET', `/pools/{poolId}/exports/${format}`, { params: P }),
      401,
      'auth.unauthenticated',
    );
  }
  assert.equal((await get('member', 'csv-transfers')).status, 200);
  refused(
    await client.call('public', 'GET', '/pools/{poolId}/exports/csv-transfers', { params: P }),
    401,
    'auth.unauthenticated',
  );
  refused(
    await client.call('auditor', 'GET', '/pools/{poolId}/exports/csv-work', {
      params: { poolId: 'none' },
    }),
    404,
    'economy.unknown_pool',
  );
  refused(
    await client.call('auditor', 'GET', '/pools/{poolId}/exports/hledger', {
      params: P,
      query: '?firstPeriodDate=January',
    }),
    400,
    'http.invalid_request',
  );
});
