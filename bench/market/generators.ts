// Instance generators U and Z of performance-reliability.md §1.2–1.3, deterministic by seed:
// n contributors, m one-slot tasks of 60 minutes, k distinct bids per contributor, capacity 1,
// penalty (w_cap) 10.00. U: uniform tasks, weights (0.8 + 1.2·r) in hundredths. Z: Zipf(1)
// task popularity, weights (1 + 0.8·j/m + 0.3·r) correlated with the task (unpopular ask more).
// Hundredths are turned into milli (× 10) so the objective is the note's objective × 600.

import { asId, type PersonId, type PoolId } from '../../src/core/ids.ts';
import { DEFAULT_MARKET_SETTINGS } from '../../src/core/market/settings.ts';
import type {
  Bid,
  ClearingColumns,
  ClearingInput,
  ClearingInstance,
} from '../../src/core/market/types.ts';
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

/** The instance as objects (the object form of the core's input); the same round as columns. */
export function generate(kind: Generator, scale: Scale): ClearingInput {
  const columns = generateColumns(kind, scale);
  const { ids, capacitySlots } = columns.persons;
  const { person, instance, weightMilli } = columns.bids;
  const bids: Bid[] = [];
  for (let b = 0; b < person.length; b += 1) {
    bids.push({
      personId: ids[person[b]!]!,
      instanceId: columns.instances[instance[b]!]!.id,
      weightMilli: weightMilli[b]! as WeightMilli,
    });
  }
  const { poolId, period, round, seed, settings, instances, history } = columns;
  const capacities = ids.map((personId, j) => ({ personId, capacitySlots: capacitySlots[j]! }));
  return { poolId, period, round, seed, settings, instances, capacities, bids, history };
}

/** The instance in columns (decision 0068): no object per bid, a few bytes each. */
export function generateColumns(kind: Generator, scale: Scale): ClearingColumns {
  const next = mulberry32(SEEDS[kind]);
  const random = () => next() / UINT32;
  const m = scale.slots;
  const instances: ClearingInstance[] = [];
  for (let i = 0; i < m; i += 1) {
    instances.push({
      id: asId<'TaskInstance'>(`t${i}`),
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
  const n = scale.persons;
  const perPerson = Math.min(scale.bidsPerPerson, m);
  const ids: PersonId[] = [];
  const person = new Int32Array(n * perPerson);
  const instance = new Int32Array(n * perPerson);
  const weightMilli = new Int32Array(n * perPerson);
  // A person's distinct tasks in the order first drawn (as a Set would keep them), without an
  // allocation per person.
  const chosen = new Int32Array(perPerson);
  let b = 0;
  for (let p = 0; p < n; p += 1) {
    ids.push(asId<'Person'>(`p${p}`));
    let count = 0;
    while (count < perPerson) {
      const task = pickTask();
      let seen = 0;
      while (seen < count && chosen[seen] !== task) seen += 1;
      if (seen === count) {
        chosen[count] = task;
        count += 1;
      }
    }
    for (const j of chosen) {
      const hundredths =
        kind === 'U'
          ? Math.round((0.8 + 1.2 * random()) * 100)
          : Math.round((1 + (0.8 * j) / m + 0.3 * random()) * 100);
      person[b] = p;
      instance[b] = j;
      weightMilli[b] = hundredths * 10;
      b += 1;
    }
  }
  return {
    poolId: asId<'Pool'>('bench') as PoolId,
    period: 1,
    round: 0,
    seed: SEEDS[kind],
    settings: { ...DEFAULT_MARKET_SETTINGS, capWeightMilli: 10_000 as WeightMilli },
    instances,
    persons: { ids, capacitySlots: new Int32Array(n).fill(1) },
    bids: { person, instance, weightMilli },
    history: [],
  };
}
