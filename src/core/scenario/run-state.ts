// The runner as a step function: `startRun` opens a pool's books from its file, and
// `stepPeriod` runs the next period from the state after the last one and that period's
// inputs. The state is plain data with a version, so it can be kept (as canonical JSON) after
// a period closes and a later step can start from it instead of from period 1 (decision 0026).

import { assert } from '../assert.ts';
import type { AccountId, PersonId, PoolId, ProjectId } from '../ids.ts';
import { type AccountKind, createLedger, type LedgerState, openAccount } from '../ledger/index.ts';
import { accountKinds, conventionalChart, type PoolChart } from '../pool/index.ts';
import { type Failure, failure, ok, type Result } from '../result.ts';
import { compareIds, type EffortMilli, PPM_ONE } from '../units.ts';
import { type AssociationSetup, setUpAssociations } from './associations.ts';
import type { Carried } from './carried.ts';
import type { CrossPoolPeriod } from './cross-pool.ts';
import { openDwellings } from './dwellings.ts';
import { housingUnitsOf, openHousingAccounts } from './housing.ts';
import type { MarketMemo } from './market-memo.ts';
import { openMoneyBooks } from './money.ts';
import { runPeriod } from './period.ts';
import type { PeriodChecks } from './period-context.ts';
import { withPersonDepartures } from './person-departures.ts';
import { openDurableGoods } from './possession.ts';
import {
  NO_PROJECT_CHANGES,
  type ProjectChanges,
  projectChanges,
  projectsView,
  withForks,
} from './projects.ts';
import { projectsPeriod, releasePreOrders, usesProjectChanges } from './projects-period.ts';
import { openingInventory, priceRecipes, type RecipePrice } from './recipes.ts';
import { compactCanonicalJson } from './report.ts';
import { NO_COMMONS_STATE } from './resources.ts';
import { compactFile, expandFile, ledgerFromHeads } from './run-state-compact.ts';
import { fromJsonValue, toJsonValue } from './run-state-json.ts';
import type { PeriodRun, RunStop, ScenarioRun } from './run-types.ts';
import { type SettingsInForce, settingsTimeline } from './settings.ts';
import type { PeriodSpec, Scenario } from './types.ts';

/** Raised whenever the meaning of a field of the state changes; a stored state of another
 *  version is not read (it is rebuilt by running the pool's inputs again). */
export const RUN_STATE_VERSION = 3;

/** What follows from a file alone, derived again when a state is read (never stored). */
export interface FileDerivation {
  /** The file with its forks' projects and products (`withForks`), recipes priced. */
  readonly scenario: Scenario;
  readonly projectChanges: ProjectChanges;
  /** The posted price of each product with a recipe, from its estimates (M6). */
  readonly postedPrices: readonly RecipePrice[];
  /** The settings in force in each period known (period p at index p − 1). */
  readonly settings: readonly SettingsInForce[];
  /** Why the file cannot run at all; null when it can. */
  readonly refused: { readonly code: string; readonly detail: string } | null;
}

/**
 * A pool's run after `periodsRun` periods. `stepPeriod` takes the state it is given over: it
 * moves the ledger and the carried state on in place (copying a long ledger every period
 * would cost what the history costs), so a caller that wants to keep a state serialises it.
 */
export interface RunState {
  readonly version: typeof RUN_STATE_VERSION;
  /** The file as given: settings, standing inputs, and the period inputs known so far. */
  readonly file: Scenario;
  /** The pools federated with this one (one federation account each). */
  readonly federatedPools: readonly PoolId[];
  readonly periodsRun: number;
  readonly stop: RunStop | null;
  /** Grows by a fork's account in the fork's period. */
  readonly chart: PoolChart;
  /** Every account of the pool: the chart's, and each association's two accounts. */
  readonly accounts: Map<AccountId, AccountKind>;
  readonly ledger: LedgerState;
  /** What one period hands on to the next; null when the file was refused before period 1. */
  readonly carried: Carried | null;
  readonly derived: FileDerivation;
}

export function deriveFromFile(given: Scenario): FileDerivation {
  // Departures given as period inputs read as memberships from here on (decision 0035).
  const file = withPersonDepartures(given);
  const changed = projectChanges(file);
  const changes = changed.ok ? changed.value : NO_PROJECT_CHANGES;
  const expanded = withForks(file, changes);
  const priced = priceRecipes(expanded);
  return {
    scenario: priced.ok ? priced.value.scenario : expanded,
    projectChanges: changes,
    postedPrices: priced.ok ? priced.value.posted : [],
    settings: settingsTimeline(file),
    refused: !changed.ok ? changed.error : !priced.ok ? priced.error : null,
  };
}

function openAccounts(
  ledger: LedgerState,
  scenario: Scenario,
  chart: PoolChart,
  kinds: ReadonlyMap<AccountId, AccountKind>,
): void {
  const allowance = scenario.pool.allowanceEffortMilli as EffortMilli;
  for (const [id, kind] of [...kinds].sort((a, b) => compareIds(a[0], b[0]))) {
    const opened = openAccount(ledger, {
      id,
      poolId: chart.poolId,
      unit: 'effort',
      kind,
      ownerId: id,
      bound: kind === 'person' ? { kind: 'debitAllowance', allowance } : { kind: 'unbounded' },
    });
    // The chart's ids are unique by construction and valid (checked by the schema).
    if (!opened.ok) throw new Error(`scenario: cannot open ${id}: ${opened.error.detail}`);
  }
}

function openLedger(
  scenario: Scenario,
  chart: PoolChart,
  kinds: ReadonlyMap<AccountId, AccountKind>,
): LedgerState {
  const ledger = createLedger();
  openAccounts(ledger, scenario, chart, kinds);
  return ledger;
}

/** Opens the accounts of the projects forked in this period: a fork's account exists from its
 *  period on, so no earlier period's books or report depend on a later input. */
function openForkAccounts(state: RunState, view: Scenario): PoolChart {
  const chart = state.chart;
  const added = view.projects
    .map((x) => x.id as ProjectId)
    .filter((id) => !chart.projects.has(id))
    .sort(compareIds);
  if (added.length === 0) return chart;
  const grown = conventionalChart(
    chart.poolId,
    [...chart.persons.keys()],
    [...chart.projects.keys(), ...added],
    [...chart.federation.keys()],
  );
  const kinds = new Map(added.map((id) => [grown.projects.get(id)!, 'project' as const]));
  openAccounts(state.ledger, state.derived.scenario, grown, kinds);
  for (const [id, kind] of kinds) state.accounts.set(id, kind);
  return grown;
}

function openingCarried(
  scenario: Scenario,
  kinds: ReadonlyMap<AccountId, AccountKind>,
  setup: AssociationSetup | null,
): Carried {
  const housingUnits = housingUnitsOf(scenario);
  return {
    kinds,
    associations: setup,
    housingUnits,
    housingAccounts: openHousingAccounts(housingUnits),
    productRecords: new Map(),
    nonPreordered: new Map(),
    durableGoods: openDurableGoods(scenario),
    dwellings: openDwellings(scenario),
    factor: PPM_ONE,
    history: [],
    lastWeights: new Map(),
    stockUnits: new Map(),
    inventory: openingInventory(scenario),
    openPreOrders: new Map(),
    commitments: [],
    reservations: [],
    commons: NO_COMMONS_STATE,
    money: openMoneyBooks(scenario),
    flatPrices: new Map(),
    biddingTerms: [],
    biddingSurplus: new Map(),
    recipeActuals: new Map(),
    meansChargedEffortMilli: new Map(),
    abandonedMeans: new Set(),
  };
}

/** Opens the pool's accounts (with one federation account per federated pool); posts the
 *  recipe prices before the first period, from the estimates (M6). */
export function startRun(file: Scenario, federatedPools: readonly PoolId[] = []): RunState {
  const derived = deriveFromFile(file);
  const { scenario } = derived;
  const chart = conventionalChart(
    scenario.pool.id as PoolId,
    scenario.persons.map((x) => x.id as PersonId),
    projectsView(scenario, derived.projectChanges, 1).projects.map((x) => x.id as ProjectId),
    federatedPools,
  );
  const kinds = new Map(accountKinds(chart));
  const state = {
    version: RUN_STATE_VERSION,
    file,
    federatedPools,
    periodsRun: 0,
    chart,
    accounts: kinds,
    derived,
  } as const;
  /** A pool refused before its first period: its accounts open, no period run. */
  const refused = (error: { readonly code: string; readonly detail: string }): RunState => ({
    ...state,
    ledger: openLedger(scenario, chart, kinds),
    carried: null,
    stop: { period: 1, invariant: null, ...error },
  });
  if (derived.refused !== null) return refused(derived.refused);
  let setup: AssociationSetup | null = null;
  if (scenario.associations.length > 0) {
    const built = setUpAssociations(scenario, chart);
    if (!built.ok) return refused(built.error);
    setup = built.value;
    for (const a of setup.accounts.values()) {
      kinds.set(a.association, 'association');
      kinds.set(a.redistribution, 'redistribution');
    }
  }
  return {
    ...state,
    ledger: openLedger(scenario, chart, kinds),
    carried: openingCarried(scenario, kinds, setup),
    stop: null,
  };
}

/** The state with period p's inputs as given (the file's may have been other, or none):
 *  what follows from the file is derived again, and a project forked in p gets its opening
 *  inventory. Periods before p cannot change: nothing of them depends on p's inputs. */
function withPeriodInputs(state: RunState, p: number, inputs: PeriodSpec): RunState {
  const periods = [...state.file.periods];
  periods[p - 1] = inputs;
  const file = { ...state.file, periods };
  const derived = deriveFromFile(file);
  if (derived.refused !== null) {
    return { ...state, stop: { period: p, invariant: null, ...derived.refused } };
  }
  const carried = state.carried!;
  for (const [projectId, value] of openingInventory(derived.scenario)) {
    if (!carried.inventory.has(projectId)) carried.inventory.set(projectId, value);
  }
  if (carried.associations === null) return { ...state, file, derived };
  // Residences, capacity factors and dependents are ranges of periods read from every
  // period's inputs: set up again with p's (the accounts stay those of the chart).
  const built = setUpAssociations(derived.scenario, state.chart);
  if (!built.ok) return { ...state, stop: { period: p, invariant: null, ...built.error } };
  return { ...state, file, derived, carried: { ...carried, associations: built.value } };
}

/** Runs the next period from its inputs (and what federated pools add to it). The period is
 *  null when the run stops in it, or had stopped before; the state's `stop` says why.
 *  `checks: 'notLedger'` leaves out the books' invariant checks at the close; only a state
 *  whose journals hash nothing (a projection's, never kept) may be run so (decision 0075). */
export function stepPeriod(
  given: RunState,
  inputs: PeriodSpec,
  extra?: CrossPoolPeriod,
  marketMemo?: MarketMemo,
  checks: PeriodChecks = 'all',
): { readonly state: RunState; readonly period: PeriodRun | null } {
  assert(
    checks === 'all' || given.ledger.unhashed === true,
    'only a run that is never kept leaves out the ledger checks',
  );
  if (given.stop !== null || given.carried === null) return { state: given, period: null };
  const p = given.periodsRun + 1;
  const state = given.file.periods[p - 1] === inputs ? given : withPeriodInputs(given, p, inputs);
  if (state.stop !== null) return { state, period: null };
  const carried = state.carried!;
  const { scenario, projectChanges: changes, settings } = state.derived;
  // Forks and departures (decision 0014): the period sees only the projects and products in
  // the pool by then; a departing project's open pre-orders are released first.
  const view = projectsView(scenario, changes, p);
  const chart = openForkAccounts(state, view);
  const released = releasePreOrders(carried.openPreOrders, scenario, changes, p);
  const ran = runPeriod({
    given: view,
    chart,
    ledger: state.ledger,
    p,
    period: scenario.periods[p - 1]!,
    settings,
    carried,
    ...(extra === undefined ? {} : { extra }),
    ...(marketMemo === undefined ? {} : { marketMemo }),
    checks,
  });
  if (!ran.ok) return { state: { ...state, chart, stop: ran.stop }, period: null };
  const period = usesProjectChanges(changes, p)
    ? {
        ...ran.value,
        projects: projectsPeriod(
          scenario,
          changes,
          chart,
          p,
          ran.value.closingBalances,
          ran.value.stockUnits,
          ran.value.inventoryEffortMilli,
          released,
        ),
      }
    : ran.value;
  return { state: { ...state, chart, periodsRun: p }, period };
}

/** Steps `state` through the next periods with `inputs` (period p's at index p − 1) until
 *  `through` periods have run or the run stops. */
export function foldPeriods(
  state: RunState,
  inputs: readonly PeriodSpec[],
  through: number,
  onPeriod?: (period: number) => void,
): { state: RunState; periods: PeriodRun[] } {
  let current = state;
  const periods: PeriodRun[] = [];
  while (current.periodsRun < through) {
    const stepped = stepPeriod(current, inputs[current.periodsRun]!);
    current = stepped.state;
    if (stepped.period === null) break;
    periods.push(stepped.period);
    onPeriod?.(current.periodsRun);
  }
  return { state: current, periods };
}

/** The run as a whole: the state after its last period and the periods it ran. */
export function runResult(state: RunState, periods: readonly PeriodRun[]): ScenarioRun {
  const money = state.carried?.money?.ledger;
  return {
    scenario: state.derived.scenario,
    chart: state.chart,
    accounts: state.accounts,
    periods,
    stop: state.stop,
    ledger: state.ledger,
    postedPrices: state.derived.postedPrices,
    ...(money === undefined ? {} : { moneyLedger: money }),
  };
}

/** The state as canonical JSON without whitespace (version 3, decision 0057): everything but what is derived from the file, and of the
 *  periods run only what later periods read (run-state-compact.ts): its size follows the
 *  pool, not its history. */
export function serialiseRunState(state: RunState): string {
  // A state run without journal hashes (a read's, decision 0067) is never kept.
  assert(state.ledger.unhashed !== true, 'a state run without journal hashes is not kept');
  // The accounts are the carried account kinds, the same map (a fork's account is added to
  // both at once); kept once, so that they stay one map when read back.
  const { derived: _derived, accounts, ...stored } = state;
  const { file, periodKinds } = compactFile(state.file, state.periodsRun);
  const kept = { ...stored, file, periodKinds, ledger: ledgerFromHeads(state.ledger) };
  return compactCanonicalJson(toJsonValue(state.carried === null ? { ...kept, accounts } : kept));
}

export type RunStateFailureCode = 'run_state.malformed' | 'run_state.version';

/** A state read back from `serialiseRunState`'s text. */
export function parseRunState(text: string): Result<RunState, Failure<RunStateFailureCode>> {
  type Stored = Omit<RunState, 'derived' | 'accounts'> & {
    accounts?: RunState['accounts'];
    periodKinds: string[];
  };
  let value: Stored;
  try {
    value = fromJsonValue(JSON.parse(text)) as Stored;
  } catch (error) {
    return failure('run_state.malformed', (error as Error).message);
  }
  if (value === null || typeof value !== 'object' || value.version !== RUN_STATE_VERSION) {
    const version = String(value?.version);
    return failure(
      'run_state.version',
      `run state of version ${version}, not ${RUN_STATE_VERSION}`,
    );
  }
  const accounts = (value.carried?.kinds ?? value.accounts) as RunState['accounts'] | undefined;
  if (accounts === undefined) return failure('run_state.malformed', 'run state without accounts');
  const { periodKinds, ...read } = value;
  if (!Array.isArray(periodKinds))
    return failure('run_state.malformed', 'run state without periodKinds');
  const file = expandFile(value.file, periodKinds);
  return ok({ ...read, file, accounts, derived: deriveFromFile(file) });
}
