// What a pool's stored inputs are and how they become a scenario again. A pool is its settings
// (the scenario's non-list fields) plus a log of inputs: standing ones (persons, projects,
// products …, the scenario's top-level lists) and period ones (tasks, bids, work records …,
// the lists of a period). Assembling the log in order gives the scenario the pure runner
// takes, so a stored pool and a scenario file are two forms of the same data.

import type { PeriodSpec, Scenario } from '../scenario/types.ts';
import type { PeriodStage } from './stages.ts';

type ListKeys<T> = { [K in keyof T]-?: T[K] extends readonly unknown[] ? K : never }[keyof T];

/** Top-level lists of a scenario other than its periods. */
export type StandingKind = Exclude<ListKeys<Scenario>, 'periods'>;
/** The lists of one period. */
export type PeriodKind = ListKeys<PeriodSpec>;
/** Everything of a scenario that is not a list: name, seed, the pool's settings. */
export type PoolSettings = Omit<Scenario, StandingKind | 'periods'>;

// Records (not arrays) so that the compiler refuses a list added to the format but not here.
const STANDING: Record<StandingKind, true> = {
  persons: true,
  projects: true,
  products: true,
  associations: true,
  housingUnits: true,
  resources: true,
  durableGoods: true,
  subscriptions: true,
  // A federated pool of the file, whole (its own periods included): see decision 0013.
  federation: true,
};

/**
 * The stage of its period in which an input may be given. Tasks are posted while planning,
 * bids made while bidding, and work (with no-shows) recorded once the market has cleared;
 * settings changes are made while planning; everything else may come at any time until
 * settlement begins.
 */
type Window = 'planning' | 'bidding' | 'running' | 'open';
const PERIOD: Record<PeriodKind, Window> = {
  tasks: 'planning',
  bids: 'bidding',
  work: 'running',
  noShows: 'running',
  production: 'open',
  requests: 'open',
  writeOffs: 'open',
  discountSales: 'open',
  workInProgress: 'open',
  services: 'open',
  residencies: 'open',
  capacityFactors: 'open',
  dependents: 'open',
  occupancy: 'open',
  dwellings: 'open',
  resourceClaims: 'open',
  possession: 'open',
  preOrders: 'open',
  preOrderCancellations: 'open',
  flatRateBundles: 'open',
  personalServices: 'open',
  leaseReleases: 'open',
  federationTakes: 'open',
  federationWork: 'open',
  federationWriteOffs: 'open',
  money: 'open',
  durationUses: 'open',
  biddingRounds: 'open',
  wishes: 'open',
  // A departure or a fork may be given any time before settling; a task of a departing
  // project, or one of a fork given before the fork, is refused by the check (decision 0014).
  projectDepartures: 'open',
  projectForks: 'open',
  // A person may leave any time before settling; one who bid, worked or took in the period
  // leaves from the next one (the check refuses the departure otherwise, decision 0035).
  personDepartures: 'open',
  // Settings hold for the whole period: taken before the market opens, since the market's
  // settings decide the clearing and every other setting the settlement (decision 0018).
  settingsChanges: 'planning',
  meansAbandoned: 'open',
};

export const STANDING_KINDS = Object.keys(STANDING).sort() as StandingKind[];
export const PERIOD_KINDS = Object.keys(PERIOD).sort() as PeriodKind[];

export function isStandingKind(kind: string): kind is StandingKind {
  return Object.hasOwn(STANDING, kind);
}

export function isPeriodKind(kind: string): kind is PeriodKind {
  return Object.hasOwn(PERIOD, kind);
}

/** The stages in which a period input of this kind is taken. */
export function stagesTaking(kind: PeriodKind): readonly PeriodStage[] {
  const window = PERIOD[kind];
  if (window === 'open') return ['planning', 'bidding', 'cleared', 'running'];
  if (window === 'running') return ['cleared', 'running'];
  return [window];
}

/** One stored input: standing (period 0) or of one period. */
export interface PoolInput {
  readonly kind: StandingKind | PeriodKind;
  /** 0 for a standing input, else the period it belongs to. */
  readonly period: number;
  readonly record: unknown;
}

export function emptyPeriod(): PeriodSpec {
  return Object.fromEntries(PERIOD_KINDS.map((kind) => [kind, []])) as unknown as PeriodSpec;
}

/**
 * The scenario of a pool: its settings, its standing inputs in log order, and `periods`
 * periods with their inputs in log order. The records are trusted to have been validated when
 * they were stored.
 */
export function assembleScenario(
  settings: PoolSettings,
  inputs: readonly PoolInput[],
  periods: number,
): Scenario {
  const lists: Record<string, unknown[]> = Object.fromEntries(
    STANDING_KINDS.map((kind) => [kind, []]),
  );
  const periodLists = Array.from({ length: periods }, () => emptyPeriod()) as unknown as Record<
    string,
    unknown[]
  >[];
  for (const input of inputs) {
    if (input.period === 0) {
      lists[input.kind]!.push(input.record);
    } else if (input.period <= periods) {
      periodLists[input.period - 1]![input.kind]!.push(input.record);
    }
  }
  return { ...settings, ...lists, periods: periodLists } as unknown as Scenario;
}

/** The inverse of `assembleScenario`: a scenario as settings and a log of inputs. */
export function disassembleScenario(scenario: Scenario): {
  readonly settings: PoolSettings;
  readonly inputs: readonly PoolInput[];
} {
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(scenario)) {
    if (key !== 'periods' && !isStandingKind(key)) settings[key] = value;
  }
  const inputs: PoolInput[] = [];
  for (const kind of STANDING_KINDS) {
    for (const record of scenario[kind]) inputs.push({ kind, period: 0, record });
  }
  scenario.periods.forEach((spec, index) => {
    for (const kind of PERIOD_KINDS) {
      for (const record of spec[kind]) inputs.push({ kind, period: index + 1, record });
    }
  });
  return { settings: settings as PoolSettings, inputs };
}
