// Fixtures for the scenario tests (next to the code and in test/scenario): a whole scenario in
// plain data with every default filled in, so a test states only what it is about.
import type {
  BidSpec,
  MarketSpec,
  PeriodSpec,
  PersonSpec,
  PoolSpec,
  ProductSpec,
  Scenario,
  TaskSpec,
  WorkSpec,
} from './types.ts';

export const EMPTY_PERIOD: PeriodSpec = {
  tasks: [],
  bids: [],
  work: [],
  noShows: [],
  production: [],
  requests: [],
  writeOffs: [],
  discountSales: [],
  workInProgress: [],
  services: [],
  residencies: [],
  capacityFactors: [],
  dependents: [],
  occupancy: [],
  dwellings: [],
  resourceClaims: [],
  possession: [],
  preOrders: [],
  preOrderCancellations: [],
  flatRateBundles: [],
  personalServices: [],
  durationUses: [],
  biddingRounds: [],
  wishes: [],
  leaseReleases: [],
  federationTakes: [],
  federationWork: [],
  federationWriteOffs: [],
  money: [],
  projectDepartures: [],
  personDepartures: [],
  projectForks: [],
  settingsChanges: [],
  meansAbandoned: [],
};

/** The market settings the format fills in when a file leaves them out (reference §9.1). */
export const DEFAULT_MARKET: MarketSpec = {
  minWeightMilli: 100,
  capWeightMilli: 5000,
  escalationStepPpm: 250_000,
  escalationWindowMinutes: 720,
  minNoticeMinutes: 720,
  clearingRule: 'lowest',
  rotationWindowPeriods: 4,
};

/** A pool with the format's defaults (a 40 WH allowance, a 200 WH carry-over cap); a test
 *  gives only the settings it is about. */
export const pool = (spec: Partial<PoolSpec> & { id: string }): PoolSpec => ({
  weighting: 'auction',
  priceFactorMode: 'proportional',
  allowanceEffortMilli: 40_000,
  carryOverCapEffortMilli: 200_000,
  donateTo: 'pool',
  market: DEFAULT_MARKET,
  forgiveAfterPeriods: 12,
  ...spec,
});

export const person = (id: string): PersonSpec => ({
  id,
  capacitySlots: 1,
  contributing: true,
  residence: null,
  capacityMilli: 1000,
  dependent: null,
  memberFromPeriod: 1,
  memberUntilPeriod: null,
});

export const product = (spec: Partial<ProductSpec> & { id: string; projectId: string }) => ({
  unitPriceEffortMilli: 0,
  scarcityRule: 'auction' as const,
  basicNeedsQuotaUnits: 0,
  planningAlphaPpm: 900_000,
  safetyStockUnits: 0,
  recipe: null,
  allocation: 'effortBased' as const,
  minutesPerPeriod: 43_200,
  jointOf: null,
  kind: 'good' as const,
  ...spec,
});

/** One slot of a task that `personId` bids for at `weightMilli`, works and `by` confirms. */
export function oneSlotWork(
  id: string,
  templateId: string,
  projectId: string,
  personId: string,
  minutes: number,
  weightMilli: number,
  by: string,
): { task: TaskSpec; bid: BidSpec; work: WorkSpec } {
  return {
    task: {
      id,
      templateId,
      projectId,
      slots: 1,
      minutesPerSlot: minutes,
      indicatedWeightMilli: null,
      standardMinutesPerUnit: null,
    },
    bid: { personId, instanceId: id, weightMilli, round: 0 },
    work: { id: `w.${id}`, personId, instanceId: id, minutes, unitsDone: null, confirmedBy: by },
  };
}

/** A pool `p` with the given persons, projects (maintained by `bo`), products and periods. */
export function scenarioOf(spec: {
  persons: readonly string[];
  projects: readonly string[];
  products: readonly ProductSpec[];
  periods: readonly Partial<PeriodSpec>[];
}): Scenario {
  return {
    name: 'fixture',
    seed: 1,
    pool: pool({
      id: 'p',
      allowanceEffortMilli: 1_000_000,
      carryOverCapEffortMilli: 1_000_000_000,
    }),
    persons: spec.persons.map(person),
    projects: spec.projects.map((id) => ({
      id,
      maintainers: ['bo'],
      namedConfirmers: [],
      seat: null,
      currency: null,
    })),
    products: spec.products,
    associations: [],
    housingUnits: [],
    resources: [],
    durableGoods: [],
    subscriptions: [],
    federation: [],
    periods: spec.periods.map((p) => ({ ...EMPTY_PERIOD, ...p })),
  };
}
