// The task-market benchmark (issue 3): generators U and Z at four scales, our clearing (checker
// included) and HiGHS on the identical instance, each case in its own process so that peak
// memory is its own. Prints a Markdown table and writes bench/market/results.json.
// Usage: npx tsx bench/market/run.ts [--only=<scale name substring>] [--no-highs]

import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SCALES } from './generators.ts';

const HIGHS_TIMEOUT_MS = 150_000;
/** HiGHS took 106 s at 30k × 30k × 20 on this machine (performance-reliability.md §1.2). */
const HIGHS_MAX_ARCS = 600_000;
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice(7);
const withHighs = !args.includes('--no-highs');
const caseScript = fileURLToPath(new URL('./case.ts', import.meta.url));

interface CaseResult {
  solver: string;
  kind: string;
  scale: string;
  objective: number | null;
  totalMs: number;
  peakRssMb: number;
  medianMs?: number;
  repetitions?: number;
  checkMs?: number;
  checkOk?: boolean;
  modelStatus?: number;
  error?: string;
}

function runCase(solver: string, kind: string, scaleIndex: number): CaseResult {
  // Small cases are repeated (fastest of 5, or of 2 for the large town; region once).
  const repetitions = scaleIndex <= 1 ? 5 : scaleIndex === 2 ? 2 : 1;
  const run = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=6144',
      '--import',
      'tsx',
      caseScript,
      solver,
      kind,
      String(scaleIndex),
      String(repetitions),
    ],
    { encoding: 'utf8', timeout: solver === 'highs' ? HIGHS_TIMEOUT_MS : 900_000 },
  );
  const line = run.stdout.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !line.startsWith('{')) {
    return {
      solver,
      kind,
      scale: SCALES[scaleIndex]!.name,
      objective: null,
      totalMs: Number.NaN,
      peakRssMb: Number.NaN,
      error: run.error?.message ?? run.stderr.trim().split('\n').slice(-1)[0] ?? 'failed',
    };
  }
  return JSON.parse(line) as CaseResult;
}

const rows: string[] = [];
const results: { ours: CaseResult; highs: CaseResult | null; arcs: number }[] = [];
for (let s = 0; s < SCALES.length; s += 1) {
  const scale = SCALES[s]!;
  if (only && !scale.name.includes(only)) continue;
  for (const kind of ['U', 'Z']) {
    const arcs = scale.persons * scale.bidsPerPerson;
    const ours = runCase('ours', kind, s);
    const highs = withHighs && arcs <= HIGHS_MAX_ARCS ? runCase('highs', kind, s) : null;
    results.push({ ours, highs, arcs });
    const same =
      highs === null || highs.objective === null
        ? '—'
        : highs.objective === ours.objective
          ? 'yes'
          : `NO (${highs.objective})`;
    const highsTime =
      highs === null
        ? 'not run'
        : highs.objective === null
          ? `no result (${highs.error ?? `status ${highs.modelStatus}`})`
          : `${(highs.totalMs / 1000).toFixed(2)} s`;
    const ratio = highs?.objective != null ? `${(highs.totalMs / ours.totalMs).toFixed(1)}×` : '—';
    const line = `| ${kind} ${scale.name} (${scale.persons} × ${scale.slots} × ${scale.bidsPerPerson}) | ${arcs} | ${(ours.totalMs / 1000).toFixed(2)} s (median ${((ours.medianMs ?? ours.totalMs) / 1000).toFixed(2)} s, ${ours.repetitions ?? 1} runs) | ${ours.checkMs === undefined ? '—' : `${ours.checkMs.toFixed(0)} ms`} | ${ours.peakRssMb.toFixed(0)} MB | ${ours.objective ?? ours.error} | ${highsTime} | ${highs ? `${highs.peakRssMb.toFixed(0)} MB` : '—'} | ${same} | ${ratio} |`;
    rows.push(line);
    console.log(line);
  }
}

const cpu = cpus()[0]?.model ?? 'unknown';
const nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
const header = [
  `Machine: ${nproc} cores (nproc), ${cpu}, Node ${process.version}, ${new Date().toISOString()}`,
  '',
  '| instance (n × m × k) | arcs | ours (clear incl. check) | check alone | ours peak RSS | objective | HiGHS simplex | HiGHS peak RSS | same objective | HiGHS / ours |',
  '|---|---|---|---|---|---|---|---|---|---|',
];
console.log(`\n${header.join('\n')}\n${rows.join('\n')}`);
writeFileSync(
  fileURLToPath(new URL('./results.json', import.meta.url)),
  `${JSON.stringify({ machine: { nproc, cpu, node: process.version }, date: new Date().toISOString(), results }, null, 2)}\n`,
);
