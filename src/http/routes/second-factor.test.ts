// Proves the optional second sign-in factor through the API: an enrolment takes effect only when
// a right code confirms it; then the password alone gives no session but a pending sign-in that
// a TOTP code (its step taken once) or a recovery code (once) completes; wrong codes count
// toward the login's lock and a right password does not reset that count; a pending sign-in
// expires; turning it off takes the password and a code; access tokens are neither asked for a
// code nor allowed to manage the factor.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { base32Decode, TOTP_STEP_SECONDS, totp } from '../../app/auth/totp.ts';
import { storesOn } from '../../storage/open-database.ts';
import { openInMemorySqliteStore } from '../../storage/sqlite.ts';
import { DEFAULT_HTTP_SETTINGS } from '../deps.ts';
import { PASSWORD, startTestServer, type TestServer } from '../testing.ts';

const sqlite = openInMemorySqliteStore();
let server: TestServer;
before(async () => {
  server = await startTestServer(DEFAULT_HTTP_SETTINGS, {
    db: sqlite.db,
    ...storesOn(sqlite.db, 'sqlite'),
    close: () => sqlite.close(),
  });
});
after(() => server.close());

const STEP_MS = TOTP_STEP_SECONDS * 1000;
let secret: Uint8Array = new Uint8Array();
const codeNow = () => totp(secret, server.clock.now);

const post = (path: string, body: unknown, cookie = '') =>
  server.app.request(`/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie === '' ? {} : { cookie }) },
    body: JSON.stringify(body),
  });
const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0]!;
const signIn = (login: string, password = PASSWORD) => post('/auth/sign-in', { login, password });
const secondStep = (pendingToken: string, code: string) =>
  post('/auth/sign-in/second-factor', { pendingToken, code });
const pendingOf = async (response: Response) => {
  assert.equal(response.status, 202);
  assert.equal(response.headers.get('set-cookie'), null, 'no session from the password alone');
  const body = (await response.json()) as { secondFactor: string; pendingToken: string };
  assert.equal(body.secondFactor, 'totp');
  return body.pendingToken;
};

let recoveryCodes: string[] = [];

test('an enrolment takes effect only once a right code confirms it', async () => {
  const cookie = await server.cookieOf('member');
  const enrolled = await post('/auth/second-factor/enrolment', {}, cookie);
  assert.equal(enrolled.status, 201);
  const { secretBase32, otpauthUri } = (await enrolled.json()) as Record<string, string>;
  secret = base32Decode(secretBase32!)!;
  assert.equal(secret.length, 20);
  assert.match(otpauthUri!, /^otpauth:\/\/totp\/Peerconomy:member\?secret=/);
  // Not confirmed: the password alone still signs in.
  assert.equal((await signIn('member')).status, 200);
  const wrong = await post('/auth/second-factor/confirmation', { code: '000000' }, cookie);
  assert.equal(wrong.status, 422);
  assert.equal(((await wrong.json()) as { code: string }).code, 'auth.invalid_code');
  const confirmed = await post('/auth/second-factor/confirmation', { code: codeNow() }, cookie);
  assert.equal(confirmed.status, 200);
  recoveryCodes = ((await confirmed.json()) as { recoveryCodes: string[] }).recoveryCodes;
  assert.equal(recoveryCodes.length, 10);
  assert.equal(new Set(recoveryCodes).size, 10);
  const status = await server.app.request('/api/v1/auth/second-factor', { headers: { cookie } });
  assert.deepEqual(await status.json(), {
    enabled: true,
    awaitingConfirmation: false,
    recoveryCodesLeft: 10,
  });
  // A second enrolment cannot replace a confirmed secret.
  assert.equal((await post('/auth/second-factor/enrolment', {}, cookie)).status, 409);
  // The recovery codes are stored only hashed.
  const stored = await sqlite.db.selectFrom('auth_recovery_codes').selectAll().execute();
  assert.equal(stored.length, 10);
  for (const row of stored) {
    assert.match(row.code_sha256, /^[0-9a-f]{64}$/);
    assert.ok(recoveryCodes.every((code) => !row.code_sha256.includes(code.replace('-', ''))));
  }
});

test('the password step gives a pending sign-in; a code completes it, its step only once', async () => {
  server.clock.now += 2 * STEP_MS;
  const pending = await pendingOf(await signIn('member'));
  const code = codeNow();
  const done = await secondStep(pending, code);
  assert.equal(done.status, 200);
  const cookie = cookieOf(done);
  const me = await server.app.request('/api/v1/auth/me', { headers: { cookie } });
  assert.equal(me.status, 200);
  // The pending token is spent; the same code in a new sign-in is refused (step taken).
  assert.equal((await secondStep(pending, code)).status, 410);
  const again = await pendingOf(await signIn('member'));
  const replay = await secondStep(again, code);
  assert.equal(replay.status, 422);
  assert.equal(((await replay.json()) as { code: string }).code, 'auth.invalid_code');
  // An earlier step than the last taken is refused too; the next step's code works.
  server.clock.now += STEP_MS;
  assert.equal((await secondStep(again, codeNow())).status, 200);
});

test('a recovery code signs in once, in any letter case and without its dash', async () => {
  const code = recoveryCodes[0]!;
  const first = await pendingOf(await signIn('member'));
  assert.equal((await secondStep(first, code.toUpperCase().replace('-', ''))).status, 200);
  const second = await pendingOf(await signIn('member'));
  assert.equal((await secondStep(second, code)).status, 422);
  const cookie = await server.cookieOf('member');
  const status = await server.app.request('/api/v1/auth/second-factor', { headers: { cookie } });
  assert.equal(((await status.json()) as { recoveryCodesLeft: number }).recoveryCodesLeft, 9);
});

test('wrong codes lock the login; a right password in between does not reset the count', async () => {
  server.clock.now += 60 * 60_000;
  for (let round = 0; round < 2; round += 1) {
    const pending = await pendingOf(await signIn('member'));
    const tries = round === 0 ? 3 : 2;
    for (let i = 0; i < tries; i += 1) {
      assert.equal((await secondStep(pending, '123456')).status, 422);
    }
  }
  // Five wrong codes: locked, even with the right password and then a right code.
  const locked = await signIn('member');
  assert.equal(locked.status, 429);
  server.clock.now += 15 * 60_000 + 1;
  const pending = await pendingOf(await signIn('member'));
  assert.equal((await secondStep(pending, codeNow())).status, 200);
});

test('a pending sign-in ends after five minutes', async () => {
  const pending = await pendingOf(await signIn('member'));
  server.clock.now += 5 * 60_000 + 1;
  const late = await secondStep(pending, codeNow());
  assert.equal(late.status, 410);
  assert.equal(((await late.json()) as { code: string }).code, 'auth.pending_sign_in_invalid');
});

test('access tokens need no code and may not manage the factor', async () => {
  const cookie = await server.cookieOf('member');
  const made = await server.app.request('/api/v1/auth/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'idempotency-key': 'tok-2fa' },
    body: JSON.stringify({ name: 'script', scope: 'read', ttlDays: 1 }),
  });
  const { token } = (await made.json()) as { token: string };
  const bearer = { authorization: `Bearer ${token}` };
  assert.equal(
    (await server.app.request('/api/v1/auth/me', { headers: bearer })).status,
    200,
    'a token works without a code',
  );
  const off = await server.app.request('/api/v1/auth/second-factor/off', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer },
    body: JSON.stringify({ password: PASSWORD, code: codeNow() }),
  });
  assert.equal(off.status, 403);
});

test('turning it off takes the password and a code; then the password alone signs in', async () => {
  server.clock.now += 2 * STEP_MS;
  const cookie = await server.cookieOf('member');
  const noPassword = await post(
    '/auth/second-factor/off',
    { password: 'not my password', code: codeNow() },
    cookie,
  );
  assert.equal(noPassword.status, 422);
  const noCode = await post(
    '/auth/second-factor/off',
    { password: PASSWORD, code: '000000' },
    cookie,
  );
  assert.equal(noCode.status, 422);
  assert.equal((await signIn('member')).status, 202, 'still on');
  const off = await post(
    '/auth/second-factor/off',
    { password: PASSWORD, code: codeNow() },
    cookie,
  );
  assert.equal(off.status, 200);
  assert.equal((await signIn('member')).status, 200);
  assert.equal((await sqlite.db.selectFrom('auth_recovery_codes').selectAll().execute()).length, 0);
});

test('the second factor leaves its security events: on, code asked, codes refused, off', async () => {
  const cookie = await server.cookieOf('member');
  const read = await server.app.request('/api/v1/auth/events?limit=100', { headers: { cookie } });
  assert.equal(read.status, 200);
  const { items } = (await read.json()) as { items: { kind: string; login: string | null }[] };
  const kinds = items.map((event) => event.kind);
  const count = (kind: string) => kinds.filter((k) => k === kind).length;
  assert.equal(count('second_factor.on'), 1);
  assert.equal(count('second_factor.off'), 1);
  assert.equal(count('second_factor.off_refused'), 2, 'a wrong password, then a wrong code');
  assert.ok(count('sign_in.code_failed') >= 1, 'the wrong codes of the lock test');
  assert.ok(count('sign_in.code_required') >= 3);
  // A sign-in completed by a code is a success, after the code was asked for.
  const asked = kinds.indexOf('sign_in.code_required');
  assert.ok(kinds.indexOf('sign_in.succeeded', asked) > asked);
  assert.ok(kinds.indexOf('second_factor.on') < asked);
  assert.equal(kinds.at(-1), 'sign_in.succeeded', 'the password alone, once the factor is off');
  assert.ok(items.every((event) => event.login === null || event.login === 'member'));
});
