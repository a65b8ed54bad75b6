// The stored period cycle as history grows (issue 14): a generated pool (bench/cycle/generate.ts)
// stepped through weekly periods on SQLite and PostgreSQL through the economy's use cases. At
// the measured periods (10 and the last, by default) it times single bid submissions (p50,
// p99), each stage step, a projection read (cold, right after an input, and cached) and one
// person's projection; every period's close and clearing are timed too, so growth shows. The
// baseline is the path without checkpoints: the pure runner run whole through the period, which
// clearing, settling and closing each did (three times a period), timed at the measured periods
// up to --baseline-max.
// With --stop-by=<ISO time> a run that would not finish by then ends early: the period it
// ends with is measured as the last one.
// Usage: npx tsx bench/cycle/run.ts [--periods=260] [--db=sqlite|postgres|both]
//        [--measure=10,260] [--single-bids=100] [--baseline-max=60] [--members=1000]
//        [--stop-by=2026-12-07T13:10Z] [--out=bench/cycle/results.json] [--trace]
//        [--prof=FILE] [--keep=DIR]
// With --keep=DIR (SQLite) the database file is copied to DIR/p<period>.sqlite just before
// each measured period's close and to DIR/p<period>-running.sqlite after its running inputs
// (its write-ahead log checkpointed into it first), so that bench/cycle/close.ts can time that
// close again and again without the import, and bench/cycle/first-read.ts a process's first
// read.
// With --prof=FILE the first cold projection read of the first measured period is profiled (a
// .cpuprofile for Chrome's or VS Code's profiler).
// On PostgreSQL the statements each step sends are counted (one round trip each); --trace
// lists the close's at the measured periods, grouped by text, with the wall time they waited.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import {
  createEconomyService,
  type EconomyService,
  type InputRequest,
} from '../../src/app/economy/economy-service.ts';
import { PERIOD_STAGES, type PeriodStage } from '../../src/core/cycle/stages.ts';
import { runScenario } from '../../src/core/scenario/index.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import type { Database } from '../../src/storage/schema.ts';
import { startPostgresCluster } from '../../test/support/postgres-cluster.ts';
import { hasSwitch, option } from '../options.ts';
import { runBench } from '../report.ts';
import {
  afterClearing,
  type CycleShape,
  DEFAULT_SHAPE,
  drawPeriod,
  foundingInputs,
  memberId,
  POOL_ID,
  poolSettings,
} from './generate.ts';

const PERIODS = Number(option('periods', '260'));
const DBS = option('db', 'both') === 'both' ? ['sqlite', 'postgres'] : [option('db', 'sqlite')];
const MEASURED = new Set(
  option('measure', `10,${PERIODS}`)
    .split(',')
    .map(Number)
    .filter((p) => p <= PERIODS),
);
const SINGLE_BIDS = Number(option('single-bids', '100'));
const BASELINE_MAX = Number(option('baseline-max', '60'));
const OUT = option('out', '');
const STOP_BY = option('stop-by', '') === '' ? null : Date.parse(option('stop-by', ''));
const SHAPE: CycleShape = { ...DEFAULT_SHAPE, members: Number(option('members', '1000')) };
const TRACE = hasSwitch('trace');
const PROF = option('prof', '');
const KEEP = option('keep', '');

/** The statements sent to PostgreSQL (each one round trip), with the wall time each waited. */
const sent: { text: string; ms: number }[] = [];
{
  const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: unknown }).query = function (
    this: pg.Client,
    ...a: unknown[]
  ) {
    const start = performance.now();
    const result = query.apply(this, a);
    const first = a[0] as string | { text?: string };
    const text = typeof first === 'string' ? first : (first?.text ?? '?');
    if (result instanceof Promise) {
      return result.finally(() => sent.push({ text, ms: performance.now() - start }));
    }
    sent.push({ text, ms: 0 });
    return result;
  };
}

/** The statements sent since `from`, grouped by their first words, slowest first. */
function statementsSince(from: number) {
  const groups = new Map<string, { count: number; ms: number }>();
  for (const { text, ms } of sent.slice(from)) {
    const key = text.replace(/\s+/g, ' ').slice(0, 90);
    const group = groups.get(key) ?? { count: 0, ms: 0 };
    group.count += 1;
    group.ms += ms;
    groups.set(key, group);
  }
  return [...groups]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([text, g]) => ({ text, count: g.count, ms: Math.round(g.ms * 100) / 100 }));
}

const ms = (start: number) => Math.round((performance.now() - start) * 100) / 100;
/** CPU time of this process since `start` (user + system), in ms: on a shared machine it
 *  moves far less with the load than the wall time does (PostgreSQL's own is not in it). */
const cpuMs = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return Math.round((used.user + used.system) / 10) / 100;
};
const quantile = (values: readonly number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
};

function must<T>(result: { ok: true; value: T } | { ok: false; error: unknown }, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result.error)}`);
  return result.value;
}

interface CheckpointSize {
  readonly bytes: number;
  /** The task market's rotation-fairness records, in the checkpoint's segments beside it. */
  readonly rotationHistoryBytes: number;
  /** The products' demand records (`carried.productRecords`, `carried.nonPreordered`). */
  readonly productRecordsBytes: number;
  readonly nonPreorderedBytes: number;
}

interface PeriodMeasure {
  period: number;
  steps: Partial<Record<PeriodStage, number>>;
  stepsCpu: Partial<Record<PeriodStage, number>>;
  /** Statements sent to PostgreSQL by each step (round trips; none on SQLite). */
  stepsStatements: Partial<Record<PeriodStage, number>>;
  /** The checkpoint's size after the period closed, in bytes of JSON. */
  checkpointBytes?: number;
  checkpoint?: CheckpointSize;
  submitMs: { tasks: number; bids: number; running: number };
  singleBid?: { samples: number; p50: number; p99: number; max: number; cpuP50: number };
  projection?: { coldMs: number; coldCpuMs: number; cachedMs: number; personMs: number };
  baseline?: { fullRunMs: number; fullRunCpuMs: number };
}

async function runCycle(
  economy: EconomyService,
  checkpointBytes: () => Promise<CheckpointSize>,
  log: (line: string) => void,
  keep: (
    period: number,
    measured: boolean,
    when: 'running' | 'close',
  ) => Promise<void> = async () => {},
) {
  const key = (...parts: (string | number)[]) => `bench:${parts.join(':')}`;
  must(await economy.createPool(key('pool'), poolSettings(), foundingInputs(SHAPE)), 'create');
  const measures: PeriodMeasure[] = [];
  const submit = async (p: number, stage: string, inputs: InputRequest[]) => {
    const start = performance.now();
    if (inputs.length > 0)
      must(await economy.submitInputs(POOL_ID, key(p, stage, 'inputs'), inputs), stage);
    return ms(start);
  };
  const started = performance.now();
  let last = PERIODS;
  let slowestMs = 0;
  for (let p = 1; p <= last; p += 1) {
    const periodStart = performance.now();
    const measured = MEASURED.has(p);
    const draw = drawPeriod(SHAPE, p);
    const m: PeriodMeasure = {
      period: p,
      steps: {},
      stepsCpu: {},
      stepsStatements: {},
      submitMs: { tasks: 0, bids: 0, running: 0 },
    };
    const step = async (stage: PeriodStage) => {
      const from = sent.length;
      const start = performance.now();
      const cpu = process.cpuUsage();
      must(await economy.advance(POOL_ID, key(p, stage), { period: p, stage }), `${p} ${stage}`);
      m.steps[stage] = ms(start);
      m.stepsCpu[stage] = cpuMs(cpu);
      m.stepsStatements[stage] = sent.length - from;
      if (TRACE && stage === 'closed') {
        const groups = statementsSince(from);
        const waited = groups.reduce((total, g) => total + g.ms, 0);
        log(`  close: ${m.stepsStatements[stage]} statements, waited ${Math.round(waited)} ms`);
        for (const g of groups) log(`  close: ${g.count} × ${g.ms} ms  ${g.text}`);
      }
    };
    for (const stage of PERIOD_STAGES) {
      if (stage === 'settling') await keep(p, measured, 'running');
      if (stage === 'settling' && measured) {
        const session = PROF === '' || measures.some((x) => x.projection) ? null : new Session();
        if (session !== null) {
          session.connect();
          await session.post('Profiler.enable');
          await session.post('Profiler.setSamplingInterval', { interval: 200 });
          await session.post('Profiler.start');
        }
        const cold = performance.now();
        const cpu = process.cpuUsage();
        must(await economy.projection(POOL_ID), 'projection');
        const coldMs = ms(cold);
        const coldCpuMs = cpuMs(cpu);
        if (session !== null) {
          const { profile } = await session.post('Profiler.stop');
          writeFileSync(PROF, JSON.stringify(profile));
          session.disconnect();
        }
        const cached = performance.now();
        must(await economy.projection(POOL_ID), 'projection');
        const cachedMs = ms(cached);
        const person = performance.now();
        must(await economy.projection(POOL_ID, memberId(7)), 'projection of a person');
        m.projection = { coldMs, coldCpuMs, cachedMs, personMs: ms(person) };
      }
      if (stage === 'closed') await keep(p, measured, 'close');
      await step(stage);
      if (stage === 'planning') m.submitMs.tasks = await submit(p, 'tasks', draw.tasks);
      if (stage === 'bidding') {
        const singles = measured ? draw.bids.slice(0, SINGLE_BIDS) : [];
        const times: number[] = [];
        const cpuTimes: number[] = [];
        for (const [i, bid] of singles.entries()) {
          const start = performance.now();
          const cpu = process.cpuUsage();
          must(await economy.submitInputs(POOL_ID, key(p, 'bid', i), [bid]), 'one bid');
          times.push(ms(start));
          cpuTimes.push(cpuMs(cpu));
        }
        if (times.length > 0) {
          m.singleBid = {
            samples: times.length,
            p50: quantile(times, 0.5),
            p99: quantile(times, 0.99),
            max: Math.max(...times),
            cpuP50: quantile(cpuTimes, 0.5),
          };
        }
        m.submitMs.bids = await submit(p, 'bids', draw.bids.slice(singles.length));
      }
      if (stage === 'running') {
        const clearing = must(await economy.clearing(POOL_ID, p), 'clearing');
        m.submitMs.running = await submit(p, 'running', [
          ...draw.running,
          ...afterClearing(SHAPE, p, draw, clearing),
        ]);
      }
    }
    if (measured) {
      m.checkpoint = await checkpointBytes();
      m.checkpointBytes = m.checkpoint.bytes;
    }
    if (measured && p <= BASELINE_MAX) {
      const scenario = must(await economy.scenario(POOL_ID), 'scenario');
      const start = performance.now();
      const cpu = process.cpuUsage();
      const run = runScenario(scenario, { periods: p });
      if (run.stop !== null) throw new Error(`baseline stopped: ${run.stop.detail}`);
      m.baseline = { fullRunMs: ms(start), fullRunCpuMs: cpuMs(cpu) };
    }
    const s = m.steps;
    log(
      `period ${p}: cleared ${s.cleared} ms, settling ${s.settling} ms, closed ${s.closed} ms ` +
        `(cpu ${m.stepsCpu.cleared}, ${m.stepsCpu.settling}, ${m.stepsCpu.closed}; ` +
        `statements ${m.stepsStatements.closed ?? 0} in the close), ` +
        `bids ${m.submitMs.bids} ms, running inputs ${m.submitMs.running} ms` +
        (m.singleBid ? `; one bid p50 ${m.singleBid.p50} p99 ${m.singleBid.p99} ms` : '') +
        (m.projection ? `; projection ${m.projection.coldMs} ms` : '') +
        (m.baseline ? `; full re-run ${m.baseline.fullRunMs} ms` : ''),
    );
    measures.push(m);
    // Ends with a measured period while one (with its single bids, projection and baseline,
    // at twice the slowest period seen, plus a margin) still fits before --stop-by.
    slowestMs = Math.max(slowestMs, ms(periodStart));
    const baselineMs = measures.find((x) => x.baseline)?.baseline;
    const nextBaselineMs =
      p + 1 <= BASELINE_MAX && baselineMs ? (baselineMs.fullRunMs * (p + 1)) / 10 : 0;
    const needMs = 2 * slowestMs + nextBaselineMs + 30_000;
    if (STOP_BY !== null && p + 1 < last && Date.now() + 2 * needMs > STOP_BY) {
      last = p + 1;
      MEASURED.add(last);
      log(`stopping by ${new Date(STOP_BY).toISOString()}: period ${last} is the last`);
    }
  }
  return { importMs: ms(started), periods: last, measures };
}

/** The checkpoint's size, and of that the parts that grow with the history (bytes of JSON):
 *  the rotation history is kept beside the text, one segment per closed period (decision
 *  0062), and counted here whole, though a step reads only its window's. */
async function checkpointBytesOf(db: unknown): Promise<CheckpointSize> {
  const kysely = db as Kysely<Database>;
  const row = await kysely
    .selectFrom('economy_checkpoints')
    .select('state_json')
    .where('pool_id', '=', POOL_ID)
    .executeTakeFirst();
  const segments = await kysely
    .selectFrom('economy_checkpoint_rotation')
    .select('records_json')
    .where('pool_id', '=', POOL_ID)
    .execute();
  const text = row?.state_json ?? '{}';
  const carried = (JSON.parse(text) as { carried?: Record<string, unknown> }).carried ?? {};
  const bytesOf = (key: string) => Buffer.byteLength(JSON.stringify(carried[key] ?? null));
  return {
    bytes: Buffer.byteLength(text),
    rotationHistoryBytes: segments.reduce((n, x) => n + Buffer.byteLength(x.records_json), 0),
    productRecordsBytes: bytesOf('productRecords'),
    nonPreorderedBytes: bytesOf('nonPreordered'),
  };
}

async function onDatabase(kind: string) {
  const log = (line: string) => process.stdout.write(`[${kind}] ${line}\n`);
  if (kind === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'cycle-bench-'));
    const database = openDatabase({ dataDir });
    try {
      await migrateToLatest(database.db as Kysely<unknown>);
      return await runCycle(
        createEconomyService(database.economyStore),
        () => checkpointBytesOf(database.db),
        log,
        async (period, measured, when) => {
          const file = join(dataDir, 'peerconomy.sqlite');
          const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
          if (when === 'close' && (period % 10 === 0 || measured))
            log(`before close ${period}: file ${size(file)} B, wal ${size(`${file}-wal`)} B`);
          if (KEEP === '' || !measured) return;
          await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(database.db);
          mkdirSync(KEEP, { recursive: true });
          const name = when === 'close' ? `p${period}.sqlite` : `p${period}-running.sqlite`;
          copyFileSync(file, join(KEEP, name));
        },
      );
    } finally {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const cluster = await startPostgresCluster();
  try {
    const databaseUrl = await cluster.createDatabase('cycle_bench');
    const database = openDatabase({ dataDir: '', databaseUrl });
    try {
      await migrateToLatest(database.db as Kysely<unknown>);
      return await runCycle(
        createEconomyService(database.economyStore),
        () => checkpointBytesOf(database.db),
        log,
      );
    } finally {
      await database.close();
    }
  } finally {
    cluster.stop();
  }
}

async function main() {
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    loadAverageAtStart: loadavg(),
    shape: SHAPE,
    periods: PERIODS,
  };
  for (const kind of DBS) results[kind] = await onDatabase(kind);
  results.loadAverageAtEnd = loadavg();
  const measuredOnly = Object.fromEntries(
    DBS.map((kind) => {
      const r = results[kind] as { importMs: number; measures: PeriodMeasure[] };
      return [
        kind,
        { importMs: r.importMs, measured: r.measures.filter((x) => MEASURED.has(x.period)) },
      ];
    }),
  );
  process.stdout.write(`${JSON.stringify(measuredOnly, null, 2)}\n`);
  if (OUT !== '') writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
}

runBench(main);
