// OR-Tools as the benchmark's native peer: its min-cost flow (C++ behind the Python package
// `ortools`) solves the same round, written to a file as a plain network. The package lives in
// a virtual environment of the bench's own (bench/market/.venv, not committed), installed with
// pip on first use; when that is impossible the peer is skipped with the reason.
//
// The network: persons j (supply = capacity), instances i (demand = slots), a reserve node D
// (supply = Σ slots) and an idle node Z (demand = Σ capacity); arcs j→i per bid (capacity 1,
// cost weight × minutes), j→Z (idle, cost 0), D→i (an empty slot, cost w_cap × minutes) and
// D→Z (cost 0). Its optimal cost is the clearing's objective.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bidCost, type IndexedRound } from '../../src/core/market/round-solve.ts';

export const ORTOOLS_VERSION = '9.15.6755';
const venv = fileURLToPath(new URL('./.venv', import.meta.url));
const python = join(venv, 'bin', 'python');
const script = fileURLToPath(new URL('./ortools-solve.py', import.meta.url));

/** The venv's python with ortools importable, or the reason there is none. */
export function ortoolsPython(): { python: string } | { missing: string } {
  const importable = () =>
    existsSync(python) &&
    spawnSync(python, ['-c', 'import ortools, numpy'], { encoding: 'utf8' }).status === 0;
  if (importable()) return { python };
  const steps: [string, string[]][] = [
    ['python3', ['-m', 'venv', venv]],
    [join(venv, 'bin', 'pip'), ['install', '--quiet', `ortools==${ORTOOLS_VERSION}`]],
  ];
  for (const [command, args] of steps) {
    if (command !== 'python3' && !existsSync(command)) break;
    const run = spawnSync(command, args, { encoding: 'utf8', timeout: 600_000 });
    // pip can end non-zero after a retried index although the package came from another one.
    if (run.status !== 0 && !importable()) {
      const why = run.error?.message ?? run.stderr.trim().split('\n').slice(-1)[0] ?? 'failed';
      return { missing: `${command} ${args.join(' ')}: ${why}` };
    }
  }
  return importable() ? { python } : { missing: `ortools ${ORTOOLS_VERSION} not importable` };
}

/** The round as little-endian int64 arrays (see ortools-solve.py). */
export function networkFile(round: IndexedRound): Buffer {
  const n = round.personCount;
  const m = round.instanceCount;
  const bids = round.bidWeight.length;
  const reserve = n + m;
  const idle = n + m + 1;
  const nodes = n + m + 2;
  const arcs = bids + n + m + 1;
  const data = new BigInt64Array(2 + 4 * arcs + nodes);
  data[0] = BigInt(nodes);
  data[1] = BigInt(arcs);
  const tails = data.subarray(2, 2 + arcs);
  const heads = data.subarray(2 + arcs, 2 + 2 * arcs);
  const capacities = data.subarray(2 + 2 * arcs, 2 + 3 * arcs);
  const costs = data.subarray(2 + 3 * arcs, 2 + 4 * arcs);
  const supplies = data.subarray(2 + 4 * arcs);
  let a = 0;
  const arc = (tail: number, head: number, capacity: number, cost: number) => {
    tails[a] = BigInt(tail);
    heads[a] = BigInt(head);
    capacities[a] = BigInt(capacity);
    costs[a] = BigInt(cost);
    a += 1;
  };
  let totalSlots = 0;
  let totalCapacity = 0;
  for (let b = 0; b < bids; b += 1)
    arc(round.bidPerson[b]!, n + round.bidInstance[b]!, 1, bidCost(round, b));
  for (let j = 0; j < n; j += 1) {
    arc(j, idle, round.capacity[j]!, 0);
    supplies[j] = BigInt(round.capacity[j]!);
    totalCapacity += round.capacity[j]!;
  }
  for (let i = 0; i < m; i += 1) {
    arc(reserve, n + i, round.slots[i]!, round.emptyCost[i]!);
    supplies[n + i] = BigInt(-round.slots[i]!);
    totalSlots += round.slots[i]!;
  }
  arc(reserve, idle, totalSlots, 0);
  supplies[reserve] = BigInt(totalSlots);
  supplies[idle] = BigInt(-totalCapacity);
  return Buffer.from(data.buffer);
}

export interface OrtoolsResult {
  readonly objective: number | null;
  readonly solveMs: number;
  readonly loadBuildSolveMs: number;
  readonly peakRssMb: number;
  readonly writeMs: number;
}

/** Writes the round to a temporary file and solves it with OR-Tools in its own process. */
export function solveWithOrtools(pythonPath: string, round: IndexedRound): OrtoolsResult {
  const dir = mkdtempSync(join(tmpdir(), 'market-ortools-'));
  try {
    const file = join(dir, 'network.i64');
    const started = performance.now();
    writeFileSync(file, networkFile(round));
    const writeMs = performance.now() - started;
    const run = spawnSync(pythonPath, [script, file], { encoding: 'utf8', timeout: 900_000 });
    const line = run.stdout.trim().split('\n').pop() ?? '';
    if (run.status !== 0 || !line.startsWith('{')) {
      throw new Error(`ortools: ${run.stderr.trim().split('\n').slice(-1)[0] ?? 'failed'}`);
    }
    return { ...(JSON.parse(line) as Omit<OrtoolsResult, 'writeMs'>), writeMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
