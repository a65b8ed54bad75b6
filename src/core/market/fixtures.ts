// Small builders for market inputs, shared by the tests and the benchmark.

import {
  asId,
  type PersonId,
  type PoolId,
  type TaskInstanceId,
  type TaskTemplateId,
} from '../ids.ts';
import { mulberry32 } from '../random.ts';
import type { Minutes, WeightMilli } from '../units.ts';
import { DEFAULT_MARKET_SETTINGS } from './settings.ts';
import type {
  Bid,
  ClearingInput,
  ClearingInstance,
  MarketSettings,
  TemplateHistory,
} from './types.ts';

export const person = (id: string): PersonId => asId<'Person'>(id);
export const instanceId = (id: string): TaskInstanceId => asId<'TaskInstance'>(id);
export const templateId = (id: string): TaskTemplateId => asId<'TaskTemplate'>(id);

export function instance(id: string, slots: number, minutesPerSlot: number, template = id) {
  return {
    id: instanceId(id),
    templateId: templateId(template),
    slots,
    minutesPerSlot: minutesPerSlot as Minutes,
  } satisfies ClearingInstance;
}

export function bid(personId: string, instance: string, weightMilli: number): Bid {
  return {
    personId: person(personId),
    instanceId: instanceId(instance),
    weightMilli: weightMilli as WeightMilli,
  };
}

export interface RoundSpec {
  readonly instances: readonly ClearingInstance[];
  readonly bids: readonly Bid[];
  /** Capacity per person; persons with bids but no entry get 1 slot. */
  readonly capacity?: Readonly<Record<string, number>>;
  readonly settings?: Partial<MarketSettings>;
  readonly history?: readonly TemplateHistory[];
  readonly seed?: number;
  readonly period?: number;
  readonly round?: number;
}

export function roundInput(spec: RoundSpec): ClearingInput {
  const persons = new Set<string>(spec.bids.map((b) => b.personId));
  for (const id of Object.keys(spec.capacity ?? {})) persons.add(id);
  return {
    poolId: asId<'Pool'>('pool-1') as PoolId,
    period: spec.period ?? 10,
    round: spec.round ?? 0,
    seed: spec.seed ?? 42,
    settings: { ...DEFAULT_MARKET_SETTINGS, ...spec.settings },
    instances: spec.instances,
    capacities: [...persons].map((id) => ({
      personId: person(id),
      capacitySlots: spec.capacity?.[id] ?? 1,
    })),
    bids: spec.bids,
    history: spec.history ?? [],
  };
}

export interface RandomRoundShape {
  readonly persons: number;
  readonly instances: number;
  readonly bidsPerPerson: number;
  readonly maxSlots: number;
  readonly maxCapacity: number;
  /** Distinct bid values are drawn from this many steps, so ties are frequent when small. */
  readonly weightSteps: number;
}

/** A random round, deterministic by seed, with ids that do not sort like their indices. */
export function randomRound(seed: number, shape: RandomRoundShape, spec: Partial<RoundSpec> = {}) {
  const next = mulberry32(seed);
  const below = (k: number) => next() % k;
  const minuteChoices = [30, 45, 60, 90, 120, 180];
  const instances = Array.from({ length: shape.instances }, (_, i) =>
    instance(`t${(i * 7919) % 10007}-${i}`, 1 + below(shape.maxSlots), minuteChoices[below(6)]!),
  );
  const bids: Bid[] = [];
  const capacity: Record<string, number> = {};
  for (let j = 0; j < shape.persons; j += 1) {
    const id = `p${(j * 104729) % 1000003}-${j}`;
    capacity[id] = 1 + below(shape.maxCapacity);
    const chosen = new Set<number>();
    const count = Math.min(shape.instances, below(shape.bidsPerPerson + 1));
    while (chosen.size < count) chosen.add(below(shape.instances));
    for (const i of chosen) {
      const step = below(shape.weightSteps);
      const weight = 100 + Math.floor((4900 * step) / Math.max(1, shape.weightSteps - 1));
      bids.push(bid(id, instances[i]!.id, weight));
    }
  }
  return roundInput({ instances, bids, capacity, seed, ...spec });
}
