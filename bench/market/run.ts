// The task-market benchmark (issues 3 and 18): generators U and Z at four scales; our clearing
// (phases.ts: index, solve, prices, build, check, each timed), OR-Tools' min-cost flow
// (ortools.ts) and HiGHS on the identical instance, each case in its own process so that peak
// memory is its own. Ours and OR-Tools alternate `--rounds` times per instance, so that both see
// the same load on a shared machine. Prints a Markdown table and writes bench/market/results.json.
// Our clearing takes the instance in columns (decision 0068); `--input=objects` gives it one object
// per bid instead.
// Usage: npx tsx bench/market/run.ts [--only=<scale name, or a part of names>] [--kinds=UZ] [--rounds=2]
//        [--reps=<timed runs per process>] [--input=columns|objects] [--no-highs] [--no-ortools]

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SCALES } from './generators.ts';

const HIGHS_TIMEOUT_MS = 150_000;
/** HiGHS took 106 s at 30k × 30k × 20 on this machine (performance-reliability.md §1.2). */
const HIGHS_MAX_ARCS = 600_000;
const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const only = option('only');
const kinds = [...(option('kinds') ?? 'UZ')];
const rounds = Number(option('rounds') ?? 2);
const reps = option('reps');
const form = option('input') ?? 'columns';
const withHighs = !args.includes('--no-highs');
const withOrtools = !args.includes('--no-ortools');
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

type CaseResult = Record<string, unknown> & { objective?: number | null; error?: string };

function runScript(script: string, caseArgs: string[], timeoutMs: number): CaseResult {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=6144', '--import', 'tsx', here(script), ...caseArgs],
    { encoding: 'utf8', timeout: timeoutMs },
  );
  const line = run.stdout.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !line.startsWith('{')) {
    return { error: run.error?.message ?? run.stderr.trim().split('\n').slice(-1)[0] ?? 'failed' };
  }
  return JSON.parse(line) as CaseResult;
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const range = (values: number[], format: (v: number) => string) =>
  values.length === 0
    ? '—'
    : Math.min(...values) === Math.max(...values)
      ? format(values[0]!)
      : `${format(Math.min(...values))}–${format(Math.max(...values))}`;

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const meminfo = readFileSync('/proc/meminfo', 'utf8');
  return {
    nproc: spawnSync('nproc', { encoding: 'utf8' }).stdout.trim(),
    cpu: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? 'unknown',
    memoryGiB: (Number(/MemTotal:\s*(\d+)/.exec(meminfo)?.[1] ?? 0) / 2 ** 20).toFixed(1),
    node: process.version,
  };
}

const startedAt = new Date().toISOString();
const loadAtStart = loadavg();
const rows: string[] = [];
const results: unknown[] = [];
for (let s = 0; s < SCALES.length; s += 1) {
  const scale = SCALES[s]!;
  // A scale's exact name picks that scale alone ("town" is also part of "large town").
  const exact = SCALES.some((other) => other.name === only);
  if (only && (exact ? scale.name !== only : !scale.name.includes(only))) continue;
  for (const kind of kinds) {
    const arcs = scale.persons * scale.bidsPerPerson;
    const ours: CaseResult[] = [];
    const ortools: CaseResult[] = [];
    const repetitions = reps === undefined ? (s <= 1 ? 3 : 1) : Number(reps);
    for (let round = 0; round < rounds; round += 1) {
      ours.push(runScript('phases.ts', [kind, String(s), String(repetitions), form], 900_000));
      if (withOrtools) ortools.push(runScript('case.ts', ['ortools', kind, String(s)], 900_000));
    }
    const highs =
      withHighs && arcs <= HIGHS_MAX_ARCS
        ? runScript('case.ts', ['highs', kind, String(s)], HIGHS_TIMEOUT_MS)
        : null;
    results.push({ kind, scale: scale.name, form, arcs, ours, ortools, highs });

    // Our whole clearing = the sum of the phases of the fastest warm run of each process.
    const best = ours.map((o) => {
      const runs = (o.runs ?? []) as Record<string, number>[];
      const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
      return runs.length === 0 ? null : runs.reduce((a, b) => (total(a) <= total(b) ? a : b));
    });
    const phased = best.filter((r): r is Record<string, number> => r !== null);
    const total = phased.map((r) => Object.values(r).reduce((a, b) => a + b, 0));
    const share = phased.map((r, k) => (100 * (r.indexMs! + r.checkMs!)) / total[k]!);
    const peers = ortools.filter((o) => typeof o.solveMs === 'number');
    const ratios = peers.map((o, k) => (total[k] ?? Number.NaN) / (o.solveMs as number));
    const objectives = new Set(
      [...ours, ...peers, ...(highs?.objective != null ? [highs] : [])].map((o) => o.objective),
    );
    const skipped = ortools.find((o) => typeof o.skipped === 'string')?.skipped as string;
    const phase = (name: string) =>
      range(
        phased.map((r) => r[name]!),
        seconds,
      );
    const line = [
      `${kind} ${scale.name} (${scale.persons} × ${scale.slots} × ${scale.bidsPerPerson})`,
      `${range(total, seconds)} s`,
      `${phase('indexMs')} / ${phase('solveMs')} / ${phase('pricesMs')} / ${phase('buildMs')} / ${phase('checkMs')}`,
      `${range(share, (v) => v.toFixed(0))} %`,
      `${range(
        ours.map((o) => o.peakRssMb as number),
        (v) => v.toFixed(0),
      )} MB (input ${range(
        ours.map((o) => o.rssAfterInputMb as number),
        (v) => v.toFixed(0),
      )})`,
      skipped
        ? `skipped: ${skipped}`
        : `${range(
            peers.map((o) => o.solveMs as number),
            seconds,
          )} s`,
      skipped
        ? '—'
        : `${range(
            peers.map((o) => o.loadBuildSolveMs as number),
            seconds,
          )} s`,
      skipped ? '—' : `${range(ratios, (v) => v.toFixed(2))}×`,
      highs === null
        ? 'not run'
        : highs.objective == null
          ? 'no result'
          : `${seconds(highs.totalMs as number)} s`,
      objectives.size === 1 && !objectives.has(undefined)
        ? `yes (${[...objectives][0]})`
        : `NO ${[...objectives].join(', ')}`,
    ];
    rows.push(`| ${line.join(' | ')} |`);
    console.log(rows[rows.length - 1]);
  }
}

const info = machine();
const header = [
  `Machine: ${info.nproc} cores (nproc), ${info.cpu}, ${info.memoryGiB} GiB, Node ${info.node}; ${startedAt} – ${new Date().toISOString()}, load average ${loadAtStart.map((v) => v.toFixed(1)).join(' ')} at the start, ${loadavg()
    .map((v) => v.toFixed(1))
    .join(' ')} at the end`,
  '',
  '| instance (n × m × k) | ours: whole clearing | index / solve / prices / build / check (s) | index + check | ours peak RSS | OR-Tools solve | OR-Tools load + build + solve | ours / OR-Tools solve | HiGHS simplex | same objective |',
  '|---|---|---|---|---|---|---|---|---|---|',
];
console.log(`\n${header.join('\n')}\n${rows.join('\n')}`);
writeFileSync(
  here('./results.json'),
  `${JSON.stringify({ machine: info, startedAt, loadAtStart, loadAtEnd: loadavg(), results }, null, 2)}\n`,
);
