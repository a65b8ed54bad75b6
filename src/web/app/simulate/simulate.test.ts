// Proves the simulate and what-if pages: a signed-in reader runs a scenario in a separate
// process and reads its report in the page; bad, oversize and over-time runs are refused with
// a clear message in English and German; a pool's people compare the pool as it is with one
// setting changed, side by side; the public is sent to sign in.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, afterEach, before, test } from 'node:test';
import type { TestServer } from '../../../http/testing.ts';
import { startTownServer, TOWN_POOL } from '../books/fixture.ts';
import { STARTER } from './simulate-page.tsx';

let server: TestServer;
before(async () => {
  server = await startTownServer();
});
after(() => server.close());
afterEach(() => {
  delete process.env.PEERCONOMY_SIMULATE_MAX_BYTES;
  delete process.env.PEERCONOMY_SIMULATE_TIMEOUT_MS;
});

/** The form's own starter: two people, one task. */
const SMALL = STARTER;
const NEIGHBOURHOOD = readFileSync(
  new URL('../../../../examples/neighbourhood.yaml', import.meta.url),
  'utf8',
);

/** A multipart form post (its boundary in the content type the test server keeps). */
async function multipart(fields: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  const encoded = new Request('http://localhost/', { method: 'POST', body: data });
  return {
    method: 'POST',
    headers: { 'content-type': encoded.headers.get('content-type')! },
    body: await encoded.arrayBuffer(),
  };
}

test('the public is sent to sign in; a member sees the form', async () => {
  const visitor = await server.request('/simulate');
  assert.equal(visitor.status, 303);
  assert.match(visitor.headers.get('location') ?? '', /^\/sign-in/);
  const page = await server.request('/simulate', { role: 'member' });
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Upload a scenario file/);
});

test('a scenario runs apart from the server and its report shows in the page', async () => {
  const response = await server.request('/simulate', {
    role: 'member',
    ...(await multipart({ text: SMALL })),
  });
  assert.equal(response.status, 200);
  const html = await response.text();
  assert.match(html, /Scenario report: my-scenario/);
  assert.match(html, /id="task-weights-svg"/);
  assert.equal(html.match(/<main/g)?.length, 1, 'one main landmark');
  assert.doesNotMatch(html, /<style>/);
});

test('a bad scenario is refused next to the field, in English and German', async () => {
  const en = await server.request('/simulate', {
    role: 'member',
    ...(await multipart({ text: 'name: [' })),
  });
  assert.equal(en.status, 400);
  assert.match(await en.text(), /id="f-text-error"[^>]*>The file cannot be read: /);
  const de = await server.request('/simulate?lang=de', {
    role: 'member',
    ...(await multipart({ text: 'name: x\npool: { id: p }\n' })),
  });
  assert.equal(de.status, 400);
  assert.match(await de.text(), /Das Szenario ist nicht gültig: /);
});

test('an oversize scenario is refused before it runs, in English and German', async () => {
  process.env.PEERCONOMY_SIMULATE_MAX_BYTES = '1024';
  const big = `${SMALL}\n# ${'x'.repeat(2000)}\n`;
  const en = await server.request('/simulate', {
    role: 'member',
    ...(await multipart({ text: big })),
  });
  assert.equal(en.status, 413);
  assert.match(await en.text(), /The scenario is too large: at most 1 KiB are taken/);
  const huge = `${SMALL}\n# ${'x'.repeat(40_000)}\n`;
  const de = await server.request('/simulate?lang=de', {
    role: 'member',
    ...(await multipart({ text: huge })),
  });
  assert.equal(de.status, 413);
  assert.match(await de.text(), /Das Szenario ist zu groß: Höchstens 1 KiB/);
});

test('a run past its time is stopped and refused, in English and German', async () => {
  process.env.PEERCONOMY_SIMULATE_TIMEOUT_MS = '1000';
  const started = Date.now();
  const en = await server.request('/simulate', {
    role: 'member',
    ...(await multipart({ text: NEIGHBOURHOOD })),
  });
  assert.ok(Date.now() - started < 5000, 'answered soon after the limit');
  assert.equal(en.status, 408);
  assert.match(await en.text(), /The run took longer than 1 seconds and was stopped/);
  const de = await server.request('/simulate?lang=de', {
    role: 'member',
    ...(await multipart({ text: NEIGHBOURHOOD })),
  });
  assert.equal(de.status, 408);
  assert.match(await de.text(), /Der Lauf dauerte länger als 1 Sekunden/);
});

const whatIf = `/pools/${TOWN_POOL}/what-if`;
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

test('what if: the pool as it is and with the other clearing rule, side by side', async () => {
  const page = await server.request(whatIf, { role: 'member' });
  assert.equal(page.status, 200);
  assert.match(await page.text(), /1 hour counts at most/);
  const ran = await server.request(whatIf, {
    role: 'member',
    ...form({ setting: 'clearingRule', value: 'highest' }),
  });
  assert.equal(ran.status, 200);
  const html = await ran.text();
  assert.match(html, /As the pool is/);
  assert.match(html, /With Clearing rule of the task market: highest/);
  const rows = html.match(/<td data-label="Period">\d+<\/td>/g) ?? [];
  assert.equal(rows.length, 4, 'two closed periods in each run');
});

test('what if: a cap below the bids given stops the changed run and says why', async () => {
  const ran = await server.request(whatIf, {
    role: 'member',
    ...form({ setting: 'cap', value: '2.0' }),
  });
  assert.equal(ran.status, 200);
  const html = await ran.text();
  assert.match(
    html,
    /With Cap on task weights: 2\.0<\/h3><div class="notice refused"[^>]*>period 1: market\.bid_above_cap/,
  );
});

test('what if: a bad value is refused next to the field in en and de; others kept out', async () => {
  const en = await server.request(whatIf, {
    role: 'member',
    ...form({ setting: 'cap', value: 'high' }),
  });
  assert.equal(en.status, 400);
  assert.match(await en.text(), /id="f-value-error"[^>]*>Give the cap as a weight/);
  const de = await server.request(`${whatIf}?lang=de`, {
    role: 'member',
    ...form({ setting: 'clearingRule', value: 'middle' }),
  });
  assert.equal(de.status, 400);
  assert.match(await de.text(), /Schreibe lowest oder highest/);
  assert.equal((await server.request(whatIf)).status, 303);
  assert.equal((await server.request(whatIf, { role: 'outsider' })).status, 403);
});
