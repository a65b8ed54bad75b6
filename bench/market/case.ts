// One benchmark case in its own process, so peak memory is the case's own: generate the
// instance, then clear it with our solver (checker included) or with HiGHS, print one JSON line.
// Usage: npx tsx bench/market/case.ts <ours|highs> <U|Z> <scale index> [repetitions]
// Our clearing is repeated (default 1) and the fastest and the median time are reported: the
// machine's cores are shared, and the minimum is the least disturbed measurement.

import { performance } from 'node:perf_hooks';
import { checkClearing } from '../../src/core/market/check.ts';
import { clearRound, indexRound } from '../../src/core/market/clear.ts';
import { roundLp } from '../../src/core/market/lp.ts';
import { highsModelOf, loadHighs } from '../../test/support/highs.ts';
import { type Generator, generate, SCALES } from './generators.ts';

const HIGHS_TIME_LIMIT_SECONDS = 120;
const [solver, kind, scaleIndex, repetitions] = process.argv.slice(2);
const scale = SCALES[Number(scaleIndex)]!;
const input = generate(kind as Generator, scale);
const rssAfterInputMb = process.memoryUsage().rss / 2 ** 20;

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

if (solver === 'ours') {
  const times: number[] = [];
  let result = clearRound(input);
  for (let rep = 0; rep < Math.max(1, Number(repetitions ?? 1)); rep += 1) {
    const start = performance.now();
    result = clearRound(input);
    times.push(performance.now() - start);
  }
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
  times.sort((a, b) => a - b);
  const checkStart = performance.now();
  const check = checkClearing(input, result.value);
  const checkMs = performance.now() - checkStart;
  const c = result.value;
  console.log(
    JSON.stringify({
      solver,
      kind,
      scale: scale.name,
      objective: c.objective,
      assigned: c.assignments.length,
      totalMs: times[0],
      medianMs: times[times.length >> 1],
      repetitions: times.length,
      checkMs,
      checkOk: check.ok,
      rssAfterInputMb,
      peakRssMb: peakRssMb(),
    }),
  );
} else {
  const highs = await loadHighs();
  const indexed = indexRound(input);
  if (!indexed.ok) throw new Error(indexed.error.code);
  const lp = roundLp(indexed.value.round, highs.infinity);
  const model = highsModelOf(highs, lp);
  model.options.set({
    output_flag: false,
    solver: 'simplex',
    time_limit: HIGHS_TIME_LIMIT_SECONDS,
  });
  const start = performance.now();
  const run = model.run();
  const totalMs = performance.now() - start;
  const optimal = run.modelStatus === highs.constants.modelStatus.optimal;
  console.log(
    JSON.stringify({
      solver,
      kind,
      scale: scale.name,
      objective: optimal ? Math.round(model.getObjectiveValue()) : null,
      modelStatus: run.modelStatus,
      totalMs,
      rssAfterInputMb,
      peakRssMb: peakRssMb(),
    }),
  );
  model.dispose();
}
