// Proves that invitation and reset links go out by mail when the server has a mail server: the
// mail carries the link, which redeems; a mail server that refuses leaves the link standing and
// says so; an address given to a server without a mail server is refused and makes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Mailer, MailMessage } from '../../app/ports/mailer.ts';
import { failure, ok } from '../../core/result.ts';
import { refused, testClient } from '../test-client.ts';
import { startTestServer, TEST_POOL, type TestServer } from '../testing.ts';

const P = { poolId: TEST_POOL };
const sent: MailMessage[] = [];
let refusing = false;
const mailer: Mailer = {
  async send(message) {
    if (refusing) return failure('mail.not_sent', '550 mailbox unavailable');
    sent.push(message);
    return ok(undefined);
  },
};

let mailing: TestServer;
let plain: TestServer;
let client: Awaited<ReturnType<typeof testClient>>;
let plainClient: Awaited<ReturnType<typeof testClient>>;
before(async () => {
  mailing = await startTestServer({}, undefined, {
    mail: { mailer, publicUrl: 'https://coop.example.org/' },
  });
  plain = await startTestServer();
  client = await testClient(mailing);
  plainClient = await testClient(plain);
});
after(() => {
  mailing.close();
  plain.close();
});

const linkIn = (text: string) => {
  const found = /https:\/\/coop\.example\.org\/links\/redeem\?token=([^\s]+)/.exec(text);
  assert.ok(found, text);
  return decodeURIComponent(found[1]!);
};

test('an invitation is mailed with its link, in English and German, and the link redeems', async () => {
  const invited = await client.call('coordinator', 'POST', '/pools/{poolId}/invitations', {
    params: P,
    body: { login: 'ada2', personId: 'ada', email: 'ada@example.org' },
  });
  assert.equal(invited.status, 201);
  assert.equal(invited.body.mailed, true);
  assert.equal(sent.length, 1);
  const mail = sent[0]!;
  assert.equal(mail.to, 'ada@example.org');
  assert.match(mail.subject, /invitation to p \/ deine Einladung zu p/);
  assert.match(mail.text, /you are invited to the pool "p" on Peerconomy, with the login "ada2"/);
  assert.match(mail.text, /du bist zum Pool "p" auf Peerconomy eingeladen/);
  assert.equal(linkIn(mail.text), invited.body.token);
  const redeemed = await client.call('public', 'POST', '/auth/links/redeem', {
    body: { token: linkIn(mail.text), password: 'a new long password' },
  });
  assert.equal(redeemed.status, 200);
});

test('a reset link is mailed; a refusing mail server leaves the link standing and says why', async () => {
  const accountId = mailing.accountIds.member;
  const reset = await client.call('coordinator', 'POST', '/pools/{poolId}/reset-links', {
    params: P,
    body: { accountId, email: 'member@example.org' },
  });
  assert.equal(reset.status, 201, JSON.stringify(reset.body));
  assert.equal(reset.body.mailed, true);
  assert.match(sent.at(-1)!.text, /a new password for your Peerconomy login "member"/);
  refusing = true;
  try {
    const again = await client.call('coordinator', 'POST', '/pools/{poolId}/reset-links', {
      params: P,
      body: { accountId, email: 'member@example.org' },
    });
    assert.equal(again.status, 201);
    assert.equal(again.body.mailed, false);
    assert.equal(again.body.mailProblem, '550 mailbox unavailable');
    assert.equal(typeof again.body.token, 'string', 'the link is answered all the same');
  } finally {
    refusing = false;
  }
});

test('an address is refused by a server that sends no mail, and nothing is made', async () => {
  refused(
    await plainClient.call('coordinator', 'POST', '/pools/{poolId}/invitations', {
      params: P,
      body: { login: 'bo2', personId: 'bo', email: 'bo@example.org' },
    }),
    422,
    'mail.not_configured',
  );
  assert.equal(await plain.deps.authStore.findAccountByLogin('bo2'), undefined);
  refused(
    await plainClient.call('coordinator', 'POST', '/pools/{poolId}/invitations', {
      params: P,
      body: { login: 'bo2', personId: 'bo', email: 'not an address' },
    }),
    400,
    'http.invalid_request',
  );
  const invited = await plainClient.call('coordinator', 'POST', '/pools/{poolId}/invitations', {
    params: P,
    body: { login: 'bo2', personId: 'bo' },
  });
  assert.equal(invited.status, 201);
  assert.equal(invited.body.mailed, false);
});

test("the coordinator's page asks for an address only when mail is sent, and says where it went", async () => {
  const form = (server: TestServer, path: string, fields: Record<string, string>, lang = 'en') =>
    server.request(`/pools/${TEST_POOL}/coordinate/people${path}?lang=${lang}`, {
      role: 'coordinator',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ formKey: `web-${path}-${sent.length}`, ...fields }).toString(),
    });
  const page = async (server: TestServer) =>
    (await server.request(`/pools/${TEST_POOL}/coordinate/people`, { role: 'coordinator' })).text();
  assert.match(await page(mailing), /name="inviteEmail"/);
  assert.match(await page(mailing), /name="resetEmail"/);
  assert.doesNotMatch(await page(plain), /name="inviteEmail"|name="resetEmail"/);

  const before = sent.length;
  const bad = await form(
    mailing,
    '/invite',
    {
      newLogin: 'cy2',
      personId: 'cy',
      inviteEmail: 'cy at home',
    },
    'de',
  );
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /id="f-inviteEmail-error"[^>]*>Schreib eine E-Mail-Adresse/);
  assert.equal(await mailing.deps.authStore.findAccountByLogin('cy2'), undefined);
  const invited = await form(mailing, '/invite', {
    newLogin: 'cy2',
    personId: 'cy',
    inviteEmail: 'cy@example.org',
  });
  assert.equal(invited.status, 201);
  assert.match(await invited.text(), /It was also mailed to cy@example.org\./);
  assert.equal(sent.length, before + 1);
  assert.equal(sent.at(-1)!.to, 'cy@example.org');
});
