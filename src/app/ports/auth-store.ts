// What accounts, sessions, tokens, roles and the audit log need from a database (a port,
// implemented in src/storage). Tokens reach the store only as SHA-256 hashes: a stolen copy of
// the database opens no session.
import type { SecurityEvent } from '../auth/security-events.ts';

/** A role an account holds in one pool. Maintainers and named confirmers are not stored here:
 *  they follow from the pool's projects, through the person a member account is linked to. */
export type StoredRole = 'member' | 'coordinator' | 'steward' | 'auditor';

export interface RoleGrant {
  readonly poolId: string;
  readonly role: StoredRole;
  /** member: the person's id in the pool; steward: the association's id; else ''. */
  readonly subject: string;
}

export interface AccountRow {
  readonly accountId: string;
  readonly login: string;
  readonly passwordHash: string | null;
  readonly createdAt: number;
}

export interface SessionRow {
  readonly accountId: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly revoked: boolean;
  /** A short label of the user agent it was started from; null when unknown. */
  readonly agent: string | null;
}

export interface AccessTokenRow {
  readonly tokenId: string;
  readonly accountId: string;
  readonly name: string;
  readonly scope: 'read' | 'write';
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly revoked: boolean;
}

export type LinkPurpose = 'invitation' | 'reset';

export interface LinkRow {
  readonly accountId: string;
  readonly purpose: LinkPurpose;
  readonly createdBy: string;
  readonly expiresAt: number;
  readonly used: boolean;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: number;
  readonly actorAccountId: string;
  /** Office mode: the person a coordinator acted for; null otherwise. */
  readonly onBehalfOf: string | null;
  readonly action: string;
  readonly detail: unknown;
}

export interface AuthStore {
  /**
   * Runs `work` as one transaction on `tx`, this store's methods on it: every call of `tx` is
   * part of it, and all of them commit or none does (calls of this store itself are not).
   * Within a transaction, work calls nothing but `tx` (another store of an SQLite database
   * would wait for this one). Run again from the start when a concurrent writer conflicts;
   * `tx.transaction(work)` joins the open one.
   */
  transaction<T>(work: (tx: AuthStore) => Promise<T>): Promise<T>;

  insertAccount(account: AccountRow): Promise<boolean>;
  findAccountByLogin(login: string): Promise<AccountRow | undefined>;
  findAccount(accountId: string): Promise<AccountRow | undefined>;
  setPassword(accountId: string, passwordHash: string): Promise<void>;
  /** The language the account chose for the web app; null when it chose none. */
  accountLanguage(accountId: string): Promise<string | null>;
  setAccountLanguage(accountId: string, language: string | null): Promise<void>;

  rolesOf(accountId: string): Promise<RoleGrant[]>;
  /** Accounts holding a role in a pool, with their roles. */
  rolesInPool(poolId: string): Promise<(RoleGrant & { readonly accountId: string })[]>;
  grantRole(accountId: string, grant: RoleGrant): Promise<boolean>;
  revokeRole(accountId: string, grant: RoleGrant): Promise<boolean>;

  insertSession(tokenSha256: string, session: SessionRow): Promise<void>;
  findSession(tokenSha256: string): Promise<SessionRow | undefined>;
  /** A session with its account's roles, in one read: what every request with a cookie asks. */
  findSessionWithRoles(
    tokenSha256: string,
  ): Promise<{ readonly session: SessionRow; readonly roles: RoleGrant[] } | undefined>;
  touchSession(tokenSha256: string, lastSeenAt: number): Promise<void>;
  revokeSession(tokenSha256: string): Promise<void>;
  /** Revokes every session of the account (a password was reset). */
  revokeSessionsOf(accountId: string): Promise<void>;
  /** The account's sessions not revoked, newest first, with their token hashes. */
  sessionsOf(accountId: string): Promise<(SessionRow & { readonly tokenSha256: string })[]>;

  insertToken(tokenSha256: string, token: AccessTokenRow): Promise<void>;
  findTokenByHash(tokenSha256: string): Promise<AccessTokenRow | undefined>;
  /** A token with its account's roles, in one read: what every request with a token asks. */
  findTokenWithRoles(
    tokenSha256: string,
  ): Promise<{ readonly token: AccessTokenRow; readonly roles: RoleGrant[] } | undefined>;
  tokensOf(accountId: string): Promise<AccessTokenRow[]>;
  revokeToken(accountId: string, tokenId: string): Promise<boolean>;

  insertLink(tokenSha256: string, link: LinkRow): Promise<void>;
  /** Marks the link used and answers it, if it was unused; one caller wins a race. */
  useLink(tokenSha256: string): Promise<LinkRow | undefined>;

  /** The answer stored for an account's write by idempotency key. */
  findAnswer(
    accountId: string,
    key: string,
  ): Promise<{ readonly requestSha256: string; readonly response: unknown } | undefined>;
  /** Stores an answer; false when another request stored one for the key first. */
  saveAnswer(
    accountId: string,
    key: string,
    requestSha256: string,
    response: unknown,
  ): Promise<boolean>;

  /** Replaces a stored answer (what was learnt after the write committed: a link's mailing). */
  replaceAnswer(accountId: string, key: string, response: unknown): Promise<void>;

  publicBooks(poolId: string): Promise<boolean>;
  /** Whether the pool exists and whether it opened its books, in one read (the books' policy
   *  on every read of them). */
  poolAccess(poolId: string): Promise<{ readonly exists: boolean; readonly publicBooks: boolean }>;
  setPublicBooks(poolId: string, open: boolean): Promise<void>;

  /** Appends an entry; with `once`, not when the pool already holds the same entry (actor,
   *  action, person and detail: a keyed request made again). */
  appendAudit(
    poolId: string,
    entry: Omit<AuditEntry, 'seq'>,
    options?: { readonly once?: boolean },
  ): Promise<void>;
  /** Entries with seq > after, oldest first, at most `limit`. */
  auditPage(poolId: string, after: number, limit: number): Promise<AuditEntry[]>;

  /** Appends a security event, numbered after every event before it. */
  appendSecurityEvent(event: Omit<SecurityEvent, 'seq'>): Promise<void>;
  /** The events of these accounts with seq > after, oldest first, at most `limit`. */
  securityEvents(
    accountIds: readonly string[],
    after: number,
    limit: number,
  ): Promise<SecurityEvent[]>;

  /** Calendar feeds: a person's slots behind a secret URL, kept as the secret's SHA-256. */
  createCalendarFeed(feed: CalendarFeed): Promise<void>;
  /** The feed of a secret, revoked or not; undefined for one never made. */
  findCalendarFeed(tokenSha256: string): Promise<CalendarFeed | undefined>;
  /** Revokes every live feed of the person; answers how many. */
  revokeCalendarFeeds(poolId: string, personId: string, at: number): Promise<number>;
}

export interface CalendarFeed {
  readonly tokenSha256: string;
  readonly poolId: string;
  readonly personId: string;
  readonly accountId: string;
  readonly createdAt: number;
  readonly revokedAt: number | null;
}
