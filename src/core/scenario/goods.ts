// A period's goods (M7): production adds to each product's stock in units, requests are cleared
// against the stock by the product's scarcity rule (`clearScarceGood` → `scarcityEvents`),
// write-offs follow; the value changes per project feed the inventory declarations.

import {
  clearScarceGood,
  type GoodsRequest,
  type ScarceGood,
  type ScarcityClearing,
} from '../goods/index.ts';
import type { PersonId, ProductId, ProjectId } from '../ids.ts';
import { type PeriodEvent, scarcityEvents } from '../pool/index.ts';
import { compareIds, type EffortMilli, type Ppm } from '../units.ts';
import { derivedSeed } from './market.ts';
import { byId, type Carried, type Step, stop } from './step.ts';
import type { PeriodSpec, ProductSpec, Scenario } from './types.ts';

/** Each product's requests against its stock, by the product's scarcity rule (M7). */
export function allocateGoods(
  scenario: Scenario,
  p: number,
  period: PeriodSpec,
  carried: Carried,
): Step<{
  clearings: ScarcityClearing[];
  /** Discounted sales of surplus, one clearing per product offered. */
  discounted: ScarcityClearing[];
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
  // Discounted sales of what is left, before anything is written off: the same clearing
  // (a lottery when the surplus is short), each taking priced at the discount (M7 downward).
  const discounted: ScarcityClearing[] = [];
  for (const sale of [...period.discountSales].sort((a, b) =>
    compareIds(a.productId, b.productId),
  )) {
    const product = scenario.products.find((x) => x.id === sale.productId)!;
    const cleared = clearScarceGood(
      {
        productId: product.id as ProductId,
        availableUnits: carried.stockUnits.get(product.id) ?? 0,
        postedUnitPriceEffortMilli: product.unitPriceEffortMilli as EffortMilli,
        scarcityRule: 'lottery',
      },
      sale.requests.map((r) => ({
        personId: r.personId as PersonId,
        quantity: r.units,
        premiumEffortMilliPerUnit: 0,
      })),
      derivedSeed(scenario.seed, 'discount', p, product.id),
    );
    if (!cleared.ok) {
      return stop(p, null, cleared.error.code, `${product.id}: ${cleared.error.detail}`);
    }
    discounted.push(cleared.value);
    carried.stockUnits.set(product.id, cleared.value.unitsLeft);
    for (const a of cleared.value.allocations) {
      change(product, -a.units);
      events.push({
        kind: 'take',
        id: `p${p}.discount.${product.id}.${a.personId}`,
        personId: a.personId,
        projectId: product.projectId as ProjectId,
        productId: product.id as ProductId,
        units: a.units,
        postedUnitPriceEffortMilli: product.unitPriceEffortMilli,
        pricing: { kind: 'discount', discountPpm: sale.discountPpm as Ppm },
      });
    }
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
  return { ok: true, value: { clearings, discounted, events, valueChange } };
}
