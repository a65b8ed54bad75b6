// The deterministic scenario runner (issue 6): per period it clears the task market, credits
// confirmed work through the ledger, allocates goods by their scarcity rule, settles the pool
// as one linked batch, and checks the MODEL.md §6 invariants it can see. A broken invariant or
// a refused rule stops the run with a report naming it; the periods before stay in the result.

import type { DurableGood, PossessionEvent, ResourceAllocation } from '../commons/index.ts';
import type { PlannedOutput, ProductionSignal, ScarcityClearing } from '../goods/index.ts';
import type { AccountId, PersonId, PoolId, ProjectId } from '../ids.ts';
import {
  type AccountKind,
  changeBound,
  createLedger,
  createTransfers,
  GENESIS_HASH,
  getJournal,
  headHash,
  type LedgerState,
  openAccount,
  type TransferRequest,
} from '../ledger/index.ts';
import {
  accountKinds,
  conventionalChart,
  type PeriodEvent,
  type PoolChart,
  type Settlement,
  settlePeriod,
} from '../pool/index.ts';
import { compareIds, type EffortMilli, PPM_ONE, type Ppm } from '../units.ts';
import {
  type AllocationModelsPeriod,
  biddingRoundsPeriod,
  durationPeriod,
  fairUsePeriod,
  flatAllocationPrices,
  flatRateBundlesPeriod,
} from './allocation-models.ts';
import {
  type AssociationPeriod,
  type AssociationSetup,
  associationPeriod,
  setUpAssociations,
} from './associations.ts';
import { type CommitmentLine, followCommitments } from './commitments.ts';
import { applyCrossPool, type CrossPoolPeriod } from './cross-pool.ts';
import {
  checkDwellings,
  type DwellingsPeriod,
  dwellingsPeriod,
  openDwellings,
} from './dwellings.ts';
import { type FederationRun, runFederation } from './federation.ts';
import { allocateGoods, type CommittedTakings } from './goods.ts';
import {
  type DwellingPeriod,
  type HousingPeriodResult,
  housingPeriod,
  housingUnitsOf,
  openHousingAccounts,
} from './housing.ts';
import {
  checkBounds,
  checkConservation,
  checkJournal,
  checkPeriodIdentity,
  checkReplay,
  checkSettlementPosted,
  ledgerBalances,
} from './invariants.ts';
import type { LeaseLine } from './land.ts';
import { type PeriodMarket, runPeriodMarket } from './market.ts';
import { recordMarketOutcome } from './market-state.ts';
import {
  forgivenessEvents,
  isMember,
  type MembershipPeriod,
  membershipPeriod,
  usesMembership,
} from './membership.ts';
import { type MoneyLine, moneyPeriod, openMoneyBooks } from './money.ts';
import { withPersonDepartures } from './person-departures.ts';
import { planNext, planningSignals } from './planning.ts';
import { checkPossession, openDurableGoods, possessionPeriod } from './possession.ts';
import {
  NO_PROJECT_CHANGES,
  type ProjectChanges,
  type ProjectsPeriod,
  projectChanges,
  projectsPeriod,
  projectsView,
  releasePreOrders,
  usesProjectChanges,
  withForks,
} from './projects.ts';
import {
  type MeansWriteOff,
  openingInventory,
  priceRecipes,
  type RecipeBatch,
  type RecipePrice,
  recipePeriod,
} from './recipes.ts';
import { type PostedPriceLine, reestimatePrices } from './reestimate.ts';
import { followReservations, type ReservationLine, sortReservationLines } from './reservations.ts';
import {
  NO_COMMONS_STATE,
  type ReserveLine,
  type ResourcePeriodResult,
  resourcePeriod,
} from './resources.ts';
import { type UnusedServiceLine, unusedServices } from './service-products.ts';
import { type PersonalService, personalServices } from './services.ts';
import { type SettingsInForce, settingsTimeline, withSettings } from './settings.ts';
import { byId, type Carried, type Step, stop, stopOn } from './step.ts';
import type { AssociationSpec, PeriodSpec, PoolSpec, Scenario } from './types.ts';
import { creditWork } from './work.ts';

/** The MODEL.md §6 invariants the runner checks every period. */
export type InvariantName =
  | 'certificate'
  | 'ledgerConservation'
  | 'journal'
  | 'poolIdentity'
  | 'bounds'
  | 'idempotentReplay'
  | 'possession'
  | 'settlementMatchesLedger'
  | 'federation';

export interface RunStop {
  readonly period: number;
  /** The invariant that broke; null when a rule refused the scenario's input instead. */
  readonly invariant: InvariantName | null;
  readonly code: string;
  readonly detail: string;
}

export interface WorkCredit {
  readonly recordId: string;
  readonly personId: string;
  readonly instanceId: string;
  readonly projectId: string;
  readonly minutes: number;
  /** Units done of measurable work; null when credited by time. */
  readonly unitsDone: number | null;
  /** What the credit is for: the minutes worked, or units × the standard time. */
  readonly creditedMinutes: number;
  readonly confirmed: boolean;
  readonly weightMilli: number | null;
  readonly amountEffortMilli: number;
}

export interface PeriodRun {
  readonly period: number;
  readonly priceFactorPpm: Ppm;
  readonly market: PeriodMarket;
  readonly work: readonly WorkCredit[];
  readonly goods: readonly ScarcityClearing[];
  /** Discounted sales of surplus (M7 downward), one clearing per product offered. */
  readonly discounted: readonly ScarcityClearing[];
  /** Pre-orders taken, cancelled or still open, and the subscriptions taken. */
  readonly committed: CommittedTakings;
  /** Premium commitments open at the start of the period or made in it, status at its end. */
  readonly commitments: readonly CommitmentLine[];
  /** Goods reserved for a commitment released on completion: held, due, taken or lapsed. */
  readonly reservations: readonly ReservationLine[];
  readonly settlement: Settlement;
  /** Shares, redistribution and their postings; null when the scenario has no associations. */
  readonly associations: AssociationPeriod | null;
  /** Planned output of each product for the next period (M9: pre-orders + α × recent demand). */
  readonly plans: readonly PlannedOutput[];
  /** Planning signals per product (M9), from the last periods' premiums, write-offs, weights. */
  readonly signals: readonly { readonly productId: string; readonly signals: ProductionSignal[] }[];
  /** Services from person to person (time bank), confirmed or not. */
  readonly personalServices: readonly PersonalService[];
  /** Each pooled resource's allocation (flat rate or auction, awards, rejected claims). */
  readonly resources: readonly ResourceAllocation[];
  /** Claims, releases, idle flags and reclaims of shared durable goods, and where each is. */
  readonly possession: {
    readonly events: readonly PossessionEvent[];
    readonly goods: readonly DurableGood[];
  };
  /** Each dwelling's period: dues by resident, rate, what is still unrecovered. */
  readonly housing: readonly DwellingPeriod[];
  /** Dwellings possessed under a steward: moves, idle flags, reassignments, where each
   *  stands; null when no housing unit of the file has a steward (decision 0017). */
  readonly dwellings: DwellingsPeriod | null;
  /** Every account's balance in the ledger at the end of the period. */
  readonly closingBalances: ReadonlyMap<AccountId, number>;
  /** Every transfer of the period, in posting order: work credits, settlement, associations. */
  readonly transfers: readonly TransferRequest[];
  readonly stockUnits: ReadonlyMap<string, number>;
  readonly inventoryEffortMilli: ReadonlyMap<string, number>;
  readonly journalHead: string;
  readonly journalEntries: number;
  /** Each non-renewable's reserve: cap, extracted this period and to date, what is left. */
  readonly reserves: readonly ReserveLine[];
  /** Land leases running in the period: dues, and renewal or return at the term's end. */
  readonly leases: readonly LeaseLine[];
  /** Who is a member, and each departed member's balance and forgiveness; null when the file
   *  has nobody joining late or leaving. */
  readonly membership: MembershipPeriod | null;
  /** Each money-keeping project's income, expenses and cash in cents; null when none keeps
   *  money. Money has its own ledger and never reaches the effort books (MODEL.md §2). */
  readonly money: readonly MoneyLine[] | null;
  /** Each recipe product made this period: its actual price and the estimate's error (M6). */
  readonly recipes: readonly RecipeBatch[];
  /** Means of production abandoned this period and what was written off for them. */
  readonly meansWrittenOff: readonly MeansWriteOff[];
  /** Service units offered and not taken this period, written off. */
  readonly servicesUnused: readonly UnusedServiceLine[];
  /** The posted price of each re-estimated product this period and where it came from (M6). */
  readonly postedPrices: readonly PostedPriceLine[];
  /** Flat allocation prices, by-duration charges, fair-use charges, bidding rounds (M5). */
  readonly allocationModels: AllocationModelsPeriod;
  /** Projects in the pool, forks and departed projects; null until a project forks or
   *  leaves (decision 0014). */
  readonly projects: ProjectsPeriod | null;
  /** The pool's settings in force in the period; null until a period changed them (so a file
   *  without changes reports as before). `associations`, the associations with their settings
   *  in force, only from the first period that changed an association's. */
  readonly settings: (PoolSpec & { readonly associations?: readonly AssociationSpec[] }) | null;
}

export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly chart: PoolChart;
  /** Every account of the pool: the chart's, and each association's two accounts. */
  readonly accounts: ReadonlyMap<AccountId, AccountKind>;
  readonly periods: readonly PeriodRun[];
  readonly stop: RunStop | null;
  readonly ledger: LedgerState;
  /** The projects' money books (one journal per project, never effort); absent when no
   *  project keeps money. */
  readonly moneyLedger?: LedgerState;
  /** The federated pools' runs and each period's reconciliation; only in a federated file. */
  readonly federation?: FederationRun;
  /** The posted price of each product with a recipe, from its estimates, with its breakdown. */
  readonly postedPrices: readonly RecipePrice[];
}

export interface RunOptions {
  /** Run only the first N periods. */
  readonly periods?: number;
  /** Called after each period (progress for long runs). */
  readonly onPeriod?: (period: number, total: number) => void;
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

/** Opens the accounts of the projects forked in this period: a fork's account exists from its
 *  period on, so no earlier period's books or report depend on a later input. */
function openForkAccounts(run: PoolRun, view: Scenario): void {
  const chart = run.chart;
  const added = view.projects
    .map((x) => x.id as ProjectId)
    .filter((id) => !chart.projects.has(id))
    .sort(compareIds);
  if (added.length === 0) return;
  run.chart = conventionalChart(
    chart.poolId,
    [...chart.persons.keys()],
    [...chart.projects.keys(), ...added],
    [...chart.federation.keys()],
  );
  const kinds = new Map(added.map((id) => [run.chart.projects.get(id)!, 'project' as const]));
  openAccounts(run.ledger, run.scenario, run.chart, kinds);
  for (const [id, kind] of kinds) run.accounts.set(id, kind);
}

/** Gives every person's account the debit allowance in force (decision 0018), before the
 *  period's first transfer. */
function applyAllowance(
  ledger: LedgerState,
  chart: PoolChart,
  allowanceEffortMilli: number,
): { code: string; detail: string } | null {
  for (const accountId of chart.persons.values()) {
    const bound = ledger.accounts.get(accountId)?.account.bound;
    if (bound?.kind === 'debitAllowance' && bound.allowance === allowanceEffortMilli) continue;
    const changed = changeBound(ledger, {
      accountId,
      bound: { kind: 'debitAllowance', allowance: allowanceEffortMilli },
    });
    if (!changed.ok) return changed.error;
  }
  return null;
}

function runPeriod(
  given: Scenario,
  chart: PoolChart,
  ledger: LedgerState,
  p: number,
  period: PeriodSpec,
  settings: readonly SettingsInForce[],
  carried: Carried,
  extra?: CrossPoolPeriod,
): Step<PeriodRun> {
  // Every rule of the period reads the pool's settings in force in it; `given` keeps the
  // file's own, from which any period's are derived (forgiveness looks back to a member's
  // last period).
  const inForce = settings[p - 1]!;
  const file = withSettings(given, inForce);
  if (file !== given) {
    const refused = applyAllowance(ledger, chart, file.pool.allowanceEffortMilli);
    if (refused !== null) return stopOn(p, refused);
  }
  const opening = ledgerBalances(ledger, carried.kinds);
  const market = runPeriodMarket(file, p, period, carried.history, carried.lastWeights);
  if (!market.ok) {
    const certificate = market.error.code.startsWith('market.check');
    return stop(p, certificate ? 'certificate' : null, market.error.code, market.error.detail);
  }
  const worked = creditWork(file, chart, p, period, market.value);
  if (!worked.ok) return worked;
  if (worked.value.transfers.length > 0) {
    const posted = createTransfers(ledger, worked.value.transfers);
    if (!posted.ok) return stop(p, 'bounds', posted.error.code, posted.error.detail);
  }
  // Flat-allocation prices follow from this period's work; every later step reads them.
  const flat = flatAllocationPrices(file, p, period, worked.value.credits, carried);
  if (!flat.ok) return flat;
  // Re-estimated recipe prices (M6) are fixed from earlier periods before anything is taken.
  const reestimated = reestimatePrices(flat.value.scenario, p, carried);
  const scenario = reestimated.scenario;
  const made = recipePeriod(scenario, p, period, worked.value.credits, market.value, carried);
  if (!made.ok) return made;
  const goods = allocateGoods(scenario, p, period, carried);
  if (!goods.ok) return goods;
  const durations = durationPeriod(scenario, p, period);
  if (!durations.ok) return durations;
  const fairUse = fairUsePeriod(scenario, p, period, carried);
  if (!fairUse.ok) return fairUse;
  const bidding = biddingRoundsPeriod(p, period, carried);
  if (!bidding.ok) return bidding;

  const workEvents: PeriodEvent[] = worked.value.credits
    .filter((c) => c.confirmed)
    .map((c) => ({
      kind: 'work',
      id: `p${p}.work.${c.recordId}`,
      personId: c.personId as PersonId,
      projectId: c.projectId as ProjectId,
      amountEffortMilli: c.amountEffortMilli,
      alreadyPosted: true,
    }));
  const bundles = flatRateBundlesPeriod(p, period);
  if (!bundles.ok) return bundles;
  const change = goods.value.valueChange;
  const addChange = (projectId: string, amount: number): void => {
    change.set(projectId, (change.get(projectId) ?? 0) + amount);
  };
  for (const changed of [
    made.value.valueChange,
    durations.value.valueChange,
    fairUse.value.valueChange,
    bidding.value.valueChange,
  ]) {
    for (const [projectId, amount] of changed) addChange(projectId, amount);
  }
  for (const wip of period.workInProgress) addChange(wip.projectId, wip.changeEffortMilli);
  if (extra !== undefined) {
    const applied = applyCrossPool(extra, carried.stockUnits, change, p);
    if (!applied.ok) return applied;
  }
  // Service units nobody took this period are not kept (service-products.ts).
  const unused = unusedServices(scenario, p, carried.stockUnits);
  for (const [projectId, amount] of unused.valueChange) addChange(projectId, amount);
  let associations: AssociationPeriod | null = null;
  if (carried.associations !== null) {
    const computed = associationPeriod(
      scenario,
      chart,
      carried.associations,
      p,
      goods.value.clearings,
    );
    if (!computed.ok) return stopOn(p, computed.error);
    associations = computed.value;
  }
  const housed = housingPeriod(scenario, chart, p, carried.housingUnits, carried.housingAccounts);
  if (!housed.ok) return stopOn(p, housed.error);
  const housing: HousingPeriodResult = housed.value;
  // Maintenance adds to the dwelling's unrecovered value; dues take from it.
  for (const d of housing.dwellings) {
    const recovered = d.dues.reduce((t, x) => t + x.amountEffortMilli, 0);
    addChange(d.projectId, d.maintenanceEffortMilli - recovered);
  }
  let resources: ResourcePeriodResult | null = null;
  if (carried.associations !== null && scenario.resources.length > 0) {
    const allocated = resourcePeriod(scenario, chart, carried.associations, p, carried.commons);
    if (!allocated.ok) return stopOn(p, allocated.error);
    resources = allocated.value;
    // What a project paid for a resource becomes part of its products (an input, §4.7 c2).
    for (const [projectId, paid] of resources.projectInputs) addChange(projectId, paid);
  }
  const served = personalServices(scenario, chart, p);
  if (!served.ok) return stopOn(p, served.error);
  // Posted after the settlement, in this order; settlePeriod cannot see these batches, so it
  // is told their effect on each project's books as part of that project's declared change,
  // and their effect on the premium and adjustment accounts for the next price factor.
  const laterBatches: readonly (readonly TransferRequest[])[] = [
    associations?.transfers ?? [],
    housing.transfers,
    resources?.transfers ?? [],
    served.value.transfers,
  ];
  const later = laterBatches.flat();
  const laterBookChange = new Map<AccountId, number>();
  for (const t of later) {
    // A project's book change is −Δbalance: a debit adds to it, a credit takes from it.
    laterBookChange.set(t.debitAccountId, (laterBookChange.get(t.debitAccountId) ?? 0) + t.amount);
    laterBookChange.set(
      t.creditAccountId,
      (laterBookChange.get(t.creditAccountId) ?? 0) - t.amount,
    );
  }
  // Resource premiums and anything else the later batches post to the pool's system accounts
  // lower (or raise) the factor of the next period, not the one after (decision 0022).
  const systemAccounts = new Set([chart.premiumAccountId, chart.adjustmentAccountId]);
  let laterSurplusEffortMilli = 0;
  for (const t of later) {
    if (systemAccounts.has(t.creditAccountId)) laterSurplusEffortMilli += t.amount;
    if (systemAccounts.has(t.debitAccountId)) laterSurplusEffortMilli -= t.amount;
  }
  const inventory = byId(scenario.projects).map((project) => {
    const openingValue = carried.inventory.get(project.id) ?? 0;
    return {
      projectId: project.id as ProjectId,
      openingEffortMilli: openingValue,
      closingEffortMilli: openingValue + (change.get(project.id) ?? 0),
    };
  });
  const forgiven = forgivenessEvents(given, chart, opening, p, settings);
  const settled = settlePeriod({
    chart,
    period: p,
    batchId: `p${p}.settle`,
    priceFactorPpm: carried.factor,
    mode: scenario.pool.priceFactorMode,
    laterSurplusEffortMilli,
    openingBalances: new Map([...accountKinds(chart).keys()].map((id) => [id, opening.get(id)!])),
    events: [
      ...workEvents,
      ...goods.value.events,
      ...bundles.value.events,
      ...forgiven,
      ...(extra?.events ?? []),
      ...made.value.events,
      ...flat.value.events,
      ...durations.value.events,
      ...fairUse.value.events,
      ...bidding.value.events,
      ...unused.events,
    ],
    // Only members have an allowance, a carry-over cap and a per-head part.
    members: byId(scenario.persons.filter((x) => isMember(x, p))).map((person) => ({
      personId: person.id as PersonId,
      allowanceEffortMilli: scenario.pool.allowanceEffortMilli,
      carryOverCapEffortMilli: scenario.pool.carryOverCapEffortMilli,
      donateTo: scenario.pool.donateTo,
      contributing: person.contributing,
    })),
    inventory: inventory.map((d) => ({
      ...d,
      closingEffortMilli:
        d.closingEffortMilli - (laterBookChange.get(chart.projects.get(d.projectId)!) ?? 0),
    })),
  });
  if (!settled.ok) {
    const invariant =
      settled.error.code === 'pool.identity_violated'
        ? 'poolIdentity'
        : settled.error.code === 'pool.bound_exceeded'
          ? 'bounds'
          : null;
    return stop(p, invariant, settled.error.code, settled.error.detail);
  }
  const batch = createTransfers(ledger, settled.value.transfers);
  if (!batch.ok) return stop(p, 'bounds', batch.error.code, batch.error.detail);
  const afterSettlement = ledgerBalances(ledger, carried.kinds);
  const posted = checkSettlementPosted(afterSettlement, settled.value.closingBalances, p);
  if (posted !== null) return { ok: false, stop: posted };
  for (const batchOf of laterBatches) {
    if (batchOf.length === 0) continue;
    const laterPosted = createTransfers(ledger, batchOf);
    if (!laterPosted.ok) return stop(p, 'bounds', laterPosted.error.code, laterPosted.error.detail);
  }
  const closing = ledgerBalances(ledger, carried.kinds);
  // A period shows only the persons who had joined by then (their accounts are all at zero
  // before): a member who joins later must not change a period already reported, or a stored
  // pool could not take new members once a period is closed (decision 0013).
  const notYetJoined = new Set(
    scenario.persons.filter((x) => x.memberFromPeriod > p).map((x) => x.id as PersonId),
  );
  const notYetAccounts = new Set(
    [...notYetJoined].map((id) => chart.persons.get(id)).filter((id) => id !== undefined),
  );
  const shownClosing =
    notYetJoined.size === 0
      ? closing
      : new Map([...closing].filter(([accountId]) => !notYetAccounts.has(accountId)));
  const shownSettlement =
    notYetJoined.size === 0
      ? settled.value
      : {
          ...settled.value,
          members: settled.value.members.filter((m) => !notYetJoined.has(m.personId)),
        };
  const declared = new Map(
    inventory.map((d) => [d.projectId, d.closingEffortMilli - d.openingEffortMilli]),
  );
  const periodTransfers = [...worked.value.transfers, ...settled.value.transfers, ...later];
  const possessed = possessionPeriod(scenario, p, carried.durableGoods, carried.associations);
  if (!possessed.ok) return stopOn(p, possessed.error);
  const dwelt = dwellingsPeriod(scenario, p, carried.dwellings);
  if (!dwelt.ok) return stopOn(p, dwelt.error);
  const broken =
    checkPossession(possessed.value.goods, p) ??
    checkDwellings(dwelt.value.dwellings, p) ??
    checkConservation(closing, p) ??
    checkBounds(
      ledger,
      chart,
      opening,
      closing,
      scenario.pool.allowanceEffortMilli,
      periodTransfers,
      p,
    ) ??
    checkPeriodIdentity(chart, carried.kinds, opening, closing, declared, p) ??
    checkReplay(ledger, periodTransfers, closing, carried.kinds, p) ??
    checkJournal(ledger, p);
  if (broken !== null) return { ok: false, stop: broken };

  recordMarketOutcome(carried, p, worked.value.credits, market.value);
  for (const d of inventory) carried.inventory.set(d.projectId, d.closingEffortMilli);
  carried.housingAccounts = housing.accounts;
  carried.durableGoods = possessed.value.goods;
  carried.dwellings = dwelt.value.dwellings;
  if (resources !== null) carried.commons = resources.next;
  const signals = planningSignals(
    scenario,
    p,
    period,
    market.value,
    goods.value.clearings,
    goods.value.discounted,
    carried,
  );
  const commitments = followCommitments(
    carried.commitments,
    chart,
    p,
    periodTransfers,
    goods.value.commitments,
  );
  const reservations = sortReservationLines([
    ...goods.value.reservationsTaken,
    ...followReservations(carried.reservations, commitments, carried.stockUnits),
  ]);
  const money = moneyPeriod(carried.money ?? null, period, p);
  if (!money.ok) return money;
  const factor = carried.factor;
  carried.factor = settled.value.nextPriceFactorPpm;
  const journal = getJournal(ledger, chart.poolId);
  return {
    ok: true,
    value: {
      period: p,
      priceFactorPpm: factor,
      market: market.value,
      work: worked.value.credits,
      goods: goods.value.clearings,
      discounted: goods.value.discounted,
      committed: goods.value.committed,
      commitments,
      reservations,
      settlement: shownSettlement,
      associations,
      closingBalances: shownClosing,
      transfers: periodTransfers,
      housing: housing.dwellings,
      dwellings: carried.dwellings.size === 0 ? null : dwelt.value.period,
      resources: resources?.allocations ?? [],
      personalServices: served.value.services,
      possession: {
        events: possessed.value.events,
        goods: [...possessed.value.goods.values()],
      },
      signals,
      plans: planNext(scenario, p, goods.value.clearings, carried),
      stockUnits: new Map(carried.stockUnits),
      inventoryEffortMilli: new Map(carried.inventory),
      // A pool with no entries yet is at the genesis hash, as its stored journal is.
      journalHead: journal === undefined ? GENESIS_HASH : headHash(journal),
      journalEntries: journal?.entries.length ?? 0,
      reserves: resources?.reserves ?? [],
      leases: resources?.leases ?? [],
      membership: usesMembership(scenario, p)
        ? membershipPeriod(given, chart, closing, forgiven, p, settings)
        : null,
      money: money.value,
      recipes: made.value.batches,
      meansWrittenOff: made.value.meansWrittenOff,
      servicesUnused: unused.lines,
      postedPrices: reestimated.lines,
      allocationModels: {
        flatAllocation: flat.value.lines,
        durationUses: durations.value.lines,
        fairUse: fairUse.value.lines,
        biddingRounds: bidding.value.lines,
        biddingCharges: bidding.value.charges,
        flatRates: bundles.value.lines,
      },
      projects: null,
      settings: !inForce.changed
        ? null
        : inForce.associationsChanged
          ? { ...file.pool, associations: file.associations }
          : file.pool,
    },
  };
}

/** One pool's run between periods, so that a driver can run several pools in step. */
export interface PoolRun {
  /** The file with its forks' projects and products (`withForks`), recipes priced. */
  readonly scenario: Scenario;
  /** Grows by a fork's account in the fork's period. */
  chart: PoolChart;
  readonly projectChanges: ProjectChanges;
  readonly accounts: Map<AccountId, AccountKind>;
  readonly ledger: LedgerState;
  readonly carried: Carried | null;
  readonly periods: PeriodRun[];
  /** The posted price of each product with a recipe, from its estimates (M6). */
  readonly postedPrices: readonly RecipePrice[];
  /** The settings in force in each period (period p at index p − 1), derived once. */
  readonly settings: readonly SettingsInForce[];
  stop: RunStop | null;
}

/** Opens the pool's accounts (with one federation account per federated pool); posts the
 *  recipe prices before the first period, from the estimates (M6). */
export function startPoolRun(given: Scenario, federatedPools: readonly PoolId[] = []): PoolRun {
  // Departures given as period inputs read as memberships from here on (decision 0035).
  const file = withPersonDepartures(given);
  const changed = projectChanges(file);
  const changes = changed.ok ? changed.value : NO_PROJECT_CHANGES;
  const expanded = withForks(file, changes);
  const priced = priceRecipes(expanded);
  const scenario = priced.ok ? priced.value.scenario : expanded;
  const postedPrices = priced.ok ? priced.value.posted : [];
  const chart = conventionalChart(
    scenario.pool.id as PoolId,
    scenario.persons.map((x) => x.id as PersonId),
    projectsView(scenario, changes, 1).projects.map((x) => x.id as ProjectId),
    federatedPools,
  );
  const kinds = new Map(accountKinds(chart));
  const settings = settingsTimeline(file);
  /** A pool refused before its first period: its accounts open, no period run. */
  const refused = (error: { readonly code: string; readonly detail: string }): PoolRun => ({
    scenario,
    chart,
    accounts: kinds,
    ledger: openLedger(scenario, chart, kinds),
    carried: null,
    periods: [],
    postedPrices,
    settings,
    projectChanges: changes,
    stop: { period: 1, invariant: null, ...error },
  });
  if (!changed.ok) return refused(changed.error);
  if (!priced.ok) return refused(priced.error);
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
  const ledger = openLedger(scenario, chart, kinds);
  const housingUnits = housingUnitsOf(scenario);
  const carried: Carried = {
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
  return {
    scenario,
    chart,
    accounts: kinds,
    ledger,
    carried,
    periods: [],
    postedPrices,
    settings,
    projectChanges: changes,
    stop: null,
  };
}

/** Runs the pool's next period, with what federated pools add to it; false once stopped. */
export function stepPoolRun(run: PoolRun, extra?: CrossPoolPeriod): boolean {
  if (run.stop !== null || run.carried === null) return false;
  const p = run.periods.length + 1;
  const period = run.scenario.periods[p - 1]!;
  // Forks and departures (decision 0014): the period sees only the projects and products in
  // the pool by then; a departing project's open pre-orders are released first.
  const changes = run.projectChanges;
  const view = projectsView(run.scenario, changes, p);
  openForkAccounts(run, view);
  const released = releasePreOrders(run.carried.openPreOrders, run.scenario, changes, p);
  const step = runPeriod(view, run.chart, run.ledger, p, period, run.settings, run.carried, extra);
  if (!step.ok) {
    run.stop = step.stop;
    return false;
  }
  const ran = step.value;
  run.periods.push(
    usesProjectChanges(changes, p)
      ? {
          ...ran,
          projects: projectsPeriod(
            run.scenario,
            changes,
            run.chart,
            p,
            ran.closingBalances,
            ran.stockUnits,
            ran.inventoryEffortMilli,
            released,
          ),
        }
      : ran,
  );
  return true;
}

export function poolRunResult(run: PoolRun): ScenarioRun {
  const { scenario, chart, accounts, periods, stop, ledger, postedPrices } = run;
  const money = run.carried?.money?.ledger;
  return {
    scenario,
    chart,
    accounts,
    periods,
    stop,
    ledger,
    postedPrices,
    ...(money === undefined ? {} : { moneyLedger: money }),
  };
}

export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioRun {
  if (scenario.federation.length > 0) return runFederation(scenario, options);
  const run = startPoolRun(scenario);
  const total = Math.min(options.periods ?? scenario.periods.length, scenario.periods.length);
  while (run.periods.length < total && stepPoolRun(run)) {
    options.onPeriod?.(run.periods.length, total);
  }
  return poolRunResult(run);
}
