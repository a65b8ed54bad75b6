// Services as products (reference §4.7: "Services (haircut, care hour): the same formula with
// Q = number of service units"; decision 0020). A product of `kind: service` is priced like a
// good, from its plain price or its recipe (labour, overhead and means of production over the
// service units). What differs is that a service unit is delivered when it is taken: units
// offered in a period and not taken by its end (requests, pre-orders, subscriptions, discount
// sales and federated takings all came first) cannot be kept for the next period. They are
// written off like spoiled stock (`adjustment.writeOff`), so the unused capacity reaches
// everyone through the next price factor and the project's value keeps no service units.

import type { ProjectId } from '../ids.ts';
import type { PeriodEvent } from '../pool/index.ts';
import { byId } from './step.ts';
import type { Scenario } from './types.ts';

/** Service units offered in a period and not taken: written off at the posted price. */
export interface UnusedServiceLine {
  readonly productId: string;
  readonly units: number;
  readonly effortMilli: number;
}

export function unusedServices(
  scenario: Scenario,
  p: number,
  stockUnits: Map<string, number>,
): { events: PeriodEvent[]; lines: UnusedServiceLine[]; valueChange: Map<string, number> } {
  const events: PeriodEvent[] = [];
  const lines: UnusedServiceLine[] = [];
  const valueChange = new Map<string, number>();
  for (const product of byId(scenario.products.filter((x) => x.kind === 'service'))) {
    const units = stockUnits.get(product.id) ?? 0;
    if (units === 0) continue;
    const effortMilli = units * product.unitPriceEffortMilli;
    stockUnits.set(product.id, 0);
    valueChange.set(product.projectId, (valueChange.get(product.projectId) ?? 0) - effortMilli);
    lines.push({ productId: product.id, units, effortMilli });
    if (effortMilli === 0) continue;
    events.push({
      kind: 'writeOff',
      id: `p${p}.serviceUnused.${product.id}`,
      projectId: product.projectId as ProjectId,
      amountEffortMilli: effortMilli,
    });
  }
  return { events, lines, valueChange };
}
