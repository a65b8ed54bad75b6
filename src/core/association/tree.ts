// The tree of local associations (reference §4.12, MODEL.md M11) and who lives where.
//
// Associations are territorial and nested: neighbourhood ⊂ town ⊂ region. A person lives in
// exactly one association per level; we store only the residence at the lowest level they
// live in, and membership of every higher level is derived by walking up the tree, so the
// levels can never disagree.

import { assert } from '../assert.ts';
import type { AssociationId, PersonId, ProjectId } from '../ids.ts';
import { inPeriodRange } from '../periods.ts';
import { failure, ok, type Result } from '../result.ts';
import { compareIds } from '../units.ts';

/** An inclusive range of pool periods; an open end means "until further notice". */
export interface Validity {
  readonly validFromPeriod: number;
  readonly validUntilPeriod?: number;
}

export function isValidIn(validity: Validity, period: number): boolean {
  return inPeriodRange(period, validity.validFromPeriod, validity.validUntilPeriod);
}

export interface AssociationNode {
  readonly id: AssociationId;
  /** The next larger association; absent for a root (the largest level that exists). */
  readonly parentId?: AssociationId;
  /** Free label of the level, e.g. `neighbourhood`, `town`, `region`. */
  readonly level: string;
}

export interface AssociationTree {
  readonly nodes: ReadonlyMap<AssociationId, AssociationNode>;
  /** Children of each association, sorted by id so every walk is deterministic. */
  readonly children: ReadonlyMap<AssociationId, readonly AssociationId[]>;
}

/** A person's residence at the lowest association they live in, for a validity period. */
export interface Residence extends Validity {
  readonly personId: PersonId;
  readonly associationId: AssociationId;
}

/** A project is "of" an association (reference §4.14: inhabitants and their projects). */
export interface ProjectSeat extends Validity {
  readonly projectId: ProjectId;
  readonly associationId: AssociationId;
}

export type TreeFailureCode =
  | 'association.duplicate_id'
  | 'association.unknown_parent'
  | 'association.cycle';

/** The most associations one tree may hold (a limit on everything). */
export const ASSOCIATIONS_MAX = 100_000;

export function buildAssociationTree(
  nodes: readonly AssociationNode[],
): Result<AssociationTree, { code: TreeFailureCode; detail: string }> {
  assert(nodes.length <= ASSOCIATIONS_MAX, 'too many associations in one tree');
  const byId = new Map<AssociationId, AssociationNode>();
  for (const node of nodes) {
    if (byId.has(node.id)) {
      return failure('association.duplicate_id', `association ${node.id} is listed twice`);
    }
    byId.set(node.id, node);
  }
  const children = new Map<AssociationId, AssociationId[]>();
  for (const node of byId.values()) children.set(node.id, []);
  for (const node of byId.values()) {
    if (node.parentId === undefined) continue;
    const siblings = children.get(node.parentId);
    if (siblings === undefined) {
      return failure(
        'association.unknown_parent',
        `association ${node.id} names unknown parent ${node.parentId}`,
      );
    }
    siblings.push(node.id);
  }
  // Every walk up must reach a root within |nodes| steps, otherwise there is a cycle.
  for (const node of byId.values()) {
    let current: AssociationNode | undefined = node;
    let steps = 0;
    while (current?.parentId !== undefined) {
      steps += 1;
      if (steps > byId.size) {
        return failure('association.cycle', `association ${node.id} is its own ancestor`);
      }
      current = byId.get(current.parentId);
    }
  }
  for (const list of children.values()) list.sort(compareIds);
  return ok({ nodes: byId, children });
}

/** The association itself and every larger one it lies in, lowest level first. */
export function levelsOf(tree: AssociationTree, associationId: AssociationId): AssociationId[] {
  const chain: AssociationId[] = [];
  let current = tree.nodes.get(associationId);
  assert(current !== undefined, `unknown association ${associationId}`);
  while (current !== undefined) {
    chain.push(current.id);
    current = current.parentId === undefined ? undefined : tree.nodes.get(current.parentId);
  }
  return chain;
}

/** True when `inner` is `outer` or lies inside it. */
export function liesWithin(
  tree: AssociationTree,
  inner: AssociationId,
  outer: AssociationId,
): boolean {
  return levelsOf(tree, inner).includes(outer);
}

export type ResidenceFailureCode = 'association.unknown' | 'association.residence_overlap';

/**
 * Checks residences against the tree: every association exists and no person lives in two
 * places in the same period (one association per level, reference §4.12).
 */
export function checkResidences(
  tree: AssociationTree,
  residences: readonly Residence[],
): Result<true, { code: ResidenceFailureCode; detail: string }> {
  const byPerson = new Map<PersonId, Residence[]>();
  for (const residence of residences) {
    if (!tree.nodes.has(residence.associationId)) {
      return failure(
        'association.unknown',
        `${residence.personId} resides in unknown association ${residence.associationId}`,
      );
    }
    const list = byPerson.get(residence.personId) ?? [];
    for (const other of list) {
      if (overlaps(other, residence)) {
        return failure(
          'association.residence_overlap',
          `${residence.personId} has two residences in the same period`,
        );
      }
    }
    list.push(residence);
    byPerson.set(residence.personId, list);
  }
  return ok(true);
}

function overlaps(a: Validity, b: Validity): boolean {
  const aEnd = a.validUntilPeriod ?? Number.POSITIVE_INFINITY;
  const bEnd = b.validUntilPeriod ?? Number.POSITIVE_INFINITY;
  return a.validFromPeriod <= bEnd && b.validFromPeriod <= aEnd;
}

/** Where a person lives in a period (the lowest level), or undefined. */
export function residenceOf(
  residences: readonly Residence[],
  personId: PersonId,
  period: number,
): AssociationId | undefined {
  for (const residence of residences) {
    if (residence.personId === personId && isValidIn(residence, period)) {
      return residence.associationId;
    }
  }
  return undefined;
}

/**
 * The inhabitants of an association in a period: everyone whose residence lies in it or in
 * one of its sub-associations. Sorted by id.
 */
export function inhabitantsOf(
  tree: AssociationTree,
  residences: readonly Residence[],
  associationId: AssociationId,
  period: number,
): PersonId[] {
  const inside = new Set(subtreeOf(tree, associationId));
  const found = new Set<PersonId>();
  for (const residence of residences) {
    if (isValidIn(residence, period) && inside.has(residence.associationId)) {
      found.add(residence.personId);
    }
  }
  return [...found].sort(compareIds);
}

/** The association and all associations below it, in depth-first order by id. */
export function subtreeOf(tree: AssociationTree, associationId: AssociationId): AssociationId[] {
  assert(tree.nodes.has(associationId), `unknown association ${associationId}`);
  const out: AssociationId[] = [];
  const stack: AssociationId[] = [associationId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    out.push(id);
    const kids = tree.children.get(id) ?? [];
    for (let index = kids.length - 1; index >= 0; index -= 1) stack.push(kids[index]!);
  }
  return out;
}

/**
 * Subsidiarity (reference §4.12): a service attaches to the lowest association whose
 * territory covers all its users, i.e. the deepest common level of the users' associations.
 */
export function lowestCoveringAssociation(
  tree: AssociationTree,
  usersAt: readonly AssociationId[],
): AssociationId | undefined {
  if (usersAt.length === 0) return undefined;
  let common = levelsOf(tree, usersAt[0]!);
  for (const place of usersAt.slice(1)) {
    const chain = new Set(levelsOf(tree, place));
    common = common.filter((id) => chain.has(id));
  }
  return common[0];
}
