// Proves the steward's page: residents with capacity factors and dependents, services,
// resources and claims, leases, dwellings and possession; adding a dependent shows each
// contributor's share before and after and then records the status; refusals next to the
// field in English and German; nobody but a steward reaches the page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TestServer } from '../../../http/testing.ts';
import { startTownServer, TOWN_POOL } from '../books/fixture.ts';

let server: TestServer;
before(async () => {
  server = await startTownServer();
});
after(() => server.close());

const page = `/pools/${TOWN_POOL}/association`;
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** The cells of the row of `person` in a preview table, as text. */
function previewRow(html: string, person: string): string[] {
  const row = new RegExp(`<tr[^>]*><td[^>]*>${person}</td>(.*?)</tr>`).exec(html);
  assert.ok(row, `a row for ${person}`);
  return [...row[1]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);
}

test('the steward sees residents, dependents, services, resources and possession', async () => {
  const response = await server.request(page, { role: 'steward' });
  assert.equal(response.status, 200);
  const html = await response.text();
  assert.match(html, /Residents and dependents/);
  assert.match(html, />0\.5</, 'a half-capacity resident');
  assert.match(html, /dependent: child/);
  assert.match(html, /garden-land: at most 10 units a period/);
  assert.match(html, /Claims on garden-land in period 2/);
  assert.match(html, /dwelling apt01/);
  assert.match(html, /good cargo-trailer/);
});

test('the preview shows each contributor’s share before and after a new dependent', async () => {
  const response = await server.request(`${page}/dependents/preview?personId=a040&category=sick`, {
    role: 'steward',
  });
  assert.equal(response.status, 200);
  const html = await response.text();
  assert.match(html, /Preview: a040 as a dependent/);
  const [before, after] = previewRow(html, 'a040');
  assert.notEqual(before, '0.0 h');
  assert.equal(after, '0.0 h', 'the new dependent owes no share');
  const [otherBefore, otherAfter] = previewRow(html, 'a039');
  assert.ok(
    Number.parseFloat(otherAfter!) > Number.parseFloat(otherBefore!),
    `${otherBefore} → ${otherAfter}: the others' shares rise`,
  );
  // South's contributors are not touched by a dependent in north: counted, not listed.
  assert.match(html, /The shares of \d+ other contributors do not change/);
  assert.doesNotMatch(html, /<td data-label="Person">a073<\/td>/);
});

test('adding the dependent records it for the open period and the page shows it', async () => {
  const added = await server.request(`${page}/dependents`, {
    role: 'steward',
    ...form({ personId: 'a041', category: 'elderly', formKey: 'add-a041-key' }),
  });
  assert.equal(added.status, 303);
  assert.equal(added.headers.get('location'), `${page}?added=a041`);
  const html = await (await server.request(`${page}?added=a041`, { role: 'steward' })).text();
  assert.match(html, /a041 is now a dependent/);
  assert.match(html, /<td data-label="Person">a041<\/td>.*?dependent: elderly/s);
  const again = await server.request(`${page}/dependents/preview?personId=a041&category=sick`, {
    role: 'steward',
  });
  assert.equal(again.status, 400);
  assert.match(await again.text(), /a041 is already a dependent/);
});

test('a person outside the steward’s associations is refused next to the field, en and de', async () => {
  const en = await server.request(`${page}/dependents`, {
    role: 'steward',
    ...form({ personId: 'nobody', category: 'child' }),
  });
  assert.equal(en.status, 400);
  const enHtml = await en.text();
  assert.match(enHtml, /aria-invalid="true"/);
  assert.match(
    enHtml,
    /id="f-personId-error"[^>]*>nobody does not live in an association you look after/,
  );
  const de = await server.request(
    `${page}/dependents/preview?personId=nobody&category=child&lang=de`,
    {
      role: 'steward',
    },
  );
  assert.equal(de.status, 400);
  assert.match(await de.text(), /nobody wohnt in keiner Vereinigung, die du betreust/);
});

test('only stewards reach the page: a member is refused, a visitor sent to sign in', async () => {
  const member = await server.request(page, { role: 'member' });
  assert.equal(member.status, 403);
  const memberPost = await server.request(`${page}/dependents`, {
    role: 'member',
    ...form({ personId: 'a040', category: 'sick' }),
  });
  assert.equal(memberPost.status, 403);
  const visitor = await server.request(`${page}?lang=de`);
  assert.equal(visitor.status, 303);
  const de = await server.request(`${page}?lang=de`, { role: 'member' });
  assert.match(await de.text(), /Nicht erlaubt/);
});
