// Proves that a signed-in reader's language comes from their account: a language chosen with
// the header's link while signed in is kept on the account and wins over the browser's on any
// later request (another device, no cookie); without a choice the browser's stands; the public
// is unaffected.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../../http/testing.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const htmlLang = async (response: Response) =>
  (await response.text()).match(/<html lang="(\w+)">/)?.[1];

test("without a choice on the account, the browser's language stands", async () => {
  const page = await server.request('/', { role: 'member', headers: { 'accept-language': 'de' } });
  assert.equal(await htmlLang(page), 'de');
  assert.equal(await server.deps.authStore.accountLanguage(server.accountIds.member), null);
});

test('a language chosen while signed in is kept on the account and follows the member', async () => {
  const glance = await server.request('/?lang=de', { role: 'member' });
  assert.equal(await htmlLang(glance), 'de');
  assert.equal(
    await server.deps.authStore.accountLanguage(server.accountIds.member),
    null,
    'a page asked for in a language changes no account',
  );
  const chosen = await server.request('/?lang=de&keep=1', { role: 'member' });
  assert.equal(await htmlLang(chosen), 'de');
  assert.equal(await server.deps.authStore.accountLanguage(server.accountIds.member), 'de');
  // Another device: no language cookie, an English browser.
  const later = await server.request('/', {
    role: 'member',
    headers: { 'accept-language': 'en' },
  });
  assert.equal(await htmlLang(later), 'de');
  const back = await server.request('/?lang=en&keep=1', { role: 'member' });
  assert.equal(await htmlLang(back), 'en');
  assert.equal(await server.deps.authStore.accountLanguage(server.accountIds.member), 'en');
  const other = await server.request('/', {
    role: 'maintainer',
    headers: { 'accept-language': 'de' },
  });
  assert.equal(await htmlLang(other), 'de', "another account keeps the browser's language");
});

test('the public reads the language of its browser or its cookie, as before', async () => {
  const page = await server.request('/', { headers: { 'accept-language': 'de' } });
  assert.equal(await htmlLang(page), 'de');
});
