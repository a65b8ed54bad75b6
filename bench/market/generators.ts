// Instance generators U and Z of performance-reliability.md §1.2–1.3, deterministic by seed:
// n contributors, m one-slot tasks of 60 minutes, k distinct bids per contributor, capacity 1,
// penalty (w_cap) 10.00. U: uniform tasks, weights (0.8 + 1.2·r) in hundredths. Z: Zipf(1)
// task popularity, weights (1 + 0.8·j/m + 0.3·r) correlated with the task (unpopular ask more).
// Hundredths are turned into milli (× 10) so the objective is the note's objective × 600.

import { asId, type PoolId } from '../../src/core/ids.ts';
import { DEFAULT_MARKET_SETTINGS } from '../../src/core/market/settings.ts';
import type { Bid, ClearingInput, ClearingInstance } from '../../src/core/market/types.ts';
import { mulberry32 } from '../../src/core/random.ts';
import type { Minutes, WeightMilli } from '../../src/core/units.ts';

export type Generator = 'U' | 'Z';

export interface Scale {
  readonly name: string;
  readonly persons: number;
  readonly slots: number;
  readonly bidsPerPerson: number;
}

export const SCALES: readonly Scale[] = [
  { name: 'neighbourhood', persons: 1_000, slots: 1_000, bidsPerPerson: 20 },
  { name: 'town', persons: 10_000, slots: 10_000, bidsPerPerson: 20 },
  { name: 'large town', persons: 100_000, slots: 100_000, bidsPerPerson: 20 },
  { name: 'region', persons: 1_000_000, slots: 100_000, bidsPerPerson: 5 },
];

export const SEEDS: Readonly<Record<Generator, number>> = { U: 42, Z: 7 };
const UINT32 = 4294967296;

export function generate(kind: Generator, scale: Scale): ClearingInput {
  const next = mulberry32(SEEDS[kind]);
  const random = () => next() / UINT32;
  const m = scale.slots;
  const instances: ClearingInstance[] = [];
  const instanceIds: string[] = [];
  for (let i = 0; i < m; i += 1) {
    const id = asId<'TaskInstance'>(`t${i}`);
    instanceIds.push(id);
    instances.push({
      id,
      templateId: asId<'TaskTemplate'>(`tpl${i}`),
      slots: 1,
      minutesPerSlot: 60 as Minutes,
    });
  }
  // Zipf(1): P(task j) ∝ 1/(j+1), sampled by binary search on the cumulative weights.
  let cumulative: Float64Array | null = null;
  if (kind === 'Z') {
    cumulative = new Float64Array(m);
    let total = 0;
    for (let j = 0; j < m; j += 1) {
      total += 1 / (j + 1);
      cumulative[j] = total;
    }
    for (let j = 0; j < m; j += 1) cumulative[j] = cumulative[j]! / total;
  }
  const pickTask = (): number => {
    if (cumulative === null) return Math.floor(random() * m);
    const r = random();
    let low = 0;
    let high = m - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < r) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const bids: Bid[] = [];
  const capacities = [];
  const chosen = new Set<number>();
  for (let p = 0; p < scale.persons; p += 1) {
    const personId = asId<'Person'>(`p${p}`);
    capacities.push({ personId, capacitySlots: 1 });
    chosen.clear();
    while (chosen.size < Math.min(scale.bidsPerPerson, m)) chosen.add(pickTask());
    for (const j of chosen) {
      const hundredths =
        kind === 'U'
          ? Math.round((0.8 + 1.2 * random()) * 100)
          : Math.round((1 + (0.8 * j) / m + 0.3 * random()) * 100);
      bids.push({
        personId,
        instanceId: instanceIds[j]! as Bid['instanceId'],
        weightMilli: (hundredths * 10) as WeightMilli,
      });
    }
  }
  return {
    poolId: asId<'Pool'>('bench') as PoolId,
    period: 1,
    round: 0,
    seed: SEEDS[kind],
    settings: { ...DEFAULT_MARKET_SETTINGS, capWeightMilli: 10_000 as WeightMilli },
    instances,
    capacities,
    bids,
    history: [],
  };
}
