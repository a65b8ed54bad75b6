// Proves the identity rules: argon2id passwords, sessions that end when idle, when old, and at
// sign-out, a new token at every sign-in, scoped and expiring access tokens, and one-time
// expiring links, all with the clock and randomness injected.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import { counterRandom } from '../../http/testing.ts';
import { migrateToLatest } from '../../storage/migrations/index.ts';
import { createKyselyAuthStore } from '../../storage/repositories/auth-store.ts';
import { openInMemorySqliteStore, type SqliteStore } from '../../storage/sqlite.ts';
import { OUTSIDE_REQUEST } from './account-writes.ts';
import { type AuthService, createAuthService, DEFAULT_AUTH_SETTINGS } from './auth-service.ts';
import { argon2idHasher, TEST_ARGON2_COST } from './passwords.ts';

const HOUR = 3_600_000;
const PASSWORD = 'a long enough password';
let store: SqliteStore;
let auth: AuthService;
const clock = { now: 1_000_000 };

before(async () => {
  store = openInMemorySqliteStore();
  await migrateToLatest(store.db as Kysely<unknown>);
  auth = createAuthService({
    store: createKyselyAuthStore(store.db),
    passwords: argon2idHasher(TEST_ARGON2_COST),
    now: () => clock.now,
    random: counterRandom(),
  });
});
after(() => store.close());

test('a password is stored as an argon2id hash and signs in; a wrong one does not', async () => {
  const created = await auth.createAccount('ana', PASSWORD);
  assert.ok(created.ok);
  const row = await createKyselyAuthStore(store.db).findAccountByLogin('ana');
  assert.match(row!.passwordHash!, /^\$argon2id\$/);
  assert.ok((await auth.signIn('ana', PASSWORD, OUTSIDE_REQUEST)).ok);
  const wrong = await auth.signIn('ana', 'not the password', OUTSIDE_REQUEST);
  assert.equal(!wrong.ok && wrong.error.code, 'auth.invalid_credentials');
  const unknown = await auth.signIn('nobody', PASSWORD, OUTSIDE_REQUEST);
  assert.equal(!unknown.ok && unknown.error.code, 'auth.invalid_credentials');
  const taken = await auth.createAccount('ana', PASSWORD);
  assert.equal(!taken.ok && taken.error.code, 'auth.login_taken');
  const weak = await auth.createAccount('short', 'short');
  assert.equal(!weak.ok && weak.error.code, 'auth.weak_password');
});

test('each sign-in is a new token; a session ends when idle, when old, and at sign-out', async () => {
  await auth.createAccount('ben', PASSWORD);
  const first = await auth.signIn('ben', PASSWORD, OUTSIDE_REQUEST);
  const second = await auth.signIn('ben', PASSWORD, OUTSIDE_REQUEST);
  assert.ok(first.ok && second.ok && 'token' in first.value && 'token' in second.value);
  assert.notEqual(first.value.token, second.value.token);
  assert.ok((await auth.sessionAccount(first.value.token)).ok);
  // Used every day, it lives until the absolute expiry; past it, it ends.
  const { sessionIdleMs, sessionAbsoluteMs } = DEFAULT_AUTH_SETTINGS;
  const start = clock.now;
  for (let at = start; at < start + sessionAbsoluteMs; at += sessionIdleMs - HOUR) {
    clock.now = at;
    assert.ok((await auth.sessionAccount(first.value.token)).ok, `alive at ${at - start}`);
  }
  clock.now = start + sessionAbsoluteMs + 1;
  assert.equal((await auth.sessionAccount(first.value.token)).ok, false);
  // Unused past the idle expiry, it ends.
  const third = await auth.signIn('ben', PASSWORD, OUTSIDE_REQUEST);
  assert.ok(third.ok && 'token' in third.value);
  clock.now += sessionIdleMs + 1;
  assert.equal((await auth.sessionAccount(third.value.token)).ok, false);
  const fourth = await auth.signIn('ben', PASSWORD, OUTSIDE_REQUEST);
  assert.ok(fourth.ok && 'token' in fourth.value);
  await auth.signOut(fourth.value.token, OUTSIDE_REQUEST);
  const ended = await auth.sessionAccount(fourth.value.token);
  assert.equal(!ended.ok && ended.error.code, 'auth.unauthenticated');
});

test('an access token carries its scope, expires and can be revoked', async () => {
  const created = await auth.createAccount('cem', PASSWORD);
  assert.ok(created.ok);
  const { accountId } = created.value;
  const token = await auth.createAccessToken(accountId, 'cli', 'read', 10 * HOUR, OUTSIDE_REQUEST);
  assert.match(token.token, /^pct_/);
  assert.deepEqual(await auth.tokenAccount(token.token), {
    ok: true,
    value: { accountId, scope: 'read', grants: [] },
  });
  clock.now += 10 * HOUR;
  assert.equal((await auth.tokenAccount(token.token)).ok, false);
  const writer = await auth.createAccessToken(accountId, 'script', 'write', HOUR, OUTSIDE_REQUEST);
  assert.ok((await auth.tokenAccount(writer.token)).ok);
  assert.ok((await auth.revokeToken(accountId, writer.tokenId, OUTSIDE_REQUEST)).ok);
  assert.equal((await auth.tokenAccount(writer.token)).ok, false);
  const listed = await auth.listTokens(accountId);
  assert.deepEqual(
    listed.map((t) => [t.name, t.revoked]),
    [
      ['cli', false],
      ['script', true],
    ],
  );
  assert.ok(!('token' in listed[0]!), 'the secret is never listed');
  const other = await auth.revokeToken('acc_other', token.tokenId, OUTSIDE_REQUEST);
  assert.equal(!other.ok && other.error.code, 'auth.unknown_token');
});

test("a token is read with its account's roles, as they stand at each request", async () => {
  const created = await auth.createAccount('eda', PASSWORD);
  assert.ok(created.ok);
  const { accountId } = created.value;
  const roles = createKyselyAuthStore(store.db);
  const token = await auth.createAccessToken(accountId, 'cli', 'write', HOUR, OUTSIDE_REQUEST);
  const grantsNow = async () => {
    const granted = await auth.tokenAccount(token.token);
    assert.ok(granted.ok);
    return granted.value.grants;
  };
  assert.deepEqual(await grantsNow(), []);
  await roles.grantRole(accountId, { poolId: 'p2', role: 'member', subject: 'ida' });
  await roles.grantRole(accountId, { poolId: 'p1', role: 'steward', subject: 'a1' });
  await roles.grantRole(accountId, { poolId: 'p1', role: 'coordinator', subject: '' });
  assert.deepEqual(await grantsNow(), await roles.rolesOf(accountId));
  assert.equal((await grantsNow()).length, 3);
  await roles.revokeRole(accountId, { poolId: 'p1', role: 'coordinator', subject: '' });
  assert.deepEqual(
    (await grantsNow()).map((g) => g.role),
    ['steward', 'member'],
  );
});

test('an invitation link sets the password once, before it expires; a reset ends every session', async () => {
  const invited = await auth.invite('dia', 'acc_coordinator');
  assert.ok(invited.ok);
  assert.equal(
    (await auth.signIn('dia', PASSWORD, OUTSIDE_REQUEST)).ok,
    false,
    'no password before the link',
  );
  assert.ok((await auth.redeemLink(invited.value.token, PASSWORD, OUTSIDE_REQUEST)).ok);
  const again = await auth.redeemLink(invited.value.token, PASSWORD, OUTSIDE_REQUEST);
  assert.equal(!again.ok && again.error.code, 'auth.link_invalid');
  const session = await auth.signIn('dia', PASSWORD, OUTSIDE_REQUEST);
  assert.ok(session.ok && 'token' in session.value);
  const reset = await auth.resetLink(invited.value.accountId, 'acc_coordinator');
  assert.ok(reset.ok);
  assert.ok(
    (await auth.redeemLink(reset.value.token, 'another long password', OUTSIDE_REQUEST)).ok,
  );
  assert.equal((await auth.sessionAccount(session.value.token)).ok, false);
  assert.ok((await auth.signIn('dia', 'another long password', OUTSIDE_REQUEST)).ok);
  const late = await auth.resetLink(invited.value.accountId, 'acc_coordinator');
  assert.ok(late.ok);
  clock.now += DEFAULT_AUTH_SETTINGS.linkTtlMs;
  const expired = await auth.redeemLink(late.value.token, PASSWORD, OUTSIDE_REQUEST);
  assert.equal(!expired.ok && expired.error.code, 'auth.link_invalid');
});

test('an unknown login costs a password check too, so timing does not tell which logins exist', async () => {
  const hasher = argon2idHasher(TEST_ARGON2_COST);
  let verified = 0;
  const counted = createAuthService({
    store: createKyselyAuthStore(store.db),
    passwords: {
      hash: (password) => hasher.hash(password),
      verify: (hash, password) => {
        verified += 1;
        return hasher.verify(hash, password);
      },
    },
    now: () => clock.now,
    random: counterRandom('decoy:'),
  });
  const unknown = await counted.signIn('nobody-at-all', PASSWORD, OUTSIDE_REQUEST);
  assert.equal(!unknown.ok && unknown.error.code, 'auth.invalid_credentials');
  assert.equal(verified, 1, 'the unknown login was checked against a decoy hash');
  const invited = await counted.invite('no-password-yet', 'coordinator');
  assert.ok(invited.ok);
  const unset = await counted.signIn('no-password-yet', PASSWORD, OUTSIDE_REQUEST);
  assert.equal(!unset.ok && unset.error.code, 'auth.invalid_credentials');
  assert.equal(verified, 2, 'an account without a password is checked against it too');
});
