// The allocation models of M5 besides effort-based takings (reference §4.6, §7.3): flat-rate
// bundles (E_B split evenly, dependents' parts carried by the participants), flat allocation
// (the period's effort ÷ units made), by duration (a rate per period charged by the minutes
// used), fair-use caps on flat-rate bundles (units above the cap are taken from stock at the
// effort price × factor) and bidding rounds (pledges until the budget of a term of one or more
// periods is covered; a covered term settles each member's per-period effort pledge in every
// period of the term; decision 0016).

import {
  type BiddingRoundOutcome,
  byDurationCharge,
  evaluateTermRound,
  fairUseCharge,
  flatAllocationUnitPrice,
  flatRateSharesWithDependents,
  type Pledge,
  termGuideline,
} from '../goods/index.ts';
import type { PersonId, ProductId, ProjectId } from '../ids.ts';
import { flatRateEvents, type PeriodEvent } from '../pool/index.ts';
import {
  cents,
  compareIds,
  type EffortMilli,
  effortMilli,
  type Ppm,
  type SplitPart,
  sumIntegers,
} from '../units.ts';
import { byId, type Step, stop } from './step.ts';
import type { BiddingRoundSpec, PeriodSpec, ProductSpec, Scenario } from './types.ts';
import type { WorkCredit } from './work.ts';

export interface FlatAllocationLine {
  readonly productId: string;
  /** E: the project's confirmed work this period. */
  readonly effortMilli: number;
  readonly units: number;
  /** round_half_even(E / units): the price of every unit taken this period. */
  readonly unitPriceEffortMilli: number;
  /** E − units × price: the rounding left over, to the adjustment account. */
  readonly residueEffortMilli: number;
}

export interface DurationLine {
  readonly productId: string;
  readonly personId: string;
  readonly minutes: number;
  readonly ratePerPeriodEffortMilli: number;
  readonly chargeEffortMilli: number;
}

export interface FairUseLine {
  readonly bundleId: string;
  readonly productId: string;
  readonly personId: string;
  readonly units: number;
  readonly capUnits: number;
  readonly aboveCapUnits: number;
  /** fairUseCharge: the units above the cap × effort price × factor. */
  readonly chargeEffortMilli: number;
}

export interface BiddingRoundLine {
  readonly id: string;
  readonly projectId: string;
  readonly rounds: readonly BiddingRoundOutcome[];
  readonly outcome: BiddingRoundOutcome['outcome'];
  /** Money pledges of a covered round, for the project's own money ledger (never effort). */
  readonly moneyPledges: readonly Pledge[];
  /** Only for a spec with more than the one-period defaults. */
  readonly term?: BiddingTermLine;
}

/** What a term with more than the one-period defaults decided (reported only for those). */
export interface BiddingTermLine {
  readonly termPeriods: number;
  readonly surplus: BiddingRoundSpec['surplus'];
  readonly onFailure: BiddingRoundSpec['onFailure'];
  /** The previous term's surplus counted towards this budget (`lowerGuideline`). */
  readonly carriedInEffortMilli: number;
  readonly carriedInMoneyCents: number;
  /** Round 1's guideline per member and period: (E_B − carried) ÷ term, rounded up, ÷ N. */
  readonly firstGuidelineEffortMilli: readonly SplitPart<PersonId>[];
  readonly settled: 'covered' | 'budgetCut' | 'none';
  /** The budget settled over the term: E_B, the pledges when cut, 0 when nothing settles. */
  readonly settledBudgetEffortMilli: number;
  readonly surplusEffortMilli: number;
  readonly surplusMoneyCents: number;
  /** The part of the surplus the project holds as a reserve. */
  readonly reserveEffortMilli: number;
  /** The part carried to the next term of the same id, lowering its guideline. */
  readonly carriedOutEffortMilli: number;
  readonly carriedOutMoneyCents: number;
}

/** One period of a settled term with more than the one-period defaults. */
export interface BiddingChargeLine {
  readonly id: string;
  readonly projectId: string;
  /** Which period of the term this is, 1-based. */
  readonly termPeriod: number;
  readonly termPeriods: number;
  /** The budget's part for this period: the project's labour for the bundle in it. */
  readonly budgetPartEffortMilli: number;
  /** Σ of the members' per-period effort pledges, charged as their shares. */
  readonly chargedEffortMilli: number;
  readonly chargedMoneyCents: number;
}

/** A settled term, charged period by period until it ends (carried between periods). */
export interface RunningTerm {
  readonly id: string;
  readonly projectId: string;
  readonly fromPeriod: number;
  /** The budget's part of each period of the term. */
  readonly budgetParts: readonly number[];
  /** Each member's pledge per period. */
  readonly pledges: readonly Pledge[];
  /** Charges appear in the report (the spec has more than the one-period defaults). */
  readonly reported: boolean;
}

/** Flat-rate bundles with dependents among their users: R_B and who carries it. */
export interface FlatRateLine {
  readonly bundleId: string;
  readonly effortMilli: number;
  readonly redistributionEffortMilli: number;
  readonly participants: number;
  readonly dependentUsers: readonly string[];
  readonly shares: readonly SplitPart<PersonId>[];
}

/** What the allocation models read and move on of the carried state. */
export interface AllocationModelsCarried {
  stockUnits: Map<string, number>;
  /** The price factor of the period (M8). */
  factor: Ppm;
  /** The last flat-allocation price of each such product (effort ÷ units of its last batch). */
  flatPrices: Map<string, number>;
  /** Bidding terms settled and still running (charged each period of the term). */
  biddingTerms: RunningTerm[];
  /** A covered term's surplus kept for the bundle's next term (`surplus: lowerGuideline`). */
  biddingSurplus: Map<string, { readonly effortMilli: number; readonly moneyCents: number }>;
}

export interface AllocationModelsPeriod {
  readonly flatAllocation: readonly FlatAllocationLine[];
  readonly durationUses: readonly DurationLine[];
  readonly fairUse: readonly FairUseLine[];
  readonly biddingRounds: readonly BiddingRoundLine[];
  /** Periods of terms with more than the one-period defaults (absent from older files). */
  readonly biddingCharges: readonly BiddingChargeLine[];
  /** Bundles with dependent users (absent from older files). */
  readonly flatRates: readonly FlatRateLine[];
}

/**
 * Flat-rate bundles (M5): E_B split evenly over the participants; the bundle is delivered in
 * the period, so the project's labour for it is its output (no inventory change). Dependent
 * users pay nothing: their parts of E_B (R_B) fall to the participants. Lines only for the
 * bundles with dependent users.
 */
export function flatRateBundlesPeriod(
  p: number,
  period: PeriodSpec,
): Step<{ events: PeriodEvent[]; lines: FlatRateLine[] }> {
  const events: PeriodEvent[] = [];
  const lines: FlatRateLine[] = [];
  for (const bundle of byId(period.flatRateBundles)) {
    const split = flatRateSharesWithDependents(
      bundle.effortMilli as EffortMilli,
      bundle.participants.map((x) => x as PersonId),
      bundle.dependentUsers.map((x) => x as PersonId),
    );
    if (!split.ok) return stop(p, null, split.error.code, `${bundle.id}: ${split.error.detail}`);
    if (bundle.dependentUsers.length > 0) {
      lines.push({
        bundleId: bundle.id,
        effortMilli: bundle.effortMilli,
        redistributionEffortMilli: split.value.redistributionEffortMilli,
        participants: bundle.participants.length,
        dependentUsers: [...bundle.dependentUsers].sort(compareIds),
        shares: split.value.shares,
      });
    }
    events.push(
      ...flatRateEvents(
        split.value.shares,
        bundle.projectId as ProjectId,
        bundle.id,
        `p${p}.share.${bundle.id}`,
        bundle.basicNeeds,
      ),
    );
  }
  return { ok: true, value: { events, lines } };
}

/**
 * Flat allocation: a product made this period costs the project's confirmed work ÷ units
 * made; a period without production keeps the last price (at first the file's). Returns the
 * scenario with this period's prices, so every later step charges and values at them.
 */
export function flatAllocationPrices(
  scenario: Scenario,
  p: number,
  period: PeriodSpec,
  credits: readonly WorkCredit[],
  carried: AllocationModelsCarried,
): Step<{ scenario: Scenario; lines: FlatAllocationLine[]; events: PeriodEvent[] }> {
  const flat = byId(scenario.products.filter((x) => x.allocation === 'flatAllocation'));
  if (flat.length === 0) return { ok: true, value: { scenario, lines: [], events: [] } };
  const lines: FlatAllocationLine[] = [];
  const events: PeriodEvent[] = [];
  for (const product of flat) {
    const units = sumIntegers(
      period.production.filter((x) => x.productId === product.id).map((x) => x.units),
    );
    if (units === 0) continue;
    const effort = sumIntegers(
      credits
        .filter((c) => c.confirmed && c.projectId === product.projectId)
        .map((c) => c.amountEffortMilli),
    );
    const price = flatAllocationUnitPrice(effortMilli(effort), units);
    if (!price.ok) return stop(p, null, price.error.code, `${product.id}: ${price.error.detail}`);
    carried.flatPrices.set(product.id, price.value);
    const residue = effort - units * price.value;
    lines.push({
      productId: product.id,
      effortMilli: effort,
      units,
      unitPriceEffortMilli: price.value,
      residueEffortMilli: residue,
    });
    if (residue !== 0) {
      events.push({
        kind: 'estimateAdjustment',
        id: `p${p}.flat.${product.id}`,
        projectId: product.projectId as ProjectId,
        productId: product.id as ProductId,
        uncoveredEffortMilli: residue,
      });
    }
  }
  const priced = scenario.products.map((x) => {
    const price = carried.flatPrices.get(x.id);
    return price === undefined ? x : { ...x, unitPriceEffortMilli: price };
  });
  return { ok: true, value: { scenario: { ...scenario, products: priced }, lines, events } };
}

/** A taking at the posted price × factor, paid to the product's project. */
const takeEvent = (
  id: string,
  personId: string,
  product: ProductSpec,
  units: number,
  unitPriceEffortMilli: number,
): PeriodEvent => ({
  kind: 'take',
  id,
  personId: personId as PersonId,
  projectId: product.projectId as ProjectId,
  productId: product.id as ProductId,
  units,
  postedUnitPriceEffortMilli: unitPriceEffortMilli,
});

type Charged<T> = { lines: T[]; events: PeriodEvent[]; valueChange: Map<string, number> };

const addTo = (change: Map<string, number>, projectId: string, amount: number) =>
  change.set(projectId, (change.get(projectId) ?? 0) + amount);

/** By duration: rate × minutes used ÷ minutes of the period, a taking × factor; the charge
 *  recovers that much of the good's value for the project (like a dwelling's dues). */
export function durationPeriod(
  scenario: Scenario,
  p: number,
  period: PeriodSpec,
): Step<Charged<DurationLine>> {
  const out: Charged<DurationLine> = { lines: [], events: [], valueChange: new Map() };
  const uses = [...period.durationUses].sort(
    (a, b) => compareIds(a.productId, b.productId) || compareIds(a.personId, b.personId),
  );
  for (const use of uses) {
    const product = scenario.products.find((x) => x.id === use.productId)!;
    const charge = byDurationCharge(
      effortMilli(product.unitPriceEffortMilli),
      use.minutes,
      product.minutesPerPeriod,
    );
    if (!charge.ok)
      return stop(p, null, charge.error.code, `${use.productId}: ${charge.error.detail}`);
    out.lines.push({
      productId: product.id,
      personId: use.personId,
      minutes: use.minutes,
      ratePerPeriodEffortMilli: product.unitPriceEffortMilli,
      chargeEffortMilli: charge.value,
    });
    if (charge.value === 0) continue;
    out.events.push(
      takeEvent(
        `p${p}.duration.${product.id}.${use.personId}`,
        use.personId,
        product,
        1,
        charge.value,
      ),
    );
    addTo(out.valueChange, product.projectId, -charge.value);
  }
  return { ok: true, value: out };
}

/** Fair use: what a participant of a flat-rate bundle took above the cap comes from the
 *  product's stock at its effort price × factor (after the period's requests). */
export function fairUsePeriod(
  scenario: Scenario,
  p: number,
  period: PeriodSpec,
  carried: AllocationModelsCarried,
): Step<Charged<FairUseLine>> {
  const out: Charged<FairUseLine> = { lines: [], events: [], valueChange: new Map() };
  for (const bundle of byId(period.flatRateBundles)) {
    const fair = bundle.fairUse;
    if (fair === null) continue;
    const product = scenario.products.find((x) => x.id === fair.productId)!;
    const takings = [...fair.takings].sort((a, b) => compareIds(a.personId, b.personId));
    for (const taking of takings) {
      const above = Math.max(0, taking.units - fair.capUnits);
      const stock = carried.stockUnits.get(product.id) ?? 0;
      if (above > stock) {
        return stop(
          p,
          null,
          'scenario.fair_use_exceeds_stock',
          `${bundle.id}: ${taking.personId} takes ${above} ${product.id} above the cap, ${stock} in stock`,
        );
      }
      out.lines.push({
        bundleId: bundle.id,
        productId: product.id,
        personId: taking.personId,
        units: taking.units,
        capUnits: fair.capUnits,
        aboveCapUnits: above,
        chargeEffortMilli: fairUseCharge(
          taking.units,
          fair.capUnits,
          product.unitPriceEffortMilli as EffortMilli,
          carried.factor,
        ),
      });
      if (above === 0) continue;
      carried.stockUnits.set(product.id, stock - above);
      out.events.push(
        takeEvent(
          `p${p}.fairUse.${bundle.id}.${taking.personId}`,
          taking.personId,
          product,
          above,
          product.unitPriceEffortMilli,
        ),
      );
      addTo(out.valueChange, product.projectId, -above * product.unitPriceEffortMilli);
    }
  }
  return { ok: true, value: out };
}

/** Periods of a term and which of them `p` is (0-based), or null outside it. */
const termIndex = (term: RunningTerm, p: number): number | null =>
  p >= term.fromPeriod && p < term.fromPeriod + term.budgetParts.length
    ? p - term.fromPeriod
    : null;

/** The budget's part of each period of the term: equal parts, the remainder one each to the
 *  earliest periods (largest remainder with ties to the earlier period). */
function budgetParts(budgetEffortMilli: number, periods: number): number[] {
  const base = Math.floor(budgetEffortMilli / periods);
  const left = budgetEffortMilli - base * periods;
  return Array.from({ length: periods }, (_, k) => base + (k < left ? 1 : 0));
}

/** A spec with anything but the one-period defaults: its term is shown in the report. */
const extended = (spec: BiddingRoundSpec): boolean =>
  spec.termPeriods !== 1 || spec.surplus !== 'reserve' || spec.onFailure !== 'changePlan';

/**
 * Bidding rounds (reference §7.3): each listed round is evaluated in turn until one covers
 * the term's budget (or the limit fails it); pledges are per period, × the term's periods,
 * plus any surplus carried from the bundle's previous term. A covered term (or one whose
 * budget was cut to the pledges after the last round failed) is settled in every period of
 * the term: each member's effort pledge is their share (× factor, like flat-rate shares), and
 * the project's labour for the bundle in that period is the budget's part for it, so pledges
 * beyond it are a reserve the project holds (its value falls by them). A round that is not
 * covered, and whose plan is changed instead, settles nothing.
 */
export function biddingRoundsPeriod(
  p: number,
  period: PeriodSpec,
  carried: AllocationModelsCarried,
): Step<Charged<BiddingRoundLine> & { charges: BiddingChargeLine[] }> {
  const out: Charged<BiddingRoundLine> & { charges: BiddingChargeLine[] } = {
    lines: [],
    events: [],
    valueChange: new Map(),
    charges: [],
  };
  for (const spec of byId(period.biddingRounds)) {
    const budget = {
      effortMilli: effortMilli(spec.budgetEffortMilli),
      moneyCents: cents(spec.budgetMoneyCents),
    };
    const carriedIn = carried.biddingSurplus.get(spec.id) ?? { effortMilli: 0, moneyCents: 0 };
    const term = {
      periods: spec.termPeriods,
      carriedEffortMilli: carriedIn.effortMilli,
      carriedMoneyCents: carriedIn.moneyCents,
    };
    const rounds: BiddingRoundOutcome[] = [];
    let pledges: Pledge[] = [];
    for (const [index, round] of spec.rounds.entries()) {
      pledges = [...round.pledges]
        .sort((a, b) => compareIds(a.personId, b.personId))
        .map((x) => ({
          personId: x.personId as PersonId,
          effortMilli: effortMilli(x.effortMilli),
          moneyCents: cents(x.moneyCents),
        }));
      const outcome = evaluateTermRound(budget, term, index + 1, spec.roundLimit, pledges);
      if (!outcome.ok) {
        return stop(p, null, outcome.error.code, `${spec.id}: ${outcome.error.detail}`);
      }
      rounds.push(outcome.value);
      if (outcome.value.outcome !== 'nextRound') break;
    }
    const last = rounds[rounds.length - 1]!;
    const cut = last.outcome === 'failed' && spec.onFailure === 'cutBudget';
    const settles = last.outcome === 'covered' || cut;
    // A cut budget is what the last round pledged over the term, with the carried surplus.
    const settledBudget = !settles
      ? 0
      : cut
        ? last.pledgedEffortMilli + carriedIn.effortMilli
        : spec.budgetEffortMilli;
    const surplus = {
      effortMilli: settles ? last.surplusEffortMilli : 0,
      moneyCents: settles ? last.surplusMoneyCents : 0,
    };
    const carriedOut =
      settles && spec.surplus === 'lowerGuideline' ? surplus : { effortMilli: 0, moneyCents: 0 };
    if (settles) {
      carried.biddingSurplus.delete(spec.id);
      if (carriedOut.effortMilli > 0 || carriedOut.moneyCents > 0) {
        carried.biddingSurplus.set(spec.id, carriedOut);
      }
      carried.biddingTerms.push({
        id: spec.id,
        projectId: spec.projectId,
        fromPeriod: p,
        budgetParts: budgetParts(settledBudget, spec.termPeriods),
        pledges: cut ? pledges : last.obligations,
        reported: extended(spec),
      });
    }
    const moneyPledges = (cut ? pledges : last.obligations).filter((x) => x.moneyCents > 0);
    out.lines.push({
      id: spec.id,
      projectId: spec.projectId,
      rounds,
      outcome: last.outcome,
      moneyPledges: settles ? moneyPledges : [],
      ...(extended(spec)
        ? {
            term: {
              termPeriods: spec.termPeriods,
              surplus: spec.surplus,
              onFailure: spec.onFailure,
              carriedInEffortMilli: carriedIn.effortMilli,
              carriedInMoneyCents: carriedIn.moneyCents,
              firstGuidelineEffortMilli: termGuideline(
                budget,
                term,
                (spec.rounds[0]?.pledges ?? []).map((x) => x.personId as PersonId),
              ).effort,
              settled: last.outcome === 'covered' ? 'covered' : cut ? 'budgetCut' : 'none',
              settledBudgetEffortMilli: settledBudget,
              surplusEffortMilli: surplus.effortMilli,
              surplusMoneyCents: surplus.moneyCents,
              reserveEffortMilli: surplus.effortMilli - carriedOut.effortMilli,
              carriedOutEffortMilli: carriedOut.effortMilli,
              carriedOutMoneyCents: carriedOut.moneyCents,
            },
          }
        : {}),
    });
  }
  // Every term running in this period (started now or before) charges its period's pledges.
  const running = carried.biddingTerms
    .filter((t) => termIndex(t, p) !== null)
    .sort((a, b) => compareIds(a.id, b.id) || a.fromPeriod - b.fromPeriod);
  for (const t of running) {
    const k = termIndex(t, p)!;
    const shares = t.pledges.map((x) => ({ id: x.personId, amount: x.effortMilli }));
    out.events.push(
      ...flatRateEvents(shares, t.projectId as ProjectId, t.id, `p${p}.bidding.${t.id}`),
    );
    const charged = sumIntegers(t.pledges.map((x) => x.effortMilli));
    addTo(out.valueChange, t.projectId, t.budgetParts[k]! - charged);
    if (t.reported) {
      out.charges.push({
        id: t.id,
        projectId: t.projectId,
        termPeriod: k + 1,
        termPeriods: t.budgetParts.length,
        budgetPartEffortMilli: t.budgetParts[k]!,
        chargedEffortMilli: charged,
        chargedMoneyCents: sumIntegers(t.pledges.map((x) => x.moneyCents)),
      });
    }
  }
  carried.biddingTerms = carried.biddingTerms.filter(
    (t) => t.fromPeriod + t.budgetParts.length - 1 > p,
  );
  return { ok: true, value: out };
}
