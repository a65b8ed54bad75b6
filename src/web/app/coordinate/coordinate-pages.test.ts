// Proves the coordinator's pages: the period cycle previews each step (the market it opens, the
// clearing before it is taken, the settlement before it is posted) and takes it; roles are
// granted and taken back, invitations and reset links made and redeemed; settings change from
// the planned period on; office mode gives inputs in a member's name and the audit log, paged,
// says so. Each refusal shows in English and German; others get 403, the public sign-in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { duplicateIds } from '../../../../test/support/html.ts';
import { OUTSIDE_REQUEST } from '../../../app/auth/account-writes.ts';
import { PASSWORD, TEST_POOL, type TestRole } from '../../../http/testing.ts';
import { type ProjectFixture, startProjectFixture } from '../project/fixture.ts';

let fixture: ProjectFixture;
before(async () => {
  fixture = await startProjectFixture();
});
after(() => fixture.server.close());

const BASE = `/pools/${TEST_POOL}/coordinate`;
let keys = 0;

const post = (path: string, role: TestRole, fields: Record<string, string>) => {
  keys += 1;
  return fixture.server.request(path, {
    role,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ formKey: `coord-test-${keys}`, ...fields }).toString(),
  });
};

const page = async (path: string, role: TestRole = 'coordinator') => {
  const response = await fixture.server.request(path, { role });
  return { status: response.status, html: await response.text() };
};

const cycle = async () => {
  const status = await fixture.server.deps.economy.status(TEST_POOL);
  assert.ok(status.ok);
  return status.value.cycle;
};

test('the public is sent to sign in; members and maintainers are refused', async () => {
  for (const path of ['', '/people', '/settings', '/office', '/audit']) {
    const response = await fixture.server.request(`${BASE}${path}`);
    assert.equal(response.status, 303, path);
    assert.match(response.headers.get('location') ?? '', /^\/sign-in\?next=/);
    assert.equal((await page(`${BASE}${path}`, 'member')).status, 403, path);
    assert.equal((await page(`${BASE}${path}`, 'maintainer')).status, 403, path);
  }
  const step = await post(`${BASE}/steps`, 'member', { period: '1', stage: 'bidding' });
  assert.equal(step.status, 403);
  assert.equal(
    (await post(`${BASE}/people/grant`, 'steward', { login: 'member', role: 'auditor' })).status,
    403,
  );
  assert.equal((await cycle()).stage, 'planning');
});

test('roles are granted and taken back; refusals show in en and de', async () => {
  const { html } = await page(`${BASE}/people`);
  assert.match(
    html,
    /<td data-label="Login">coordinator<\/td><td data-label="Role">coordinator<\/td>/,
  );
  assert.match(html, /your own coordinator role/);
  const granted = await post(`${BASE}/people/grant`, 'coordinator', {
    login: 'outsider',
    role: 'auditor',
    subject: '',
  });
  assert.equal(granted.status, 303);
  const roles = await fixture.server.deps.people.roles(TEST_POOL);
  const outsider = fixture.server.accountIds.outsider;
  assert.ok(roles.some((r) => r.accountId === outsider && r.role === 'auditor'));
  const revoked = await post(`${BASE}/people/revoke`, 'coordinator', {
    accountId: outsider,
    role: 'auditor',
    subject: '',
  });
  assert.equal(revoked.status, 303);
  assert.ok(
    !(await fixture.server.deps.people.roles(TEST_POOL)).some((r) => r.accountId === outsider),
  );

  const unknown = await post(`${BASE}/people/grant`, 'coordinator', {
    login: 'nobody',
    role: 'auditor',
  });
  assert.equal(unknown.status, 404);
  assert.match(
    await unknown.text(),
    /id="f-login-error"[^>]*>No account of this pool has this id\./,
  );
  const de = await post(`${BASE}/people/grant?lang=de`, 'coordinator', {
    login: 'outsider',
    role: 'member',
    subject: 'zed',
  });
  assert.equal(de.status, 422);
  assert.match(
    await de.text(),
    /id="f-subject-error"[^>]*>Der Pool hat das abgelehnt: pool &quot;p&quot; has no person &quot;zed&quot;/,
  );
  const self = await post(`${BASE}/people/revoke?lang=de`, 'coordinator', {
    accountId: fixture.server.accountIds.coordinator,
    role: 'coordinator',
    subject: '',
  });
  assert.equal(self.status, 403);
  assert.match(await self.text(), /class="notice refused"[^>]*>Dein Konto darf das nicht\./);
});

test('an invitation shows its one-time link once; the link sets the password', async () => {
  const invited = await post(`${BASE}/people/invite`, 'coordinator', {
    newLogin: 'ada2',
    personId: 'ada',
  });
  assert.equal(invited.status, 201);
  const html = await invited.text();
  const url = /id="one-time-link" type="text" readonly="" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(url !== undefined, 'the link is shown');
  const token = new URL(url.replaceAll('&amp;', '&')).searchParams.get('token')!;
  const form = await fixture.server.request(`/links/redeem?token=${encodeURIComponent(token)}`);
  assert.equal(form.status, 200);
  const weak = await fixture.server.app.request('/links/redeem?lang=de', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, password: 'short' }).toString(),
  });
  assert.equal(weak.status, 422);
  assert.match(await weak.text(), /id="f-password-error"[^>]*>Das Passwort ist zu kurz/);
  const set = await fixture.server.app.request('/links/redeem', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, password: PASSWORD }).toString(),
  });
  assert.equal(set.status, 200);
  assert.ok((await fixture.server.deps.auth.signIn('ada2', PASSWORD, OUTSIDE_REQUEST)).ok);
  const used = await fixture.server.app.request('/links/redeem', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, password: PASSWORD }).toString(),
  });
  assert.equal(used.status, 410);
  assert.match(await used.text(), /This link is unknown, used already or expired/);

  const taken = await post(`${BASE}/people/invite?lang=de`, 'coordinator', {
    newLogin: 'ada2',
    personId: 'ada',
  });
  assert.equal(taken.status, 409);
  assert.match(await taken.text(), /id="f-newLogin-error"[^>]*>Dieser Login ist schon vergeben\./);
  const badLogin = await post(`${BASE}/people/invite`, 'coordinator', {
    newLogin: 'a b',
    personId: 'ada',
  });
  assert.equal(badLogin.status, 400);
  const reset = await post(`${BASE}/people/reset`, 'coordinator', { resetLogin: 'member' });
  assert.equal(reset.status, 201);
  assert.match(await reset.text(), /The one-time link for member/);
});

test('settings change from the planned period on; wrong values are refused in en and de', async () => {
  const bad = await post(`${BASE}/settings`, 'coordinator', { allowance: 'lots' });
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /id="f-allowance-error"[^>]*>Give hours like 40 or 12\.5\./);
  const none = await post(`${BASE}/settings?lang=de`, 'coordinator', {});
  assert.equal(none.status, 400);
  assert.match(await none.text(), /Fülle mindestens eine Einstellung aus/);
  const changed = await post(`${BASE}/settings`, 'coordinator', {
    allowance: '40',
    capWeight: '2,5',
    clearingRule: 'lowest',
  });
  assert.equal(changed.status, 303);
  const { html } = await page(`${BASE}/settings`);
  assert.match(html, /<dt>Allowance \(negative balance allowed\)<\/dt><dd>40\.0 h<\/dd>/);
  assert.match(html, /1 hour counts 2\.5 hours/);
  assert.match(html, /From period 1 on:/);
});

test('no coordinator page repeats an id (the office page has two forms with a person)', async () => {
  for (const path of ['', '/people', '/settings', '/office', '/audit']) {
    const { html } = await page(`${BASE}${path}`);
    assert.deepEqual(duplicateIds(html), [], `coordinate${path}`);
  }
});

test('office mode refuses a bid before bidding opens, in en and de', async () => {
  const early = await post(`${BASE}/office/bid?lang=de`, 'coordinator', {
    personId: 'ada',
    instanceId: 'bake-1',
    weight: '1.2',
  });
  assert.equal(early.status, 409);
  assert.match(
    await early.text(),
    /Die offene Periode nimmt das jetzt nicht an\.|nicht in einem Abschnitt/,
  );
  const bad = await post(`${BASE}/office/bid`, 'coordinator', {
    personId: 'ada',
    instanceId: 'bake-1',
    weight: '0',
  });
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /id="f-weight-error"[^>]*>Give a weight like 1\.2/);
});

test('the cycle previews the market, takes a step, and refuses one out of turn in en and de', async () => {
  const planning = await page(BASE);
  assert.match(planning.html, /Next step: Open bidding for period 1/);
  assert.match(planning.html, /Tasks in the market: 2, with 3 slots in all\./);
  const outOfTurn = await post(`${BASE}/steps`, 'coordinator', { period: '1', stage: 'closed' });
  assert.equal(outOfTurn.status, 409);
  assert.match(await outOfTurn.text(), /id="step-error"[^>]*>This step is not the next one/);
  const de = await post(`${BASE}/steps?lang=de`, 'coordinator', { period: '1', stage: 'running' });
  assert.match(await de.text(), /id="step-error"[^>]*>Dieser Schritt ist nicht der nächste/);
  const nonsense = await post(`${BASE}/steps`, 'coordinator', { period: '1', stage: 'dancing' });
  assert.equal(nonsense.status, 400);
  assert.equal((await cycle()).stage, 'planning');

  const opened = await post(`${BASE}/steps`, 'coordinator', { period: '1', stage: 'bidding' });
  assert.equal(opened.status, 303);
  assert.equal((await cycle()).stage, 'bidding');
  const after = await page(opened.headers.get('location')!);
  assert.match(after.html, /Done: Open bidding for period 1\./);
});

test('office mode places a bid in a member name and the audit log says so', async () => {
  const bid = await post(`${BASE}/office/bid`, 'coordinator', {
    personId: 'ada',
    instanceId: 'bake-1',
    weight: '1.2',
  });
  assert.equal(bid.status, 303);
  const s = await fixture.server.deps.economy.scenario(TEST_POOL);
  assert.ok(s.ok);
  assert.deepEqual(
    s.value.periods[0]!.bids.map((b) => [b.personId, b.instanceId, b.weightMilli]),
    [['ada', 'bake-1', 1200]],
  );
  const audit = await page(`${BASE}/audit`);
  assert.match(
    audit.html,
    /<td data-label="Office mode">for ada<\/td><td data-label="What">input given for a member<\/td>/,
  );
});

test('closing bidding shows the clearing first; closing the period shows the settlement', async () => {
  const bidding = await page(BASE);
  assert.match(bidding.html, /Next step: Close bidding for period 1/);
  assert.match(
    bidding.html,
    /<td data-label="Task">bake-1 <span class="muted">\(bakery\)<\/span><\/td><td class="num" data-label="Slots filled">1 of 2<\/td><td data-label="Weight">1 hour counts 1\.2 hours<\/td><td data-label="Assigned to">ada<\/td>/,
  );
  assert.equal(
    (await post(`${BASE}/steps`, 'coordinator', { period: '1', stage: 'cleared' })).status,
    303,
  );
  assert.equal(
    (await post(`${BASE}/steps`, 'coordinator', { period: '1', stage: 'running' })).status,
    303,
  );
  await fixture.give([
    {
      kind: 'work',
      period: 1,
      record: { id: 'w1', personId: 'ada', instanceId: 'bake-1', minutes: 120, confirmedBy: 'bo' },
    },
  ]);
  // Work with nothing to show for it breaks the pool's identity: the preview says so first.
  const unbalanced = await page(`${BASE}?lang=de`);
  assert.match(
    unbalanced.html,
    /Die Periode würde jetzt nicht abschließen: pool\.identity_violated/,
  );
  await fixture.give([
    { kind: 'production', period: 1, record: { productId: 'flour', units: 12 } },
  ]);
  const running = await page(`${BASE}?lang=de`);
  assert.match(running.html, /Eingaben für Periode 1 beenden/);
  assert.match(
    running.html,
    /<td data-label="Person">ada<\/td><td class="num" data-label="Stand vorher">0,0 Std\.<\/td><td class="num" data-label="Gutgeschriebene Arbeit">2,4 Std\.<\/td>/,
  );
  assert.equal(
    (await post(`${BASE}/steps`, 'coordinator', { period: '1', stage: 'settling' })).status,
    303,
  );
  const settling = await page(BASE);
  assert.match(settling.html, /Next step: Close period 1/);
  assert.match(settling.html, /The settlement as it would be posted now/);
  assert.equal(
    (await post(`${BASE}/steps`, 'coordinator', { period: '1', stage: 'closed' })).status,
    303,
  );
  assert.equal((await cycle()).stage, 'closed');
  assert.match((await page(BASE)).html, /Next step: Open period 2/);
});

test('the audit log is read a page at a time', async () => {
  for (let n = 0; n < 30; n += 1) {
    await fixture.server.deps.authStore.appendAudit(TEST_POOL, {
      at: Date.UTC(2026, 0, 2),
      actorAccountId: fixture.server.accountIds.coordinator,
      onBehalfOf: null,
      action: 'role.granted',
      detail: { n },
    });
  }
  const first = await page(`${BASE}/audit`);
  assert.equal([...first.html.matchAll(/<tr><td class="num" data-label="#">/g)].length, 25);
  const next = /href="([^"]+)" rel="next"/.exec(first.html)?.[1];
  assert.ok(next !== undefined);
  const second = await page(next.replaceAll('&amp;', '&'));
  assert.match(second.html, /n: 29/);
  assert.doesNotMatch(second.html, /rel="next"/);
  assert.match(second.html, /First page/);
});
