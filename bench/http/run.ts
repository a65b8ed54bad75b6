// The HTTP benchmark (issue 15): the server `peerconomy serve` runs, on SQLite and on PostgreSQL,
// and in the same run a bare node:http server doing only the same database work (server.ts),
// each loaded by autocannon over loopback with three requests a member makes: placing a bid
// (write), their statement (read) and a journal page (read). For each: the throughput (requests
// answered 2xx per second with 16 connections; the bids a fixed number, so both servers start
// and end at the same size of input log) and the latency at a fixed 500 requests/s (p50 and
// p99 of an open-loop load, fixed-rate.ts: latency counted from when each request was due). The
// two servers of a database run one right after the other for each measurement, so both see
// about the same load on a shared machine; the machine's load average is recorded around every
// block. Where `taskset` exists, the servers (and PostgreSQL) run on CPU 0 and this process,
// which generates the load, on CPU 1, so that the load does not take the server's core.
// Usage: npx tsx bench/http/run.ts [--quick] [--only=sqlite|postgres] [--workload=bid|…] [--no-pin]
//        [--autocannon-rate] [--compare=<other checkout>] [--save]
//        (--compare also measures the server of another checkout, as `before`, in the same run)
//        (--autocannon-rate also measures the fixed rate with autocannon's overallRate, as
//        before, beside the open-loop figure; --save writes bench/http/results.json)
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon, { type RawRequest } from 'autocannon';
import { startPostgresCluster } from '../../test/support/postgres-cluster.ts';
import { type FixedRateResult, fixedRate } from './fixed-rate.ts';
import type { Fixture } from './fixture.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.split('=')[1];
const autocannonRate = args.includes('--autocannon-rate');
const RATE = 500;
// 80 bidders × 50 instances give 4,000 distinct bids per server: warm-up, throughput and the
// fixed rate together stay below that.
const PLAN = quick
  ? { readSeconds: 3, rateSeconds: 3, bidRateSeconds: 2, bids: 500, warmUp: 100, connections: 16 }
  : { readSeconds: 8, rateSeconds: 6, bidRateSeconds: 3, bids: 1200, warmUp: 200, connections: 16 };
/** Connections for autocannon's fixed rate (as the runs before the open-loop load had). */
const RATE_CONNECTIONS = 50;
/** Sockets of the open-loop load: 500/s at up to 64 ms a request before the client queues. */
const RATE_SOCKETS = 32;

/** The CPUs the servers and the load run on, when taskset can pin them apart. */
const pinned =
  !args.includes('--no-pin') &&
  cpus().length >= 2 &&
  spawnSync('taskset', ['--version']).status === 0;
const SERVER_CPU = '0';
const LOAD_CPU = '1';
/** Moves a running process (every thread of it) to the given CPUs. */
const pin = (pid: number, cpuList: string) =>
  spawnSync('taskset', ['-a', '-cp', cpuList, String(pid)], { stdio: 'ignore' });
if (pinned) pin(process.pid, LOAD_CPU);

/** PostgreSQL's postmaster and the processes it has started, moved to the server's CPU. */
function pinPostgres(dataDir: string) {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  pin(postmaster, SERVER_CPU);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === postmaster) pin(Number(entry), SERVER_CPU);
    } catch {
      // The process ended meanwhile.
    }
  }
}
/** Another checkout whose server is measured in the same run, as `before`. */
const compareDir = args.find((a) => a.startsWith('--compare='))?.split('=')[1];
const KINDS = compareDir === undefined ? ['bare', 'peerconomy'] : ['bare', 'peerconomy', 'before'];
type Kind = string;
const ALL_WORKLOADS = ['bid', 'statement', 'journal'] as const;
type Workload = (typeof ALL_WORKLOADS)[number];
/** `--workload=bid` (or statement, journal) measures that one only. */
const onlyWorkload = args.find((a) => a.startsWith('--workload='))?.split('=')[1];
const WORKLOADS = ALL_WORKLOADS.filter((w) => onlyWorkload === undefined || w === onlyWorkload);

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
  const command = [
    process.execPath,
    '--import',
    'tsx',
    kind === 'before' ? join(compareDir!, 'bench', 'http', 'server.ts') : SERVER,
    `--kind=${kind === 'before' ? 'peerconomy' : kind}`,
    `--data-dir=${join(scratch, kind)}`,
  ];
  const [file, ...rest] = pinned ? ['taskset', '-c', SERVER_CPU, ...command] : command;
  const child = spawn(file!, rest, { env, stdio: ['pipe', 'pipe', 'inherit'] });
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
  shape: {
    amount?: number;
    duration?: number;
    overallRate?: number;
    connections: number;
  },
): Promise<Measured> {
  const started = performance.now();
  let lastAnswer = started;
  const result = await autocannon({
    url: target.url,
    timeout: 30,
    ...shape,
    requests: [
      {
        ...requestOf(target, workload),
        onResponse: (status: number, body: string) => {
          lastAnswer = performance.now();
          if (status >= 300 && !reported.has(target.kind)) {
            reported.add(target.kind);
            console.error(`${target.kind} ${workload}: ${status} ${body.slice(0, 300)}`);
          }
        },
      },
    ],
  });
  const ok = result['2xx'];
  // From the start to the last answer: autocannon ends a run of a fixed amount at its next
  // one-second tick and gives `duration` in whole seconds (plus 0.01), which made 500 bids
  // answered in 2.0 s or in 2.9 s both 166/s.
  const seconds = (lastAnswer - started) / 1000;
  return {
    perSecond: Math.round((ok / seconds) * 10) / 10,
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
      const seconds = workload === 'bid' ? PLAN.bidRateSeconds : PLAN.rateSeconds;
      for (const target of targets) {
        const { setupRequest } = requestOf(target, workload);
        row[`${target.kind}At${RATE}`] = await fixedRate(target.url, () => setupRequest({}), {
          rate: RATE,
          seconds,
          sockets: RATE_SOCKETS,
        });
      }
      // The bids have no distinct (person, task) left for a second fixed-rate run.
      if (autocannonRate && workload !== 'bid') {
        for (const target of targets) {
          row[`${target.kind}AutocannonAt${RATE}`] = await load(target, workload, {
            connections: RATE_CONNECTIONS,
            overallRate: RATE,
            duration: seconds,
          });
        }
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
      if (pinned) pinPostgres(join(cluster.socketDir, 'data'));
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
  plan: { ...PLAN, rate: RATE, rateSockets: RATE_SOCKETS, quick, pinned },
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
    `| database | request | bare req/s | server req/s | server / bare | bare p50 / p99 ms at ${RATE}/s (achieved) | server p50 / p99 ms at ${RATE}/s (achieved) | load 1 min |`,
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const run of runs) {
    for (const row of run.rows) {
      const bare = row.bareThroughput as Measured;
      const server = row.peerconomyThroughput as Measured;
      const bareRate = row[`bareAt${RATE}`] as FixedRateResult;
      const serverRate = row[`peerconomyAt${RATE}`] as FixedRateResult;
      const failed = [bare, server, bareRate, serverRate].reduce((sum, m) => sum + m.failed, 0);
      const before = row.beforeThroughput as Measured | undefined;
      const beforeRate = row[`beforeAt${RATE}`] as FixedRateResult | undefined;
      if (before && beforeRate) {
        lines.push(
          `| ${run.database} | ${row.workload}, before | ${bare.perSecond} | ${before.perSecond} | ${Math.round((before.perSecond / bare.perSecond) * 100)} % | | ${beforeRate.p50} / ${beforeRate.p99} (${beforeRate.perSecond}) | |`,
        );
      }
      lines.push(
        `| ${run.database} | ${row.workload} | ${bare.perSecond} | ${server.perSecond} | ${Math.round((server.perSecond / bare.perSecond) * 100)} % | ${bareRate.p50} / ${bareRate.p99} (${bareRate.perSecond}) | ${serverRate.p50} / ${serverRate.p99} (${serverRate.perSecond}) | ${row.loadBefore}–${row.loadAfter}${failed > 0 ? ` (${failed} failed)` : ''} |`,
      );
      const bareCannon = row[`bareAutocannonAt${RATE}`] as Measured | undefined;
      const serverCannon = row[`peerconomyAutocannonAt${RATE}`] as Measured | undefined;
      if (bareCannon && serverCannon) {
        lines.push(
          `| ${run.database} | ${row.workload}, autocannon overallRate | | | | ${bareCannon.p50} / ${bareCannon.p99} (${bareCannon.perSecond}) | ${serverCannon.p50} / ${serverCannon.p99} (${serverCannon.perSecond}) | |`,
        );
      }
    }
  }
  return lines.join('\n');
}
