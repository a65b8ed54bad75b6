// One peer's benchmark case in its own process, so peak memory is the case's own: generate the
// instance, then solve it with HiGHS (in this process) or OR-Tools (ortools.ts, in a Python
// process of its own), print one JSON line. Our clearing's case is phases.ts.
// Usage: npx tsx bench/market/case.ts <highs|ortools> <U|Z> <scale index>

import { performance } from 'node:perf_hooks';
import { indexRoundColumns } from '../../src/core/market/clear.ts';
import { roundLp } from '../../src/core/market/lp.ts';
import { highsModelOf, loadHighs } from '../../test/support/highs.ts';
import { type Generator, generateColumns, SCALES } from './generators.ts';
import { ortoolsPython, solveWithOrtools } from './ortools.ts';

const HIGHS_TIME_LIMIT_SECONDS = 120;
const [solver, kind, scaleIndex] = process.argv.slice(2);
const scale = SCALES[Number(scaleIndex)]!;
const input = generateColumns(kind as Generator, scale);
const rssAfterInputMb = process.memoryUsage().rss / 2 ** 20;

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

if (solver === 'ortools') {
  const peer = ortoolsPython();
  if ('missing' in peer) {
    console.log(JSON.stringify({ solver, kind, scale: scale.name, skipped: peer.missing }));
  } else {
    const indexed = indexRoundColumns(input);
    if (!indexed.ok) throw new Error(indexed.error.code);
    const result = solveWithOrtools(peer.python, indexed.value.round);
    console.log(JSON.stringify({ solver, kind, scale: scale.name, ...result }));
  }
} else {
  const highs = await loadHighs();
  const indexed = indexRoundColumns(input);
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
