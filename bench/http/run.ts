// The HTTP benchmark (issue 15): the server `peerconomy serve` runs, on SQLite and on PostgreSQL,
// and in the same run a bare node:http server doing only the same database work (server.ts),
// each loaded by autocannon over loopback with three requests a member makes: placing a bid
// (write), their statement (read) and a journal page (read). For each: the throughput (requests
// answered 2xx per second with 16 connections; the bids a fixed number, so both servers start
// and end at the same size of input log) and the latency at a fixed 500 requests/s (p50 and
// p99, corrected for coordinated omission). The two servers of a database run one right after
// the other for each measurement, so both see about the same load on a shared machine; the
// machine's load average is recorded around every block.
// Usage: npx tsx bench/http/run.ts [--quick] [--only=sqlite|postgres] [--save]
//        (--save writes bench/http/results.json)
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon, { type RawRequest } from 'autocannon';
import { startPostgresCluster } from '../../test/support/postgres-cluster.ts';
import type { Fixture } from './fixture.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.split('=')[1];
const RATE = 500;
const PLAN = quick
  ? { readSeconds: 3, rateSeconds: 3, bids: 150, warmUp: 100, connections: 16 }
  : { readSeconds: 8, rateSeconds: 5, bids: 400, warmUp: 200, connections: 16 };
/** Connections for the fixed rate: enough that 500/s needs no more than 100 ms a request. */
const RATE_CONNECTIONS = 50;
const KINDS = ['bare', 'peerconomy'] as const;
type Kind = (typeof KINDS)[number];
const WORKLOADS = ['bid', 'statement', 'journal'] as const;
type Workload = (typeof WORKLOADS)[number];

interface Target {
  readonly kind: Kind;
  readonly url: string;
  readonly fixture: Fixture;
  readonly child: ChildProcess;
  /** The number of bids this target was sent so far: each bid is a new (person, task). */
  bids: number;
}

const scratch = mkdtempSync(join(tmpdir(), 'peerconomy-bench-http-'));
const SERVER = join(import.meta.dirname, 'server.ts');

async function startTarget(kind: Kind, env: NodeJS.ProcessEnv): Promise<Target> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', SERVER, `--kind=${kind}`, `--data-dir=${join(scratch, kind)}`],
    { env, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the ${kind} server exited (${code})`)));
  });
  const { port, fixture } = JSON.parse(first) as { port: number; fixture: Fixture };
  return { kind, url: `http://127.0.0.1:${port}`, fixture, child, bids: 0 };
}

async function stopTarget(target: Target): Promise<void> {
  if (target.child.exitCode !== null) return;
  const exited = new Promise((resolve) => target.child.once('exit', resolve));
  target.child.stdin!.end();
  const timer = setTimeout(() => target.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The request of a workload, the n-th of its kind for bids (a new person and task each). */
function requestOf(target: Target, workload: Workload) {
  const { fixture } = target;
  const pool = encodeURIComponent(fixture.poolId);
  const { bidders, instances } = fixture;
  let reader = 0;
  return {
    setupRequest: (req: RawRequest): RawRequest => {
      if (workload === 'bid') {
        const n = target.bids++;
        const bidder = bidders[n % bidders.length]!;
        const instanceId = instances[Math.floor(n / bidders.length) % instances.length]!;
        if (n >= bidders.length * instances.length) throw new Error('out of distinct bids');
        return {
          ...req,
          method: 'POST',
          path: `/api/v1/pools/${pool}/bids`,
          headers: {
            authorization: `Bearer ${bidder.token}`,
            'content-type': 'application/json',
            'idempotency-key': `bench-${n}`,
          },
          body: JSON.stringify({ personId: bidder.personId, instanceId, weightMilli: 1000 + n }),
        };
      }
      const member = bidders[reader++ % bidders.length]!;
      return {
        ...req,
        method: 'GET',
        path:
          workload === 'journal'
            ? `/api/v1/pools/${pool}/journal`
            : `/api/v1/pools/${pool}/persons/${member.personId}/statement`,
        headers: { authorization: `Bearer ${member.token}` },
      };
    },
  };
}

interface Measured {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly failed: number;
}

async function load(
  target: Target,
  workload: Workload,
  shape: { amount?: number; duration?: number; overallRate?: number; connections: number },
): Promise<Measured> {
  const result = await autocannon({
    url: target.url,
    timeout: 30,
    ...shape,
    requests: [
      {
        ...requestOf(target, workload),
        onResponse: (status: number, body: string) => {
          if (status >= 300 && !reported.has(target.kind)) {
            reported.add(target.kind);
            console.error(`${target.kind} ${workload}: ${status} ${body.slice(0, 300)}`);
          }
        },
      },
    ],
  });
  const ok = result['2xx'];
  return {
    perSecond: Math.round((ok / result.duration) * 10) / 10,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: ok + result.non2xx,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/** The servers whose first refusal was printed. */
const reported = new Set<string>();

const load1 = () => Math.round(loadavg()[0]! * 10) / 10;

async function benchDatabase(database: 'sqlite' | 'postgres', env: NodeJS.ProcessEnv[]) {
  const started = new Date().toISOString();
  const loadBefore = load1();
  const targets = await Promise.all(KINDS.map((kind, i) => startTarget(kind, env[i]!)));
  const rows: Record<string, unknown>[] = [];
  try {
    for (const workload of WORKLOADS) {
      const row: Record<string, unknown> = { database, workload, loadBefore: load1() };
      for (const target of targets) {
        // Warm up the JIT and the connection pools; bids warm up on the same bids both sides.
        await load(target, workload, { amount: PLAN.warmUp, connections: PLAN.connections });
      }
      for (const target of targets) {
        row[`${target.kind}Throughput`] = await load(target, workload, {
          connections: PLAN.connections,
          ...(workload === 'bid' ? { amount: PLAN.bids } : { duration: PLAN.readSeconds }),
        });
      }
      for (const target of targets) {
        row[`${target.kind}At${RATE}`] = await load(target, workload, {
          connections: RATE_CONNECTIONS,
          overallRate: RATE,
          duration: PLAN.rateSeconds,
        });
      }
      row.loadAfter = load1();
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  } finally {
    await Promise.all(targets.map(stopTarget));
  }
  return {
    database,
    started,
    loadBefore,
    loadAfter: load1(),
    journalEntries: targets[0]!.fixture.journalEntries,
    rows,
  };
}

const results: Awaited<ReturnType<typeof benchDatabase>>[] = [];
try {
  if (only !== 'postgres') results.push(await benchDatabase('sqlite', [process.env, process.env]));
  if (only !== 'sqlite') {
    const cluster = await startPostgresCluster();
    try {
      const env = [];
      for (const kind of KINDS) {
        env.push({ ...process.env, DATABASE_URL: await cluster.createDatabase(`bench_${kind}`) });
      }
      results.push(await benchDatabase('postgres', env));
    } finally {
      cluster.stop();
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const machine = {
  date: new Date().toISOString(),
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  plan: { ...PLAN, rate: RATE, rateConnections: RATE_CONNECTIONS, quick },
};
console.log(table(results));
if (args.includes('--save')) {
  const file = join(import.meta.dirname, 'results.json');
  writeFileSync(file, `${JSON.stringify({ machine, results }, null, 2)}\n`);
  console.log(`written: ${file}`);
}

/** The results as the Markdown table of docs/BENCHMARKS.md. */
function table(runs: typeof results): string {
  const lines = [
    `| database | request | bare req/s | server req/s | server / bare | bare p50 / p99 ms at ${RATE}/s | server p50 / p99 ms at ${RATE}/s (achieved req/s) | load 1 min |`,
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const run of runs) {
    for (const row of run.rows) {
      const bare = row.bareThroughput as Measured;
      const server = row.peerconomyThroughput as Measured;
      const bareRate = row[`bareAt${RATE}`] as Measured;
      const serverRate = row[`peerconomyAt${RATE}`] as Measured;
      const failed = [bare, server, bareRate, serverRate].reduce((sum, m) => sum + m.failed, 0);
      lines.push(
        `| ${run.database} | ${row.workload} | ${bare.perSecond} | ${server.perSecond} | ${Math.round((server.perSecond / bare.perSecond) * 100)} % | ${bareRate.p50} / ${bareRate.p99} (${bareRate.perSecond}) | ${serverRate.p50} / ${serverRate.p99} (${serverRate.perSecond}) | ${row.loadBefore}–${row.loadAfter}${failed > 0 ? ` (${failed} failed)` : ''} |`,
      );
    }
  }
  return lines.join('\n');
}
