// Proves the pool commands as a client of a server: the same commands, run against a local
// database and against `peerconomy serve`'s app listening on a loopback port (over another
// database made the same way), print the same lines and exit with the same codes through a whole
// period, refusals included; and a server's own refusals (a read-only token, no token, nothing
// listening, an answer that is not the API's) are one line with exit code 1.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { serve } from '@hono/node-server';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { OUTSIDE_REQUEST } from '../../src/app/auth/account-writes.ts';
import { argon2idHasher, TEST_ARGON2_COST } from '../../src/app/auth/passwords.ts';
import { runCli } from '../../src/cli/program.ts';
import { disassembleScenario, type PoolInput } from '../../src/core/cycle/inputs.ts';
import { createApp } from '../../src/http/app.ts';
import { buildHttpDeps } from '../../src/http/build.ts';
import { DEFAULT_HTTP_SETTINGS } from '../../src/http/deps.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { type OpenedDatabase, openDatabase } from '../../src/storage/open-database.ts';
import { serverStoresOf } from '../../src/storage/server-stores.ts';
import { EXAMPLES, loadExample } from '../scenario/support.ts';
import { type CliRun, cli, cliWith } from '../support/cli.ts';

const FILE = 'reference-4.9-month.yaml';
const root = mkdtempSync(join(tmpdir(), 'peerconomy-pool-server-'));
const local = join(root, 'local');
const served = join(root, 'served');
const scenario = loadExample(FILE);
const pool = scenario.pool.id;
const { inputs } = disassembleScenario(scenario);

let database: OpenedDatabase;
let listening: ReturnType<typeof serve>;
let url = '';
const tokens = { write: '', read: '' };

before(async () => {
  for (const dataDir of [local, served]) {
    const created = await cli('pool', 'create', join(EXAMPLES, FILE), '--data-dir', dataDir);
    assert.equal(created.code, 0, created.err.join('\n'));
  }
  database = await openDatabase({ dataDir: served });
  await migrateToLatest(database.db as Kysely<unknown>);
  const deps = buildHttpDeps(serverStoresOf(database), {
    now: Date.now,
    random: (length) => randomBytes(length),
    passwords: argon2idHasher(TEST_ARGON2_COST),
    logger: pino({ level: 'silent' }),
    settings: DEFAULT_HTTP_SETTINGS,
  });
  const account = await deps.auth.createAccount('coordinator', 'correct horse battery');
  assert.ok(account.ok);
  const { accountId } = account.value;
  await deps.authStore.grantRole(accountId, { poolId: pool, role: 'coordinator', subject: '' });
  // An auditor too: the local database shows every person's takings in a report, and the
  // server names them only to that person and auditors (MODEL.md M17).
  await deps.authStore.grantRole(accountId, { poolId: pool, role: 'auditor', subject: '' });
  for (const scope of ['write', 'read'] as const) {
    tokens[scope] = (
      await deps.auth.createAccessToken(accountId, scope, scope, 3_600_000, OUTSIDE_REQUEST)
    ).token;
  }
  listening = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' });
  await once(listening, 'listening');
  url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise((resolve) => listening.close(resolve));
  await database.close();
  rmSync(root, { recursive: true, force: true });
});

/** Runs a pool command on the local database and, with the write token, on the server. */
async function both(...argv: string[]): Promise<{ local: CliRun; remote: CliRun }> {
  return {
    local: await cli(...argv, '--data-dir', local),
    remote: await cliWith({ PEERCONOMY_TOKEN: tokens.write }, ...argv, '--server', url),
  };
}

/** The same command on both sides: the same lines and exit code; answers the local run. */
async function same(...argv: string[]): Promise<CliRun> {
  const runs = await both(...argv);
  assert.deepEqual(runs.remote, runs.local, argv.join(' '));
  return runs.local;
}

const file = (name: string, list: readonly PoolInput[]) => {
  const path = join(root, name);
  writeFileSync(path, JSON.stringify(list));
  return path;
};
const ofKinds = (...kinds: string[]) =>
  inputs.filter((i) => i.period === 1 && kinds.includes(i.kind));
const step = (stage: string) => same('pool', 'step', pool, '--period', '1', '--stage', stage);

describe('the pool commands against a server', () => {
  test('a whole period prints the same on a server as on a local database', async () => {
    assert.equal((await same('pool', 'status', pool)).code, 0);
    assert.equal((await step('bidding')).code, 1);
    assert.equal((await step('planning')).code, 0);
    const planning = ofKinds('tasks', 'requests', 'production', 'workInProgress');
    assert.equal((await same('pool', 'submit', pool, file('planning.json', planning))).code, 0);
    assert.equal((await step('bidding')).code, 0);
    const bids = await same('pool', 'submit', pool, file('bids.json', ofKinds('bids')));
    assert.equal(bids.code, 0, bids.err.join('\n'));
    // A bid withdrawn and given again: its sequence number from the submit's answer.
    const firstSeq = /from sequence number (\d+)/.exec(bids.out[0]!)![1]!;
    assert.equal((await same('pool', 'withdraw', pool, '--seq', firstSeq)).code, 0);
    const again = ofKinds('bids').slice(0, 1);
    assert.equal((await same('pool', 'submit', pool, file('again.json', again))).code, 0);
    const projected = await same('pool', 'projection', pool);
    assert.deepEqual(
      (({ period, stage }) => ({ period, stage }))(JSON.parse(projected.out.join('\n'))),
      { period: 1, stage: 'bidding' },
    );
    const person = scenario.persons[0]!.id;
    const mine = await same('pool', 'projection', pool, '--person', person);
    assert.equal(mine.code, 0, mine.err.join('\n'));
    assert.equal((await same('pool', 'clearing', pool, '--period', '1')).code, 1);
    assert.equal((await step('cleared')).code, 0);
    const clearing = await same('pool', 'clearing', pool, '--period', '1');
    assert.ok(JSON.parse(clearing.out.join('\n')).tasks.length > 0);
    assert.equal((await step('running')).code, 0);
    const rest = inputs.filter((i) => i.period === 1 && !planning.includes(i) && i.kind !== 'bids');
    assert.equal((await same('pool', 'submit', pool, file('rest.json', rest))).code, 0);
    assert.equal((await same('pool', 'withdraw', pool, '--seq', '99999')).code, 1);
    assert.equal((await step('settling')).code, 0);
    const closed = await step('closed');
    assert.match(closed.out[0]!, /period 1 is now closed, head [0-9a-f]{16}$/);
    assert.match((await step('closed')).out[0]!, /was already closed/);
    const report = await same('pool', 'report', pool, '--period', '1');
    assert.equal(JSON.parse(report.out.join('\n')).period, 1);
    assert.equal((await same('pool', 'projection', pool)).code, 1);
    assert.equal((await same('pool', 'status', pool, '--json')).code, 0);
    const status = await same('pool', 'status', pool);
    assert.match(status.out[0]!, new RegExp(`^${pool}: period 1 is closed`));
    // A pool the account has no part in is refused before it is looked for: the server does
    // not tell strangers which pools exist.
    const nowhere = await both('pool', 'status', 'nowhere');
    assert.deepEqual(nowhere.local.err, ['peerconomy: no pool "nowhere" (economy.unknown_pool)']);
    assert.deepEqual(nowhere.remote.err, [
      "peerconomy: only the pool's people read this (auth.forbidden)",
    ]);
  });

  test("the server's refusals are one line: a read-only token, no token", async () => {
    const readOnly = await cliWith(
      { PEERCONOMY_TOKEN: tokens.read, PEERCONOMY_SERVER: url },
      ...['pool', 'step', pool, '--period', '2', '--stage', 'planning'],
    );
    assert.deepEqual(readOnly, {
      code: 1,
      out: [],
      err: ['peerconomy: this token may only read (auth.read_only_token)'],
    });
    const anonymous = await cliWith({ PEERCONOMY_SERVER: url }, 'pool', 'status', pool);
    assert.deepEqual(anonymous.err, [
      'peerconomy: sign in first; set PEERCONOMY_TOKEN to a personal access token (auth.unauthenticated)',
    ]);
  });

  test('a server that is not there, or not the API, and a bad --server are one line', async () => {
    const closedPort = await cli('pool', 'status', pool, '--server', 'http://127.0.0.1:1');
    assert.equal(closedPort.code, 1);
    assert.match(
      closedPort.err[0]!,
      /^peerconomy: cannot reach the server at http:\/\/127\.0\.0\.1:1: /,
    );
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['pool', 'status', pool, '--server', 'http://proxy.example'], {
      openDatabase,
      env: {},
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      fetch: async () =>
        new Response('<h1>Bad gateway</h1>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
    });
    assert.deepEqual(
      [code, out, err],
      [
        1,
        [],
        [
          `peerconomy: the server at http://proxy.example answered GET /api/v1/pools/${pool} with 502 text/html, not the Peerconomy API`,
        ],
      ],
    );
    const bad = await cli('pool', 'status', pool, '--server', 'ftp://example.org');
    assert.deepEqual(bad.err, [
      'peerconomy: --server must be an http or https URL, got "ftp://example.org"',
    ]);
    const both = await cli('pool', 'status', pool, '--server', url, '--data-dir', local);
    assert.deepEqual(both.err, ['peerconomy: --server and --data-dir exclude each other']);
  });
});
