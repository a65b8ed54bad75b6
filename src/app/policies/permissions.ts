// Each permission is a small pure function of the actor and the pool's facts (issue 15 §2):
// the routes ask, these answer; nothing here reads a database. A refusal says why, with a
// stable code. The authorization matrix test (src/http/authorization.test.ts) pins them down.
import type { RoleGrant } from '../ports/auth-store.ts';
import {
  type Actor,
  belongsTo,
  confirmsFor,
  holds,
  maintains,
  type PoolFacts,
  personsOf,
  stewards,
} from './actor.ts';

export type PolicyCode = 'auth.unauthenticated' | 'auth.forbidden' | 'auth.read_only_token';

export type Decision =
  | { readonly allowed: true; readonly officeFor: string | null }
  | { readonly allowed: false; readonly code: PolicyCode; readonly detail: string };

const ALLOW: Decision = { allowed: true, officeFor: null };
const deny = (actor: Actor, detail: string): Decision =>
  actor.accountId === null
    ? { allowed: false, code: 'auth.unauthenticated', detail: 'sign in first' }
    : { allowed: false, code: 'auth.forbidden', detail };
const allowIf = (actor: Actor, condition: boolean, detail: string): Decision =>
  condition ? ALLOW : deny(actor, detail);

/** A write needs a signed-in account whose credential may write. */
function writing(actor: Actor): Decision | null {
  if (actor.accountId === null) return deny(actor, '');
  if (!actor.mayWrite) {
    return { allowed: false, code: 'auth.read_only_token', detail: 'this token may only read' };
  }
  return null;
}

/** The open books: aggregates, reports, prices, the journal (MODEL.md M17). */
export const canReadBooks = (actor: Actor, facts: Pick<PoolFacts, 'poolId' | 'publicBooks'>) =>
  allowIf(
    actor,
    facts.publicBooks || belongsTo(actor, facts.poolId),
    'the books of this pool are open to its people only',
  );

/** The pool's cycle, its clearing and its members' roles: for the pool's people. */
export const canReadPool = (actor: Actor, poolId: string) =>
  allowIf(actor, belongsTo(actor, poolId), "only the pool's people read this");

/** The audit log: every member may read it. */
export const canReadAudit = canReadPool;

/** One person's statement (their takings): that person and auditors only. */
export const canReadStatement = (actor: Actor, poolId: string, personId: string) =>
  allowIf(
    actor,
    statementReader(actor, poolId)(personId),
    'a statement is read by its person and by auditors',
  );

/** Whose statements the actor reads (the rule of `canReadStatement`), asked once for many
 *  persons: a journal page asks it for every person account on it. */
export function statementReader(actor: Actor, poolId: string): (personId: string) => boolean {
  if (holds(actor, poolId, 'auditor')) return () => true;
  const own = personsOf(actor, poolId);
  return (personId) => own.includes(personId);
}

/** One person's part of the open period's projection (their work, takings and balance as the
 *  period would close): that person, and coordinators and auditors, who answer for the period. */
export const canReadPersonProjection = (actor: Actor, poolId: string, personId: string) =>
  allowIf(
    actor,
    personsOf(actor, poolId).includes(personId) ||
      holds(actor, poolId, 'coordinator') ||
      holds(actor, poolId, 'auditor'),
    "a person's projection is read by that person, coordinators and auditors",
  );

/** Exports that hold every person's data (balances, statements, work, takings): auditors. */
export const canAudit = (actor: Actor, poolId: string) =>
  allowIf(actor, holds(actor, poolId, 'auditor'), "only an auditor reads every person's data");

/** A person's calendar feeds (their assigned slots behind a secret URL): that person's own. */
export const canManageCalendar = (actor: Actor, poolId: string, personId: string): Decision =>
  writing(actor) ??
  allowIf(
    actor,
    personsOf(actor, poolId).includes(personId),
    'a calendar feed is made and revoked by its person',
  );

/** Anyone may recompute the hash chain. */
export const canVerify = (_actor: Actor): Decision => ALLOW;

export const canCreatePool = (actor: Actor): Decision => writing(actor) ?? ALLOW;

/** Coordinators run the period cycle, hand out roles and links, and open the books. */
export const canCoordinate = (actor: Actor, poolId: string): Decision =>
  writing(actor) ??
  allowIf(actor, holds(actor, poolId, 'coordinator'), 'only a coordinator does this');

/** Tokens and sign-out are one's own. */
export const canManageOwnAccount = (actor: Actor): Decision =>
  actor.accountId === null ? deny(actor, '') : ALLOW;

/** Input kinds a member gives for themselves (the record's personId is theirs). */
const OWN_KINDS = new Set([
  'bids',
  'work',
  'requests',
  'preOrders',
  'wishes',
  'durationUses',
  'possession',
  'subscriptions',
]);
/** Input kinds a project's maintainer gives for the project (by projectId or productId). */
const PROJECT_KINDS = new Set([
  'tasks',
  'production',
  'writeOffs',
  'discountSales',
  'workInProgress',
]);
/** Input kinds an association's steward gives, each with the associations it concerns: the
 *  steward must steward one of them (a residency concerns the one left and the one joined). */
const STEWARD_KINDS: Record<string, (facts: PoolFacts, record: unknown) => (string | null)[]> = {
  residencies: (facts, record) => [
    facts.residenceOf.get(String(field(record, 'personId'))) ?? null,
    field(record, 'associationId') as string | null,
  ],
  capacityFactors: (facts, record) => [
    facts.residenceOf.get(String(field(record, 'personId'))) ?? null,
  ],
  dependents: (facts, record) => [facts.residenceOf.get(String(field(record, 'personId'))) ?? null],
  occupancy: (facts, record) => [facts.unitSteward.get(String(field(record, 'unitId'))) ?? null],
  dwellings: (facts, record) => [facts.unitSteward.get(String(field(record, 'unitId'))) ?? null],
  resourceClaims: (facts, record) => [
    facts.resourceSteward.get(String(field(record, 'resourceId'))) ?? null,
  ],
  leaseReleases: (facts, record) => [
    facts.resourceSteward.get(String(field(record, 'resourceId'))) ?? null,
  ],
  services: (_facts, record) => [field(record, 'associationId') as string | null],
};
/** Input kinds a member or a maintainer also gives for themselves or their project. */
const CLAIM_KINDS = new Set(['resourceClaims', 'leaseReleases']);

const field = (record: unknown, name: string): unknown =>
  record !== null && typeof record === 'object'
    ? (record as Record<string, unknown>)[name]
    : undefined;

/** The project an input of a project kind is for: named, or through its product. */
const projectOf = (facts: PoolFacts, record: unknown): string | undefined => {
  const projectId = field(record, 'projectId');
  if (typeof projectId === 'string') return projectId;
  const productId = field(record, 'productId');
  return typeof productId === 'string' ? facts.projectOfProduct.get(productId) : undefined;
};

/** Confirming a work record: a maintainer or named confirmer of the task's project, who is not
 *  the worker, and who names themselves as the confirmer. */
function confirming(actor: Actor, facts: PoolFacts, record: unknown): Decision {
  const projectId = facts.projectOfTask.get(String(field(record, 'instanceId')));
  const confirmer = projectId === undefined ? null : confirmsFor(actor, facts, projectId);
  if (confirmer === null || confirmer !== field(record, 'confirmedBy')) {
    return deny(
      actor,
      'work is confirmed by a maintainer or named confirmer of its project, as themselves',
    );
  }
  if (field(record, 'personId') === confirmer) return deny(actor, 'nobody confirms their own work');
  return ALLOW;
}

/** Cancelling a pre-order: its person, free (before production started: what was spent is
 *  the project's to say), or a maintainer of the product's project, with the effort spent. */
function cancellingPreOrder(actor: Actor, facts: PoolFacts, record: unknown): Decision {
  const order = facts.preOrders.get(String(field(record, 'preOrderId')));
  const projectId = order === undefined ? undefined : facts.projectOfProduct.get(order.productId);
  if (projectId !== undefined && maintains(actor, facts, projectId)) return ALLOW;
  const spent = field(record, 'spentEffortMilli');
  const free = spent === undefined || spent === 0;
  const own = order !== undefined && personsOf(actor, facts.poolId).includes(order.personId);
  if (own && !free) {
    return deny(actor, "the effort spent on a pre-order's batch is stated by its project");
  }
  return allowIf(
    actor,
    own,
    "a pre-order is cancelled by its person, or by a maintainer of the product's project",
  );
}

/**
 * Whether `canSubmitInput` reads more of the pool's facts than its id for this input: not for
 * what a member gives for themselves (a bid, unconfirmed work …), which is most writes; the
 * facts come from the pool's whole scenario, so a bid need not assemble it.
 */
export const needsPoolFacts = (kind: string, record: unknown): boolean => {
  const confirmedBy = field(record, 'confirmedBy');
  const confirming = kind === 'work' && confirmedBy !== null && confirmedBy !== undefined;
  return !OWN_KINDS.has(kind) || confirming;
};

/**
 * May the actor give this input to the pool? A coordinator may give any input; one for
 * another person is office mode, and the decision names that person so it is recorded.
 */
export function canSubmitInput(
  actor: Actor,
  facts: PoolFacts,
  kind: string,
  record: unknown,
): Decision {
  const notWriting = writing(actor);
  if (notWriting !== null) return notWriting;
  const mine = personsOf(actor, facts.poolId);
  const personId = field(record, 'personId');
  if (
    kind === 'work' &&
    field(record, 'confirmedBy') !== null &&
    field(record, 'confirmedBy') !== undefined
  ) {
    const confirmed = confirming(actor, facts, record);
    if (confirmed.allowed || !holds(actor, facts.poolId, 'coordinator')) return confirmed;
  }
  if (holds(actor, facts.poolId, 'coordinator')) {
    const forOther = typeof personId === 'string' && !mine.includes(personId);
    return { allowed: true, officeFor: forOther ? personId : null };
  }
  if (kind === 'preOrderCancellations') return cancellingPreOrder(actor, facts, record);
  if (OWN_KINDS.has(kind)) {
    return allowIf(
      actor,
      typeof personId === 'string' && mine.includes(personId),
      'members give inputs for themselves only',
    );
  }
  if (PROJECT_KINDS.has(kind)) {
    const projectId = projectOf(facts, record);
    return allowIf(
      actor,
      projectId !== undefined && maintains(actor, facts, projectId),
      "only the project's maintainers give this",
    );
  }
  if (CLAIM_KINDS.has(kind)) {
    // A claim on a resource (or its release) for oneself, or for a project one maintains.
    const projectId = field(record, 'projectId');
    const own =
      typeof personId === 'string'
        ? mine.includes(personId)
        : typeof projectId === 'string' && maintains(actor, facts, projectId);
    if (own) return ALLOW;
  }
  const concerns = Object.hasOwn(STEWARD_KINDS, kind) ? STEWARD_KINDS[kind] : undefined;
  if (concerns !== undefined) {
    return allowIf(
      actor,
      concerns(facts, record).some((association) => stewards(actor, facts, association)),
      'only a steward of the association it concerns gives this',
    );
  }
  return deny(actor, 'only a coordinator gives this');
}

/** Granting or taking back a role is a coordinator's, and never their own coordinator role
 *  (a pool must not lose its last coordinator by accident). */
export function canChangeRole(
  actor: Actor,
  poolId: string,
  accountId: string,
  grant: RoleGrant,
): Decision {
  const coordinating = canCoordinate(actor, poolId);
  if (!coordinating.allowed) return coordinating;
  return allowIf(
    actor,
    !(accountId === actor.accountId && grant.role === 'coordinator'),
    'a coordinator does not change their own coordinator role',
  );
}

/** A reset link hands the account to whoever holds it: a coordinator makes one only for an
 *  account of their pool that holds no role in a pool they do not coordinate (else a pool's
 *  coordinator could take over a coordinator of another pool through a shared account). */
export function canResetAccount(
  actor: Actor,
  poolId: string,
  accountGrants: readonly RoleGrant[],
): Decision {
  const coordinating = canCoordinate(actor, poolId);
  if (!coordinating.allowed) return coordinating;
  return allowIf(
    actor,
    accountGrants.every((grant) => holds(actor, grant.poolId, 'coordinator')),
    'the account holds roles in a pool this coordinator does not coordinate',
  );
}
