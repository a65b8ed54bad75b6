// Proves that an account write, its audit entry and its stored idempotent answer are one
// transaction on SQLite and PostgreSQL: when the answer or the audit entry cannot be written
// (a fault in place of a kill), nothing of the write remains, and the request made again with
// its key does the whole write once; and concurrent security events each take their own number.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { AuthStore } from '../../src/app/ports/auth-store.ts';
import { testClient } from '../../src/http/test-client.ts';
import { startTestServer, type TestDatabase, type TestServer } from '../../src/http/testing.ts';
import { openDatabase, storesOn } from '../../src/storage/open-database.ts';
import { openInMemorySqliteStore } from '../../src/storage/sqlite.ts';
import { withPostgres } from '../support/postgres-suite.ts';

const P = { poolId: 'p' };

/**
 * Makes the next call of `method` within a transaction of `store` throw, as a kill at that point
 * would end the write. The write calls it on the store its transaction hands it.
 */
function failNext(store: AuthStore, method: 'saveAnswer' | 'appendAudit') {
  const transaction = store.transaction;
  (store as { transaction: AuthStore['transaction'] }).transaction = <T>(
    work: (tx: AuthStore) => Promise<T>,
  ) =>
    transaction.call<AuthStore, [(tx: AuthStore) => Promise<T>], Promise<T>>(store, (tx) => {
      const original = tx[method] as (...args: unknown[]) => Promise<unknown>;
      (tx as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
        if (store.transaction !== transaction) {
          (store as { transaction: AuthStore['transaction'] }).transaction = transaction;
          throw new Error(`fault injected in ${method}`);
        }
        return original(...args);
      };
      return work(tx);
    });
}

function atomicWrites(open: () => Promise<TestDatabase>) {
  let server: TestServer;
  let database: TestDatabase;
  let client: Awaited<ReturnType<typeof testClient>>;
  const count = async (table: string): Promise<number> => {
    const rows = await sql<{
      n: number | string;
    }>`select count(*) as n from ${sql.table(table)}`.execute(database.db);
    return Number(rows.rows[0]?.n ?? 0);
  };
  /** A request whose write the fault cuts off: a 500, which the document does not list. */
  const cut = async (
    role: 'member' | 'coordinator',
    method: string,
    path: string,
    key: string,
    body?: unknown,
  ) => {
    const response = await server.request(`/api/v1${path}`, {
      method,
      role,
      headers: { 'idempotency-key': key },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return response.status;
  };
  before(async () => {
    database = await open();
    server = await startTestServer({ signInLimit: { limit: 1000, windowMs: 60_000 } }, database);
    client = await testClient(server);
  });
  after(() => server.close());

  test('an access token whose answer was not stored leaves no token; the retry makes one', async () => {
    const body = { name: 'cli', scope: 'read', ttlDays: 30 };
    failNext(server.deps.authStore, 'saveAnswer');
    assert.equal(await cut('member', 'POST', '/auth/tokens', 'tok-1', body), 500);
    assert.deepEqual(await server.deps.auth.listTokens(server.accountIds.member), []);
    const retried = await client.call('member', 'POST', '/auth/tokens', { body, key: 'tok-1' });
    assert.equal(retried.status, 201);
    const again = await client.call('member', 'POST', '/auth/tokens', { body, key: 'tok-1' });
    assert.equal(again.body.tokenId, retried.body.tokenId);
    assert.equal((await server.deps.auth.listTokens(server.accountIds.member)).length, 1);
  });

  test('a role granted without its audit entry is not granted; the retry grants and audits it', async () => {
    const body = { accountId: server.accountIds.outsider, role: 'auditor', subject: '' };
    failNext(server.deps.authStore, 'appendAudit');
    assert.equal(await cut('coordinator', 'PUT', '/pools/p/roles', 'role-1', body), 500);
    const roles = await server.deps.authStore.rolesOf(server.accountIds.outsider);
    assert.deepEqual(roles, []);
    const retried = await client.call('coordinator', 'PUT', '/pools/{poolId}/roles', {
      params: P,
      body,
      key: 'role-1',
    });
    assert.equal(retried.body.changed, true);
    const audit = await server.deps.authStore.auditPage('p', -1, 100);
    assert.equal(audit.filter((entry) => entry.action === 'role.granted').length, 1);
  });

  test("the books' visibility changed without its audit entry stays as it was", async () => {
    failNext(server.deps.authStore, 'appendAudit');
    const status = await cut('coordinator', 'PUT', '/pools/p/visibility', 'vis-1', {
      publicBooks: true,
    });
    assert.equal(status, 500);
    assert.equal(await server.deps.authStore.publicBooks('p'), false);
  });

  test('reset links, invitations and calendar feeds whose answer was not stored leave nothing', async () => {
    const links = await count('auth_links');
    const accounts = await count('auth_accounts');
    const feeds = await count('calendar_feeds');
    failNext(server.deps.authStore, 'saveAnswer');
    const reset = { accountId: server.accountIds.member };
    assert.equal(await cut('coordinator', 'POST', '/pools/p/reset-links', 'reset-1', reset), 500);
    failNext(server.deps.authStore, 'saveAnswer');
    const invitation = { login: 'newcomer', personId: 'fay' };
    assert.equal(
      await cut('coordinator', 'POST', '/pools/p/invitations', 'invite-1', invitation),
      500,
    );
    failNext(server.deps.authStore, 'saveAnswer');
    assert.equal(await cut('member', 'POST', '/pools/p/persons/ada/calendar-feeds', 'feed-1'), 500);
    assert.deepEqual(
      [await count('auth_links'), await count('auth_accounts'), await count('calendar_feeds')],
      [links, accounts, feeds],
    );
    const retried = await client.call('coordinator', 'POST', '/pools/{poolId}/invitations', {
      params: P,
      body: invitation,
      key: 'invite-1',
    });
    assert.equal(retried.status, 201);
    assert.equal(await count('auth_links'), links + 1);
  });

  test('concurrent sign-ins number their security events without a gap or a clash', async () => {
    const before = await count('security_events');
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, index) =>
        server.app.request('/api/v1/auth/sign-in', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: index % 2 === 0 ? 'member' : 'nobody', password: 'x' }),
        }),
      ),
    );
    // Wrong passwords, and refusals of the login they locked: each an event.
    assert.ok(answers.every((answer) => answer.status === 401 || answer.status === 429));
    const seqs = await sql<{
      seq: number | string;
    }>`select seq from security_events order by seq`.execute(database.db);
    assert.equal(seqs.rows.length, before + 16);
    assert.deepEqual(
      seqs.rows.map((row) => Number(row.seq)),
      seqs.rows.map((_, index) => index),
    );
  });
}

describe('account writes are atomic on SQLite', () => {
  atomicWrites(async () => {
    const store = openInMemorySqliteStore();
    return { db: store.db, ...storesOn(store.db, 'sqlite'), close: () => store.close() };
  });
});

withPostgres('account writes are atomic on PostgreSQL', ({ freshDatabase }) => {
  describe('account writes are atomic on PostgreSQL', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'peerconomy-atomic-'));
    after(() => rmSync(dataDir, { recursive: true, force: true }));
    atomicWrites(async () => {
      const { databaseUrl } = await freshDatabase('atomic');
      return openDatabase({ dataDir, databaseUrl });
    });
  });
});
