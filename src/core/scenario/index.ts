// Scenarios (issue 6): a whole economy over periods from plain data, run deterministically on
// the core modules, with every MODEL.md §6 invariant the run can see checked each period.

export type { ScenarioCheckCode } from './check.ts';
export { checkScenario } from './check.ts';
export type { ExplainedTransfer, ExplainFailureCode, Explanation } from './explain.ts';
export { explainPerson } from './explain.ts';
export type {
  FederationDelivery,
  FederationLine,
  FederationPeriod,
  FederationRun,
} from './federation.ts';
export type { PeriodMarket } from './market.ts';
export { derivedSeed, marketSettings } from './market.ts';
export { emptyMarketMemo, type MarketMemo } from './market-memo.ts';
export type { DepartedLine, MembershipPeriod } from './membership.ts';
export type { PeriodChecks } from './period-context.ts';
export type { Json } from './report.ts';
export {
  canonicalJson,
  compactCanonicalJson,
  marketReport,
  periodReport,
  REPORT_FORMAT,
  scenarioReport,
} from './report.ts';
export { runScenario } from './run.ts';
export type { RunState, RunStateFailureCode } from './run-state.ts';
export {
  foldPeriods,
  parseRunState,
  RUN_STATE_VERSION,
  runResult,
  serialiseRunState,
  startRun,
  stepPeriod,
} from './run-state.ts';
export { SPENT_PERIOD_KINDS } from './run-state-compact.ts';
export { forkRunState } from './run-state-fork.ts';
export type {
  InvariantName,
  PeriodRun,
  RunOptions,
  RunStop,
  ScenarioRun,
  WorkCredit,
} from './run-types.ts';
export { applyPoolChange, poolInForce, scenarioInForce } from './settings.ts';
export { type SummaryText, scenarioSummary } from './summary.ts';
export type * from './types.ts';
