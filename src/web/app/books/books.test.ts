// Proves the open-books pages: a visitor reads a public pool's statement, charts with their
// tables, the journal and its verification without signing in, and never one person's takings;
// a person sees only their own account named; closed books are refused in English and German.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TestServer } from '../../../http/testing.ts';
import { startTownServer, TOWN_MEMBER, TOWN_POOL } from './fixture.ts';

let server: TestServer;
before(async () => {
  server = await startTownServer();
});
after(() => server.close());

const books = `/pools/${TOWN_POOL}/books`;
/** A person account of the town pool, written out. */
const PERSON_ACCOUNT = new RegExp(`${TOWN_POOL}\\.person\\.`);

test('a visitor reads the statement per period and the charts, each with its numbers', async () => {
  const page = await server.request(`${books}?period=1`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /Statement of period 1/);
  assert.match(html, /work\.credit/);
  for (const id of ['task-weights', 'price-factor', 'balances', 'flows', 'redistribution']) {
    assert.match(html, new RegExp(`id="books-${id}-svg"`), `chart ${id}`);
  }
  assert.match(html, /<caption>The numbers behind the chart: /);
  assert.doesNotMatch(html, PERSON_ACCOUNT);
  assert.doesNotMatch(html, /Every person.{1,6}s balance/, 'no per-person balances for a visitor');
});

test('the auditor sees every person balance; a visitor and a member do not', async () => {
  const audited = await (await server.request(books, { role: 'auditor' })).text();
  assert.match(audited, /Every person.{1,6}s balance/);
  assert.match(audited, new RegExp(`>${TOWN_MEMBER}<`));
  const member = await (await server.request(books, { role: 'member' })).text();
  assert.doesNotMatch(member, /Every person.{1,6}s balance/);
});

test('the journal pages name no person to a visitor, only their own to a member', async () => {
  const first = await (await server.request(`${books}/journal`)).text();
  assert.match(first, /Journal entries 0 to 49/);
  assert.match(first, /a person/);
  assert.doesNotMatch(first, PERSON_ACCOUNT);
  const next = await (await server.request(`${books}/journal?after=49`)).text();
  assert.match(next, /Journal entries 50 to 99/);
  // The member's own account shows by name somewhere in the journal; nobody else's does.
  let own = false;
  for (let after = -1; after < 1000; after += 50) {
    const html = await (
      await server.request(`${books}/journal?after=${after}`, { role: 'member' })
    ).text();
    const named = [...html.matchAll(/riverside-pool\.person\.([\w-]+)/g)].map((m) => m[1]);
    assert.deepEqual(
      named.filter((p) => p !== TOWN_MEMBER),
      [],
    );
    own ||= named.includes(TOWN_MEMBER);
  }
  assert.ok(own, "the member's own account is named");
});

test('verify recomputes the chain and says so, in English and German', async () => {
  const en = await (await server.request(`${books}/verify`)).text();
  assert.match(en, /The books verify: all 987 journal entries were recomputed/);
  const de = await (await server.request(`${books}/verify?lang=de`)).text();
  assert.match(de, /Die Bücher stimmen: Alle 987 Journaleinträge/);
});

test('a visitor cannot reach one person’s takings', async () => {
  const api = await server.request(`/api/v1/pools/${TOWN_POOL}/persons/${TOWN_MEMBER}/statement`);
  assert.equal(api.status, 401);
  const page = await server.request(`/pools/${TOWN_POOL}/statement`);
  assert.notEqual(page.status, 200);
  const other = await server.request(`/api/v1/pools/${TOWN_POOL}/persons/a002/statement`, {
    role: 'member',
  });
  assert.equal(other.status, 403);
});

test('a supply chain shows the making project, its tasks and resources; unknown is 404', async () => {
  const bike = await server.request(`${books}/products/cargo-bike`);
  assert.equal(bike.status, 200);
  const html = await bike.text();
  assert.match(html, /Supply chain of cargo-bike/);
  assert.match(html, /bike-workshop/);
  assert.equal((await server.request(`${books}/products/nothing`)).status, 404);
});

test('closed books: the public is sent to sign in, an outsider refused in en and de', async () => {
  const visitor = await server.request('/pools/p/books');
  assert.equal(visitor.status, 303);
  assert.match(visitor.headers.get('location') ?? '', /^\/sign-in\?next=/);
  const en = await server.request('/pools/p/books', { role: 'outsider' });
  assert.equal(en.status, 403);
  assert.match(await en.text(), /Not allowed/);
  const de = await server.request('/pools/p/books/journal?lang=de', { role: 'outsider' });
  assert.equal(de.status, 403);
  assert.match(await de.text(), /Nicht erlaubt/);
});
