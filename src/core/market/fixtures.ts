// Small builders for market inputs, shared by the tests and the benchmark.

import {
  asId,
  type PersonId,
  type PoolId,
  type TaskInstanceId,
  type TaskTemplateId,
} from '../ids.ts';
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
