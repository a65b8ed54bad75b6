// The people of a pool as the server keeps them: roles granted and taken back, invitations
// and reset links a coordinator hands out (and mails, when the server has a mail server), and
// whether the pool's books are public. Every role change goes into the pool's audit log, which
// its members read.
import { failure, ok } from '../../core/result.ts';
import { commitAccountWrite, type RequestContext } from '../auth/account-writes.ts';
import type { AuthService } from '../auth/auth-service.ts';
import { linkMailMessage } from '../auth/link-mail.ts';
import type { RecordSecurityEvent } from '../auth/security-events.ts';
import type { EconomyService } from '../economy/economy-service.ts';
import type { Actor } from '../policies/actor.ts';
import { canChangeRole, canCoordinate, canResetAccount } from '../policies/permissions.ts';
import type { AuthStore, RoleGrant } from '../ports/auth-store.ts';
import type { LinkMail } from '../ports/mailer.ts';
import { textSha256 } from '../sha256.ts';
import { auditWriter, refusedBy } from './audit.ts';

export interface PoolPeopleDeps {
  readonly auth: AuthService;
  readonly authStore: AuthStore;
  readonly economy: EconomyService;
  readonly now: () => number;
  /** The mail server links are sent through; null: none configured. */
  readonly mail?: LinkMail | null;
  /** Where role changes go as security events of the account concerned. */
  readonly events?: RecordSecurityEvent;
}

/** A link made: its secret and expiry, and whether it went out by mail. */
interface LinkMade {
  readonly accountId: string;
  readonly token: string;
  readonly expiresAt: number;
}

export function createPoolPeople(deps: PoolPeopleDeps) {
  const { auth, authStore, economy, now } = deps;
  const mail = deps.mail ?? null;

  /** An address given while no mail server is configured is refused before anything is made. */
  const unmailable = (email: string | undefined) =>
    email !== undefined && mail === null
      ? failure('mail.not_configured', 'this server sends no mail; pass the link on by hand')
      : null;

  /** Sends the link to `email` (when given); the link stands either way, shown to the caller. */
  async function mailed(
    kind: 'invitation' | 'reset',
    poolId: string,
    login: string,
    link: LinkMade,
    email: string | undefined,
  ) {
    if (email === undefined || mail === null) {
      return { ...link, mailed: false };
    }
    const message = linkMailMessage({
      kind,
      to: email,
      poolId,
      login,
      publicUrl: mail.publicUrl,
      token: link.token,
      expiresAt: link.expiresAt,
    });
    const sent = await mail.mailer.send(message);
    return sent.ok
      ? { ...link, mailed: true }
      : { ...link, mailed: false, mailProblem: sent.error.detail };
  }

  /** The audit log's writer in the transaction `tx`. */
  const audit = (tx: AuthStore) => auditWriter(tx, now);
  const event = deps.events ?? (async () => {});
  /** A role change as a security event of the account whose role changed. */
  const roleEvent = (
    tx: AuthStore,
    context: RequestContext,
    actor: Actor,
    accountId: string,
    grant: RoleGrant,
    granted: boolean,
  ) =>
    event(
      {
        kind: granted ? 'role.granted' : 'role.revoked',
        accountId,
        login: null,
        detail: {
          poolId: grant.poolId,
          role: grant.role,
          subject: grant.subject,
          by: actor.accountId ?? '',
        },
      },
      context.source,
      tx,
    );

  /** The pool must exist; and a member's person must be one of its persons. */
  async function checkGrant(poolId: string, grant: RoleGrant) {
    const scenario = await economy.scenario(poolId);
    if (!scenario.ok) return scenario;
    if (grant.role === 'member' && !scenario.value.persons.some((p) => p.id === grant.subject)) {
      return failure('economy.invalid_input', `pool "${poolId}" has no person "${grant.subject}"`);
    }
    if (
      grant.role === 'steward' &&
      !scenario.value.associations.some((a) => a.id === grant.subject)
    ) {
      return failure(
        'economy.invalid_input',
        `pool "${poolId}" has no association "${grant.subject}"`,
      );
    }
    return ok(grant);
  }

  async function changeRole(
    actor: Actor,
    accountId: string,
    grant: RoleGrant,
    granting: boolean,
    context: RequestContext,
  ) {
    const decision = canChangeRole(actor, grant.poolId, accountId, grant);
    if (!decision.allowed) return refusedBy(decision);
    const checked = await checkGrant(grant.poolId, grant);
    if (!checked.ok) return checked;
    if ((await authStore.findAccount(accountId)) === undefined) {
      return failure('auth.unknown_account', `no account "${accountId}"`);
    }
    // The change and its audit entry commit together: a change the log lacks cannot remain.
    return commitAccountWrite(authStore, context, async (tx) => {
      const changed = granting
        ? await tx.grantRole(accountId, grant)
        : await tx.revokeRole(accountId, grant);
      if (changed) {
        await audit(tx)(grant.poolId, actor, granting ? 'role.granted' : 'role.revoked', {
          accountId,
          role: grant.role,
          subject: grant.subject,
        });
        await roleEvent(tx, context, actor, accountId, grant, granting);
      }
      return ok({ accountId, ...grant, changed });
    });
  }

  return {
    /** Whether invitations and reset links can be mailed (a mail server is configured). */
    sendsMail: mail !== null,
    grantRole: (actor: Actor, accountId: string, grant: RoleGrant, context: RequestContext) =>
      changeRole(actor, accountId, grant, true, context),
    revokeRole: (actor: Actor, accountId: string, grant: RoleGrant, context: RequestContext) =>
      changeRole(actor, accountId, grant, false, context),

    async roles(poolId: string) {
      return authStore.rolesInPool(poolId);
    },

    /**
     * A new account for a person of the pool, opened by the one-time link answered here. With
     * the request's idempotency key the account's id follows from the actor and the key, so
     * the same request made again after a crash finishes the same invitation. With `email`
     * the link is mailed there too.
     */
    async invite(
      actor: Actor,
      poolId: string,
      login: string,
      personId: string,
      key: string | undefined,
      email: string | undefined,
      context: RequestContext,
    ) {
      const decision = canCoordinate(actor, poolId);
      if (!decision.allowed) return refusedBy(decision);
      const noMail = unmailable(email);
      if (noMail !== null) return noMail;
      const grant: RoleGrant = { poolId, role: 'member', subject: personId };
      const checked = await checkGrant(poolId, grant);
      if (!checked.ok) return checked;
      const accountId =
        key === undefined
          ? undefined
          : `acc_${textSha256(`${actor.accountId}:${key}`).slice(0, 24)}`;
      const invited = await commitAccountWrite(authStore, context, async (tx) => {
        const made = await auth.invite(login, actor.accountId!, accountId, tx);
        if (!made.ok) return made;
        await tx.grantRole(made.value.accountId, grant);
        await audit(tx)(poolId, actor, 'role.granted', {
          accountId: made.value.accountId,
          role: 'member',
          subject: personId,
          invitation: true,
        });
        await roleEvent(tx, context, actor, made.value.accountId, grant, true);
        return ok({ ...made.value, mailed: false });
      });
      if (!invited.ok) return invited;
      // Mailed after the commit, never while the transaction holds the database.
      return ok(await mailed('invitation', poolId, login, invited.value, email));
    },

    /** A reset link for an account that holds a role in the pool, mailed to `email` if given. */
    async resetLink(
      actor: Actor,
      poolId: string,
      accountId: string,
      email: string | undefined,
      context: RequestContext,
    ) {
      const decision = canCoordinate(actor, poolId);
      if (!decision.allowed) return refusedBy(decision);
      const noMail = unmailable(email);
      if (noMail !== null) return noMail;
      const roles = await authStore.rolesOf(accountId);
      if (!roles.some((r) => r.poolId === poolId)) {
        return failure('auth.unknown_account', `no account "${accountId}" in pool "${poolId}"`);
      }
      const resetting = canResetAccount(actor, poolId, roles);
      if (!resetting.allowed) return refusedBy(resetting);
      const login = (await authStore.findAccount(accountId))?.login ?? accountId;
      const link = await commitAccountWrite(authStore, context, async (tx) => {
        const made = await auth.resetLink(accountId, actor.accountId!, tx);
        if (!made.ok) return made;
        await audit(tx)(poolId, actor, 'account.reset_link', { accountId });
        return ok({ ...made.value, mailed: false });
      });
      if (!link.ok) return link;
      return ok(await mailed('reset', poolId, login, link.value, email));
    },

    async setPublicBooks(actor: Actor, poolId: string, open: boolean, context: RequestContext) {
      const decision = canCoordinate(actor, poolId);
      if (!decision.allowed) return refusedBy(decision);
      const status = await economy.status(poolId);
      if (!status.ok) return status;
      return commitAccountWrite(authStore, context, async (tx) => {
        if ((await tx.publicBooks(poolId)) !== open) {
          await tx.setPublicBooks(poolId, open);
          await audit(tx)(poolId, actor, 'books.visibility', { publicBooks: open });
        }
        return ok({ poolId, publicBooks: open });
      });
    },
  };
}

export type PoolPeople = ReturnType<typeof createPoolPeople>;
