// The machine-readable result of a scenario run: plain data with every list in a fixed order
// (by id, then by round or sequence), serialised with sorted keys, so the same scenario gives
// byte-identical JSON however its input lists were ordered (MODEL.md §6.6).

import type { EffortPriceBreakdown } from '../goods/index.ts';
import { compareIds } from '../units.ts';
import type { JointLine } from './joint.ts';
import type { PeriodMarket } from './market.ts';
import type { PeriodRun, ScenarioRun } from './run-types.ts';
import { periodWeightIndexMilli } from './weight-index.ts';

export const REPORT_FORMAT = 'peerconomy.scenario-run.v1';

/** Absent optional fields (undefined) are left out when serialised. */
export type Json =
  | null
  | boolean
  | number
  | string
  | readonly Json[]
  | { readonly [key: string]: Json | undefined };

/** A period's market: every round's clearing, where each task ended, escalation, no-shows. */
export function marketReport(market: PeriodMarket): { readonly [key: string]: Json } {
  return {
    clearings: market.clearings.map((c) => ({
      round: c.round,
      seed: c.seed,
      rule: c.rule,
      weighting: c.weighting,
      objective: c.objective,
      assignments: c.assignments.map((a) => ({
        instanceId: a.instanceId,
        personId: a.personId,
        bidWeightMilli: a.bidWeightMilli,
        weightMilli: a.weightMilli,
      })),
    })),
    tasks: market.auctions.map((a) => ({
      instanceId: a.instanceId,
      templateId: a.templateId,
      projectId: market.projectOf.get(a.instanceId) ?? null,
      slots: a.slots,
      filledSlots: a.winners.length,
      status: a.status,
      lastRound: a.round,
      weightMilli: a.weightMilli,
      winners: [...a.winners]
        .sort((x, y) => compareIds(x.personId, y.personId))
        .map((w) => ({ personId: w.personId, round: w.round, bidWeightMilli: w.bidWeightMilli })),
    })),
    escalation: market.events.map((e) => ({ instanceId: e.instanceId, ...e.event })),
    noShows: market.noShows.map((x) => ({ ...x })),
  };
}

export function periodReport(period: PeriodRun): Json {
  const s = period.settlement;
  const sortedBalances = [...period.closingBalances].sort((a, b) => compareIds(a[0], b[0]));
  const a = period.associations;
  return {
    period: period.period,
    priceFactorPpm: period.priceFactorPpm,
    nextPriceFactorPpm: s.nextPriceFactorPpm,
    baseEffortMilli: s.baseEffortMilli,
    netSurplusEffortMilli: s.netSurplusEffortMilli,
    // W̄ of the period's confirmed work (MODEL.md M3); null in a period without credited work.
    weightIndexMilli: periodWeightIndexMilli(period),
    identity: { ...s.identity },
    ...marketReport(period.market),
    preOrders: {
      fulfilled: period.committed.fulfilled.map((x) => ({ ...x })),
      cancelled: period.committed.cancelled.map((x) => ({ ...x })),
      open: [...period.committed.open],
    },
    subscriptions: period.committed.subscriptions.map((x) => ({ ...x })),
    commitments: period.commitments.map((x) => ({ ...x })),
    // Only in periods where a good waits for a commitment (`release: onCompletion`).
    reservations:
      period.reservations.length === 0 ? undefined : period.reservations.map((x) => ({ ...x })),
    work: period.work.map((w) => ({ ...w })),
    goods: period.goods.map((g) => ({
      productId: g.productId,
      rule: g.rule,
      scarce: g.scarce,
      seed: g.seed,
      clearingPremiumEffortMilli: g.clearingPremiumEffortMilli,
      premiumTotalEffortMilli: g.premiumTotalEffortMilli,
      unitsLeft: g.unitsLeft,
      allocations: g.allocations.map((a) => ({ ...a })),
    })),
    /** The settlement's statements (before the association batch of the same period). */
    discounted: period.discounted.map((g) => ({
      productId: g.productId,
      seed: g.seed,
      unitsLeft: g.unitsLeft,
      allocations: g.allocations.map((a) => ({ ...a })),
    })),
    members: s.members.map((m) => ({ ...m })),
    associations:
      a === null
        ? null
        : {
            budgets: a.shares.budgets.map((b) => ({ ...b })),
            coverage: a.shares.coverage.map((c) => ({ ...c })),
            uncoveredDependents: [...a.shares.uncoveredDependents],
            shares: a.shares.shares.map((x) => ({
              personId: x.personId,
              totalEffortMilli: x.totalEffortMilli,
              levels: x.levels.map((l) => ({ ...l })),
            })),
          },
    plans: period.plans.map((x) => ({ ...x })),
    signals: period.signals.map((x) => ({ productId: x.productId, signals: [...x.signals] })),
    personalServices: period.personalServices.map((x) => ({ ...x })),
    resources: period.resources.map((r) => ({
      ...r,
      awards: r.awards.map((a) => ({ ...a, claimant: { ...a.claimant } })),
      rejected: r.rejected.map((c) => ({ ...c, claimant: { ...c.claimant } })),
    })),
    possession: {
      events: period.possession.events.map((e) => ({ ...e })),
      goods: period.possession.goods.map((g) => {
        const s = g.state;
        const held = s.kind === 'possessed';
        return {
          id: g.id,
          state: s.kind,
          by: held ? (s.by.kind === 'person' ? s.by.personId : s.by.projectId) : null,
          sincePeriod: s.kind === 'commons' ? null : s.sincePeriod,
          lastUsedPeriod: held ? s.lastUsedPeriod : null,
          idleFlaggedAtPeriod: held ? (s.idleFlaggedAtPeriod ?? null) : null,
          returnDemandedAtPeriod: held ? (s.returnDemandedAtPeriod ?? null) : null,
          returnOnPeriod: held ? (s.terms.returnOnPeriod ?? null) : null,
        };
      }),
    },
    housing: period.housing.map((d) => ({ ...d, dues: d.dues.map((x) => ({ ...x })) })),
    // Only in files with a dwelling possessed under a steward (decision 0017).
    dwellings:
      period.dwellings === null
        ? undefined
        : {
            events: period.dwellings.events.map((e) => ({ ...e })),
            units: period.dwellings.dwellings.map((d) => ({ ...d, household: [...d.household] })),
          },
    balances: sortedBalances.map(([accountId, balance]) => ({
      accountId,
      balanceEffortMilli: balance,
    })),
    stock: [...period.stockUnits]
      .sort((a, b) => compareIds(a[0], b[0]))
      .map(([productId, units]) => ({ productId, units })),
    inventory: [...period.inventoryEffortMilli]
      .sort((a, b) => compareIds(a[0], b[0]))
      .map(([projectId, value]) => ({ projectId, valueEffortMilli: value })),
    transfers: period.transfers.map((t) => ({
      id: t.id,
      debitAccountId: t.debitAccountId,
      creditAccountId: t.creditAccountId,
      amount: t.amount,
      code: t.code,
      reference: t.reference ?? null,
      basicNeeds: t.boundException === 'basicNeeds',
    })),
    journal: { entries: period.journalEntries, headHash: period.journalHead },
    reserves: period.reserves.map((x) => ({ ...x })),
    leases: period.leases.map((x) => ({ ...x, holder: { ...x.holder } })),
    // Only in files where somebody joins late or leaves (absent keys are left out).
    membership:
      period.membership === null
        ? undefined
        : {
            members: [...period.membership.members],
            departed: period.membership.departed.map((x) => ({ ...x })),
          },
    // Only from the first fork or departure of a project on (decision 0014).
    projects:
      period.projects === null
        ? undefined
        : {
            inPool: [...period.projects.inPool],
            forks: period.projects.forks.map((f) => ({
              ...f,
              maintainers: [...f.maintainers],
              products: f.products.map((x) => ({ ...x })),
            })),
            departed: period.projects.departed.map((d) => ({
              ...d,
              stock: d.stock.map((x) => ({ ...x })),
            })),
            releasedPreOrders: period.projects.releasedPreOrders.map((x) => ({ ...x })),
            endedSubscriptions: period.projects.endedSubscriptions.map((x) => ({ ...x })),
          },
    // The pool's settings in force, from the first period that changed them on (decision 0018).
    settings:
      period.settings === null
        ? undefined
        : {
            ...period.settings,
            market: { ...period.settings.market },
            associations: period.settings.associations?.map((a) => ({
              ...a,
              allowances: a.allowances.map((x) => ({ ...x })),
            })),
          },
    // Only in files where a project keeps money: cents, never converted into effort.
    money: period.money === null ? undefined : period.money.map((x) => ({ ...x })),
    recipes: period.recipes.map((r) => ({
      productId: r.productId,
      units: r.units,
      postedUnitPriceEffortMilli: r.postedUnitPriceEffortMilli,
      actual: breakdownReport(r.actual),
      uncoveredEffortMilli: r.uncoveredEffortMilli,
      joint: jointReport(r.joint),
    })),
    // Only in periods with service units offered and not taken: written off.
    servicesUnused:
      period.servicesUnused.length === 0 ? undefined : period.servicesUnused.map((x) => ({ ...x })),
    // Only in periods that abandon a means of production: what was written off (§4.7).
    meansWrittenOff:
      period.meansWrittenOff.length === 0
        ? undefined
        : period.meansWrittenOff.map((x) => ({ ...x })),
    // Only in files that re-estimate a posted price: each such price and where it came from.
    postedPrices:
      period.postedPrices.length === 0
        ? undefined
        : period.postedPrices.map((x) => ({ ...x, fromPeriods: [...x.fromPeriods] })),
    allocationModels: {
      flatAllocation: period.allocationModels.flatAllocation.map((x) => ({ ...x })),
      durationUses: period.allocationModels.durationUses.map((x) => ({ ...x })),
      fairUse: period.allocationModels.fairUse.map((x) => ({ ...x })),
      biddingRounds: period.allocationModels.biddingRounds.map((b) => ({
        id: b.id,
        projectId: b.projectId,
        outcome: b.outcome,
        rounds: b.rounds.map((r) => ({
          ...r,
          guidelineEffortMilli: r.guidelineEffortMilli.map((g) => ({ ...g })),
          obligations: r.obligations.map((o) => ({ ...o })),
        })),
        moneyPledges: b.moneyPledges.map((o) => ({ ...o })),
        // Only for a term with more than the one-period defaults (absent keys are left out).
        term:
          b.term === undefined
            ? undefined
            : {
                ...b.term,
                firstGuidelineEffortMilli: b.term.firstGuidelineEffortMilli.map((g) => ({ ...g })),
              },
      })),
      // Only in files that use them: the periods of extended terms, bundles with dependents.
      biddingCharges:
        period.allocationModels.biddingCharges.length === 0
          ? undefined
          : period.allocationModels.biddingCharges.map((x) => ({ ...x })),
      flatRates:
        period.allocationModels.flatRates.length === 0
          ? undefined
          : period.allocationModels.flatRates.map((x) => ({
              ...x,
              dependentUsers: [...x.dependentUsers],
              shares: x.shares.map((g) => ({ ...g })),
            })),
    },
  };
}

/** How a joint output's price came out of its process (open book); absent otherwise. */
function jointReport(joint: JointLine | undefined): Json | undefined {
  return joint === undefined
    ? undefined
    : {
        processProductId: joint.processProductId,
        basis: joint.basis,
        weight: joint.weight,
        process: breakdownReport(joint.process),
      };
}

/** An effort price with its published breakdown (M6, M17): batch and per-unit components. */
function breakdownReport(b: EffortPriceBreakdown & { readonly joint?: JointLine }): Json {
  return {
    joint: jointReport(b.joint),
    // Only for a service (a good's breakdown reads as before).
    kind: b.kind === 'service' ? 'service' : undefined,
    productId: b.productId,
    units: b.units,
    unitPriceEffortMilli: b.unitPriceEffortMilli,
    batchTotalEffortMilli: b.batchTotalEffortMilli,
    batch: { ...b.batch },
    perUnit: { ...b.perUnit },
    meansOfProductionLines: b.meansOfProductionLines.map((l) => ({ ...l })),
    inputLines: b.inputLines.map((l) => ({ ...l })),
    resourceLines: b.resourceLines.map((l) => ({ ...l })),
  };
}

export function scenarioReport(run: ScenarioRun): Json {
  return {
    format: REPORT_FORMAT,
    scenario: run.scenario.name,
    seed: run.scenario.seed,
    poolId: run.chart.poolId,
    periodsRun: run.periods.length,
    stop: run.stop === null ? null : { ...run.stop },
    periods: run.periods.map(periodReport),
    // Only in a file with federated pools: each pool's own report, and per period the
    // deliveries between pools and the reconciled federation accounts (decision 0012).
    federation:
      run.federation === undefined
        ? undefined
        : {
            pools: run.federation.partners.map(scenarioReport),
            periods: run.federation.periods.map((f) => ({
              period: f.period,
              deliveries: f.deliveries.map((d) => ({ ...d })),
              lines: f.lines.map((l) => ({ ...l })),
              // Only in periods that closed a position by agreement (decision 0017).
              writeOffs: f.writeOffs.length === 0 ? undefined : f.writeOffs.map((w) => ({ ...w })),
            })),
          },
    postedPrices: run.postedPrices.map(breakdownReport),
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compareIds)) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** `canonicalJson` without whitespace: for a kept run state, read by programs only. */
export function compactCanonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** JSON with object keys in code-unit order and two-space indentation, ending in a newline. */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}
