// The facts of a pool the policies read, taken from its scenario (its stored inputs): who
// maintains and confirms for each project, which project a task of the open period and a
// product belong to.
import type { Scenario } from '../../core/scenario/index.ts';
import type { PoolFacts } from './actor.ts';

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
  return {
    poolId: scenario.pool.id,
    publicBooks,
    maintainers,
    confirmers,
    projectOfTask: new Map(tasks.map((t) => [t.id, t.projectId])),
    projectOfProduct: new Map(scenario.products.map((p) => [p.id, p.projectId])),
  };
}
