// One server of the HTTP benchmark under one load, for its CPU time a request and a CPU profile:
// starts server.ts (`--kind`, SQLite in a temporary directory, or DATABASE_URL), sends it
// `--requests` of the workload through autocannon (16 connections) after a warm-up, prints the
// server process's CPU time (user + system, from /proc) a request of the measured load, and
// stops it. With `--out=DIR` the server runs with `node --cpu-prof` and writes its profile
// there when it stops; the profile is of the whole process: read its last seconds (the fixture
// comes first). It also prints the economy transactions the measured requests ran (for bids,
// how many shared one: decision 0072).
// With `--rate=R` the measured load is instead an open loop at R requests a second for
// `--seconds` (fixed-rate.ts), and the line gives its p50 and p99 too; `--diagnose` starts the
// server with its diagnostics (server.ts: event-loop delay, collector pauses, the economy's
// transactions timed, their sizes and store calls) and prints them for the measured load.
// Usage: npx tsx bench/http/profile.ts --kind=peerconomy|bare --workload=bid|statement|journal
//        [--requests=N] [--rate=R --seconds=S] [--diagnose] [--out=DIR] [--trace-gc]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { fixedRate } from './fixed-rate.ts';
import type { Fixture } from './fixture.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const kind = flag('kind') ?? 'peerconomy';
const workload = flag('workload') ?? 'statement';
const requests = Number(flag('requests') ?? 3000);
const out = flag('out');
const rate = flag('rate') === undefined ? undefined : Number(flag('rate'));
const rateSeconds = Number(flag('seconds') ?? 4);
const diagnose = args.includes('--diagnose');
const scratch = mkdtempSync(join(tmpdir(), 'peerconomy-bench-profile-'));

const child = spawn(
  process.execPath,
  [
    ...(out === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${out}`]),
    ...(args.includes('--trace-gc') ? ['--trace-gc'] : []),
    '--import',
    'tsx',
    join(import.meta.dirname, 'server.ts'),
    `--kind=${kind}`,
    `--data-dir=${scratch}`,
    ...(diagnose ? ['--diagnose'] : []),
  ],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
// The server's first JSON line (with --trace-gc, the server's GC lines come before it).
const lines = createInterface({ input: child.stdout! });
const first = await new Promise<string>((resolve) =>
  lines.on('line', (line) => {
    if (line.startsWith('{')) resolve(line);
    else if (args.includes('--trace-gc')) console.log(line);
  }),
);
const { port, fixture } = JSON.parse(first) as { port: number; fixture: Fixture };
const pool = encodeURIComponent(fixture.poolId);
let n = 0;
const setupRequest = () => {
  const i = n++;
  const bidder = fixture.bidders[i % fixture.bidders.length]!;
  if (workload === 'bid') {
    const instanceId =
      fixture.instances[Math.floor(i / fixture.bidders.length) % fixture.instances.length]!;
    return {
      method: 'POST' as const,
      path: `/api/v1/pools/${pool}/bids`,
      headers: {
        authorization: `Bearer ${bidder.token}`,
        'content-type': 'application/json',
        'idempotency-key': `profile-${i}`,
      },
      body: JSON.stringify({ personId: bidder.personId, instanceId, weightMilli: 1000 + i }),
    };
  }
  return {
    method: 'GET' as const,
    path:
      workload === 'journal'
        ? `/api/v1/pools/${pool}/journal`
        : `/api/v1/pools/${pool}/persons/${bidder.personId}/statement`,
    headers: { authorization: `Bearer ${bidder.token}` },
  };
};
const run = (amount: number) =>
  autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 16,
    amount,
    requests: [
      {
        setupRequest: (req) => ({ ...req, ...setupRequest() }),
        onResponse: () => {
          lastAnswer = performance.now();
        },
      },
    ],
  });
/** The server process's CPU time so far (user + system), in milliseconds. */
const cpuOfServer = () => {
  const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
};
// Autocannon ends a run of a fixed amount at its next one-second tick: the time is taken from
// the start to the last answer.
let lastAnswer = 0;
/** The economy transactions the server ran so far (server.ts answers `counts`). */
const transactions = async () => {
  const answer = new Promise<string>((resolve) => lines.once('line', resolve));
  child.stdin!.write('counts\n');
  return (JSON.parse(await answer) as { economyTransactions: number }).economyTransactions;
};
/** The server's diagnostics since the last call (server.ts `--diagnose`). */
const diagnosis = async () => {
  const answer = new Promise<string>((resolve) => lines.once('line', resolve));
  child.stdin!.write('diagnose\n');
  return answer;
};
await run(200);
if (diagnose) await diagnosis();
const transactionsBefore = await transactions();
const cpuBefore = cpuOfServer();
const started = performance.now();
if (rate === undefined) {
  const result = await run(requests);
  const seconds = (lastAnswer - started) / 1000;
  const cpu = cpuOfServer() - cpuBefore;
  const ran = (await transactions()) - transactionsBefore;
  console.log(
    `${kind} ${workload}: ${result['2xx']} answered 2xx of ${requests} in ${seconds.toFixed(2)} s (${Math.round(result['2xx'] / seconds)}/s); server CPU ${(cpu / requests).toFixed(3)} ms a request; ${ran} economy transactions`,
  );
} else {
  const result = await fixedRate(`http://127.0.0.1:${port}`, () => setupRequest(), {
    rate,
    seconds: rateSeconds,
    sockets: 32,
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuOfServer() - cpuBefore;
  const ran = (await transactions()) - transactionsBefore;
  console.log(
    `${kind} ${workload} at ${rate}/s: ${result.requests - result.failed} of ${result.requests} answered 2xx (${result.perSecond}/s), p50 ${result.p50} / p90 ${result.p90} / p99 ${result.p99} / max ${result.max} ms (server's part p99 ${result.serviceP99}); server CPU ${(cpu / result.requests).toFixed(3)} ms a request, ${((cpu / 1000 / seconds) * 100).toFixed(0)} % of a core; ${ran} economy transactions`,
  );
}
if (diagnose) console.log(await diagnosis());
const exited = new Promise((resolve) => child.once('exit', resolve));
child.stdin!.end();
await exited;
rmSync(scratch, { recursive: true, force: true });
