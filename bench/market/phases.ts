// The phases of one clearing, timed one by one, in its own process: index (validate and build
// the arrays), solve (the min-cost flow), prices (lowest, and highest for that rule), build (the
// clearing's objects), check (the certificate). A whole clearRound runs first, so the peak RSS
// printed is that of one whole clearing plus the generated input. The input is generated in
// columns (decision 0068) unless `objects` is given: then as one object per bid.
// Usage: node --expose-gc --import tsx bench/market/phases.ts <U|Z> <scale index> [repetitions]
//        [columns|objects]

import { performance } from 'node:perf_hooks';
import { checkIndexedClearing } from '../../src/core/market/check.ts';
import {
  buildClearing,
  clearingPrices,
  clearRound,
  clearRoundColumns,
  indexRound,
  indexRoundColumns,
} from '../../src/core/market/clear.ts';
import { solveRound } from '../../src/core/market/round-solve.ts';
import { type Generator, generate, generateColumns, SCALES } from './generators.ts';

const [kind, scaleIndex, repetitions, form = 'columns'] = process.argv.slice(2);
if (form !== 'columns' && form !== 'objects') throw new Error(`unknown input form ${form}`);
const scale = SCALES[Number(scaleIndex)]!;
const objects = form === 'objects' ? generate(kind as Generator, scale) : null;
const columns = objects === null ? generateColumns(kind as Generator, scale) : null;
const input = (objects ?? columns)!;
const clear = () => (objects !== null ? clearRound(objects) : clearRoundColumns(columns!));
const index = () => (objects !== null ? indexRound(objects) : indexRoundColumns(columns!));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
gc();
const rssAfterInputMb = process.memoryUsage().rss / 2 ** 20;

let started = performance.now();
const whole = clear();
const wholeMs = performance.now() - started;
if (!whole.ok) throw new Error(`${whole.error.code}: ${whole.error.detail}`);
const peakRssMb = process.resourceUsage().maxRSS / 1024;

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
// Wall times per phase in `runs` (what the runner adds up), the process's CPU times beside them
// in `cpuRuns` (less disturbed by other work on a shared machine).
const runs: Record<string, number>[] = [];
const cpuRuns: Record<string, number>[] = [];
for (let rep = 0; rep < Math.max(1, Number(repetitions ?? 1)); rep += 1) {
  gc();
  const times: Record<string, number> = {};
  const cpuTimes: Record<string, number> = {};
  let cpuStarted = cpuMs();
  const lap = (phase: string) => {
    const now = performance.now();
    const cpuNow = cpuMs();
    times[phase] = now - started;
    cpuTimes[phase] = cpuNow - cpuStarted;
    started = now;
    cpuStarted = cpuNow;
  };
  started = performance.now();
  cpuStarted = cpuMs();
  const indexed = index();
  if (!indexed.ok) throw new Error(indexed.error.code);
  lap('indexMs');
  const solution = solveRound(indexed.value.round);
  lap('solveMs');
  const prices = clearingPrices(indexed.value.round, solution, input.settings.clearingRule);
  lap('pricesMs');
  const clearing = buildClearing(input, indexed.value, solution, prices);
  lap('buildMs');
  const check = checkIndexedClearing(input, indexed.value, clearing);
  lap('checkMs');
  if (!check.ok || clearing.objective !== whole.value.objective) throw new Error('mismatch');
  runs.push(times);
  cpuRuns.push(cpuTimes);
}
console.log(
  JSON.stringify({
    kind,
    scale: scale.name,
    form,
    objective: whole.value.objective,
    wholeMs,
    runs,
    cpuRuns,
    rssAfterInputMb,
    peakRssMb,
  }),
);
