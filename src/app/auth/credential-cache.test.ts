// Proves the credential cache (decision 0078): a held session or token still ends at its
// expiry, checked against the clock on each hit; a session is still marked used once a
// minute; the cache holds hashes, never a secret; it is bounded in age and in entries; a write
// drops what it changes even when a read raced it, in a transaction too; and another process
// sees a revocation once its entry is older than the age bound.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import { counterRandom } from '../../http/testing.ts';
import { migrateToLatest } from '../../storage/migrations/index.ts';
import { createKyselyAuthStore } from '../../storage/repositories/auth-store.ts';
import { openInMemorySqliteStore, type SqliteStore } from '../../storage/sqlite.ts';
import type { AuthStore } from '../ports/auth-store.ts';
import { OUTSIDE_REQUEST } from './account-writes.ts';
import { createAuthService, DEFAULT_AUTH_SETTINGS } from './auth-service.ts';
import {
  type CredentialCacheLimits,
  cachingAuthStore,
  createCredentialCache,
  DEFAULT_CREDENTIAL_CACHE,
} from './credential-cache.ts';
import { argon2idHasher, TEST_ARGON2_COST } from './passwords.ts';
import { secretSha256 } from './secrets.ts';

const PASSWORD = 'a long enough password';
const DAY = 86_400_000;
let database: SqliteStore;
let plain: AuthStore;
const clock = { now: 1_000_000 };
let logins = 0;

before(async () => {
  database = openInMemorySqliteStore();
  await migrateToLatest(database.db as Kysely<unknown>);
  plain = createKyselyAuthStore(database.db);
});
after(() => database.close());

/** A store over the database counting its credential reads, cached as the server caches. */
function cachedSetup(limits: CredentialCacheLimits = DEFAULT_CREDENTIAL_CACHE) {
  const reads = { count: 0 };
  const counted: AuthStore = {
    ...plain,
    findTokenWithRoles: (sha) => {
      reads.count += 1;
      return plain.findTokenWithRoles(sha);
    },
    findSessionWithRoles: (sha) => {
      reads.count += 1;
      return plain.findSessionWithRoles(sha);
    },
  };
  const cache = createCredentialCache(() => clock.now, limits);
  const store = cachingAuthStore(counted, cache);
  const auth = createAuthService({
    store,
    passwords: argon2idHasher(TEST_ARGON2_COST),
    now: () => clock.now,
    random: counterRandom(`cache ${++logins}:`),
  });
  return { auth, store, cache, reads };
}

/** A new account of `auth` with a session and a write token: their secrets. */
async function account(auth: ReturnType<typeof cachedSetup>['auth'], ttlMs = 30 * DAY) {
  const login = `login${++logins}`;
  const created = await auth.createAccount(login, PASSWORD);
  assert.ok(created.ok);
  const signedIn = await auth.signIn(login, PASSWORD, OUTSIDE_REQUEST);
  assert.ok(signedIn.ok && 'token' in signedIn.value);
  const { accountId } = created.value;
  const made = await auth.createAccessToken(accountId, 'cli', 'write', ttlMs, OUTSIDE_REQUEST);
  return { accountId, session: signedIn.value.token, token: made.token, tokenId: made.tokenId };
}

test('a held token and a held session still end at their expiry, on a hit', async () => {
  // Held for a year: every answer below after the first is a hit.
  const { auth, reads } = cachedSetup({ maxAgeMs: 365 * DAY, maxEntries: 100 });
  const { session, token } = await account(auth, DAY);
  assert.ok((await auth.tokenAccount(token)).ok);
  assert.ok((await auth.sessionAccount(session)).ok);
  const readsBefore = reads.count;
  clock.now += DAY;
  assert.equal((await auth.tokenAccount(token)).ok, false);
  clock.now += DEFAULT_AUTH_SETTINGS.sessionIdleMs - DAY + 1;
  assert.equal((await auth.sessionAccount(session)).ok, false);
  assert.equal(reads.count, readsBefore, 'both answered from the cache');
});

test('a session is marked used once a minute as without the cache, and read again then', async () => {
  const { auth, reads } = cachedSetup({ maxAgeMs: 365 * DAY, maxEntries: 100 });
  const { session } = await account(auth);
  const sha = secretSha256(session);
  const began = clock.now;
  assert.ok((await auth.sessionAccount(session)).ok);
  clock.now += 59_999;
  assert.ok((await auth.sessionAccount(session)).ok);
  assert.equal((await plain.findSession(sha))?.lastSeenAt, began, 'not marked before a minute');
  clock.now += 1;
  const readsBefore = reads.count;
  assert.ok((await auth.sessionAccount(session)).ok);
  assert.equal((await plain.findSession(sha))?.lastSeenAt, clock.now, 'marked at a minute');
  assert.equal(reads.count, readsBefore, 'the mark came from a hit');
  // The held row was dropped with the mark: the next answer reads the new one, and does not
  // mark again.
  clock.now += 1_000;
  assert.ok((await auth.sessionAccount(session)).ok);
  assert.equal(reads.count, readsBefore + 1);
  assert.equal((await plain.findSession(sha))?.lastSeenAt, clock.now - 1_000);
  // Idle from the mark on, not from the sign-in.
  clock.now = began + 60_000 + DEFAULT_AUTH_SETTINGS.sessionIdleMs;
  assert.ok((await auth.sessionAccount(session)).ok);
});

test('the cache holds the hashes of the secrets, never a secret', async () => {
  const { auth, cache } = cachedSetup();
  const { session, token } = await account(auth);
  assert.ok((await auth.tokenAccount(token)).ok);
  assert.ok((await auth.sessionAccount(session)).ok);
  const held = cache.snapshot();
  assert.equal(held.length, 2);
  const text = JSON.stringify(held);
  for (const secret of [session, token]) {
    assert.ok(!text.includes(secret), 'no secret in the cache');
    assert.ok(!text.includes(secret.slice(4, 24)), 'no part of a secret in the cache');
    assert.ok(text.includes(secretSha256(secret)), 'its hash is the key');
  }
});

test('an entry is read again once as old as the age bound; the oldest goes past the size', async () => {
  const { auth, cache, reads } = cachedSetup({ maxAgeMs: 5_000, maxEntries: 2 });
  const first = await account(auth);
  assert.ok((await auth.tokenAccount(first.token)).ok);
  clock.now += 4_999;
  assert.ok((await auth.tokenAccount(first.token)).ok);
  const readsBefore = reads.count;
  clock.now += 1;
  assert.ok((await auth.tokenAccount(first.token)).ok);
  assert.equal(reads.count, readsBefore + 1);
  const second = await account(auth);
  assert.ok((await auth.tokenAccount(second.token)).ok);
  assert.ok((await auth.sessionAccount(second.session)).ok);
  const keys = cache.snapshot().map(([key]) => key);
  assert.deepEqual(keys, [
    `token:${secretSha256(second.token)}`,
    `session:${secretSha256(second.session)}`,
  ]);
});

test('a read that a revocation overtook is not kept', async () => {
  const { auth } = cachedSetup();
  const { accountId, token, tokenId } = await account(auth);
  const sha = secretSha256(token);
  // The first read, sent before the revocation, answers after it with the row as it was.
  const before = await plain.findTokenWithRoles(sha);
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let first = true;
  const slow: AuthStore = {
    ...plain,
    findTokenWithRoles: async (hash) => {
      if (!first) return plain.findTokenWithRoles(hash);
      first = false;
      await held;
      return before;
    },
  };
  const racing = cachingAuthStore(
    slow,
    createCredentialCache(() => clock.now),
  );
  const inFlight = racing.findTokenWithRoles(sha);
  await racing.revokeToken(accountId, tokenId);
  release();
  assert.equal((await inFlight)?.token.revoked, false);
  assert.equal((await racing.findTokenWithRoles(sha))?.token.revoked, true);
});

test('a revocation in a transaction drops again once the transaction ends', async () => {
  const { auth } = cachedSetup();
  const { accountId, token, tokenId } = await account(auth);
  const sha = secretSha256(token);
  const old = await plain.findTokenWithRoles(sha);
  // Until the commit another connection still reads the old row: the scripted answer.
  let answer = old;
  const scripted: AuthStore = { ...plain, findTokenWithRoles: async () => answer };
  const cached = cachingAuthStore(
    scripted,
    createCredentialCache(() => clock.now),
  );
  await cached.transaction(async (tx) => {
    await tx.revokeToken(accountId, tokenId);
    assert.equal((await cached.findTokenWithRoles(sha))?.token.revoked, false);
  });
  answer = await plain.findTokenWithRoles(sha);
  assert.equal((await cached.findTokenWithRoles(sha))?.token.revoked, true);
});

test('another process sees a revocation made here once its entry is as old as the bound', async () => {
  const here = cachedSetup();
  const elsewhere = cachedSetup();
  const { accountId, token, tokenId } = await account(here.auth);
  assert.ok((await elsewhere.auth.tokenAccount(token)).ok);
  await here.auth.revokeToken(accountId, tokenId, OUTSIDE_REQUEST);
  assert.equal((await here.auth.tokenAccount(token)).ok, false);
  clock.now += DEFAULT_CREDENTIAL_CACHE.maxAgeMs - 1;
  assert.ok((await elsewhere.auth.tokenAccount(token)).ok, 'still held elsewhere');
  clock.now += 1;
  assert.equal((await elsewhere.auth.tokenAccount(token)).ok, false);
});
