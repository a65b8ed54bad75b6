// From goods decisions to settlement events: what a scarcity clearing, a surplus sale, a
// flat-rate bundle or a posted-versus-actual adjustment means for the period's books. Kept
// apart from both sides so goods/ stays free of ledger concerns and settlement stays generic.

import type { PriceAdjustment } from '../goods/effort-price.ts';
import type { GoodsAllocation, ScarcityClearing } from '../goods/preference.ts';
import type { PremiumSettlement } from '../goods/premium-payment.ts';
import type { SurplusClearing } from '../goods/surplus-discounts.ts';
import {
  cancellationCharge,
  type PreOrder,
  type ProductionProgress,
  type Subscription,
  subscriptionActive,
} from '../goods/takings.ts';
import type { PersonId, ProductId, ProjectId } from '../ids.ts';
import type { SplitPart } from '../units.ts';
import { divRoundHalfEven } from '../units.ts';
import type { PeriodEvent } from './settlement.ts';

/**
 * A cleared scarce good: quota units and units handed out without scarcity are ordinary
 * takings at the posted price × factor; units won at auction are taken at the posted price
 * (outside the factor base) plus the premium, which goes to the premium account.
 */
export function scarcityEvents(
  clearing: ScarcityClearing,
  projectId: ProjectId,
  idPrefix: string,
  payments: ReadonlyMap<PersonId, PremiumSettlement> = new Map(),
): PeriodEvent[] {
  const events: PeriodEvent[] = [];
  const unitPrice = (a: GoodsAllocation) => divRoundHalfEven(a.priceEffortMilli, a.units);
  for (const a of clearing.allocations) {
    const base = `${idPrefix}.${a.personId}`;
    const auctioned = clearing.rule === 'auction' && clearing.scarce ? a.units - a.quotaUnits : 0;
    const ordinary = a.units - auctioned;
    if (ordinary > 0) {
      events.push({
        kind: 'take',
        id: `${base}.q`,
        personId: a.personId,
        projectId,
        productId: clearing.productId,
        units: ordinary,
        postedUnitPriceEffortMilli: unitPrice(a),
        basicNeeds: a.quotaUnits > 0,
      });
    }
    if (auctioned > 0) {
      events.push({
        kind: 'take',
        id: `${base}.a`,
        personId: a.personId,
        projectId,
        productId: clearing.productId,
        units: auctioned,
        postedUnitPriceEffortMilli: unitPrice(a),
        pricing: { kind: 'auction' },
      });
    }
    if (a.premiumEffortMilli > 0) {
      const payment = payments.get(a.personId);
      events.push({
        kind: 'premium',
        id: `${base}.p`,
        personId: a.personId,
        productId: clearing.productId,
        amountEffortMilli: a.premiumEffortMilli,
        ...(payment?.kind === 'commitment'
          ? { commitmentDuePeriod: payment.commitment.duePeriod }
          : {}),
      });
    }
  }
  return events;
}

/** Discounted sales of a perishable surplus: the shortfall reaches the adjustment account. */
export function surplusEvents(
  clearing: SurplusClearing,
  productId: ProductId,
  projectId: ProjectId,
  postedUnitPriceEffortMilli: number,
  idPrefix: string,
): PeriodEvent[] {
  return clearing.sales.map((sale, index) => ({
    kind: 'take',
    id: `${idPrefix}.${String(index).padStart(4, '0')}`,
    personId: sale.personId,
    projectId,
    productId,
    units: sale.units,
    postedUnitPriceEffortMilli,
    pricing: { kind: 'discount', discountPpm: sale.discountPpm },
  }));
}

/** Flat-rate shares of a bundle (from goods/allocation.ts flatRateShares). */
export function flatRateEvents(
  shares: readonly SplitPart<PersonId>[],
  projectId: ProjectId,
  bundleId: string,
  idPrefix: string,
  basicNeeds = false,
): PeriodEvent[] {
  return shares
    .filter((s) => s.amount > 0)
    .map((s) => ({
      kind: 'flatRateShare',
      id: `${idPrefix}.${s.id}`,
      personId: s.id,
      projectId,
      bundleId,
      amountEffortMilli: s.amount,
      basicNeeds,
    }));
}

/** A posted-versus-actual difference of one product. */
export function estimateEvent(
  adjustment: PriceAdjustment,
  projectId: ProjectId,
  id: string,
): PeriodEvent {
  return {
    kind: 'estimateAdjustment',
    id,
    projectId,
    productId: adjustment.productId,
    uncoveredEffortMilli: adjustment.uncoveredEffortMilli,
  };
}

/** Standing subscriptions due in a period, as takings at the posted price × factor. */
export function subscriptionEvents(
  subscriptions: readonly Subscription[],
  period: number,
  postedUnitPrices: ReadonlyMap<ProductId, number>,
  projectOf: ReadonlyMap<ProductId, ProjectId>,
  idPrefix: string,
  basicNeeds: ReadonlySet<ProductId> = new Set(),
): PeriodEvent[] {
  const events: PeriodEvent[] = [];
  for (const s of subscriptions) {
    const price = postedUnitPrices.get(s.productId);
    const projectId = projectOf.get(s.productId);
    if (!subscriptionActive(s, period) || price === undefined || projectId === undefined) continue;
    events.push({
      kind: 'take',
      id: `${idPrefix}.${s.personId}.${s.productId}`,
      personId: s.personId,
      projectId,
      productId: s.productId,
      units: s.unitsPerPeriod,
      postedUnitPriceEffortMilli: price,
      basicNeeds: basicNeeds.has(s.productId),
    });
  }
  return events;
}

/** A cancelled pre-order: nothing before production starts, else the spent share. */
export function cancellationEvent(
  preOrder: PreOrder,
  progress: ProductionProgress,
  projectId: ProjectId,
): PeriodEvent | undefined {
  const amount = cancellationCharge(preOrder, progress);
  if (amount === 0) return undefined;
  return {
    kind: 'preOrderCancellation',
    id: `cancel.${preOrder.id}`,
    personId: preOrder.personId,
    projectId,
    productId: preOrder.productId,
    amountEffortMilli: amount,
  };
}
