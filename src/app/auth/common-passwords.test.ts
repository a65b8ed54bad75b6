// Proves the common-password check: passwords of the shipped list are found in any letter case,
// others (the long passphrases the tests use) are not; the list is read on the first check, in
// under two seconds (about 0.1 s with node alone, 0.5 s through tsx), and a check after that
// is a lookup; and an invitation, a reset and a change all refuse such a password with
// auth.password_too_common, changing nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PASSWORD, startTestServer } from '../../http/testing.ts';
import { OUTSIDE_REQUEST } from './account-writes.ts';
import { isCommonPassword } from './common-passwords.ts';

test('listed passwords are found in any case; passphrases are not; the first check loads fast', async () => {
  const started = performance.now();
  assert.equal(await isCommonPassword('qwertyuiop'), true);
  const loadMs = performance.now() - started;
  assert.ok(loadMs < 2000, `loading took ${loadMs} ms`);
  const checked = performance.now();
  for (const password of ['Password123', 'BASKETBALL', 'q1w2e3r4t5', 'manchester']) {
    assert.equal(await isCommonPassword(password), true, password);
  }
  for (const password of [PASSWORD, 'a brand new password', 'another long password']) {
    assert.equal(await isCommonPassword(password), false, password);
  }
  const checkMs = (performance.now() - checked) / 7;
  assert.ok(checkMs < 5, `a check took ${checkMs} ms`);
  console.log(
    `common passwords: first check ${loadMs.toFixed(1)} ms, then ${checkMs.toFixed(3)} ms`,
  );
});

test('an invitation, a reset and a change refuse a common password and change nothing', async () => {
  const server = await startTestServer();
  try {
    const { auth } = server.deps;
    const created = await auth.createAccount('newcomer', 'Password123');
    assert.equal(!created.ok && created.error.code, 'auth.password_too_common');
    const invited = await auth.invite('invited', server.accountIds.coordinator);
    assert.ok(invited.ok);
    const redeemed = await auth.redeemLink(invited.value.token, 'BasketBall', OUTSIDE_REQUEST);
    assert.equal(!redeemed.ok && redeemed.error.code, 'auth.password_too_common');
    // The link was not used up by the refusal.
    assert.ok(
      (await auth.redeemLink(invited.value.token, 'a brand new password', OUTSIDE_REQUEST)).ok,
    );
    const changed = await auth.changePassword(
      server.accountIds.member,
      PASSWORD,
      '1234567890',
      OUTSIDE_REQUEST,
    );
    assert.equal(!changed.ok && changed.error.code, 'auth.password_too_common');
    const signIn = await auth.signIn('member', PASSWORD, OUTSIDE_REQUEST);
    assert.ok(signIn.ok, 'the old password still works');
    const api = await server.request('/api/v1/auth/password', {
      method: 'POST',
      role: 'member',
      body: JSON.stringify({ currentPassword: PASSWORD, newPassword: 'Qwertyuiop' }),
    });
    assert.equal(api.status, 422);
    assert.equal(((await api.json()) as { code: string }).code, 'auth.password_too_common');
  } finally {
    await server.close();
  }
});
