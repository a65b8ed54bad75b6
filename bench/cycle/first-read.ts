// The first projection read after a process starts (issue 14), with and without the server's
// warm-up (src/app/economy/warm-projections.ts). Each sample is a new Node process on a copy of
// a database `run.ts --keep=DIR` saved (DIR/p<period>.sqlite, its period open in settling):
//   cold        the first read of the open period's projection in the process;
//   warmed      the warm-up first (what `peerconomy serve` does after it listens), then the
//               member's read: served by what the warm-up kept when no input came in between;
//   warmed-code the warm-up first, then the read by a second economy service with nothing kept
//               (its code warm, its data not);
//   input       (a database saved while running: --file=p<period>-running) one wish submitted,
//               then the first read;
//   warmed-input the warm-up first, then one wish submitted, then the member's read.
// The economy service's read is timed in the process, not an HTTP request. Modes are taken in
// turn within each round.
// Usage: npx tsx bench/cycle/first-read.ts --keep=DIR [--period=10] [--rounds=8] [--out=FILE]
//        [--file=p10-running] [--modes=cold,warmed,warmed-code,input,warmed-input] [--passes=12]
// A mode may name its warm-up passes (`warmed-input@1`) to compare passes in one run.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEconomyService, type InputRequest } from '../../src/app/economy/economy-service.ts';
import { WARM_UP_PASSES, warmProjections } from '../../src/app/economy/warm-projections.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { option } from '../options.ts';
import { printResults, runBench } from '../report.ts';
import { memberId, POOL_ID } from './generate.ts';

const KEEP = option('keep', '/tmp/cycle-keep');
const PERIOD = Number(option('period', '10'));
const ROUNDS = Number(option('rounds', '8'));
const OUT = option('out', '');
const CHILD = option('child', '');
const FILE = option('file', `p${PERIOD}`);
const MODES = option('modes', 'cold,warmed,warmed-code').split(',');
const PASSES = Number(option('passes', String(WARM_UP_PASSES)));

const round = (x: number) => Math.round(x * 100) / 100;

/** One sample, in this (new) process. */
async function child(modeAndPasses: string) {
  // `warmed-input@1`: the mode with that many warm-up passes, to compare them in one run.
  const [mode = '', passesGiven] = modeAndPasses.split('@');
  const passes = passesGiven === undefined ? PASSES : Number(passesGiven);
  const dataDir = mkdtempSync(join(tmpdir(), 'first-read-'));
  try {
    copyFileSync(join(KEEP, `${FILE}.sqlite`), join(dataDir, 'peerconomy.sqlite'));
    const database = openDatabase({ dataDir });
    try {
      let economy = createEconomyService(database.economyStore);
      let warmUpMs = 0;
      if (mode.startsWith('warmed')) {
        const quiet = { info: () => {}, warn: () => {} };
        const start = performance.now();
        const outcome = await warmProjections(economy, quiet, () => false, passes);
        warmUpMs = performance.now() - start;
        if (outcome.read.length !== 1) throw new Error(`warm-up: ${JSON.stringify(outcome)}`);
        if (mode === 'warmed-code') economy = createEconomyService(database.economyStore);
      }
      if (mode.endsWith('input')) {
        const wish = {
          kind: 'wishes',
          period: PERIOD,
          record: {
            personId: memberId(100),
            productId: 'goods-01',
            units: 1,
            maxUnitPriceEffortMilli: 2_000,
          },
        } as InputRequest;
        const given = await economy.submitInputs(POOL_ID, 'bench:first-read:wish', [wish]);
        if (!given.ok) throw new Error(`wish: ${JSON.stringify(given.error)}`);
      }
      const cpu = process.cpuUsage();
      const start = performance.now();
      const read = await economy.projection(POOL_ID);
      const wallMs = performance.now() - start;
      const used = process.cpuUsage(cpu);
      if (!read.ok) throw new Error(`projection: ${JSON.stringify(read.error)}`);
      process.stdout.write(
        JSON.stringify({
          wallMs: round(wallMs),
          cpuMs: round((used.user + used.system) / 1000),
          warmUpMs: round(warmUpMs),
        }),
      );
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function main() {
  const samples = new Map<string, { wallMs: number; cpuMs: number; warmUpMs: number }[]>(
    MODES.map((m) => [m, []]),
  );
  const loads = [loadavg()];
  for (let r = 0; r < ROUNDS; r += 1) {
    for (const mode of r % 2 === 0 ? MODES : [...MODES].reverse()) {
      const out = execFileSync(
        process.execPath,
        [
          ...process.execArgv,
          process.argv[1]!,
          `--keep=${KEEP}`,
          `--period=${PERIOD}`,
          `--file=${FILE}`,
          `--child=${mode}`,
        ],
        { encoding: 'utf8' },
      );
      const sample = JSON.parse(out) as { wallMs: number; cpuMs: number; warmUpMs: number };
      process.stderr.write(`round ${r} ${mode}: ${JSON.stringify(sample)}\n`);
      samples.get(mode)!.push(sample);
    }
    loads.push(loadavg());
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  const summary = MODES.map((mode) => {
    const list = samples.get(mode)!;
    return {
      mode,
      samples: list.length,
      wallMs: median(list.map((s) => s.wallMs)),
      wallMsAll: list.map((s) => s.wallMs),
      cpuMs: median(list.map((s) => s.cpuMs)),
      warmUpMs: median(list.map((s) => s.warmUpMs)),
    };
  });
  const results = { date: new Date().toISOString(), period: PERIOD, file: FILE, loads, summary };
  printResults(results, OUT);
}

if (CHILD !== '') {
  runBench(() => child(CHILD));
} else {
  main();
}
