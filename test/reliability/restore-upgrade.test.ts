// Proves that a running server's books move between the database kinds and survive an upgrade:
// `db backup` of a server running on SQLite restores into PostgreSQL, and the backup of that
// server, running, restores into SQLite again; the three servers answer every read route of
// the OpenAPI document alike for every role, body for body. And a database the previous
// release left (test/fixtures/previous-release.md) migrates and verifies with this code, its
// member still signing in with the password set then.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { pino } from 'pino';
import { argon2idHasher, TEST_ARGON2_COST } from '../../src/app/auth/passwords.ts';
import { createApp } from '../../src/http/app.ts';
import { buildHttpDeps } from '../../src/http/build.ts';
import { DEFAULT_HTTP_SETTINGS } from '../../src/http/deps.ts';
import {
  counterRandom,
  PASSWORD,
  ROLES,
  startTestServer,
  TEST_POOL,
  type TestRole,
  type TestServer,
} from '../../src/http/testing.ts';
import { type OpenedDatabase, openDatabase } from '../../src/storage/open-database.ts';
import { serverStoresOf } from '../../src/storage/server-stores.ts';
import { declareBakeryWork, give, stepTo } from '../../src/web/app/member/fixture.ts';
import { listen } from '../support/browser.ts';
import { cli, cliWith } from '../support/cli.ts';
import { withPostgres } from '../support/postgres-suite.ts';

const root = mkdtempSync(join(tmpdir(), 'peerconomy-restore-upgrade-'));
after(() => rmSync(root, { recursive: true, force: true }));

const OPENAPI = JSON.parse(
  readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'),
) as { paths: Record<string, Record<string, unknown>> };

/** A server on a database that already holds the books (restored): no seeding. */
function serverOn(database: OpenedDatabase, clock: { now: number }, label: string) {
  const deps = buildHttpDeps(serverStoresOf(database), {
    now: () => clock.now,
    random: counterRandom(label),
    passwords: argon2idHasher(TEST_ARGON2_COST),
    logger: pino({ level: 'silent' }),
    settings: DEFAULT_HTTP_SETTINGS,
  });
  return createApp(deps);
}

/** Signs each role in over HTTP and answers its session cookie. */
async function cookies(url: string): Promise<Map<TestRole, string>> {
  const held = new Map<TestRole, string>([['public', '']]);
  for (const role of ROLES.filter((r) => r !== 'public')) {
    const answer = await fetch(`${url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: role, password: PASSWORD }),
    });
    assert.equal(answer.status, 200, `${role} signs in at ${url}`);
    held.set(role, answer.headers.get('set-cookie')!.split(';')[0]!);
  }
  return held;
}

/** Every GET route of the OpenAPI document, for every role: its status, type and body. */
/** Reads that show the reader's own sign-ins, which each server made anew. */
const OWN_SIGN_INS = / GET \/(auth\/(sessions|events)|pools\/[^/]+\/security-events)$/;

async function readEverything(url: string, calendarToken: string) {
  const params: Record<string, string> = {
    poolId: TEST_POOL,
    period: '1',
    personId: 'ada',
    token: calendarToken,
  };
  const answers = new Map<string, string>();
  const held = await cookies(url);
  for (const [template, operations] of Object.entries(OPENAPI.paths)) {
    if (operations.get === undefined) continue;
    const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => params[name]!);
    for (const role of ROLES) {
      const cookie = held.get(role)!;
      const answer = await fetch(`${url}/api/v1${path}`, { headers: cookie ? { cookie } : {} });
      const type = answer.headers.get('content-type') ?? '';
      answers.set(`${role} GET ${path}`, `${answer.status} ${type}\n${await answer.text()}`);
    }
  }
  return answers;
}

/** One closed period with a bid, work and its confirmation, and the next period planning. */
async function history(server: TestServer, url: string): Promise<string> {
  const write = async (role: TestRole, path: string, body: unknown) => {
    const answer = await fetch(`${url}/api/v1/pools/${TEST_POOL}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `${role}${path}`,
        cookie: await server.cookieOf(role),
      },
      body: JSON.stringify(body),
    });
    assert.equal(answer.status, 201, `${path}: ${await answer.clone().text()}`);
    return (await answer.json()) as { firstSeq?: number; token?: string };
  };
  await stepTo(server, 1, 'planning');
  const task = { id: 'loaves', templateId: 'loaves', projectId: 'bakery', slots: 1 };
  await give(server, 'task', [
    { kind: 'tasks', period: 1, record: { ...task, minutesPerSlot: 90 } },
  ]);
  await stepTo(server, 1, 'bidding');
  await write('member', '/bids', { personId: 'ada', instanceId: 'loaves', weightMilli: 1500 });
  await stepTo(server, 1, 'cleared');
  await stepTo(server, 1, 'running');
  const work = await write('member', '/work', {
    id: 'w1',
    personId: 'ada',
    instanceId: 'loaves',
    minutes: 90,
  });
  await write('confirmer', `/inputs/${work.firstSeq}/confirmation`, { confirmedBy: 'cy' });
  await declareBakeryWork(server, 1, 2250);
  await stepTo(server, 1, 'settling');
  await stepTo(server, 1, 'closed');
  await stepTo(server, 2, 'planning');
  return (await write('member', '/persons/ada/calendar-feeds', {})).token!;
}

withPostgres('backup of a running server, restored on the other database kind', (pg) => {
  test('SQLite → PostgreSQL → SQLite: every read route answers alike for every role', {
    timeout: 120_000,
  }, async () => {
    const first = join(root, 'first');
    const source = await startTestServer({}, openDatabase({ dataDir: first }));
    const stops: (() => Promise<void>)[] = [];
    try {
      const siteA = await listen(source);
      stops.push(siteA.stop);
      const token = await history(source, siteA.url);
      const clock = { now: source.clock.now };

      // The server on SQLite runs (and holds its data directory) while it is backed up.
      const toPg = join(root, 'sqlite.jsonl');
      const backedUp = await cli('db', 'backup', toPg, '--data-dir', first);
      assert.equal(backedUp.code, 0, backedUp.err.join('\n'));
      const { databaseUrl } = await pg.freshDatabase('restore_upgrade');
      const env = { DATABASE_URL: databaseUrl };
      const restored = await cliWith(env, 'db', 'restore', toPg);
      assert.equal(restored.code, 0, restored.err.join('\n'));
      const onPg = openDatabase({ dataDir: root, databaseUrl });
      stops.push(() => onPg.close());
      const siteB = await listen({ app: serverOn(onPg, clock, 'pg') } as TestServer);
      stops.push(siteB.stop);

      // And back: the PostgreSQL server runs while its database is backed up.
      const toSqlite = join(root, 'postgres.jsonl');
      assert.equal((await cliWith(env, 'db', 'backup', toSqlite)).code, 0);
      const last = join(root, 'last');
      const again = await cli('db', 'restore', toSqlite, '--data-dir', last);
      assert.equal(again.code, 0, again.err.join('\n'));
      assert.equal(readFileSync(toSqlite, 'utf8'), readFileSync(toPg, 'utf8'), 'same backup');
      const onSqlite = openDatabase({ dataDir: last });
      stops.push(() => onSqlite.close());
      const siteC = await listen({ app: serverOn(onSqlite, clock, 'c') } as TestServer);
      stops.push(siteC.stop);

      const [a, b, c] = [
        await readEverything(siteA.url, token),
        await readEverything(siteB.url, token),
        await readEverything(siteC.url, token),
      ];
      const reads = Object.values(OPENAPI.paths).filter((p) => p.get !== undefined).length;
      assert.equal(a.size, reads * ROLES.length);
      const ok = [...a.values()].filter((answer) => answer.startsWith('200 ')).length;
      assert.ok(ok >= reads, `${ok} of ${a.size} reads answered 200`);
      // The reader's sessions and security events hold its sign-in on that very server: only
      // their status is the same everywhere.
      const same = (answer: string | undefined, key: string) =>
        OWN_SIGN_INS.test(key) ? answer?.split('\n')[0] : answer;
      for (const [key, answer] of a) {
        assert.equal(same(b.get(key), key), same(answer, key), `PostgreSQL: ${key}`);
        assert.equal(same(c.get(key), key), same(answer, key), `SQLite again: ${key}`);
      }
    } finally {
      for (const stop of stops.reverse()) await stop();
      await source.close();
    }
  });
});

describe('a database of the previous release', () => {
  test('migrates to this schema, verifies, and its member signs in', async () => {
    const dataDir = join(root, 'previous');
    const fixture = new URL('../fixtures/previous-release-d00f35f.sqlite.gz', import.meta.url);
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'peerconomy.sqlite'), gunzipSync(readFileSync(fixture)));
    const migrated = await cli('db', 'migrate', '--data-dir', dataDir);
    assert.equal(migrated.code, 0, migrated.err.join('\n'));
    assert.match(migrated.out[0]!, /applied 0005-calendar-feeds, 0006-account-language, 0007/);
    const verified = await cli('db', 'verify', '--data-dir', dataDir);
    assert.equal(verified.code, 0, verified.out.concat(verified.err).join('\n'));
    assert.match(verified.out.join('\n'), /town: 4 closed periods, 56 inputs: ok/);

    const database = openDatabase({ dataDir });
    const site = await listen({
      app: serverOn(database, { now: Date.UTC(2026, 0, 2) }, 'u'),
    } as TestServer);
    try {
      const signIn = await fetch(`${site.url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'town-member', password: PASSWORD }),
      });
      assert.equal(signIn.status, 200);
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const me = await fetch(`${site.url}/api/v1/auth/me`, { headers: { cookie } });
      const body = (await me.json()) as { roles: { poolId: string; subject: string }[] };
      assert.deepEqual(
        body.roles.map((r) => `${r.poolId}/${r.subject}`),
        ['town/a'],
      );
      const tokens = await fetch(`${site.url}/api/v1/auth/tokens`, { headers: { cookie } });
      assert.equal(((await tokens.json()) as { items: unknown[] }).items.length, 1);
      const statement = await fetch(`${site.url}/api/v1/pools/town/persons/a/statement`, {
        headers: { cookie },
      });
      assert.equal(statement.status, 200);
    } finally {
      await site.stop();
      await database.close();
    }
  });
});
