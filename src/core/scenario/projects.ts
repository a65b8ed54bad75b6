// Projects leaving the pool and forks (M1; reference §4.1 and §4.9 "A project leaves the
// pool"; decision 0014). Both are period inputs, so a period's books depend only on what was
// given up to it: a fork's accounts and products exist from its period on, and a departure
// changes nothing before its period. A departed project acts no more (checked with the path
// before the run); its open pre-orders are released, its subscriptions end, and its account,
// stock and inventory stay as they are, frozen, like a departed member's dormant balance. A
// fork copies the commons of the project it forks (product definitions and recipes; the format
// has no standing task templates, any project may post tasks of any template) under a new
// governance; the means of production in a recipe are physical and do not move. The rules of
// forking and leaving are those of `src/core/project`, applied to each record's `projectView`.

import { assert } from '../assert.ts';
import type { PersonId, PoolId, ProjectId } from '../ids.ts';
import { forkProject, joinPool, leavePool, type Project } from '../project/index.ts';
import { type Err, type Failure, failure, ok, type Result } from '../result.ts';
import { compareIds } from '../units.ts';
import { duplicateAt, unknownAt } from './check-paths.ts';
import { projectView } from './project-view.ts';
import type { ProductSpec, ProjectSpec, Scenario } from './types.ts';

export type ProjectCheckCode =
  | 'scenario.duplicate_id'
  | 'scenario.unknown_reference'
  | 'scenario.invalid'
  | 'scenario.project_not_in_pool'
  | 'scenario.project_cannot_leave';

/** One fork: where it came from, from when, its governance and the products it copied. */
export interface ForkLine {
  readonly id: string;
  readonly forkOf: string;
  readonly fromPeriod: number;
  readonly maintainers: readonly string[];
  readonly products: readonly { readonly productId: string; readonly copiedFrom: string }[];
}

/** Every fork and departure of a file, in the order they happen. */
export interface ProjectChanges {
  /** The first period of each fork in the pool. */
  readonly forkedIn: ReadonlyMap<string, number>;
  /** The first period each departed project is out of the pool. */
  readonly leftIn: ReadonlyMap<string, number>;
  /** By period, then id. */
  readonly forks: readonly ForkLine[];
  readonly forkProjects: readonly ProjectSpec[];
  readonly forkProducts: readonly ProductSpec[];
}

const ID_MAX = 128;

/** A fork's copy `id` of a product: the definition and recipe under the fork, without the
 *  means of production (physical, they stay with whoever uses them; possession follows use). */
function copyProduct(product: ProductSpec, id: string, forkId: string): ProductSpec {
  return {
    ...product,
    id,
    projectId: forkId,
    recipe: product.recipe === null ? null : { ...product.recipe, meansOfProduction: [] },
  };
}

/**
 * Walks the file's forks and departures period by period, checking each with the path of the
 * offending field: a fork names a project existing at the start of its period, its id and its
 * copies' ids are new, its maintainers and named confirmers are persons; a project leaves once
 * (`leavePool`), and only when it keeps no dwelling, extracts no resource and never leased land
 * (those stay in the format for a later decision).
 */
export function projectChanges(s: Scenario): Result<ProjectChanges, Failure<ProjectCheckCode>> {
  const poolId = s.pool.id as PoolId;
  const projects = new Set(s.projects.map((x) => x.id));
  // Each project as M1 sees it: in the pool or not, its commons its product definitions.
  const governed = new Map<string, Project>(
    s.projects.map((x) => [
      x.id,
      projectView(
        x,
        s.pool.id,
        s.products.filter((y) => y.projectId === x.id).map((y) => y.id),
      ),
    ]),
  );
  /** The products forks copy from: the file's, then each period's copies. */
  const productOf = new Map(s.products.map((x) => [x.id, x]));
  const productIds = new Set(productOf.keys());
  const persons = new Set(s.persons.map((x) => x.id));
  const associations = new Set(s.associations.map((x) => x.id));
  const leased = new Set(s.resources.filter((r) => r.lease !== null).map((r) => r.id));
  const forkedIn = new Map<string, number>();
  const leftIn = new Map<string, number>();
  const forks: ForkLine[] = [];
  const forkProjects: ProjectSpec[] = [];
  const forkProducts: ProductSpec[] = [];
  const leasers = new Set<string>();
  for (const [at, period] of s.periods.entries()) {
    const p = at + 1;
    const before = new Set(projects);
    const twice = duplicateAt(
      `periods[${at}].projectForks`,
      period.projectForks.map((x) => x.id),
    );
    if (twice) return twice;
    for (const [k, fork] of period.projectForks.entries()) {
      const path = `periods[${at}].projectForks[${k}]`;
      if (!before.has(fork.projectId))
        return unknownAt(`${path}.projectId`, 'project', fork.projectId);
      if (projects.has(fork.id)) {
        return failure('scenario.duplicate_id', `${path}.id: "${fork.id}" is already a project`);
      }
      for (const [m, maintainer] of fork.maintainers.entries()) {
        if (!persons.has(maintainer)) {
          return unknownAt(`${path}.maintainers[${m}]`, 'person', maintainer);
        }
      }
      for (const [m, named] of fork.namedConfirmers.entries()) {
        if (!persons.has(named)) return unknownAt(`${path}.namedConfirmers[${m}]`, 'person', named);
      }
      if (fork.seat !== null && !associations.has(fork.seat)) {
        return unknownAt(`${path}.seat`, 'association', fork.seat);
      }
      const forked = forkProject(governed.get(fork.projectId)!, {
        newId: fork.id as ProjectId,
        maintainers: fork.maintainers as readonly PersonId[],
        namedConfirmers: fork.namedConfirmers as readonly PersonId[],
      });
      assert(forked.ok, 'a fork has an id no project has');
      const copiedFrom = forked.value.copies.map((x) => x.copiedFrom);
      const copies = forked.value.copies.map((x) =>
        copyProduct(productOf.get(x.copiedFrom)!, x.id, fork.id),
      );
      for (const [c, copy] of copies.entries()) {
        const what = `the copy "${copy.id}" of product "${copiedFrom[c]}"`;
        if (copy.id.length > ID_MAX) {
          return failure('scenario.invalid', `${path}.id: ${what} is longer than ${ID_MAX}`);
        }
        if (productIds.has(copy.id)) {
          return failure('scenario.duplicate_id', `${path}.id: ${what} is already a product`);
        }
        productIds.add(copy.id);
      }
      projects.add(fork.id);
      governed.set(fork.id, joinPool(forked.value.project, poolId));
      forkedIn.set(fork.id, p);
      forkProjects.push({
        id: fork.id,
        maintainers: fork.maintainers,
        namedConfirmers: fork.namedConfirmers,
        seat: fork.seat,
        currency: null,
      });
      forkProducts.push(...copies);
      forks.push({
        id: fork.id,
        forkOf: fork.projectId,
        fromPeriod: p,
        maintainers: [...fork.maintainers].sort(compareIds),
        products: copies.map((x, c) => ({ productId: x.id, copiedFrom: copiedFrom[c]! })),
      });
    }
    // Copies become products only after the period's forks: a fork copies what existed.
    for (const x of forkProducts) if (forkedIn.get(x.projectId) === p) productOf.set(x.id, x);
    const leaving = duplicateAt(
      `periods[${at}].projectDepartures`,
      period.projectDepartures.map((x) => x.projectId),
    );
    if (leaving) return leaving;
    for (const [k, departure] of period.projectDepartures.entries()) {
      const path = `periods[${at}].projectDepartures[${k}].projectId`;
      const id = departure.projectId;
      if (!before.has(id)) return unknownAt(path, 'project', id);
      const left = leavePool(governed.get(id)!, poolId);
      if (!left.ok) {
        return failure(
          'scenario.project_not_in_pool',
          `${path}: "${id}" left the pool in period ${leftIn.get(id)}`,
        );
      }
      const keeps = s.housingUnits.some((x) => x.projectId === id)
        ? 'keeps dwellings'
        : s.resources.some((x) => x.extractionProjectId === id)
          ? 'extracts a resource'
          : leasers.has(id)
            ? 'leased land'
            : null;
      if (keeps !== null) {
        return failure(
          'scenario.project_cannot_leave',
          `${path}: "${id}" ${keeps}; a project doing so cannot leave the pool in the format yet`,
        );
      }
      governed.set(id, left.value);
      leftIn.set(id, p);
    }
    for (const claim of period.resourceClaims) {
      if (claim.projectId !== null && leased.has(claim.resourceId)) leasers.add(claim.projectId);
    }
  }
  return ok({ forkedIn, leftIn, forks, forkProjects, forkProducts });
}

export const NO_PROJECT_CHANGES: ProjectChanges = {
  forkedIn: new Map(),
  leftIn: new Map(),
  forks: [],
  forkProjects: [],
  forkProducts: [],
};

const hasChanges = (c: ProjectChanges): boolean => c.forks.length > 0 || c.leftIn.size > 0;

/** The file with every fork's project and products added to its standing lists: what the
 *  cross-reference checks and the runner read (the runner through `projectsView`). */
export function withForks(s: Scenario, changes: ProjectChanges): Scenario {
  if (changes.forks.length === 0) return s;
  return {
    ...s,
    projects: [...s.projects, ...changes.forkProjects],
    products: [...s.products, ...changes.forkProducts],
  };
}

/** Whether the project is in the pool in period p: forked by then, not yet left. */
export function inPool(changes: ProjectChanges, projectId: string, p: number): boolean {
  return (
    (changes.forkedIn.get(projectId) ?? 1) <= p &&
    (changes.leftIn.get(projectId) ?? Number.POSITIVE_INFINITY) > p
  );
}

/**
 * The pool as period p sees it (from the file `withForks`): only the forks made by then, and
 * no products (nor their subscriptions) of a project that has left. A departed project stays
 * in the list: its account and its frozen inventory are still reported.
 */
export function projectsView(expanded: Scenario, changes: ProjectChanges, p: number): Scenario {
  if (!hasChanges(changes)) return expanded;
  const exists = (projectId: string) => (changes.forkedIn.get(projectId) ?? 1) <= p;
  const products = expanded.products.filter((x) => inPool(changes, x.projectId, p));
  const offered = new Set(products.map((x) => x.id));
  return {
    ...expanded,
    projects: expanded.projects.filter((x) => exists(x.id)),
    products,
    subscriptions: expanded.subscriptions.filter((x) => offered.has(x.productId)),
  };
}

/**
 * Nothing names a project outside its time in the pool: no task, work in progress, service,
 * bundle, bidding round, money, resource claim or lease release of a project that has left or
 * is not forked yet, and no production, request, write-off, discount sale, pre-order (or its
 * cancellation), duration use, wish, fair use or subscription of such a project's product;
 * production also takes no input of it. `expanded` is the file `withForks`.
 */
export function checkProjectReferences(
  expanded: Scenario,
  changes: ProjectChanges,
): Err<Failure<'scenario.project_not_in_pool'>> | null {
  if (!hasChanges(changes)) return null;
  const projectOf = new Map(expanded.products.map((x) => [x.id, x.projectId]));
  const inputsOf = new Map(
    expanded.products.map((x) => [x.id, x.recipe?.inputs.map((i) => i.productId) ?? []]),
  );
  const outside = (path: string, projectId: string, p: number, what = '') => {
    const left = changes.leftIn.get(projectId);
    const forked = changes.forkedIn.get(projectId);
    const why =
      left !== undefined && p >= left
        ? `left the pool in period ${left}`
        : forked !== undefined && p < forked
          ? `is forked only in period ${forked}`
          : null;
    return why === null
      ? null
      : failure(
          'scenario.project_not_in_pool',
          what === ''
            ? `${path}: project "${projectId}" ${why}`
            : `${path}: ${what}"${projectId}", which ${why}`,
        );
  };
  const ofProduct = (path: string, productId: string, p: number) => {
    const projectId = projectOf.get(productId);
    return projectId === undefined
      ? null
      : outside(path, projectId, p, `"${productId}" is a product of `);
  };
  for (const [i, sub] of expanded.subscriptions.entries()) {
    const found = ofProduct(`subscriptions[${i}].fromPeriod`, sub.productId, sub.fromPeriod);
    if (found) return found;
  }
  const placed = new Map<string, string>();
  for (const [at, period] of expanded.periods.entries()) {
    const p = at + 1;
    const path = `periods[${at}]`;
    const checks: (() => Err<Failure<'scenario.project_not_in_pool'>> | null)[] = [];
    const direct = (list: string, items: readonly { readonly projectId: string | null }[]) => {
      for (const [i, x] of items.entries()) {
        if (x.projectId !== null) {
          const projectId = x.projectId;
          checks.push(() => outside(`${path}.${list}[${i}].projectId`, projectId, p));
        }
      }
    };
    const viaProduct = (list: string, items: readonly { readonly productId: string }[]) => {
      for (const [i, x] of items.entries()) {
        checks.push(() => ofProduct(`${path}.${list}[${i}].productId`, x.productId, p));
      }
    };
    direct('tasks', period.tasks);
    direct('workInProgress', period.workInProgress);
    direct('services', period.services);
    direct('flatRateBundles', period.flatRateBundles);
    direct('biddingRounds', period.biddingRounds);
    direct('money', period.money);
    direct('resourceClaims', period.resourceClaims);
    direct('leaseReleases', period.leaseReleases);
    viaProduct('production', period.production);
    viaProduct('requests', period.requests);
    viaProduct('writeOffs', period.writeOffs);
    viaProduct('discountSales', period.discountSales);
    viaProduct('preOrders', period.preOrders);
    viaProduct('durationUses', period.durationUses);
    viaProduct('wishes', period.wishes);
    for (const [i, b] of period.flatRateBundles.entries()) {
      if (b.fairUse !== null) {
        const productId = b.fairUse.productId;
        checks.push(() =>
          ofProduct(`${path}.flatRateBundles[${i}].fairUse.productId`, productId, p),
        );
      }
    }
    for (const [i, x] of period.production.entries()) {
      for (const input of inputsOf.get(x.productId) ?? []) {
        const projectId = projectOf.get(input);
        if (projectId === undefined) continue;
        const what = `its recipe takes "${input}" of `;
        checks.push(() => outside(`${path}.production[${i}].productId`, projectId, p, what));
      }
    }
    for (const x of period.preOrders) placed.set(x.id, x.productId);
    for (const [i, x] of period.preOrderCancellations.entries()) {
      const productId = placed.get(x.preOrderId);
      if (productId !== undefined) {
        checks.push(() =>
          ofProduct(`${path}.preOrderCancellations[${i}].preOrderId`, productId, p),
        );
      }
    }
    for (const check of checks) {
      const found = check();
      if (found) return found;
    }
  }
  return null;
}
