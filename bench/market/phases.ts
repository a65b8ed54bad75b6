// The phases of one clearing, timed one by one, in its own process: index (validate and build
// the arrays), solve (the min-cost flow), prices (lowest, and highest for that rule), build (the
// clearing's objects), check (the certificate). A whole clearRound runs first, so the peak RSS
// printed is that of one whole clearing plus the generated input.
// Usage: node --expose-gc --import tsx bench/market/phases.ts <U|Z> <scale index> [repetitions]

import { performance } from 'node:perf_hooks';
import { checkIndexedClearing } from '../../src/core/market/check.ts';
import {
  buildClearing,
  clearingPrices,
  clearRound,
  indexRound,
} from '../../src/core/market/clear.ts';
import { solveRound } from '../../src/core/market/flow.ts';
import { type Generator, generate, SCALES } from './generators.ts';

const [kind, scaleIndex, repetitions] = process.argv.slice(2);
const scale = SCALES[Number(scaleIndex)]!;
const input = generate(kind as Generator, scale);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
gc();
const rssAfterInputMb = process.memoryUsage().rss / 2 ** 20;

let started = performance.now();
const whole = clearRound(input);
const wholeMs = performance.now() - started;
if (!whole.ok) throw new Error(`${whole.error.code}: ${whole.error.detail}`);
const peakRssMb = process.resourceUsage().maxRSS / 1024;

const runs: Record<string, number>[] = [];
for (let rep = 0; rep < Math.max(1, Number(repetitions ?? 1)); rep += 1) {
  gc();
  const times: Record<string, number> = {};
  const lap = (phase: string) => {
    const now = performance.now();
    times[phase] = now - started;
    started = now;
  };
  started = performance.now();
  const indexed = indexRound(input);
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
}
console.log(
  JSON.stringify({
    kind,
    scale: scale.name,
    objective: whole.value.objective,
    wholeMs,
    runs,
    rssAfterInputMb,
    peakRssMb,
  }),
);
