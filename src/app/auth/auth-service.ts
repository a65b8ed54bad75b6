// Identity use cases (issue 15): accounts with argon2id passwords, sessions (opaque tokens
// stored hashed, idle and absolute expiry, a new token at every sign-in, revoked at sign-out),
// personal access tokens (scoped read or write, expiring, revocable) and one-time links
// (invitations and password resets) that a coordinator hands out, so no mail server is needed.
// The clock and the randomness are injected: tests are deterministic.
import { failure, ok, type Result } from '../../core/result.ts';
import type { AccessTokenRow, AuthStore, LinkPurpose, RoleGrant } from '../ports/auth-store.ts';
import { commitAccountWrite, type RequestContext } from './account-writes.ts';
import { isCommonPassword } from './common-passwords.ts';
import type { PasswordHasher } from './passwords.ts';
import type { PendingSignIn, PendingSignIns } from './pending-sign-ins.ts';
import { newId, newSecret, type RandomBytes, secretSha256 } from './secrets.ts';
import type { RecordSecurityEvent, RequestSource } from './security-events.ts';
import { createSignInLockout, DEFAULT_LOCKOUT, type LockoutRule } from './sign-in-lockout.ts';

export type AuthFailureCode =
  | 'auth.invalid_credentials'
  | 'auth.locked'
  | 'auth.unauthenticated'
  | 'auth.link_invalid'
  | 'auth.weak_password'
  | 'auth.password_too_common'
  | 'auth.login_taken'
  | 'auth.unknown_account'
  | 'auth.unknown_token';

export interface AuthSettings {
  /** A session unused this long ends. */
  readonly sessionIdleMs: number;
  /** A session ends this long after sign-in however much it is used. */
  readonly sessionAbsoluteMs: number;
  /** How long an invitation or reset link can be redeemed. */
  readonly linkTtlMs: number;
  /** The longest life an access token may be given. */
  readonly tokenMaxTtlMs: number;
  /** When repeated wrong passwords lock a login for a while (default DEFAULT_LOCKOUT). */
  readonly signInLockout?: LockoutRule;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  sessionIdleMs: 2 * DAY_MS,
  sessionAbsoluteMs: 30 * DAY_MS,
  linkTtlMs: 7 * DAY_MS,
  tokenMaxTtlMs: 365 * DAY_MS,
};

/** Sessions are marked used at most this often, so reads do not each write. */
const TOUCH_EVERY_MS = 60_000;
export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 256;

export interface AuthDeps {
  readonly store: AuthStore;
  readonly passwords: PasswordHasher;
  readonly now: () => number;
  readonly random: RandomBytes;
  readonly settings?: AuthSettings;
  /** Sign-ins of accounts with a second factor wait here for it (decision 0060). */
  readonly pendingSignIns?: PendingSignIns;
  /** Where security events go (sign-ins, refusals, tokens...); none: not recorded. */
  readonly events?: RecordSecurityEvent;
}

/** A password step's outcome: a session, or a sign-in waiting for its second factor. */
export type PasswordSignIn =
  | { readonly accountId: string; readonly token: string }
  | { readonly accountId: string; readonly secondFactor: PendingSignIn };

export interface TokenGrant {
  readonly accountId: string;
  readonly scope: 'read' | 'write';
  /** The account's roles, read with the token. */
  readonly grants: readonly RoleGrant[];
}

export interface SessionGrant {
  readonly accountId: string;
  /** The account's roles, read with the session. */
  readonly grants: readonly RoleGrant[];
}

export type AccessTokenView = Omit<AccessTokenRow, 'accountId'>;

export function createAuthService(deps: AuthDeps) {
  const { store, passwords, now, random } = deps;
  const event = deps.events ?? (async () => {});
  const settings = deps.settings ?? DEFAULT_AUTH_SETTINGS;
  const lockout = createSignInLockout(settings.signInLockout ?? DEFAULT_LOCKOUT, now);
  /** A hash of a random password, made once, that no password typed matches. */
  let decoy: Promise<string> | undefined;
  const decoyHash = () => {
    decoy ??= passwords.hash(newSecret(random, 'decoy_'));
    return decoy;
  };

  const passwordRefused = async (password: string) => {
    if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
      return failure(
        'auth.weak_password',
        `a password has ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
      );
    }
    // A new password on the list of common and breached ones is the first a guesser tries.
    return (await isCommonPassword(password))
      ? failure('auth.password_too_common', 'this password is one of the most common ones')
      : null;
  };

  /** A new session of the account, labelled with the agent of the request that began it. */
  async function startSession(accountId: string, source: RequestSource): Promise<string> {
    const token = newSecret(random, 'pcs');
    const at = now();
    await store.insertSession(secretSha256(token), {
      accountId,
      createdAt: at,
      lastSeenAt: at,
      revoked: false,
      agent: source.agent,
    });
    return token;
  }

  async function issueLink(
    tx: AuthStore,
    accountId: string,
    purpose: LinkPurpose,
    createdBy: string,
  ) {
    const token = newSecret(random, 'pcl');
    const expiresAt = now() + settings.linkTtlMs;
    await tx.insertLink(secretSha256(token), {
      accountId,
      purpose,
      createdBy,
      expiresAt,
      used: false,
    });
    return { token, expiresAt };
  }

  return {
    settings,
    /** Shared with the second sign-in step, whose wrong codes count like wrong passwords. */
    lockout,
    startSession,

    /** Creates an account; without a password it is opened by an invitation link. */
    async createAccount(
      login: string,
      password: string | null,
    ): Promise<Result<{ readonly accountId: string }, { code: AuthFailureCode; detail: string }>> {
      if (password !== null) {
        const refused = await passwordRefused(password);
        if (refused !== null) return refused;
      }
      const accountId = newId(random, 'acc');
      const passwordHash = password === null ? null : await passwords.hash(password);
      const inserted = await store.insertAccount({
        accountId,
        login,
        passwordHash,
        createdAt: now(),
      });
      if (!inserted) return failure('auth.login_taken', `the login "${login}" is taken`);
      return ok({ accountId });
    },

    /** Signs in with a password: a new session token, whatever session came before. */
    async signIn(
      login: string,
      password: string,
      context: RequestContext,
    ): Promise<Result<PasswordSignIn, { code: AuthFailureCode; detail: string }>> {
      // A locked login is refused before its password is looked at: no guess counts then.
      const locked = lockout.lockedFor(login);
      if (locked !== null) {
        const lockedAccount = await store.findAccountByLogin(login);
        await event(
          {
            kind: 'sign_in.locked',
            accountId: lockedAccount?.accountId ?? null,
            login,
            detail: {},
          },
          context.source,
        );
        const minutes = Math.ceil(locked / 60_000);
        return failure(
          'auth.locked',
          `too many wrong passwords for this login; try again in ${minutes} min`,
        );
      }
      const account = await store.findAccountByLogin(login);
      // A login without an account (or without a password yet) is checked against a decoy
      // hash, so that it costs what a wrong password costs and the time taken does not tell
      // which logins exist (ASVS 6.3.8).
      const stored = account?.passwordHash ?? null;
      const verified = await passwords.verify(stored ?? (await decoyHash()), password);
      const matches = stored !== null && verified;
      if (!matches || account === undefined) {
        lockout.failed(login);
        await event(
          {
            kind: 'sign_in.failed',
            accountId: account?.accountId ?? null,
            login,
            detail: {},
          },
          context.source,
        );
        return failure('auth.invalid_credentials', 'the login or the password is wrong');
      }
      // With a second factor the lock is not cleared yet: a right password must not reset the
      // count of wrong codes.
      const pending = await deps.pendingSignIns?.begin(account.accountId, login);
      if (pending != null) {
        await event(
          {
            kind: 'sign_in.code_required',
            accountId: account.accountId,
            login,
            detail: {},
          },
          context.source,
        );
        return ok({ accountId: account.accountId, secondFactor: pending });
      }
      lockout.clear(login);
      const token = await startSession(account.accountId, context.source);
      await event(
        { kind: 'sign_in.succeeded', accountId: account.accountId, login, detail: {} },
        context.source,
      );
      return ok({ accountId: account.accountId, token });
    },

    /** The account of a live session, with its roles; a session past its idle or absolute
     *  expiry is ended. The expiry is checked here against the clock, on every call, whether the
     *  store read the row now or kept it (credential-cache.ts). */
    async sessionAccount(
      token: string,
    ): Promise<Result<SessionGrant, { code: AuthFailureCode; detail: string }>> {
      const tokenSha256 = secretSha256(token);
      const found = await store.findSessionWithRoles(tokenSha256);
      const at = now();
      if (found === undefined) {
        return failure('auth.unauthenticated', 'the session has ended; sign in again');
      }
      const { session } = found;
      if (
        session.revoked ||
        at - session.lastSeenAt > settings.sessionIdleMs ||
        at - session.createdAt > settings.sessionAbsoluteMs
      ) {
        return failure('auth.unauthenticated', 'the session has ended; sign in again');
      }
      if (at - session.lastSeenAt >= TOUCH_EVERY_MS) await store.touchSession(tokenSha256, at);
      return ok({ accountId: session.accountId, grants: found.roles });
    },

    /** Ends the session of a token; a live one's end is a security event. */
    async signOut(token: string, context: RequestContext) {
      const tokenSha256 = secretSha256(token);
      const session = await store.findSession(tokenSha256);
      await store.revokeSession(tokenSha256);
      if (session !== undefined && !session.revoked) {
        await event(
          { kind: 'sign_out', accountId: session.accountId, login: null, detail: {} },
          context.source,
        );
      }
    },

    async createAccessToken(
      accountId: string,
      name: string,
      scope: 'read' | 'write',
      ttlMs: number,
      context: RequestContext,
    ) {
      const token = newSecret(random, 'pct');
      const createdAt = now();
      const row: AccessTokenRow = {
        tokenId: newId(random, 'tok'),
        accountId,
        name,
        scope,
        createdAt,
        expiresAt: createdAt + Math.min(ttlMs, settings.tokenMaxTtlMs),
        revoked: false,
      };
      const { accountId: _owner, ...view } = row;
      const made = await commitAccountWrite(store, context, async (tx) => {
        await tx.insertToken(secretSha256(token), row);
        await event(
          {
            kind: 'token.created',
            accountId,
            login: null,
            detail: { tokenId: row.tokenId, scope },
          },
          context.source,
          tx,
        );
        return ok({ ...view, token });
      });
      if (!made.ok) throw new Error('a token insert answers no failure');
      return made.value;
    },

    /** The account and scope of a live access token. */
    async tokenAccount(
      token: string,
    ): Promise<Result<TokenGrant, { code: AuthFailureCode; detail: string }>> {
      const found = await store.findTokenWithRoles(secretSha256(token));
      if (found === undefined || found.token.revoked || now() >= found.token.expiresAt) {
        return failure('auth.unauthenticated', 'the access token is unknown, revoked or expired');
      }
      return ok({
        accountId: found.token.accountId,
        scope: found.token.scope,
        grants: found.roles,
      });
    },

    async listTokens(accountId: string): Promise<AccessTokenView[]> {
      return (await store.tokensOf(accountId)).map(({ accountId: _owner, ...view }) => view);
    },

    async revokeToken(accountId: string, tokenId: string, context: RequestContext) {
      return commitAccountWrite(store, context, async (tx) => {
        if (!(await tx.revokeToken(accountId, tokenId))) {
          return failure('auth.unknown_token', `no token "${tokenId}"`);
        }
        await event(
          { kind: 'token.revoked', accountId, login: null, detail: { tokenId } },
          context.source,
          tx,
        );
        return ok({ tokenId });
      });
    },

    /**
     * An invitation for a new login: the account exists without a password until redeemed.
     * `accountId`, when given, is the id a retried request asks for again: an invitation cut
     * off after its account was made (a crash before the answer) is finished with a new link,
     * while the account has no password yet. `tx`: the transaction of the write it is part of.
     */
    async invite(
      login: string,
      createdBy: string,
      accountId = newId(random, 'acc'),
      tx: AuthStore = store,
    ) {
      const inserted = await tx.insertAccount({
        accountId,
        login,
        passwordHash: null,
        createdAt: now(),
      });
      if (!inserted) {
        const taken = await tx.findAccountByLogin(login);
        if (taken?.accountId !== accountId || taken.passwordHash !== null) {
          return failure('auth.login_taken', `the login "${login}" is taken`);
        }
      }
      return ok({ accountId, ...(await issueLink(tx, accountId, 'invitation', createdBy)) });
    },

    /** `tx`: the transaction of the write it is part of. */
    async resetLink(accountId: string, createdBy: string, tx: AuthStore = store) {
      if ((await tx.findAccount(accountId)) === undefined) {
        return failure('auth.unknown_account', `no account "${accountId}"`);
      }
      return ok({ accountId, ...(await issueLink(tx, accountId, 'reset', createdBy)) });
    },

    /** Sets the password through a link, once; every session of the account ends. */
    /**
     * A signed-in account's new password, given the current one (ASVS 6.2.3). Every session of
     * the account ends, the caller's too, and the caller gets a new one; a wrong current password
     * counts toward the login's lock as a wrong sign-in does.
     */
    async changePassword(
      accountId: string,
      current: string,
      next: string,
      context: RequestContext,
    ) {
      const account = await store.findAccount(accountId);
      if (account === undefined)
        return failure('auth.unknown_account', `no account "${accountId}"`);
      const locked = lockout.lockedFor(account.login);
      if (locked !== null) {
        const minutes = Math.ceil(locked / 60_000);
        return failure(
          'auth.locked',
          `too many wrong passwords for this login; try again in ${minutes} min`,
        );
      }
      const matches =
        account.passwordHash !== null && (await passwords.verify(account.passwordHash, current));
      if (!matches) {
        lockout.failed(account.login);
        await event(
          { kind: 'password.change_refused', accountId, login: null, detail: {} },
          context.source,
        );
        return failure('auth.wrong_current_password', 'the current password is wrong');
      }
      const refused = await passwordRefused(next);
      if (refused !== null) return refused;
      await store.setPassword(accountId, await passwords.hash(next));
      await store.revokeSessionsOf(accountId);
      lockout.clear(account.login);
      await event({ kind: 'password.changed', accountId, login: null, detail: {} }, context.source);
      return ok({ accountId, token: await startSession(accountId, context.source) });
    },

    async redeemLink(token: string, password: string, context: RequestContext) {
      const refused = await passwordRefused(password);
      if (refused !== null) return refused;
      const link = await store.useLink(secretSha256(token));
      if (link === undefined || now() >= link.expiresAt) {
        return failure('auth.link_invalid', 'the link is unknown, used or expired');
      }
      await store.setPassword(link.accountId, await passwords.hash(password));
      await store.revokeSessionsOf(link.accountId);
      // A new password set through a coordinator's link ends a lock on the login.
      const account = await store.findAccount(link.accountId);
      if (account !== undefined) lockout.clear(account.login);
      await event(
        {
          kind: 'link.used',
          accountId: link.accountId,
          login: null,
          detail: { purpose: link.purpose },
        },
        context.source,
      );
      return ok({ accountId: link.accountId, purpose: link.purpose });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
