// The allocation models of M5 besides effort-based takings (reference §4.6, §7.3): flat-rate
// bundles (E_B split evenly, dependents' parts carried by the participants), flat allocation
// (the period's effort ÷ units made), by duration (a rate per period charged by the minutes
// used), fair-use caps on flat-rate bundles (units above the cap are taken from stock at the
// effort price × factor); bidding rounds, the last of them, are in bidding-rounds.ts.

import {
  byDurationCharge,
  fairUseCharge,
  flatAllocationUnitPrice,
  flatRateSharesWithDependents,
} from '../goods/index.ts';
import type { PersonId, ProductId, ProjectId } from '../ids.ts';
import { flatRateEvents, type PeriodEvent } from '../pool/index.ts';
import {
  compareIds,
  type EffortMilli,
  effortMilli,
  type Ppm,
  type SplitPart,
  sumIntegers,
} from '../units.ts';
import type { BiddingChargeLine, BiddingRoundLine, RunningTerm } from './bidding-rounds.ts';
import { byId, type Step, stop } from './step.ts';
import type { PeriodSpec, ProductSpec, Scenario } from './types.ts';
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

/** What a per-period allocation model gives: its report lines, its events, and how the value
 *  of each project's goods changes. */
export type Charged<T> = { lines: T[]; events: PeriodEvent[]; valueChange: Map<string, number> };

export const addTo = (change: Map<string, number>, projectId: string, amount: number) =>
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
