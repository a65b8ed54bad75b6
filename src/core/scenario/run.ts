// The deterministic scenario runner (issue 6): per period it clears the task market, credits
// confirmed work through the ledger, allocates goods by their scarcity rule, settles the pool
// as one linked batch, and checks the MODEL.md §6 invariants it can see. A broken invariant or
// a refused rule stops the run with a report naming it; the periods before stay in the result.

import type {
  DurableGood,
  HousingAccount,
  HousingUnit,
  PossessionEvent,
  ResourceAllocation,
} from '../commons/index.ts';
import {
  clearScarceGood,
  flatRateShares,
  type GoodsRequest,
  type PlannedOutput,
  type ProductionSignal,
  type ProductPeriodRecord,
  planOutput,
  productionSignals,
  type ScarceGood,
  type ScarcityClearing,
} from '../goods/index.ts';
import type { AccountId, PersonId, PoolId, ProductId, ProjectId, TransferId } from '../ids.ts';
import {
  type AccountKind,
  createLedger,
  createTransfers,
  getJournal,
  headHash,
  type LedgerState,
  openAccount,
  type TransferRequest,
} from '../ledger/index.ts';
import {
  confirmWork,
  type InstanceAuction,
  recordWork,
  type TemplateHistory,
} from '../market/index.ts';
import {
  accountKinds,
  conventionalChart,
  flatRateEvents,
  type PeriodEvent,
  type PoolChart,
  type Settlement,
  scarcityEvents,
  settlePeriod,
} from '../pool/index.ts';
import { compareIds, type EffortMilli, PPM_ONE, type Ppm } from '../units.ts';
import {
  type AssociationPeriod,
  type AssociationSetup,
  associationPeriod,
  setUpAssociations,
} from './associations.ts';
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
import { derivedSeed, type PeriodMarket, runPeriodMarket } from './market.ts';
import { checkPossession, openDurableGoods, possessionPeriod } from './possession.ts';
import { type ResourcePeriodResult, resourcePeriod } from './resources.ts';
import type { PeriodSpec, ProductSpec, Scenario } from './types.ts';

/** The MODEL.md §6 invariants the runner checks every period. */
export type InvariantName =
  | 'certificate'
  | 'ledgerConservation'
  | 'journal'
  | 'poolIdentity'
  | 'bounds'
  | 'idempotentReplay'
  | 'possession'
  | 'settlementMatchesLedger';

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
  readonly settlement: Settlement;
  /** Shares, redistribution and their postings; null when the scenario has no associations. */
  readonly associations: AssociationPeriod | null;
  /** Planned output of each product for the next period (M9: pre-orders + α × recent demand). */
  readonly plans: readonly PlannedOutput[];
  /** Planning signals per product (M9), from the last periods' premiums, write-offs, weights. */
  readonly signals: readonly { readonly productId: string; readonly signals: ProductionSignal[] }[];
  /** Each pooled resource's allocation (flat rate or auction, awards, rejected claims). */
  readonly resources: readonly ResourceAllocation[];
  /** Claims, releases, idle flags and reclaims of shared durable goods, and where each is. */
  readonly possession: {
    readonly events: readonly PossessionEvent[];
    readonly goods: readonly DurableGood[];
  };
  /** Each dwelling's period: dues by resident, rate, what is still unrecovered. */
  readonly housing: readonly DwellingPeriod[];
  /** Every account's balance in the ledger at the end of the period. */
  readonly closingBalances: ReadonlyMap<AccountId, number>;
  /** Every transfer of the period, in posting order: work credits, settlement, associations. */
  readonly transfers: readonly TransferRequest[];
  readonly stockUnits: ReadonlyMap<string, number>;
  readonly inventoryEffortMilli: ReadonlyMap<string, number>;
  readonly journalHead: string;
  readonly journalEntries: number;
}

export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly chart: PoolChart;
  /** Every account of the pool: the chart's, and each association's two accounts. */
  readonly accounts: ReadonlyMap<AccountId, AccountKind>;
  readonly periods: readonly PeriodRun[];
  readonly stop: RunStop | null;
  readonly ledger: LedgerState;
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
  return ledger;
}

const byId = <T extends { readonly id: string }>(items: readonly T[]) =>
  [...items].sort((a, b) => compareIds(a.id, b.id));

interface Carried {
  readonly kinds: ReadonlyMap<AccountId, AccountKind>;
  readonly associations: AssociationSetup | null;
  readonly housingUnits: readonly HousingUnit[];
  housingAccounts: ReadonlyMap<string, HousingAccount>;
  productRecords: Map<string, ProductPeriodRecord[]>;
  /** Units taken per product and period that were not pre-ordered (planning history). */
  nonPreordered: Map<string, number[]>;
  durableGoods: ReadonlyMap<string, DurableGood>;
  factor: Ppm;
  history: TemplateHistory[];
  lastWeights: Map<string, number>;
  stockUnits: Map<string, number>;
  inventory: Map<string, number>;
}

type Step<T> = { ok: true; value: T } | { ok: false; stop: RunStop };
const stop = (
  period: number,
  invariant: InvariantName | null,
  code: string,
  detail: string,
): { ok: false; stop: RunStop } => ({ ok: false, stop: { period, invariant, code, detail } });

/** Confirmed work records become `work.credit` transfers, posted when confirmed (M2). */
function creditWork(
  scenario: Scenario,
  chart: PoolChart,
  p: number,
  period: PeriodSpec,
  market: PeriodMarket,
): Step<{ credits: WorkCredit[]; transfers: TransferRequest[] }> {
  const auctions = new Map<string, InstanceAuction>(market.auctions.map((a) => [a.instanceId, a]));
  const maintainers = new Map(scenario.projects.map((x) => [x.id, x.maintainers]));
  const credits: WorkCredit[] = [];
  const transfers: TransferRequest[] = [];
  for (const w of byId(period.work)) {
    const auction = auctions.get(w.instanceId)!;
    const projectId = market.projectOf.get(w.instanceId)!;
    const recorded = recordWork({
      recordId: w.id,
      auction,
      projectId,
      personId: w.personId as PersonId,
      period: p,
      minutesWorked: w.minutes,
      standardMinutesPerUnit: null,
    });
    if (!recorded.ok)
      return stop(p, null, recorded.error.code, `work ${w.id}: ${recorded.error.detail}`);
    let credit: WorkCredit = {
      recordId: w.id,
      personId: w.personId,
      instanceId: w.instanceId,
      projectId,
      minutes: w.minutes,
      confirmed: false,
      weightMilli: null,
      amountEffortMilli: 0,
    };
    if (w.confirmedBy !== null && auction.weightMilli !== null) {
      const confirmed = confirmWork(recorded.value, {
        confirmerId: w.confirmedBy as PersonId,
        policy: { maintainers: (maintainers.get(projectId) ?? []) as PersonId[], namedPeers: [] },
        weightMilli: auction.weightMilli,
        transferId: `p${p}.work.${w.id}` as TransferId,
        projectAccountId: chart.projects.get(projectId)!,
        personAccountId: chart.persons.get(w.personId as PersonId)!,
      });
      if (!confirmed.ok) {
        return stop(p, null, confirmed.error.code, `work ${w.id}: ${confirmed.error.detail}`);
      }
      transfers.push(confirmed.value.transfer);
      credit = {
        ...credit,
        confirmed: true,
        weightMilli: auction.weightMilli,
        amountEffortMilli: confirmed.value.transfer.amount,
      };
    }
    credits.push(credit);
  }
  return { ok: true, value: { credits, transfers } };
}

/** Each product's requests against its stock, by the product's scarcity rule (M7). */
function allocateGoods(
  scenario: Scenario,
  p: number,
  period: PeriodSpec,
  carried: Carried,
): Step<{
  clearings: ScarcityClearing[];
  events: PeriodEvent[];
  valueChange: Map<string, number>;
}> {
  const valueChange = new Map<string, number>();
  const change = (product: ProductSpec, units: number) =>
    valueChange.set(
      product.projectId,
      (valueChange.get(product.projectId) ?? 0) + units * product.unitPriceEffortMilli,
    );
  for (const made of period.production) {
    const product = scenario.products.find((x) => x.id === made.productId)!;
    carried.stockUnits.set(product.id, (carried.stockUnits.get(product.id) ?? 0) + made.units);
    change(product, made.units);
  }
  const clearings: ScarcityClearing[] = [];
  const events: PeriodEvent[] = [];
  for (const product of byId(scenario.products)) {
    const requests: GoodsRequest[] = period.requests
      .filter((r) => r.productId === product.id)
      .map((r) => ({
        personId: r.personId as PersonId,
        quantity: r.units,
        premiumEffortMilliPerUnit: r.premiumPerUnitEffortMilli,
        ...(r.basicNeeds ? { basicNeeds: true } : {}),
      }));
    if (requests.length === 0) continue;
    const good: ScarceGood = {
      productId: product.id as ProductId,
      availableUnits: carried.stockUnits.get(product.id) ?? 0,
      postedUnitPriceEffortMilli: product.unitPriceEffortMilli as EffortMilli,
      scarcityRule: product.scarcityRule,
      basicNeedsQuotaUnits: product.basicNeedsQuotaUnits,
    };
    const cleared = clearScarceGood(
      good,
      requests,
      derivedSeed(scenario.seed, 'goods', p, product.id),
    );
    if (!cleared.ok)
      return stop(p, null, cleared.error.code, `${product.id}: ${cleared.error.detail}`);
    clearings.push(cleared.value);
    const taken = cleared.value.allocations.reduce((sum, a) => sum + a.units, 0);
    carried.stockUnits.set(product.id, cleared.value.unitsLeft);
    change(product, -taken);
    events.push(
      ...scarcityEvents(cleared.value, product.projectId as ProjectId, `p${p}.take.${product.id}`),
    );
  }
  for (const lost of [...period.writeOffs].sort((a, b) => compareIds(a.productId, b.productId))) {
    const product = scenario.products.find((x) => x.id === lost.productId)!;
    const stock = carried.stockUnits.get(product.id) ?? 0;
    if (lost.units > stock) {
      return stop(
        p,
        null,
        'scenario.write_off_exceeds_stock',
        `${product.id}: ${lost.units} > ${stock} in stock`,
      );
    }
    carried.stockUnits.set(product.id, stock - lost.units);
    change(product, -lost.units);
    events.push({
      kind: 'writeOff',
      id: `p${p}.writeOff.${product.id}`,
      projectId: product.projectId as ProjectId,
      amountEffortMilli: lost.units * product.unitPriceEffortMilli,
    });
  }
  return { ok: true, value: { clearings, events, valueChange } };
}

function runPeriod(
  scenario: Scenario,
  chart: PoolChart,
  ledger: LedgerState,
  p: number,
  period: PeriodSpec,
  carried: Carried,
): Step<PeriodRun> {
  const opening = ledgerBalances(ledger, carried.kinds);
  const market = runPeriodMarket(scenario, p, period, carried.history, carried.lastWeights);
  if (!market.ok) {
    const certificate = market.error.code.startsWith('market.check');
    return stop(p, certificate ? 'certificate' : null, market.error.code, market.error.detail);
  }
  const worked = creditWork(scenario, chart, p, period, market.value);
  if (!worked.ok) return worked;
  if (worked.value.transfers.length > 0) {
    const posted = createTransfers(ledger, worked.value.transfers);
    if (!posted.ok) return stop(p, 'bounds', posted.error.code, posted.error.detail);
  }
  const goods = allocateGoods(scenario, p, period, carried);
  if (!goods.ok) return goods;

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
  // Flat-rate bundles (M5): E_B split evenly over the participants; the bundle is delivered
  // in the period, so the project's labour for it is its output (no inventory change).
  const bundleEvents: PeriodEvent[] = [];
  for (const bundle of byId(period.flatRateBundles)) {
    const shares = flatRateShares(
      bundle.effortMilli as EffortMilli,
      0 as EffortMilli,
      bundle.participants.map((x) => x as PersonId),
    );
    if (!shares.ok) return stop(p, null, shares.error.code, `${bundle.id}: ${shares.error.detail}`);
    bundleEvents.push(
      ...flatRateEvents(
        shares.value,
        bundle.projectId as ProjectId,
        bundle.id,
        `p${p}.share.${bundle.id}`,
        bundle.basicNeeds,
      ),
    );
  }
  const change = goods.value.valueChange;
  for (const wip of period.workInProgress) {
    change.set(wip.projectId, (change.get(wip.projectId) ?? 0) + wip.changeEffortMilli);
  }
  let associations: AssociationPeriod | null = null;
  if (carried.associations !== null) {
    const computed = associationPeriod(
      scenario,
      chart,
      carried.associations,
      p,
      goods.value.clearings,
    );
    if (!computed.ok) return stop(p, null, computed.error.code, computed.error.detail);
    associations = computed.value;
  }
  const housed = housingPeriod(scenario, chart, p, carried.housingUnits, carried.housingAccounts);
  if (!housed.ok) return stop(p, null, housed.error.code, housed.error.detail);
  const housing: HousingPeriodResult = housed.value;
  // Maintenance adds to the dwelling's unrecovered value; dues take from it.
  for (const d of housing.dwellings) {
    const recovered = d.dues.reduce((t, x) => t + x.amountEffortMilli, 0);
    change.set(d.projectId, (change.get(d.projectId) ?? 0) + d.maintenanceEffortMilli - recovered);
  }
  let resources: ResourcePeriodResult | null = null;
  if (carried.associations !== null && scenario.resources.length > 0) {
    const allocated = resourcePeriod(scenario, chart, carried.associations, p);
    if (!allocated.ok) return stop(p, null, allocated.error.code, allocated.error.detail);
    resources = allocated.value;
    // What a project paid for a resource becomes part of its products (an input, §4.7 c2).
    for (const [projectId, paid] of resources.projectInputs) {
      change.set(projectId, (change.get(projectId) ?? 0) + paid);
    }
  }
  // Posted after the settlement, in this order; settlePeriod cannot see these batches, so it
  // is told their effect on each project's books as part of that project's declared change.
  const later: TransferRequest[] = [
    ...(associations?.transfers ?? []),
    ...housing.transfers,
    ...(resources?.transfers ?? []),
  ];
  const laterBookChange = new Map<AccountId, number>();
  for (const t of later) {
    // A project's book change is −Δbalance: a debit adds to it, a credit takes from it.
    laterBookChange.set(t.debitAccountId, (laterBookChange.get(t.debitAccountId) ?? 0) + t.amount);
    laterBookChange.set(
      t.creditAccountId,
      (laterBookChange.get(t.creditAccountId) ?? 0) - t.amount,
    );
  }
  const inventory = byId(scenario.projects).map((project) => {
    const openingValue = carried.inventory.get(project.id) ?? 0;
    return {
      projectId: project.id as ProjectId,
      openingEffortMilli: openingValue,
      closingEffortMilli: openingValue + (change.get(project.id) ?? 0),
    };
  });
  const settled = settlePeriod({
    chart,
    period: p,
    batchId: `p${p}.settle`,
    priceFactorPpm: carried.factor,
    mode: scenario.pool.priceFactorMode,
    openingBalances: new Map([...accountKinds(chart).keys()].map((id) => [id, opening.get(id)!])),
    events: [...workEvents, ...goods.value.events, ...bundleEvents],
    members: byId(scenario.persons).map((person) => ({
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
  for (const batchOf of [
    associations?.transfers ?? [],
    housing.transfers,
    resources?.transfers ?? [],
  ]) {
    if (batchOf.length === 0) continue;
    const laterPosted = createTransfers(ledger, batchOf);
    if (!laterPosted.ok) return stop(p, 'bounds', laterPosted.error.code, laterPosted.error.detail);
  }
  const closing = ledgerBalances(ledger, carried.kinds);
  const declared = new Map(
    inventory.map((d) => [d.projectId, d.closingEffortMilli - d.openingEffortMilli]),
  );
  const periodTransfers = [...worked.value.transfers, ...settled.value.transfers, ...later];
  const possessed = possessionPeriod(scenario, p, carried.durableGoods);
  if (!possessed.ok) return stop(p, null, possessed.error.code, possessed.error.detail);
  const broken =
    checkPossession(possessed.value.goods, p) ??
    checkConservation(closing, p) ??
    checkBounds(ledger, chart, closing, scenario.pool.allowanceEffortMilli, periodTransfers, p) ??
    checkPeriodIdentity(chart, carried.kinds, opening, closing, declared, p) ??
    checkReplay(ledger, periodTransfers, closing, carried.kinds, p) ??
    checkJournal(ledger, p);
  if (broken !== null) return { ok: false, stop: broken };

  for (const c of worked.value.credits) {
    if (!c.confirmed) continue;
    const auction = market.value.auctions.find((a) => a.instanceId === c.instanceId)!;
    carried.history.push({
      personId: c.personId as PersonId,
      templateId: auction.templateId,
      period: p,
      effortMilli: c.amountEffortMilli as EffortMilli,
    });
  }
  for (const a of market.value.auctions) {
    if (a.weightMilli !== null) carried.lastWeights.set(a.templateId, a.weightMilli);
  }
  for (const d of inventory) carried.inventory.set(d.projectId, d.closingEffortMilli);
  carried.housingAccounts = housing.accounts;
  carried.durableGoods = possessed.value.goods;
  const signals = planningSignals(
    scenario,
    p,
    period,
    market.value,
    goods.value.clearings,
    carried,
  );
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
      settlement: settled.value,
      associations,
      closingBalances: closing,
      transfers: [...worked.value.transfers, ...settled.value.transfers, ...later],
      housing: housing.dwellings,
      resources: resources?.allocations ?? [],
      possession: {
        events: possessed.value.events,
        goods: [...possessed.value.goods.values()],
      },
      signals,
      plans: planNext(scenario, p, goods.value.clearings, carried),
      stockUnits: new Map(carried.stockUnits),
      inventoryEffortMilli: new Map(carried.inventory),
      journalHead: journal === undefined ? '' : headHash(journal),
      journalEntries: journal?.entries.length ?? 0,
    },
  };
}

/** How much of each product to make next period: pre-orders placed now, plus α × the mean
 *  non-pre-ordered demand of the last three periods, plus safety stock, minus stock. */
function planNext(
  scenario: Scenario,
  p: number,
  clearings: readonly ScarcityClearing[],
  carried: Carried,
): PlannedOutput[] {
  const placedBefore = p >= 2 ? scenario.periods[p - 2]!.preOrders : [];
  const placedNow = scenario.periods[p - 1]!.preOrders;
  return byId(scenario.products).map((product) => {
    const taken =
      clearings
        .find((c) => c.productId === product.id)
        ?.allocations.reduce((t, a) => t + a.units, 0) ?? 0;
    const preOrdered = placedBefore
      .filter((o) => o.productId === product.id)
      .reduce((t, o) => t + o.units, 0);
    const history = carried.nonPreordered.get(product.id) ?? [];
    history.push(Math.max(0, taken - preOrdered));
    carried.nonPreordered.set(product.id, history);
    return planOutput({
      productId: product.id as ProductId,
      period: p + 1,
      postedUnitPriceEffortMilli: product.unitPriceEffortMilli as EffortMilli,
      preOrders: placedNow.map((o) => ({
        id: o.id,
        personId: o.personId as PersonId,
        productId: o.productId as ProductId,
        units: o.units,
        postedUnitPriceEffortMilli: product.unitPriceEffortMilli as EffortMilli,
        period: p + 1,
      })),
      subscriptions: [],
      wishes: [],
      nonPreorderedHistory: history.slice(-3),
      alphaPpm: product.planningAlphaPpm as Ppm,
      safetyStockUnits: product.safetyStockUnits,
      stockUnits: carried.stockUnits.get(product.id) ?? 0,
    });
  });
}

/** Records this period for every product and returns the signals its history now shows. */
function planningSignals(
  scenario: Scenario,
  p: number,
  period: PeriodSpec,
  market: PeriodMarket,
  clearings: readonly ScarcityClearing[],
  carried: Carried,
): { productId: string; signals: ProductionSignal[] }[] {
  const out: { productId: string; signals: ProductionSignal[] }[] = [];
  for (const product of byId(scenario.products)) {
    const clearing = clearings.find((c) => c.productId === product.id);
    const lost = period.writeOffs
      .filter((x) => x.productId === product.id)
      .reduce((t, x) => t + x.units * product.unitPriceEffortMilli, 0);
    let maxWeight = 0;
    for (const auction of market.auctions) {
      if (market.projectOf.get(auction.instanceId) === product.projectId) {
        maxWeight = Math.max(maxWeight, auction.weightMilli ?? 0);
      }
    }
    const records = carried.productRecords.get(product.id) ?? [];
    records.push({
      period: p,
      clearingPremiumEffortMilli: clearing?.clearingPremiumEffortMilli ?? 0,
      discountShortfallEffortMilli: 0,
      writeOffEffortMilli: lost,
      maxTaskWeightMilli: maxWeight,
    });
    carried.productRecords.set(product.id, records);
    out.push({ productId: product.id, signals: productionSignals(records) });
  }
  return out;
}

export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioRun {
  const chart = conventionalChart(
    scenario.pool.id as PoolId,
    scenario.persons.map((x) => x.id as PersonId),
    scenario.projects.map((x) => x.id as ProjectId),
  );
  const kinds = new Map(accountKinds(chart));
  let setup: AssociationSetup | null = null;
  if (scenario.associations.length > 0) {
    const built = setUpAssociations(scenario, chart);
    if (!built.ok) {
      const ledger = openLedger(scenario, chart, kinds);
      const stopped = { period: 1, invariant: null, ...built.error };
      return { scenario, chart, accounts: kinds, periods: [], stop: stopped, ledger };
    }
    setup = built.value;
    for (const a of setup.accounts.values()) {
      kinds.set(a.association, 'association');
      kinds.set(a.redistribution, 'redistribution');
    }
  }
  const ledger = openLedger(scenario, chart, kinds);
  const total = Math.min(options.periods ?? scenario.periods.length, scenario.periods.length);
  const carried: Carried = {
    kinds,
    associations: setup,
    housingUnits: housingUnitsOf(scenario),
    housingAccounts: openHousingAccounts(housingUnitsOf(scenario)),
    productRecords: new Map(),
    nonPreordered: new Map(),
    durableGoods: openDurableGoods(scenario),
    factor: PPM_ONE,
    history: [],
    lastWeights: new Map(),
    stockUnits: new Map(),
    inventory: new Map(),
  };
  const periods: PeriodRun[] = [];
  for (let index = 0; index < total; index += 1) {
    const step = runPeriod(scenario, chart, ledger, index + 1, scenario.periods[index]!, carried);
    if (!step.ok) return { scenario, chart, accounts: kinds, periods, stop: step.stop, ledger };
    periods.push(step.value);
    options.onPeriod?.(index + 1, total);
  }
  return { scenario, chart, accounts: kinds, periods, stop: null, ledger };
}
