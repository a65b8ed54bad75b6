// Peer projects (MODEL.md M1, reference §4.1): voluntary groups with a goal, maintainers who
// coordinate without command, and free cooperation. Anyone may join or leave at any time;
// maintainers have no power over members, only the duties the project gives them (confirming
// work, naming peers who may confirm). A project may join and leave distribution pools, and
// anyone may fork it: the fork copies the metadata and the commons, never balances, and starts
// its own governance. All functions are pure and return a new project value.
import type { PersonId, PoolId, ProjectId } from '../ids.ts';
import { failure, ok, type Result } from '../result.ts';
import { compareIds } from '../units.ts';

/** A name for something the project holds as commons: a design, a tool, a resource claim. */
export type CommonsItemId = string;

export interface Project {
  readonly id: ProjectId;
  readonly title: string;
  /** The common goal: what the project produces, in the members' words. */
  readonly goal: string;
  /** How the project organises itself; free text, copied by a fork and then the fork's own. */
  readonly rules: string;
  readonly members: readonly PersonId[];
  readonly maintainers: readonly PersonId[];
  /** Peers the project names to confirm work records besides its maintainers (M2). */
  readonly namedConfirmers: readonly PersonId[];
  readonly poolIds: readonly PoolId[];
  /** What the project keeps as commons; a fork copies all of it. */
  readonly commons: readonly CommonsItemId[];
  readonly forkedFrom?: ProjectId;
}

export type ProjectErrorCode =
  | 'project.no_maintainer'
  | 'project.not_member'
  | 'project.not_maintainer'
  | 'project.invalid_text'
  | 'project.not_in_pool'
  | 'project.same_id';

export const TITLE_LENGTH_MAX = 200;
export const TEXT_LENGTH_MAX = 20_000;

const sortedUnique = <T extends string>(ids: readonly T[]): T[] =>
  [...new Set(ids)].sort(compareIds);
const without = <T extends string>(ids: readonly T[], id: T): T[] => ids.filter((x) => x !== id);

export interface CreateProjectCommand {
  readonly id: ProjectId;
  readonly title: string;
  readonly goal: string;
  readonly rules?: string;
  /** The founders: members and the first maintainers. */
  readonly founders: readonly PersonId[];
}

function checkText(title: string, goal: string, rules: string): Result<true> {
  if (title.trim().length === 0 || title.length > TITLE_LENGTH_MAX) {
    return failure('project.invalid_text', `a title needs 1 to ${TITLE_LENGTH_MAX} characters`);
  }
  if (goal.trim().length === 0 || goal.length > TEXT_LENGTH_MAX || rules.length > TEXT_LENGTH_MAX) {
    return failure(
      'project.invalid_text',
      `a goal is required; goal and rules hold at most ${TEXT_LENGTH_MAX} characters`,
    );
  }
  return ok(true);
}

export function createProject(command: CreateProjectCommand): Result<Project> {
  const rules = command.rules ?? '';
  const text = checkText(command.title, command.goal, rules);
  if (!text.ok) return text;
  const founders = sortedUnique(command.founders);
  if (founders.length === 0) {
    return failure(
      'project.no_maintainer',
      'a project starts with at least one founder, who maintains it',
    );
  }
  return ok({
    id: command.id,
    title: command.title,
    goal: command.goal,
    rules,
    members: founders,
    maintainers: founders,
    namedConfirmers: [],
    poolIds: [],
    commons: [],
  });
}

/** Joining is the person's own act and needs nobody's approval; joining twice changes nothing. */
export function joinProject(project: Project, personId: PersonId): Project {
  return { ...project, members: sortedUnique([...project.members, personId]) };
}

/**
 * Leaving is always possible (free cooperation), for maintainers too. The project then reports
 * whether it still has a maintainer; without one, nobody can confirm work until a member
 * takes the role on (`needsMaintainer`).
 */
export function leaveProject(project: Project, personId: PersonId): Project {
  return {
    ...project,
    members: without(project.members, personId),
    maintainers: without(project.maintainers, personId),
    namedConfirmers: without(project.namedConfirmers, personId),
  };
}

export function needsMaintainer(project: Project): boolean {
  return project.maintainers.length === 0;
}

function requireMaintainer(project: Project, actorId: PersonId): Result<true> {
  if (!project.maintainers.includes(actorId)) {
    return failure('project.not_maintainer', `${actorId} does not maintain ${project.id}`);
  }
  return ok(true);
}

/**
 * A member becomes a maintainer when a maintainer adds them, or, in a project left without
 * maintainers, by taking the role on themselves.
 */
export function addMaintainer(
  project: Project,
  actorId: PersonId,
  personId: PersonId,
): Result<Project> {
  if (!project.members.includes(personId)) {
    return failure('project.not_member', `${personId} is not a member of ${project.id}`);
  }
  const selfAppointed = needsMaintainer(project) && actorId === personId;
  if (!selfAppointed) {
    const allowed = requireMaintainer(project, actorId);
    if (!allowed.ok) return allowed;
  }
  return ok({ ...project, maintainers: sortedUnique([...project.maintainers, personId]) });
}

/** Stepping down is always allowed; removing another maintainer needs a maintainer. */
export function removeMaintainer(
  project: Project,
  actorId: PersonId,
  personId: PersonId,
): Result<Project> {
  if (actorId !== personId) {
    const allowed = requireMaintainer(project, actorId);
    if (!allowed.ok) return allowed;
  }
  return ok({ ...project, maintainers: without(project.maintainers, personId) });
}

/** Names (or un-names) a peer who may confirm work records for the project (M2). */
export function setNamedConfirmer(
  project: Project,
  actorId: PersonId,
  personId: PersonId,
  named: boolean,
): Result<Project> {
  const allowed = requireMaintainer(project, actorId);
  if (!allowed.ok) return allowed;
  const namedConfirmers = named
    ? sortedUnique([...project.namedConfirmers, personId])
    : without(project.namedConfirmers, personId);
  return ok({ ...project, namedConfirmers });
}

/** Who may confirm a work record of this project: its maintainers and the peers it named. */
export function confirmationPolicy(project: Project): {
  maintainers: readonly PersonId[];
  namedPeers: readonly PersonId[];
} {
  return { maintainers: project.maintainers, namedPeers: project.namedConfirmers };
}

export function addCommons(project: Project, items: readonly CommonsItemId[]): Project {
  return { ...project, commons: sortedUnique([...project.commons, ...items]) };
}

export function joinPool(project: Project, poolId: PoolId): Project {
  return { ...project, poolIds: sortedUnique([...project.poolIds, poolId]) };
}

export interface LeavePoolOutcome<PreOrderId extends string> {
  readonly project: Project;
  /** Open pre-orders the pool re-offers to its other projects (reference §4.9). */
  readonly preOrdersToReoffer: readonly PreOrderId[];
  /**
   * What stays with the pool as commons: the project's unconsumed stock and unamortised means
   * of production, in mWH, so the pool's books keep the effort that went into them.
   */
  readonly leftAsCommonsEffortMilli: number;
}

/**
 * A project leaves a pool by its own decision. Its members keep their personal balances; what
 * the pool's effort produced and was not taken stays commons of the pool, and open pre-orders
 * are re-offered inside the pool.
 */
export function leavePool<PreOrderId extends string>(
  project: Project,
  poolId: PoolId,
  open: {
    readonly preOrders: readonly PreOrderId[];
    readonly stockEffortMilli: number;
    readonly unamortisedMeansEffortMilli: number;
  },
): Result<LeavePoolOutcome<PreOrderId>> {
  if (!project.poolIds.includes(poolId)) {
    return failure('project.not_in_pool', `${project.id} is not in pool ${poolId}`);
  }
  return ok({
    project: { ...project, poolIds: without(project.poolIds, poolId) },
    preOrdersToReoffer: sortedUnique(open.preOrders),
    leftAsCommonsEffortMilli: open.stockEffortMilli + open.unamortisedMeansEffortMilli,
  });
}

export interface ForkCommand {
  readonly newId: ProjectId;
  /** Whoever forks: the new project's founders, members and first maintainers. */
  readonly founders: readonly PersonId[];
  readonly title?: string;
}

/**
 * Anyone may fork (reference P2): the fork copies title, goal, rules and commons, records where
 * it came from, and starts its own governance with its founders. It joins no pool and copies
 * no member, balance or pool membership; the original is unchanged.
 */
export function forkProject(original: Project, command: ForkCommand): Result<Project> {
  if (command.newId === original.id) {
    return failure('project.same_id', 'a fork needs an id of its own');
  }
  const created = createProject({
    id: command.newId,
    title: command.title ?? original.title,
    goal: original.goal,
    rules: original.rules,
    founders: command.founders,
  });
  if (!created.ok) return created;
  return ok({ ...created.value, commons: [...original.commons], forkedFrom: original.id });
}
