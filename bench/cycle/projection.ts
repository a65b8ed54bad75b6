// A cold projection read of the open period, sample by sample (issue 14): the generated pool of
// bench/cycle/generate.ts stepped through the periods before the measured one, then in the
// measured period a projection read after each of the last bids while bidding (a new bid makes
// the kept projection stale) and after each of a few wishes while running (with the period's
// other inputs all given). Each sample times the cold read (wall and CPU of this process) and
// the same read again (cached) and one person's; with --prof=FILE the cold reads of the
// running stage are profiled (a .cpuprofile for Chrome's or VS Code's profiler).
// Usage: npx tsx bench/cycle/projection.ts [--db=sqlite|postgres] [--period=10] [--samples=20]
//        [--prof=/tmp/projection.cpuprofile] [--out=FILE]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { readCheckpoint, rotationFromFor } from '../../src/app/economy/checkpoint-parts.ts';
import { LATER_KINDS, runOpenPeriod } from '../../src/app/economy/checkpointed-run.ts';
import {
  createEconomyService,
  type EconomyService,
  type InputRequest,
} from '../../src/app/economy/economy-service.ts';
import type { EconomyStore } from '../../src/app/ports/economy-store.ts';
import { assembleScenario } from '../../src/core/cycle/inputs.ts';
import { PERIOD_STAGES, type PeriodStage } from '../../src/core/cycle/stages.ts';
import { withoutJournalHashes } from '../../src/core/ledger/index.ts';
import {
  canonicalJson,
  emptyMarketMemo,
  explainPerson,
  marketReport,
} from '../../src/core/scenario/index.ts';
import { migrateToLatest } from '../../src/storage/migrations/index.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { startPostgresCluster } from '../../test/support/postgres-cluster.ts';
import { hasSwitch, option } from '../options.ts';
import { printResults, runBench } from '../report.ts';
import {
  afterClearing,
  DEFAULT_SHAPE,
  drawPeriod,
  foundingInputs,
  memberId,
  POOL_ID,
  poolSettings,
} from './generate.ts';

const DB = option('db', 'sqlite');
const PERIOD = Number(option('period', '10'));
const SAMPLES = Number(option('samples', '20'));
const PROF = option('prof', '');
const OUT = option('out', '');
let PHASES: EconomyStore | null = null;
const SHAPE = DEFAULT_SHAPE;

const round = (x: number) => Math.round(x * 100) / 100;
const cpuMs = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return round((used.user + used.system) / 1000);
};
const quantile = (values: readonly number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
};
const summary = (values: readonly number[]) => ({
  p50: quantile(values, 0.5),
  p90: quantile(values, 0.9),
  min: Math.min(...values),
  max: Math.max(...values),
});

function must<T>(result: { ok: true; value: T } | { ok: false; error: unknown }, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result.error)}`);
  return result.value;
}

interface Sample {
  coldMs: number;
  coldCpuMs: number;
  cachedMs: number;
  personMs: number;
}

async function sample(economy: EconomyService, person: string): Promise<Sample> {
  const cold = performance.now();
  const cpu = process.cpuUsage();
  must(await economy.projection(POOL_ID), 'projection');
  const coldMs = round(performance.now() - cold);
  const coldCpuMs = cpuMs(cpu);
  const cached = performance.now();
  must(await economy.projection(POOL_ID), 'projection');
  const cachedMs = round(performance.now() - cached);
  const personStart = performance.now();
  must(await economy.projection(POOL_ID, person), 'projection of a person');
  return { coldMs, coldCpuMs, cachedMs, personMs: round(performance.now() - personStart) };
}

const stats = (samples: readonly Sample[]) => ({
  samples: samples.length,
  coldMs: summary(samples.map((x) => x.coldMs)),
  coldCpuMs: summary(samples.map((x) => x.coldCpuMs)),
  cachedMs: summary(samples.map((x) => x.cachedMs)),
  personMs: summary(samples.map((x) => x.personMs)),
});

/** The cold read's phases, timed one by one in a transaction of its own (--phases). */
async function phases(store: EconomyStore, log: (line: string) => void) {
  const times: Record<string, number[]> = {};
  const record = (name: string, start: number) => {
    const list = times[name] ?? [];
    list.push(performance.now() - start);
    times[name] = list;
  };
  const time = <T>(name: string, f: () => T): T => {
    const start = performance.now();
    const value = f();
    record(name, start);
    return value;
  };
  for (let i = 0; i < 10; i += 1) {
    await store.transaction(async (tx) => {
      const pool = (await tx.findPool(POOL_ID))!;
      const p = pool.cycle.period;
      let start = performance.now();
      const open = await tx.loadOpenInputs(POOL_ID, p, LATER_KINDS);
      record('loadOpenInputs', start);
      const scenario = time('assembleScenario', () => assembleScenario(pool.settings, open, p));
      start = performance.now();
      const checkpoint = (await tx.loadCheckpoint(POOL_ID, rotationFromFor(scenario, p)))!;
      record('loadCheckpoint', start);
      const state = time('readCheckpoint', () => readCheckpoint(checkpoint));
      if (!state.ok) throw new Error('checkpoint');
      time('standingOf x2', () => [
        canonicalJson({ ...state.value.file, periods: [] }),
        canonicalJson({ ...scenario, periods: [] }),
      ]);
      time('structuredClone', () => structuredClone({ ...state.value, derived: null, file: null }));
      const again = () => readCheckpoint(checkpoint) as { ok: true; value: typeof state.value };
      const unhashed = again().value;
      const memo = emptyMarketMemo();
      time('stepPeriod unhashed', () =>
        runOpenPeriod(
          { ...unhashed, ledger: withoutJournalHashes(unhashed.ledger) },
          scenario,
          p,
          memo,
        ),
      );
      const kept = again().value;
      time('stepPeriod unhashed, clearing kept', () =>
        runOpenPeriod({ ...kept, ledger: withoutJournalHashes(kept.ledger) }, scenario, p, memo),
      );
      const run = time('stepPeriod', () => runOpenPeriod(state.value, scenario, p));
      time('marketReport', () => marketReport(run.period!.market));
      time('explainPerson', () => explainPerson(run.run, p, memberId(7)));
    });
  }
  for (const [name, list] of Object.entries(times)) {
    log(`${name}: p50 ${round(quantile(list, 0.5))} ms, min ${round(Math.min(...list))} ms`);
  }
}

async function measure(economy: EconomyService, log: (line: string) => void) {
  const key = (...parts: (string | number)[]) => `bench:${parts.join(':')}`;
  must(await economy.createPool(key('pool'), poolSettings(), foundingInputs(SHAPE)), 'create');
  const step = async (p: number, stage: PeriodStage) =>
    must(
      await economy.advance(POOL_ID, key(p, 'step', stage), { period: p, stage }),
      `${p} ${stage}`,
    );
  const submit = async (p: number, what: string, inputs: InputRequest[]) => {
    if (inputs.length > 0)
      must(await economy.submitInputs(POOL_ID, key(p, 'in', what), inputs), what);
  };
  const started = performance.now();
  let bidding: Sample[] = [];
  let running: Sample[] = [];
  for (let p = 1; p <= PERIOD; p += 1) {
    const draw = drawPeriod(SHAPE, p);
    const measured = p === PERIOD;
    for (const stage of PERIOD_STAGES) {
      if (measured && stage === 'settling') break;
      await step(p, stage);
      if (stage === 'planning') await submit(p, 'tasks', draw.tasks);
      if (stage === 'bidding') {
        const held = measured ? SAMPLES : 0;
        await submit(p, 'bids', draw.bids.slice(0, draw.bids.length - held));
        if (measured) {
          log(`period ${p} built in ${Math.round(performance.now() - started)} ms`);
          for (const [i, bid] of draw.bids.slice(draw.bids.length - held).entries()) {
            await submit(p, `bid:${i}`, [bid]);
            bidding.push(await sample(economy, memberId(7)));
          }
        }
      }
      if (stage === 'running') {
        const clearing = must(await economy.clearing(POOL_ID, p), 'clearing');
        await submit(p, 'running', [...draw.running, ...afterClearing(SHAPE, p, draw, clearing)]);
      }
    }
  }
  if (PHASES !== null) await phases(PHASES, log);
  const session = PROF === '' ? null : new Session();
  if (session !== null) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  for (let i = 0; i < SAMPLES; i += 1) {
    const wish = {
      kind: 'wishes',
      period: PERIOD,
      record: {
        personId: memberId(100 + i),
        productId: 'goods-01',
        units: 1,
        maxUnitPriceEffortMilli: 2_000,
      },
    } as InputRequest;
    await submit(PERIOD, `wish:${i}`, [wish]);
    running.push(await sample(economy, memberId(7)));
  }
  if (session !== null) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(PROF, JSON.stringify(profile));
    session.disconnect();
  }
  // The first sample of each stage is the first read after a step (nothing kept yet).
  const first = { bidding: bidding[0], running: running[0] };
  bidding = bidding.slice(1);
  running = running.slice(1);
  return { first, bidding: stats(bidding), running: stats(running) };
}

async function main() {
  const log = (line: string) => process.stderr.write(`[${DB}] ${line}\n`);
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    db: DB,
    period: PERIOD,
    loadAverageAtStart: loadavg(),
  };
  if (DB === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'projection-bench-'));
    const database = openDatabase({ dataDir });
    try {
      await migrateToLatest(database.db as Kysely<unknown>);
      if (hasSwitch('phases')) PHASES = database.economyStore;
      results.measured = await measure(createEconomyService(database.economyStore), log);
    } finally {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  } else {
    const cluster = await startPostgresCluster();
    try {
      const databaseUrl = await cluster.createDatabase('projection_bench');
      const database = openDatabase({ dataDir: '', databaseUrl });
      try {
        await migrateToLatest(database.db as Kysely<unknown>);
        results.measured = await measure(createEconomyService(database.economyStore), log);
      } finally {
        await database.close();
      }
    } finally {
      cluster.stop();
    }
  }
  results.loadAverageAtEnd = loadavg();
  printResults(results, OUT);
}

runBench(main);
