// Who is asking: an account with the roles it holds (or the public), and whether it may write
// (a session or a write-scoped token may; a read-scoped token may not). Maintainers and named
// confirmers are not stored roles: they follow from the pool's projects through the person a
// member account is linked to (MODEL.md M2), so the pool's facts come along.
import type { RoleGrant, StoredRole } from '../ports/auth-store.ts';

export interface Actor {
  /** null: the public, not signed in. */
  readonly accountId: string | null;
  readonly grants: readonly RoleGrant[];
  readonly mayWrite: boolean;
}

export const PUBLIC_ACTOR: Actor = { accountId: null, grants: [], mayWrite: false };

/** What the policies need to know of a pool besides the actor. */
export interface PoolFacts {
  readonly poolId: string;
  readonly publicBooks: boolean;
  /** Project id → the persons who may confirm its work: maintainers and named confirmers. */
  readonly confirmers: ReadonlyMap<string, readonly string[]>;
  /** Project id → its maintainers. */
  readonly maintainers: ReadonlyMap<string, readonly string[]>;
  /** Task instance id (of the open period) → its project; product id → its project. */
  readonly projectOfTask: ReadonlyMap<string, string>;
  readonly projectOfProduct: ReadonlyMap<string, string>;
  /** Association id → its parent (null: a top-level association). */
  readonly associationParent: ReadonlyMap<string, string | null>;
  /** Person id → the association they reside in as of the open period (null: none). */
  readonly residenceOf: ReadonlyMap<string, string | null>;
  /** Resource id → its steward association; housing unit id → its steward association. */
  readonly resourceSteward: ReadonlyMap<string, string>;
  readonly unitSteward: ReadonlyMap<string, string | null>;
  /** Pre-order id (given up to the open period) → whose it is and of which product. */
  readonly preOrders: ReadonlyMap<
    string,
    { readonly personId: string; readonly productId: string }
  >;
}

export const holds = (actor: Actor, poolId: string, role: StoredRole): boolean =>
  actor.grants.some((g) => g.poolId === poolId && g.role === role);

/** The persons of the pool the actor's account is linked to. */
export const personsOf = (actor: Actor, poolId: string): string[] =>
  actor.grants.filter((g) => g.poolId === poolId && g.role === 'member').map((g) => g.subject);

/** Any role in the pool makes one of its people. */
export const belongsTo = (actor: Actor, poolId: string): boolean =>
  actor.grants.some((g) => g.poolId === poolId);

export const maintains = (actor: Actor, facts: PoolFacts, projectId: string): boolean => {
  const maintainers = facts.maintainers.get(projectId) ?? [];
  return personsOf(actor, facts.poolId).some((person) => maintainers.includes(person));
};

export const confirmsFor = (actor: Actor, facts: PoolFacts, projectId: string): string | null => {
  const confirmers = facts.confirmers.get(projectId) ?? [];
  return personsOf(actor, facts.poolId).find((person) => confirmers.includes(person)) ?? null;
};

/** Whether the actor stewards this association: as its steward or a steward of an association
 *  it belongs to (a city's steward looks after its neighbourhoods). */
export const stewards = (
  actor: Actor,
  facts: PoolFacts,
  associationId: string | null | undefined,
): boolean => {
  const mine = new Set(
    actor.grants
      .filter((g) => g.poolId === facts.poolId && g.role === 'steward')
      .map((g) => g.subject),
  );
  const seen = new Set<string>();
  let at = associationId ?? null;
  while (at !== null && !seen.has(at)) {
    if (mine.has(at)) return true;
    seen.add(at);
    at = facts.associationParent.get(at) ?? null;
  }
  return false;
};
