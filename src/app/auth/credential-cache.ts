// Resolved credentials kept in this process for a few seconds (decision 0078): every signed-in
// request reads its token or session with the account's roles, and on PostgreSQL that read is a
// round trip through the pool the writes wait for. The cache wraps the AuthStore, so every write
// that can change what a credential resolves to goes through it and drops what it changes, in
// this process, at once: revoking a session or a token, all of an account's sessions, granting
// or revoking a role, setting a password, marking a session used. Entries are keyed by the
// secret's SHA-256 (the store is only ever given hashes) and hold the rows as read; the callers
// (auth-service.ts) check revocation and expiry against the clock on every call, hit or miss.
// Another server process on the same database sees a revocation made here within `maxAgeMs`.
import type { AccessTokenRow, AuthStore, RoleGrant, SessionRow } from '../ports/auth-store.ts';

export interface CredentialCacheLimits {
  /** An entry read this long ago is read again (what another process's write may wait). */
  readonly maxAgeMs: number;
  /** The most entries kept; the oldest goes first. */
  readonly maxEntries: number;
}

export const DEFAULT_CREDENTIAL_CACHE: CredentialCacheLimits = {
  maxAgeMs: 5_000,
  maxEntries: 10_000,
};

type Found =
  | { readonly kind: 'token'; readonly token: AccessTokenRow; readonly roles: RoleGrant[] }
  | { readonly kind: 'session'; readonly session: SessionRow; readonly roles: RoleGrant[] };

interface Entry {
  readonly accountId: string;
  readonly readAt: number;
  readonly found: Found;
}

const tokenKey = (tokenSha256: string) => `token:${tokenSha256}`;
const sessionKey = (tokenSha256: string) => `session:${tokenSha256}`;

export function createCredentialCache(
  now: () => number,
  limits: CredentialCacheLimits = DEFAULT_CREDENTIAL_CACHE,
) {
  const entries = new Map<string, Entry>();
  // Bumped by every write: a read begun before one is not kept, since it may answer what the
  // write changed.
  let generation = 0;

  const fresh = (key: string): Found | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    const age = now() - entry.readAt;
    if (age >= 0 && age < limits.maxAgeMs) return entry.found;
    entries.delete(key);
    return undefined;
  };

  /** Reads through the cache; `read` runs on a miss and its answer is kept if no write came. */
  async function through<T extends Found>(
    key: string,
    read: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    const kept = fresh(key);
    if (kept !== undefined) return kept as T;
    const began = generation;
    const readAt = now();
    const found = await read();
    if (found === undefined || began !== generation || limits.maxEntries <= 0) return found;
    Object.freeze(found.roles);
    entries.delete(key);
    while (entries.size >= limits.maxEntries) entries.delete(entries.keys().next().value!);
    const accountId = found.kind === 'token' ? found.token.accountId : found.session.accountId;
    entries.set(key, { accountId, readAt, found });
    return found;
  }

  const drop = {
    key(key: string) {
      generation += 1;
      entries.delete(key);
    },
    /** Every entry of the account; `kind`: only its tokens or only its sessions. */
    account(accountId: string, kind?: Found['kind']) {
      generation += 1;
      for (const [key, entry] of entries) {
        if (entry.accountId === accountId && (kind === undefined || entry.found.kind === kind)) {
          entries.delete(key);
        }
      }
    },
  };

  return {
    through,
    drop,
    /** What the cache holds, for tests: its keys and entries. */
    snapshot: () => [...entries],
  };
}

export type CredentialCache = ReturnType<typeof createCredentialCache>;

/** `store` with its credential reads kept in `cache` and its writes dropping what they change. */
export function cachingAuthStore(store: AuthStore, cache: CredentialCache): AuthStore {
  return {
    ...withDrops(store, cache, (drop) => drop()),
    // Reads in a transaction see the transaction's own writes: not cached (withDrops on `tx`).
    transaction(work) {
      const after: (() => void)[] = [];
      return store
        .transaction((tx) => work(inTransaction(tx, cache, after)))
        .finally(() => {
          // Dropped again once the transaction is over: a read between a write and its commit
          // may still have found the old rows and kept them.
          for (const drop of after) drop();
        });
    },
    async findTokenWithRoles(tokenSha256) {
      const found = await cache.through(tokenKey(tokenSha256), async () => {
        const read = await store.findTokenWithRoles(tokenSha256);
        return read === undefined ? undefined : { kind: 'token' as const, ...read };
      });
      return found === undefined ? undefined : { token: found.token, roles: found.roles };
    },
    async findSessionWithRoles(tokenSha256) {
      const found = await cache.through(sessionKey(tokenSha256), async () => {
        const read = await store.findSessionWithRoles(tokenSha256);
        return read === undefined ? undefined : { kind: 'session' as const, ...read };
      });
      return found === undefined ? undefined : { session: found.session, roles: found.roles };
    },
  };
}

/** The store of an open transaction: its writes drop at once and again after it ends. */
function inTransaction(tx: AuthStore, cache: CredentialCache, after: (() => void)[]): AuthStore {
  const store: AuthStore = {
    ...withDrops(tx, cache, (drop) => {
      drop();
      after.push(drop);
    }),
    // A transaction joined is this one: its writes drop as this one's do.
    transaction: (work) => tx.transaction(() => work(store)),
  };
  return store;
}

/** `store` whose writes that change a credential's answer hand `apply` their drop. */
function withDrops(
  store: AuthStore,
  cache: CredentialCache,
  apply: (drop: () => void) => void,
): AuthStore {
  const { drop } = cache;
  return {
    ...store,
    async touchSession(tokenSha256, lastSeenAt) {
      await store.touchSession(tokenSha256, lastSeenAt);
      apply(() => drop.key(sessionKey(tokenSha256)));
    },
    async revokeSession(tokenSha256) {
      await store.revokeSession(tokenSha256);
      apply(() => drop.key(sessionKey(tokenSha256)));
    },
    async revokeSessionsOf(accountId) {
      await store.revokeSessionsOf(accountId);
      apply(() => drop.account(accountId, 'session'));
    },
    async revokeToken(accountId, tokenId) {
      const revoked = await store.revokeToken(accountId, tokenId);
      apply(() => drop.account(accountId, 'token'));
      return revoked;
    },
    async grantRole(accountId, grant) {
      const granted = await store.grantRole(accountId, grant);
      apply(() => drop.account(accountId));
      return granted;
    },
    async revokeRole(accountId, grant) {
      const revoked = await store.revokeRole(accountId, grant);
      apply(() => drop.account(accountId));
      return revoked;
    },
    async setPassword(accountId, passwordHash) {
      await store.setPassword(accountId, passwordHash);
      apply(() => drop.account(accountId));
    },
  };
}
