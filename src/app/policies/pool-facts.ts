// The facts of a pool the policies read, taken from its scenario (its stored inputs): who
// maintains and confirms for each project, which project a task of the open period and a
// product belong to, and which association each person, resource and housing unit belongs to
// (a steward acts for their own association), and whose each pre-order is.
import type { PeriodKind } from '../../core/cycle/inputs.ts';
import type { Scenario } from '../../core/scenario/index.ts';
import type { PoolFacts } from './actor.ts';

/** The period inputs `poolFactsOf` reads besides the standing ones: of the open period, these
 *  kinds; of the periods before it, only `FACTS_EARLIER_KINDS`. A scenario assembled from just
 *  these gives the same facts as the whole log, at the cost of the open period rather than of
 *  the pool's history (every write over HTTP asks for the facts). */
export const FACTS_OPEN_KINDS: readonly PeriodKind[] = ['tasks', 'residencies', 'preOrders'];
export const FACTS_EARLIER_KINDS: readonly PeriodKind[] = ['residencies', 'preOrders'];

export function poolFactsOf(
  scenario: Scenario,
  publicBooks: boolean,
  openPeriod: number,
): PoolFacts {
  const maintainers = new Map(scenario.projects.map((p) => [p.id, p.maintainers]));
  const confirmers = new Map(
    scenario.projects.map((p) => [p.id, [...p.maintainers, ...(p.namedConfirmers ?? [])]]),
  );
  const tasks = scenario.periods[openPeriod - 1]?.tasks ?? [];
  const residenceOf = new Map(scenario.persons.map((p) => [p.id as string, p.residence]));
  // Moves given in the periods so far, the open one included, in order.
  for (const period of scenario.periods.slice(0, openPeriod)) {
    for (const move of period.residencies) residenceOf.set(move.personId, move.associationId);
  }
  const preOrders = new Map(
    scenario.periods
      .slice(0, openPeriod)
      .flatMap((period) => period.preOrders)
      .map((order) => [order.id, { personId: order.personId, productId: order.productId }]),
  );
  return {
    poolId: scenario.pool.id,
    publicBooks,
    maintainers,
    confirmers,
    projectOfTask: new Map(tasks.map((t) => [t.id, t.projectId])),
    projectOfProduct: new Map(scenario.products.map((p) => [p.id, p.projectId])),
    associationParent: new Map(scenario.associations.map((a) => [a.id, a.parentId])),
    residenceOf,
    resourceSteward: new Map(scenario.resources.map((r) => [r.id, r.stewardAssociationId])),
    unitSteward: new Map(scenario.housingUnits.map((u) => [u.id, u.stewardAssociationId])),
    preOrders,
  };
}

/** The facts of a pool as far as a member's own inputs ask them: the pool and nothing more
 *  (`needsPoolFacts` in permissions.ts says which inputs those are). */
export function poolOnlyFacts(poolId: string, publicBooks: boolean): PoolFacts {
  return {
    poolId,
    publicBooks,
    maintainers: new Map(),
    confirmers: new Map(),
    projectOfTask: new Map(),
    projectOfProduct: new Map(),
    associationParent: new Map(),
    residenceOf: new Map(),
    resourceSteward: new Map(),
    unitSteward: new Map(),
    preOrders: new Map(),
  };
}
