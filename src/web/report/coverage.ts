// Where the HTML report shows each key of the JSON report: for every key of a period (and of the
// report itself), the ids of the page's parts that show it. The coverage test reads the JSON of
// every example and fails for a key that holds something but has no entry here, or whose part
// is missing from the page: a mechanism added to the run cannot stay JSON-only unnoticed.

/** The page's head: title, lead (pool, seed, periods) and status line. */
const HEAD = 'report-head';

/** The report's own keys (besides `periods`). */
export const REPORT_KEY_PARTS: Readonly<Record<string, readonly string[]>> = {
  format: ['report-footer'],
  scenario: [HEAD],
  seed: [HEAD],
  poolId: [HEAD],
  periodsRun: [HEAD],
  stop: [HEAD],
  postedPrices: ['effort-prices'],
  federation: ['between-pools'],
};

/** A period's keys; `allocationModels.<model>` for the models under `allocationModels`. */
export const PERIOD_KEY_PARTS: Readonly<Record<string, readonly string[]>> = {
  period: ['price-factor'],
  priceFactorPpm: ['price-factor'],
  nextPriceFactorPpm: ['price-factor'],
  baseEffortMilli: ['price-factor'],
  netSurplusEffortMilli: ['price-factor'],
  // The pool identity's premiums and adjustments make up S; the premiums are shown by source.
  identity: ['price-factor'],
  weightIndexMilli: ['work'],
  tasks: ['task-weights'],
  clearings: ['task-weights'],
  escalation: ['task-weights'],
  noShows: ['work'],
  work: ['work', 'overview'],
  preOrders: ['commitments'],
  subscriptions: ['commitments'],
  commitments: ['commitments'],
  reservations: ['reservations'],
  goods: ['goods-taken'],
  discounted: ['goods-taken'],
  // The settlement's statements per person: their closing balances are the ledger's.
  members: ['balances'],
  associations: ['redistribution', 'flows'],
  plans: ['planning'],
  signals: ['planning'],
  stock: ['planning'],
  personalServices: ['personal-services'],
  resources: ['resources'],
  possession: ['possession'],
  housing: ['housing', 'overview'],
  dwellings: ['dwellings'],
  balances: ['balances'],
  inventory: ['effort-prices'],
  transfers: ['flows'],
  journal: ['report-footer'],
  reserves: ['resources'],
  leases: ['resources'],
  membership: ['membership'],
  projects: ['projects'],
  settings: ['settings'],
  money: ['money'],
  recipes: ['effort-prices'],
  servicesUnused: ['services-unused'],
  meansWrittenOff: ['means-written-off'],
  postedPrices: ['posted-prices'],
  'allocationModels.flatAllocation': ['allocation-models'],
  'allocationModels.durationUses': ['allocation-models'],
  'allocationModels.fairUse': ['allocation-models'],
  'allocationModels.biddingRounds': ['allocation-models'],
  'allocationModels.biddingCharges': ['bidding-charges'],
  'allocationModels.flatRates': ['flat-rates'],
};
