// Peer projects (MODEL.md M1, reference §4.1): the rules the runner applies to a project, each
// written once. Maintainers coordinate without command; they and the peers the project names
// may confirm work (M2). A project joins and leaves distribution pools by its own decision, and
// leaving re-offers its open pre-orders. Anyone may fork a project: the fork copies the
// commons, never balances or pool memberships, and starts its own governance. Membership of a
// person in a project is not kept: anyone in the pool works for any project through the task
// market, so voluntary membership is the person's pool membership (decision 0023). All
// functions are pure and return new values.
import type { PersonId, PoolId, ProjectId } from '../ids.ts';
import { type Failure, failure, ok, type Result } from '../result.ts';
import { compareIds } from '../units.ts';

/** A name for something the project holds as commons: a product definition, a design. */
export type CommonsItemId = string;

export interface Project {
  readonly id: ProjectId;
  /** Sorted, each once; may be empty (then only named peers confirm, or nobody). */
  readonly maintainers: readonly PersonId[];
  /** Peers the project names to confirm work records besides its maintainers (M2). */
  readonly namedConfirmers: readonly PersonId[];
  readonly poolIds: readonly PoolId[];
  /** What the project keeps as commons; a fork copies all of it. */
  readonly commons: readonly CommonsItemId[];
  readonly forkedFrom: ProjectId | null;
}

const sortedUnique = <T extends string>(ids: readonly T[]): T[] =>
  [...new Set(ids)].sort(compareIds);
const without = <T extends string>(ids: readonly T[], id: T): T[] => ids.filter((x) => x !== id);

export interface ProjectFields {
  readonly id: ProjectId;
  readonly maintainers: readonly PersonId[];
  readonly namedConfirmers?: readonly PersonId[];
  readonly poolIds?: readonly PoolId[];
  readonly commons?: readonly CommonsItemId[];
}

/** A project as its governance and holdings stand: lists become sets, sorted by id. */
export function project(fields: ProjectFields): Project {
  return {
    id: fields.id,
    maintainers: sortedUnique(fields.maintainers),
    namedConfirmers: sortedUnique(fields.namedConfirmers ?? []),
    poolIds: sortedUnique(fields.poolIds ?? []),
    commons: sortedUnique(fields.commons ?? []),
    forkedFrom: null,
  };
}

/** Who may confirm a project's work records: its maintainers and the peers it names. */
export interface ConfirmationPolicy {
  readonly maintainers: readonly PersonId[];
  readonly namedPeers: readonly PersonId[];
}

export function confirmationPolicy(of: Project): ConfirmationPolicy {
  return { maintainers: of.maintainers, namedPeers: of.namedConfirmers };
}

/** Whether the policy lets the person confirm; that nobody confirms their own work is the
 *  work record's rule (`confirmWork`), not the project's. */
export function mayConfirm(policy: ConfirmationPolicy, personId: PersonId): boolean {
  return policy.maintainers.includes(personId) || policy.namedPeers.includes(personId);
}

export function joinPool(of: Project, poolId: PoolId): Project {
  return { ...of, poolIds: sortedUnique([...of.poolIds, poolId]) };
}

/**
 * A project leaves a pool by its own decision, once. Its members keep their personal balances;
 * what it holds stays where it is (decision 0014), and its open pre-orders are re-offered
 * (`preOrdersToReoffer`).
 */
export function leavePool(
  of: Project,
  poolId: PoolId,
): Result<Project, Failure<'project.not_in_pool'>> {
  if (!of.poolIds.includes(poolId)) {
    return failure('project.not_in_pool', `${of.id} is not in pool ${poolId}`);
  }
  return ok({ ...of, poolIds: without(of.poolIds, poolId) });
}

/**
 * The open pre-orders projects leaving their pool give back (reference §4.9): every one of
 * their products, by id. Nothing was charged before a taking, so each goes back to the member
 * free, who may order again from another project.
 */
export function preOrdersToReoffer<T extends { readonly id: string; readonly projectId: string }>(
  leaving: readonly ProjectId[],
  open: Iterable<T>,
): T[] {
  const out = new Set<string>(leaving);
  return [...open].filter((x) => out.has(x.projectId)).sort((a, b) => compareIds(a.id, b.id));
}

/** The id of a fork's copy of a commons item: `<fork>.<item>`. */
export const forkedCommonsId = (forkId: ProjectId, itemId: CommonsItemId): CommonsItemId =>
  `${forkId}.${itemId}`;

export interface ForkCommand {
  readonly newId: ProjectId;
  /** The fork's own governance; a fork made without maintainers has only the peers it names
   *  to confirm its work, and nobody when it names none. */
  readonly maintainers: readonly PersonId[];
  readonly namedConfirmers?: readonly PersonId[];
}

export interface Fork {
  readonly project: Project;
  /** Each commons item of the original and its copy, by the original's id. */
  readonly copies: readonly { readonly id: CommonsItemId; readonly copiedFrom: CommonsItemId }[];
}

/**
 * Anyone may fork (reference P2): the fork copies the commons under ids of its own, records
 * where it came from and starts its own governance. It copies no balance and joins no pool by
 * forking (joining is its own act, `joinPool`); the original is unchanged. Physical means of
 * production are not commons and do not move: possession follows use.
 */
export function forkProject(
  original: Project,
  command: ForkCommand,
): Result<Fork, Failure<'project.same_id'>> {
  if (command.newId === original.id) {
    return failure('project.same_id', 'a fork needs an id of its own');
  }
  const copies = original.commons.map((item) => ({
    id: forkedCommonsId(command.newId, item),
    copiedFrom: item,
  }));
  return ok({
    project: {
      ...project({
        id: command.newId,
        maintainers: command.maintainers,
        namedConfirmers: command.namedConfirmers ?? [],
        commons: copies.map((x) => x.id),
      }),
      forkedFrom: original.id,
    },
    copies,
  });
}
