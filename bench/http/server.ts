// One server of the HTTP benchmark, in its own process: `--kind=peerconomy` is the app
// `peerconomy serve` runs (Hono, every middleware, a log line per request written to /dev/null),
// `--kind=bare` a node:http server that does only the database work of the same three requests
// (no framework, no validation, no accounts or policies, no ETag, no log). Both prepare the same
// pool (fixture.ts) on the database given (`--data-dir` for SQLite, DATABASE_URL for PostgreSQL),
// listen on a free loopback port, print one JSON line (the port and the fixture), and stop when
// their standard input closes, so that they never outlive the run.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { serve } from '@hono/node-server';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { argon2idHasher, TEST_ARGON2_COST } from '../../src/app/auth/passwords.ts';
import type { EconomyStore } from '../../src/app/ports/economy-store.ts';
import { createApp } from '../../src/http/app.ts';
import { buildHttpDeps } from '../../src/http/build.ts';
import { DEFAULT_HTTP_SETTINGS, type HttpDeps } from '../../src/http/deps.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { serverStoresOf } from '../../src/storage/server-stores.ts';
import { type Fixture, prepareFixture } from './fixture.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const kind = flag('kind');
const dataDir = flag('data-dir') ?? '';
const databaseUrl = process.env.DATABASE_URL;

const database = openDatabase(databaseUrl ? { dataDir, databaseUrl } : { dataDir });
// The economy's transactions, counted: with `counts` on standard input the server prints how
// many it ran so far, so a run can tell how many bids one transaction carried (decision 0072).
let economyTransactions = 0;
// Where a bid's tail comes from (`diagnose` on standard input prints it since the last
// `diagnose`): the event loop's delay, the collector's pauses, and per economy transaction its
// wall time, the submissions it carried (savepoints, or one) and the store calls it made (on
// PostgreSQL about its round trips).
// Only with `--diagnose`: the monitor's timer and the proxy cost a little.
const diagnose = args.includes('--diagnose');
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
let gcPauses: number[] = [];
if (diagnose) {
  loopDelay.enable();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push(entry.duration);
  }).observe({ entryTypes: ['gc'] });
}
let groups: { ms: number; size: number; calls: number }[] = [];
const stores = serverStoresOf(database);
/** An economy transaction, timed, with its submissions and store calls counted. */
const diagnosed: EconomyStore['transaction'] = async (work) => {
  economyTransactions += 1;
  const started = performance.now();
  let savepoints = 0;
  let calls = 0;
  try {
    return await stores.economyStore.transaction((tx) =>
      work(
        new Proxy(tx, {
          get(target, name, receiver) {
            const value = Reflect.get(target, name, receiver);
            if (typeof value !== 'function') return value;
            return (...rest: unknown[]) => {
              calls += 1;
              if (name === 'savepoint') savepoints += 1;
              return value.apply(target, rest);
            };
          },
        }),
      ),
    );
  } finally {
    groups.push({ ms: performance.now() - started, size: Math.max(1, savepoints), calls });
  }
};
const deps = buildHttpDeps(
  {
    ...stores,
    economyStore: {
      ...stores.economyStore,
      transaction: diagnose
        ? diagnosed
        : (work) => {
            economyTransactions += 1;
            return stores.economyStore.transaction(work);
          },
    },
  },
  {
    now: Date.now,
    random: (length) => randomBytes(length),
    // No password is checked in the benchmark (tokens only); the cost is the tests' one.
    passwords: argon2idHasher(TEST_ARGON2_COST),
    logger: pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false })),
    settings: {
      ...DEFAULT_HTTP_SETTINGS,
      // 120 writes a minute per account would stop the write benchmark after a second, and the
      // read limit a read benchmark after twelve; the limiters still run on every request, with
      // limits the run does not reach.
      writeLimit: { limit: 1_000_000_000, windowMs: 60_000 },
      readLimit: { limit: 1_000_000_000, windowMs: 60_000 },
    },
  },
);
const fixture = await prepareFixture(database.db as Kysely<unknown>, deps);

const handler =
  kind === 'peerconomy'
    ? null
    : kind === 'bare'
      ? bareHandler(deps, fixture)
      : (() => {
          throw new Error('--kind=peerconomy or --kind=bare');
        })();
const server =
  handler === null
    ? serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' })
    : createServer(handler).listen(0, '127.0.0.1');
await once(server, 'listening');
const { port } = server.address() as AddressInfo;
process.stdout.write(`${JSON.stringify({ port, fixture })}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'counts') process.stdout.write(`${JSON.stringify({ economyTransactions })}\n`);
  if (line === 'diagnose') {
    process.stdout.write(`${JSON.stringify(diagnosis())}\n`);
    loopDelay.reset();
    gcPauses = [];
    groups = [];
  }
});
process.stdin.on('close', async () => {
  server.close();
  (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  await database.close();
  process.exit(0);
});

/** What was measured since the last reset, in ms. */
function diagnosis() {
  const q = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted.length === 0
      ? 0
      : round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!);
  };
  const round = (ms: number) => Math.round(ms * 100) / 100;
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const sizes = groups.map((g) => g.size);
  const times = groups.map((g) => g.ms);
  return {
    loopDelay: {
      p50: round(loopDelay.percentile(50) / 1e6),
      p99: round(loopDelay.percentile(99) / 1e6),
      max: round(loopDelay.max / 1e6),
    },
    gc: { count: gcPauses.length, totalMs: round(sum(gcPauses)), max: q(gcPauses, 1) },
    groups: {
      count: groups.length,
      submissions: sum(sizes),
      sizeP50: q(sizes, 0.5),
      sizeMax: q(sizes, 1),
      msP50: q(times, 0.5),
      msP99: q(times, 0.99),
      msMax: q(times, 1),
      callsPerGroupP50: q(
        groups.map((g) => g.calls),
        0.5,
      ),
    },
  };
}

/** The same three requests, by hand: the use case's database work and JSON out. */
function bareHandler(deps: HttpDeps, fixture: Fixture) {
  const { economy, books } = deps;
  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json' }).end(text);
  };
  const bodyOf = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  };
  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const url = new URL(req.url ?? '/', 'http://bare');
      const parts = url.pathname.split('/').map(decodeURIComponent);
      // /api/v1/pools/{pool}/…
      const [, , , , poolId, what, personId, tail] = parts;
      if (req.method === 'POST' && what === 'bids' && poolId !== undefined) {
        const key = String(req.headers['idempotency-key'] ?? '');
        const record = await bodyOf(req);
        const input = { kind: 'bids', period: fixture.period, record };
        const result = await economy.submitInputs(poolId, key, [input]);
        return result.ok ? send(res, 201, result.value) : send(res, 422, result.error);
      }
      if (req.method === 'GET' && what === 'journal' && poolId !== undefined) {
        const items = await books.journalPage(poolId, -1, 100);
        return send(res, 200, { items, nextCursor: items.at(-1)?.index ?? null });
      }
      if (req.method === 'GET' && what === 'persons' && tail === 'statement' && poolId) {
        const accountId = `${poolId}.person.${personId}`;
        const read = await books.statement(poolId, accountId, -1, 100);
        if (read === undefined) return send(res, 404, { code: 'http.not_found' });
        const { account, lines: items } = read;
        const balance = account.creditsPosted - account.debitsPosted;
        return send(res, 200, { personId, ...account, balance, items, nextCursor: null });
      }
      send(res, 404, { code: 'http.not_found' });
    } catch (error) {
      send(res, 500, { code: 'http.internal', detail: String(error) });
    }
  };
}
