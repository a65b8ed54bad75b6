// The middle of a period: what each project's books change by (takings, work in progress,
// maintenance, resource inputs), the associations', housing's, resources' and services'
// batches, and the pool's settlement, posted as one linked batch before those later batches.

import type { AccountId, PersonId, ProjectId } from '../ids.ts';
import { createTransfers, type TransferRequest } from '../ledger/index.ts';
import { accountKinds, settlePeriod } from '../pool/index.ts';
import { type AssociationPeriod, associationPeriod } from './associations.ts';
import { applyCrossPool } from './cross-pool.ts';
import { housingPeriod } from './housing.ts';
import { checkSettlementPosted, ledgerBalances } from './invariants.ts';
import { forgivenessEvents, isMember } from './membership.ts';
import type { PeriodContext } from './period-context.ts';
import type { StepValue, TakingsPart, WorkPart } from './period-takings.ts';
import { type ResourcePeriodResult, resourcePeriod } from './resources.ts';
import { unusedServices } from './service-products.ts';
import { personalServices } from './services.ts';
import { byId, stop, stopOn } from './step.ts';

export interface SettleInput extends PeriodContext {
  /** Every account's balance before the period's first transfer. */
  readonly opening: ReadonlyMap<AccountId, number>;
  readonly work: WorkPart;
  readonly takings: TakingsPart;
}

/** The net of a list of transfers on each account it touches, as a project's book change:
 *  −Δbalance (a debit adds to it, a credit takes from it). */
function bookChanges(transfers: readonly TransferRequest[]): Map<AccountId, number> {
  const change = new Map<AccountId, number>();
  for (const t of transfers) {
    change.set(t.debitAccountId, (change.get(t.debitAccountId) ?? 0) + t.amount);
    change.set(t.creditAccountId, (change.get(t.creditAccountId) ?? 0) - t.amount);
  }
  return change;
}

export function settlePart(input: SettleInput) {
  const { given, chart, ledger, p, period, settings, carried, extra, opening, work } = input;
  const { scenario, made, goods, durations, fairUse, bidding, bundles, flat } = input.takings;
  const change = goods.valueChange;
  const addChange = (projectId: string, amount: number): void => {
    change.set(projectId, (change.get(projectId) ?? 0) + amount);
  };
  for (const changed of [
    made.valueChange,
    durations.valueChange,
    fairUse.valueChange,
    bidding.valueChange,
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
    const computed = associationPeriod(scenario, chart, carried.associations, p, goods.clearings);
    if (!computed.ok) return stopOn(p, computed.error);
    associations = computed.value;
  }
  const housed = housingPeriod(scenario, chart, p, carried.housingUnits, carried.housingAccounts);
  if (!housed.ok) return stopOn(p, housed.error);
  const housing = housed.value;
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
  const laterBookChange = bookChanges(later);
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
      ...work.events,
      ...goods.events,
      ...bundles.events,
      ...forgiven,
      ...(extra?.events ?? []),
      ...made.events,
      ...flat.events,
      ...durations.events,
      ...fairUse.events,
      ...bidding.events,
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
  if (posted !== null) return { ok: false as const, stop: posted };
  for (const batchOf of laterBatches) {
    if (batchOf.length === 0) continue;
    const laterPosted = createTransfers(ledger, batchOf);
    if (!laterPosted.ok) return stop(p, 'bounds', laterPosted.error.code, laterPosted.error.detail);
  }
  return {
    ok: true as const,
    value: {
      associations,
      housing,
      resources,
      services: served.value.services,
      unused: unused.lines,
      inventory,
      forgiven,
      settlement: settled.value,
      /** Every transfer of the period, in posting order: work, settlement, later batches. */
      transfers: [...work.transfers, ...settled.value.transfers, ...later],
    },
  };
}

export type SettlePart = StepValue<ReturnType<typeof settlePart>>;
