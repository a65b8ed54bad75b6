// Proves the server's main routes on both databases: signing in, a period through the cycle
// (a task, a bid, clearing, work and its confirmation, settling, closing), the member's
// statement, the journal and verify answer alike on SQLite and on a throwaway PostgreSQL, down
// to the journal's head hash.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { testClient } from '../../src/http/test-client.ts';
import { startTestServer, type TestDatabase, type TestServer } from '../../src/http/testing.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { withPostgres } from '../support/postgres-suite.ts';

const P = { poolId: 'p' };
/** What each database's run ended with, compared at the end. */
const outcomes = new Map<string, { balance: number; journal: number; head: string }>();

async function mainRoutes(server: TestServer) {
  const client = await testClient(server);
  const signIn = await client.call('public', 'POST', '/auth/sign-in', {
    body: { login: 'member', password: 'correct horse battery' },
    key: null,
  });
  assert.equal(signIn.status, 200);
  assert.match(signIn.headers.get('set-cookie') ?? '', /^pc_session=pcs_/);
  const step = async (stage: string) => {
    const answer = await client.call('coordinator', 'POST', '/pools/{poolId}/steps', {
      params: P,
      body: { period: 1, stage },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  };
  const give = async (role: 'maintainer' | 'member', path: string, body: unknown) => {
    const answer = await client.call(role, 'POST', path, { params: P, body });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body.firstSeq as number;
  };
  await step('planning');
  const task = {
    id: 'loaves',
    templateId: 'loaves',
    projectId: 'bakery',
    slots: 1,
    minutesPerSlot: 90,
  };
  await give('maintainer', '/pools/{poolId}/inputs', {
    inputs: [{ kind: 'tasks', period: 1, record: task }],
  });
  await step('bidding');
  await give('member', '/pools/{poolId}/bids', {
    personId: 'ada',
    instanceId: 'loaves',
    weightMilli: 1500,
  });
  await step('cleared');
  const clearing = await client.call('member', 'GET', '/pools/{poolId}/periods/{period}/clearing', {
    params: { ...P, period: 1 },
  });
  assert.equal(clearing.status, 200);
  assert.notEqual(clearing.body.value, null);
  await step('running');
  const work = await give('member', '/pools/{poolId}/work', {
    id: 'w1',
    personId: 'ada',
    instanceId: 'loaves',
    minutes: 90,
  });
  const confirmed = await client.call(
    'confirmer',
    'POST',
    '/pools/{poolId}/inputs/{seq}/confirmation',
    {
      params: { ...P, seq: work },
      body: { confirmedBy: 'cy' },
    },
  );
  assert.equal(confirmed.status, 201, JSON.stringify(confirmed.body));
  // The bakery declares where the credited work went (work in progress), so the pool settles.
  await give('maintainer', '/pools/{poolId}/inputs', {
    inputs: [
      {
        kind: 'workInProgress',
        period: 1,
        record: { projectId: 'bakery', changeEffortMilli: 2250 },
      },
    ],
  });
  await step('settling');
  const closed = await step('closed');
  assert.match(closed.journalHead, /^[0-9a-f]{64}$/);

  const statement = await client.call(
    'member',
    'GET',
    '/pools/{poolId}/persons/{personId}/statement',
    {
      params: { ...P, personId: 'ada' },
    },
  );
  assert.equal(statement.status, 200, JSON.stringify(statement.body));
  assert.ok(statement.body.balance > 0, 'confirmed work earned ada a credit');
  const journal = await client.call('member', 'GET', '/pools/{poolId}/journal', {
    params: P,
    query: '?limit=500',
  });
  assert.equal(journal.status, 200);
  assert.ok(journal.body.items.length > 0);
  const verified = await client.call('public', 'GET', '/pools/{poolId}/verify', { params: P });
  assert.equal(verified.status, 200);
  assert.equal(verified.body.problem, undefined, JSON.stringify(verified.body.problem));
  assert.equal(verified.body.headHash, closed.journalHead);
  return {
    balance: statement.body.balance as number,
    journal: journal.body.items.length as number,
    head: verified.body.headHash as string,
  };
}

describe('the main routes on SQLite', () => {
  test('sign-in, a period through the cycle, statement, journal, verify', async () => {
    const server = await startTestServer();
    try {
      outcomes.set('sqlite', await mainRoutes(server));
    } finally {
      await server.close();
    }
  });
});

withPostgres('the main routes on PostgreSQL', ({ freshDatabase }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'peerconomy-http-pg-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('sign-in, a period through the cycle, statement, journal, verify', {
    timeout: 120_000,
  }, async () => {
    const { databaseUrl } = await freshDatabase('http_main_routes');
    const database: TestDatabase = openDatabase({ dataDir, databaseUrl });
    const server = await startTestServer({}, database);
    try {
      outcomes.set('postgres', await mainRoutes(server));
    } finally {
      await server.close();
    }
  });

  test('both databases answer the same books', () => {
    assert.ok(outcomes.has('sqlite') && outcomes.has('postgres'), 'both runs finished');
    assert.deepEqual(outcomes.get('postgres'), outcomes.get('sqlite'));
  });
});
