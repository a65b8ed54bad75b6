// What one request of the HTTP benchmark costs, in one process and without HTTP: the database
// statements (and of them the commits) and the CPU time per request, for the server's app
// (`createApp(...).fetch`, every middleware) and for the bare server's data operations alone
// (the same calls as server.ts's bare handler), over the same fixture (fixture.ts). Counts do
// not move with the machine's load; the CPU time does less than wall time. The bytes allocated
// per request (what the collections freed, from v8's GCProfiler) hardly move either.
// Usage: npx tsx bench/http/counts.ts [--requests=N] [--sql] [--only=bid|statement|journal]
//        [--side=bare|server]   (SQLite in a temporary directory;
//        with DATABASE_URL set, on that PostgreSQL database, which must be empty)
//        --sql prints each statement text with its count per request (on SQLite also the
//        time a run of it takes inside better-sqlite3).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GCProfiler, getHeapStatistics } from 'node:v8';
import BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import { argon2idHasher, TEST_ARGON2_COST } from '../../src/app/auth/passwords.ts';
import { createApp } from '../../src/http/app.ts';
import { buildHttpDeps } from '../../src/http/build.ts';
import { DEFAULT_HTTP_SETTINGS } from '../../src/http/deps.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { serverStoresOf } from '../../src/storage/server-stores.ts';
import { prepareFixture } from './fixture.ts';

const args = process.argv.slice(2);
const requests = Number(args.find((a) => a.startsWith('--requests='))?.split('=')[1] ?? 300);
const showSql = args.includes('--sql');
const only = args.find((a) => a.startsWith('--only='))?.split('=')[1];
const side = args.find((a) => a.startsWith('--side='))?.split('=')[1];
const databaseUrl = process.env.DATABASE_URL;

/** Statement texts run since the last reset, with how often and (SQLite) how long. */
const statements = new Map<string, { times: number; ms: number }>();
const count = (sql: string, ms = 0) => {
  const text = sql.replace(/\s+/g, ' ').trim();
  const seen = statements.get(text) ?? { times: 0, ms: 0 };
  statements.set(text, { times: seen.times + 1, ms: seen.ms + ms });
};
if (databaseUrl === undefined) {
  // Every statement Kysely runs on SQLite goes through a prepared statement's all or run.
  const probe = new BetterSqlite3(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
  probe.close();
  for (const method of ['all', 'run', 'get', 'iterate']) {
    const original = prototype[method] as (...a: unknown[]) => unknown;
    prototype[method] = function (this: { source: string }, ...a: unknown[]) {
      const started = performance.now();
      try {
        return original.apply(this, a);
      } finally {
        count(this.source, performance.now() - started);
      }
    };
  }
} else {
  const original = pg.Client.prototype.query as (...a: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: unknown }).query = function (
    this: unknown,
    ...a: unknown[]
  ) {
    const text = a[0];
    count(typeof text === 'string' ? text : String((text as { text: string }).text));
    return original.apply(this, a);
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'peerconomy-bench-counts-'));
const database = openDatabase(databaseUrl ? { dataDir, databaseUrl } : { dataDir });
const deps = buildHttpDeps(serverStoresOf(database), {
  now: Date.now,
  random: (length) => randomBytes(length),
  passwords: argon2idHasher(TEST_ARGON2_COST),
  logger: pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: true })),
  settings: {
    ...DEFAULT_HTTP_SETTINGS,
    writeLimit: { limit: 1_000_000_000, windowMs: 60_000 },
    readLimit: { limit: 1_000_000_000, windowMs: 60_000 },
  },
});
const fixture = await prepareFixture(database.db as Kysely<unknown>, deps);
const app = createApp(deps);
const pool = encodeURIComponent(fixture.poolId);
const { bidders, instances } = fixture;
let bids = 0;

const nextBid = () => {
  const n = bids++;
  return {
    n,
    bidder: bidders[n % bidders.length]!,
    instanceId: instances[Math.floor(n / bidders.length) % instances.length]!,
  };
};

type Workload = 'bid' | 'statement' | 'journal';
const server: Record<Workload, (i: number) => Promise<number>> = {
  async bid() {
    const { n, bidder, instanceId } = nextBid();
    const response = await app.fetch(
      new Request(`http://server/api/v1/pools/${pool}/bids`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${bidder.token}`,
          'content-type': 'application/json',
          'idempotency-key': `counts-${n}`,
        },
        body: JSON.stringify({ personId: bidder.personId, instanceId, weightMilli: 1000 + n }),
      }),
    );
    await response.text();
    return response.status;
  },
  async statement(i) {
    const member = bidders[i % bidders.length]!;
    const response = await app.fetch(
      new Request(`http://server/api/v1/pools/${pool}/persons/${member.personId}/statement`, {
        headers: { authorization: `Bearer ${member.token}` },
      }),
    );
    await response.text();
    return response.status;
  },
  async journal(i) {
    const member = bidders[i % bidders.length]!;
    const response = await app.fetch(
      new Request(`http://server/api/v1/pools/${pool}/journal`, {
        headers: { authorization: `Bearer ${member.token}` },
      }),
    );
    await response.text();
    return response.status;
  },
};
const { economy, books } = deps;
const bare: Record<Workload, (i: number) => Promise<number>> = {
  async bid() {
    const { n, bidder, instanceId } = nextBid();
    const record = { personId: bidder.personId, instanceId, weightMilli: 1000 + n };
    const input = { kind: 'bids', period: fixture.period, record };
    const result = await economy.submitInputs(fixture.poolId, `counts-${n}`, [input]);
    JSON.stringify(result.ok ? result.value : result.error);
    return result.ok ? 201 : 422;
  },
  async statement(i) {
    const member = bidders[i % bidders.length]!;
    const accountId = `${fixture.poolId}.person.${member.personId}`;
    const read = await books.statement(fixture.poolId, accountId, -1, 100);
    if (read === undefined) return 404;
    JSON.stringify({ ...read.account, items: read.lines });
    return 200;
  },
  async journal() {
    const items = await books.journalPage(fixture.poolId, -1, 100);
    JSON.stringify({ items });
    return 200;
  },
};

async function measure(name: string, run: (i: number) => Promise<number>) {
  for (let i = 0; i < 30; i++) await run(i); // warm-up
  statements.clear();
  const gc = new GCProfiler();
  const heapBefore = getHeapStatistics().used_heap_size;
  gc.start();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < requests; i++) {
    const status = await run(i);
    if (status >= 300) throw new Error(`${name}: ${status}`);
  }
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - started;
  // Allocated: what each collection freed, plus what the heap grew by over the run.
  const collections = gc.stop()?.statistics ?? [];
  let allocated = getHeapStatistics().used_heap_size - heapBefore;
  for (const { beforeGC, afterGC } of collections) {
    allocated += beforeGC.heapStatistics.usedHeapSize - afterGC.heapStatistics.usedHeapSize;
  }
  let total = 0;
  let commits = 0;
  for (const [sql, { times }] of statements) {
    total += times;
    if (/^commit/i.test(sql)) commits += times;
  }
  const per = (x: number) => Math.round((x / requests) * 100) / 100;
  console.log(
    `${name.padEnd(16)} statements ${per(total)}, commits ${per(commits)} per request; CPU ${per((used.user + used.system) / 1000)} ms, wall ${per(wall)} ms, ${Math.round(allocated / requests / 1024)} KB allocated per request (${collections.length} collections)`,
  );
  if (showSql) {
    for (const [sql, { times, ms }] of [...statements].sort((a, b) => b[1].times - a[1].times)) {
      const inside = databaseUrl === undefined ? ` (${Math.round((ms / times) * 1000)} µs)` : '';
      console.log(`    ${per(times)}${inside}  ${sql.slice(0, 150)}`);
    }
  }
}

console.log(`${databaseUrl ? 'PostgreSQL' : 'SQLite'}, ${requests} requests each`);
try {
  for (const workload of ['bid', 'statement', 'journal'] as const) {
    if (only !== undefined && only !== workload) continue;
    if (side !== 'server') await measure(`bare ${workload}`, bare[workload]);
    if (side !== 'bare') await measure(`server ${workload}`, server[workload]);
  }
} finally {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
