// What federated pools add to one pool's period (M16): settlement events on the federation
// accounts, the units its projects delivered to members of other pools (out of the stock left
// after the pool's own takings and write-offs), and the change those deliveries and the work
// hosted for other pools' members make to its projects' inventory.

import type { PeriodEvent } from '../pool/index.ts';
import type { Step } from './step.ts';
import { stop } from './step.ts';

export interface CrossPoolPeriod {
  readonly events: readonly PeriodEvent[];
  /** Units of each product delivered to members of federated pools. */
  readonly stockOut: ReadonlyMap<string, number>;
  /** Per project: − the value delivered + the work hosted (work in progress), in mWH. */
  readonly inventoryChange: ReadonlyMap<string, number>;
}

export function applyCrossPool(
  extra: CrossPoolPeriod,
  stockUnits: Map<string, number>,
  change: Map<string, number>,
  p: number,
): Step<null> {
  for (const [productId, units] of [...extra.stockOut].sort()) {
    const stock = stockUnits.get(productId) ?? 0;
    if (units > stock) {
      return stop(
        p,
        null,
        'scenario.federation_exceeds_stock',
        `${productId}: ${units} units taken by members of federated pools, ${stock} in stock`,
      );
    }
    stockUnits.set(productId, stock - units);
  }
  for (const [projectId, amount] of extra.inventoryChange) {
    change.set(projectId, (change.get(projectId) ?? 0) + amount);
  }
  return { ok: true, value: null };
}
