// A period's goods (M7): production adds to each product's stock in units; cancelled
// pre-orders are charged their spent share (`cancellationEvent`); open pre-orders of what was
// produced become takings, then active subscriptions are taken (`subscriptionEvents`), both
// before anyone else's request because they were committed first (reference §4.6, §4.10);
// requests are cleared against what is left by the product's scarcity rule (`clearScarceGood`
// → `scarcityEvents`), write-offs follow; the value changes per project feed the inventory
// declarations.

import {
  clearScarceGood,
  type GoodsRequest,
  type PremiumCommitment,
  type PremiumSettlement,
  type PreOrder,
  type ScarceGood,
  type ScarcityClearing,
  type Subscription,
  settlePremium,
  spentSharePpm,
  subscriptionActive,
} from '../goods/index.ts';
import type { PersonId, ProductId, ProjectId } from '../ids.ts';
import {
  cancellationEvent,
  type PeriodEvent,
  scarcityEvents,
  subscriptionEvents,
} from '../pool/index.ts';
import { compareIds, type EffortMilli, type Ppm } from '../units.ts';
import type { TrackedCommitment } from './commitments.ts';
import { derivedSeed } from './market.ts';
import { type Reservation, type ReservationLine, takeDueReservations } from './reservations.ts';
import { byId, type OpenPreOrder, type Step, stop } from './step.ts';

/** What became of committed takings this period (pre-orders and subscriptions). */
export interface CommittedTakings {
  /** Pre-orders taken from this period's production, by id. */
  readonly fulfilled: readonly {
    readonly id: string;
    readonly personId: string;
    readonly productId: string;
    readonly units: number;
    readonly placedIn: number;
  }[];
  /** Pre-orders cancelled: the charge is 0 before production started. */
  readonly cancelled: readonly {
    readonly id: string;
    readonly personId: string;
    readonly productId: string;
    readonly spentSharePpm: number;
    readonly chargeEffortMilli: number;
  }[];
  /** Pre-orders still waiting for production at the end of the period. */
  readonly open: readonly string[];
  /** Subscriptions taken this period, by id. */
  readonly subscriptions: readonly {
    readonly id: string;
    readonly personId: string;
    readonly productId: string;
    readonly units: number;
  }[];
}

import type { PeriodSpec, ProductSpec, RequestSpec, Scenario } from './types.ts';

/** What taking goods reads and moves on of the carried state. */
export interface TakingsCarried {
  /** Units of each product in stock. */
  stockUnits: Map<string, number>;
  /** Pre-orders to be taken when produced, not yet taken nor cancelled, by id. */
  openPreOrders: Map<string, OpenPreOrder>;
  /** Goods won on a commitment released on completion, waiting in stock (reservations.ts). */
  reservations: Reservation[];
  /** Premium commitments not yet worked off, oldest first. */
  commitments: TrackedCommitment[];
}

/** Each product's requests against its stock, by the product's scarcity rule (M7). */
export function allocateGoods(
  scenario: Scenario,
  p: number,
  period: PeriodSpec,
  carried: TakingsCarried,
): Step<{
  clearings: ScarcityClearing[];
  /** Discounted sales of surplus, one clearing per product offered. */
  discounted: ScarcityClearing[];
  events: PeriodEvent[];
  valueChange: Map<string, number>;
  committed: CommittedTakings;
  /** Premiums won this period that are paid as commitments, by product then person. */
  commitments: PremiumCommitment[];
  /** Reserved goods taken this period, their commitment worked off (reservations.ts). */
  reservationsTaken: ReservationLine[];
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
  const events: PeriodEvent[] = [];
  // Goods whose commitment was worked off last period are handed out first: they were won
  // earlier and have waited in stock, reserved (reservations.ts).
  const released = takeDueReservations(scenario, p, carried);
  events.push(...released.events);
  for (const [productId, units] of released.takenUnits) {
    change(scenario.products.find((x) => x.id === productId)!, -units);
  }
  const productOf = new Map(scenario.products.map((x) => [x.id, x]));
  const cancelled: CommittedTakings['cancelled'][number][] = [];
  for (const c of [...period.preOrderCancellations].sort((a, b) =>
    compareIds(a.preOrderId, b.preOrderId),
  )) {
    const open = carried.openPreOrders.get(c.preOrderId);
    if (open === undefined) {
      return stop(
        p,
        null,
        'scenario.pre_order_not_open',
        `${c.preOrderId}: only a pre-order to be taken when produced, not yet taken, can be cancelled`,
      );
    }
    const product = productOf.get(open.spec.productId)!;
    const preOrder: PreOrder = {
      id: open.spec.id,
      personId: open.spec.personId as PersonId,
      productId: product.id as ProductId,
      units: open.spec.units,
      postedUnitPriceEffortMilli: product.unitPriceEffortMilli as EffortMilli,
      period: open.placedIn,
    };
    const progress = {
      started: c.spentEffortMilli > 0,
      spentEffortMilli: c.spentEffortMilli,
      plannedEffortMilli: c.plannedEffortMilli,
    };
    const event = cancellationEvent(preOrder, progress, product.projectId as ProjectId);
    const charge = event?.kind === 'preOrderCancellation' ? event.amountEffortMilli : 0;
    // The canceller pays for the effort already spent on the batch, so that share of the
    // project's work in progress is used up: its books fall by the charge.
    if (event !== undefined) events.push({ ...event, id: `p${p}.${event.id}` });
    valueChange.set(product.projectId, (valueChange.get(product.projectId) ?? 0) - charge);
    carried.openPreOrders.delete(c.preOrderId);
    cancelled.push({
      id: open.spec.id,
      personId: open.spec.personId,
      productId: product.id,
      spentSharePpm: spentSharePpm(progress),
      chargeEffortMilli: charge,
    });
  }
  // Open pre-orders of a product made this period are taken first, oldest first, while the
  // stock holds them whole; the rest wait for the next production.
  const produced = new Set(period.production.filter((x) => x.units > 0).map((x) => x.productId));
  const fulfilled: CommittedTakings['fulfilled'][number][] = [];
  const waiting = [...carried.openPreOrders.values()].sort(
    (a, b) => a.placedIn - b.placedIn || compareIds(a.spec.id, b.spec.id),
  );
  for (const open of waiting) {
    const product = productOf.get(open.spec.productId)!;
    const stock = carried.stockUnits.get(product.id) ?? 0;
    if (!produced.has(product.id) || stock < open.spec.units) continue;
    carried.stockUnits.set(product.id, stock - open.spec.units);
    change(product, -open.spec.units);
    events.push({
      kind: 'take',
      id: `p${p}.preOrder.${open.spec.id}`,
      personId: open.spec.personId as PersonId,
      projectId: product.projectId as ProjectId,
      productId: product.id as ProductId,
      units: open.spec.units,
      postedUnitPriceEffortMilli: product.unitPriceEffortMilli,
    });
    carried.openPreOrders.delete(open.spec.id);
    fulfilled.push({
      id: open.spec.id,
      personId: open.spec.personId,
      productId: product.id,
      units: open.spec.units,
      placedIn: open.placedIn,
    });
  }
  // Standing subscriptions come next; production is planned for them (planNext), so a
  // shortfall is a planning failure the run reports rather than a scarcity to auction.
  const subscribed: CommittedTakings['subscriptions'][number][] = [];
  for (const sub of byId(scenario.subscriptions)) {
    const subscription: Subscription = {
      personId: sub.personId as PersonId,
      productId: sub.productId as ProductId,
      unitsPerPeriod: sub.unitsPerPeriod,
      fromPeriod: sub.fromPeriod,
      ...(sub.untilPeriod === null ? {} : { untilPeriod: sub.untilPeriod }),
    };
    if (!subscriptionActive(subscription, p)) continue;
    const product = productOf.get(sub.productId)!;
    const stock = carried.stockUnits.get(product.id) ?? 0;
    if (stock < sub.unitsPerPeriod) {
      return stop(
        p,
        null,
        'scenario.subscription_exceeds_stock',
        `${sub.id}: ${sub.unitsPerPeriod} units of ${product.id} due, ${stock} in stock`,
      );
    }
    carried.stockUnits.set(product.id, stock - sub.unitsPerPeriod);
    change(product, -sub.unitsPerPeriod);
    events.push(
      ...subscriptionEvents(
        [subscription],
        p,
        new Map([[product.id as ProductId, product.unitPriceEffortMilli]]),
        new Map([[product.id as ProductId, product.projectId as ProjectId]]),
        `p${p}.subscription.${sub.id}`,
        sub.basicNeeds ? new Set([product.id as ProductId]) : new Set(),
      ),
    );
    subscribed.push({
      id: sub.id,
      personId: sub.personId,
      productId: product.id,
      units: sub.unitsPerPeriod,
    });
  }
  const clearings: ScarcityClearing[] = [];
  const commitments: PremiumCommitment[] = [];
  // The period's requests by product once, in their order, and each person's first request of
  // a product: a lookup per allocation, not a scan of every request per product and winner.
  const requestsOf = new Map<string, RequestSpec[]>();
  const firstRequest = new Map<string, RequestSpec>();
  for (const r of period.requests) {
    const list = requestsOf.get(r.productId);
    if (list === undefined) requestsOf.set(r.productId, [r]);
    else list.push(r);
    const key = `${r.productId}\u0000${r.personId}`;
    if (!firstRequest.has(key)) firstRequest.set(key, r);
  }
  for (const product of byId(scenario.products)) {
    const requests: GoodsRequest[] = (requestsOf.get(product.id) ?? []).map((r) => ({
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
    carried.stockUnits.set(product.id, cleared.value.unitsLeft);
    // A premium won on a request with a term is paid as a commitment (handed out at once on
    // the debit allowance); the settlement still debits it, coded `premium.commitment`. With
    // `release: onCompletion` the units stay in stock, reserved, and nothing is charged yet.
    const payments = new Map<PersonId, PremiumSettlement>();
    const reserved = new Set<PersonId>();
    for (const a of cleared.value.allocations) {
      const request = firstRequest.get(`${product.id}\u0000${a.personId}`);
      const term = request?.premiumTermPeriods;
      if (a.premiumEffortMilli <= 0 || term === null || term === undefined) continue;
      const release = request?.release ?? 'atOnce';
      const settled = settlePremium(
        a,
        product.id as ProductId,
        { kind: 'commitment', termPeriods: term, release },
        0,
        p,
      );
      if (!settled.ok) {
        return stop(p, null, settled.error.code, `${product.id}: ${settled.error.detail}`);
      }
      payments.set(a.personId, settled.value);
      if (settled.value.kind !== 'commitment') continue;
      commitments.push(settled.value.commitment);
      if (release === 'onCompletion') {
        reserved.add(a.personId);
        carried.reservations.push({
          commitment: settled.value.commitment,
          allocation: a,
          rule: cleared.value.rule,
          scarce: cleared.value.scarce,
          seed: cleared.value.seed,
          madeIn: p,
          state: 'reserved',
        });
      }
    }
    const handedOut =
      reserved.size === 0
        ? cleared.value
        : {
            ...cleared.value,
            allocations: cleared.value.allocations.filter((a) => !reserved.has(a.personId)),
          };
    change(product, -handedOut.allocations.reduce((sum, a) => sum + a.units, 0));
    events.push(
      ...scarcityEvents(
        handedOut,
        product.projectId as ProjectId,
        `p${p}.take.${product.id}`,
        payments,
      ),
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
  // Placed now, taken from a later period's production.
  for (const order of byId(period.preOrders)) {
    if (order.fulfil === 'production') {
      carried.openPreOrders.set(order.id, { spec: order, placedIn: p });
    }
  }
  const committed: CommittedTakings = {
    fulfilled,
    cancelled,
    open: [...carried.openPreOrders.keys()].sort(compareIds),
    subscriptions: subscribed,
  };
  return {
    ok: true,
    value: {
      clearings,
      discounted,
      events,
      valueChange,
      committed,
      commitments,
      reservationsTaken: released.lines,
    },
  };
}
