// What a period shows and does of the projects' forks and departures (M1, decision 0014): the
// open pre-orders a departing project releases, and the report's list of projects in the pool,
// forks made and departed projects with their frozen accounts and stock. Which forks and
// departures a file has, and the checks on them, are in projects.ts.

import type { AccountId, ProjectId } from '../ids.ts';
import { inPeriodRange } from '../periods.ts';
import type { PoolChart } from '../pool/index.ts';
import { preOrdersToReoffer } from '../project/index.ts';
import { compareIds } from '../units.ts';
import { type ForkLine, inPool, type ProjectChanges } from './projects.ts';
import type { OpenPreOrder } from './step.ts';
import type { Scenario } from './types.ts';

export interface ReleasedPreOrder {
  readonly preOrderId: string;
  readonly personId: string;
  readonly productId: string;
  readonly units: number;
}

/** Takes the open pre-orders of projects leaving in period p out of `open`: released without
 *  a charge (nothing was charged before a taking), so the member may order again elsewhere. */
export function releasePreOrders(
  open: Map<string, OpenPreOrder>,
  expanded: Scenario,
  changes: ProjectChanges,
  p: number,
): ReleasedPreOrder[] {
  const leaving = [...changes.leftIn].filter(([, q]) => q === p).map(([id]) => id as ProjectId);
  if (leaving.length === 0) return [];
  const projectOf = new Map(expanded.products.map((x) => [x.id, x.projectId]));
  const listed = [...open].map(([id, x]) => ({
    id,
    projectId: projectOf.get(x.spec.productId)!,
    spec: x.spec,
  }));
  return preOrdersToReoffer(leaving, listed).map(({ id, spec }) => {
    open.delete(id);
    return {
      preOrderId: id,
      personId: spec.personId,
      productId: spec.productId,
      units: spec.units,
    };
  });
}

export interface DepartedProjectLine {
  readonly projectId: string;
  /** The first period out of the pool. */
  readonly leftInPeriod: number;
  /** Frozen from the departure on: the account, the stock + work in progress, the units. */
  readonly balanceEffortMilli: number;
  readonly inventoryEffortMilli: number;
  readonly stock: readonly { readonly productId: string; readonly units: number }[];
}

export interface ProjectsPeriod {
  /** The projects in the pool this period. */
  readonly inPool: readonly string[];
  /** Every fork made up to this period. */
  readonly forks: readonly ForkLine[];
  readonly departed: readonly DepartedProjectLine[];
  /** Pre-orders released this period by a project leaving. */
  readonly releasedPreOrders: readonly ReleasedPreOrder[];
  /** Subscriptions ended this period by a project leaving; taken last in `lastPeriod`. */
  readonly endedSubscriptions: readonly {
    readonly subscriptionId: string;
    readonly personId: string;
    readonly productId: string;
    readonly lastPeriod: number;
  }[];
}

/** Whether period p's report shows the projects: once a fork or a departure has happened. */
export function usesProjectChanges(changes: ProjectChanges, p: number): boolean {
  return (
    changes.forks.some((f) => f.fromPeriod <= p) || [...changes.leftIn.values()].some((x) => x <= p)
  );
}

export function projectsPeriod(
  expanded: Scenario,
  changes: ProjectChanges,
  chart: PoolChart,
  p: number,
  closing: ReadonlyMap<AccountId, number>,
  stockUnits: ReadonlyMap<string, number>,
  inventory: ReadonlyMap<string, number>,
  released: readonly ReleasedPreOrder[],
): ProjectsPeriod {
  const ids = expanded.projects.map((x) => x.id).sort(compareIds);
  const projectOf = new Map(expanded.products.map((x) => [x.id, x.projectId]));
  const departed = ids.filter((id) => (changes.leftIn.get(id) ?? Number.POSITIVE_INFINITY) <= p);
  return {
    inPool: ids.filter((id) => inPool(changes, id, p)),
    forks: changes.forks.filter((f) => f.fromPeriod <= p),
    departed: departed.map((id) => ({
      projectId: id,
      leftInPeriod: changes.leftIn.get(id)!,
      balanceEffortMilli: closing.get(chart.projects.get(id as ProjectId)!) ?? 0,
      inventoryEffortMilli: inventory.get(id) ?? 0,
      stock: [...stockUnits]
        .filter(([productId]) => projectOf.get(productId) === id)
        .sort((a, b) => compareIds(a[0], b[0]))
        .map(([productId, units]) => ({ productId, units })),
    })),
    releasedPreOrders: released,
    endedSubscriptions: [...expanded.subscriptions]
      .sort((a, b) => compareIds(a.id, b.id))
      .filter(
        (x) =>
          changes.leftIn.get(projectOf.get(x.productId)!) === p &&
          x.fromPeriod < p &&
          inPeriodRange(p, x.fromPeriod, x.untilPeriod),
      )
      .map((x) => ({
        subscriptionId: x.id,
        personId: x.personId,
        productId: x.productId,
        lastPeriod: p - 1,
      })),
  };
}
