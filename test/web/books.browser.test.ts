// Proves, in a real browser, the open books, the steward's and the simulate pages: a visitor
// reads a pool's open books at phone width without signing in, finds no person named in the
// journal, presses verify and is sent to sign in when reaching for a person's statement; a
// steward previews a new dependent and sees the contributors' shares change, then adds them;
// every page has no serious or critical accessibility violation in English and German and no
// horizontal scrolling at 360 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTownServer, TOWN_POOL } from '../../src/web/app/books/fixture.ts';
import {
  DESKTOP,
  openSite,
  PHONE,
  pageWidth,
  type Site,
  seriousViolations,
  signIn,
} from '../support/browser.ts';
import { confirmDependent, previewDependent } from './steps/association.ts';
import { pressVerify, readJournal, readOpenBooks } from './steps/books.ts';

let site: Site;
before(async () => {
  site = await openSite(startTownServer);
});
after(() => site?.close());

test('a visitor reads the open books on a phone, verifies them, and reaches no takings', async () => {
  const { context, page, blocked } = await site.watchedPage(PHONE);
  assert.equal(await readOpenBooks(page, site.url, TOWN_POOL), 'Statement of period 2');
  assert.ok((await pageWidth(page)) <= PHONE.width, 'no horizontal scrolling');
  const accounts = await readJournal(page, site.url, TOWN_POOL);
  assert.ok(accounts.includes('a person'));
  assert.deepEqual(
    accounts.filter((a) => a.includes('.person.')),
    [],
  );
  assert.ok((await pageWidth(page)) <= PHONE.width, 'journal: no horizontal scrolling');
  const verdict = await pressVerify(page);
  assert.ok(verdict.ok, verdict.text);
  assert.match(verdict.text, /The books verify/);
  // A person's statement is for that person and auditors: the visitor is sent to sign in
  // (or finds no page), and the API refuses the statement outright.
  const statement = await page.goto(`${site.url}/pools/${TOWN_POOL}/statement`);
  assert.ok(
    new URL(page.url()).pathname === '/sign-in' || (statement?.status() ?? 0) >= 400,
    `the statement page answered ${statement?.status()} at ${page.url()}`,
  );
  const api = await page.request.get(
    `${site.url}/api/v1/pools/${TOWN_POOL}/persons/a001/statement`,
  );
  assert.equal(api.status(), 401);
  assert.deepEqual(blocked, []);
  await context.close();
});

test('a steward adds a dependent and sees the contributors’ shares change first', async () => {
  const { context, page } = await site.personAt('steward', 'en', DESKTOP);
  const rows = await previewDependent(page, site.url, TOWN_POOL, 'a040', 'sick');
  const own = rows.find((r) => r.personId === 'a040')!;
  assert.equal(own.after, '0.0 h');
  const neighbour = rows.find((r) => r.personId === 'a039')!;
  assert.ok(Number.parseFloat(neighbour.after) > Number.parseFloat(neighbour.before));
  assert.match(await confirmDependent(page), /a040 is now a dependent/);
  await context.close();
});

test('every page of the open books, the association and simulate passes axe in en and de', async () => {
  const { context, page, blocked } = await site.watchedPage(PHONE);
  const pool = `/pools/${TOWN_POOL}`;
  const visitorPages = [
    `${pool}/books`,
    `${pool}/books/journal`,
    `${pool}/books/verify`,
    `${pool}/books/products/cargo-bike`,
  ];
  for (const lang of ['en', 'de']) {
    for (const path of visitorPages) {
      await page.goto(`${site.url}${path}?lang=${lang}`);
      assert.deepEqual(await seriousViolations(page), [], `${path} in ${lang}`);
      assert.ok((await pageWidth(page)) <= PHONE.width, `${path}: no horizontal scrolling`);
    }
  }
  await signIn(page, site.url, 'steward');
  const stewardPages = [
    `${pool}/association`,
    `${pool}/association/dependents/preview?personId=a041&category=child`,
    `${pool}/what-if`,
    '/simulate',
  ];
  for (const lang of ['en', 'de']) {
    for (const path of stewardPages) {
      await page.goto(`${site.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      assert.deepEqual(await seriousViolations(page), [], `${path} in ${lang}`);
      assert.ok((await pageWidth(page)) <= PHONE.width, `${path}: no horizontal scrolling`);
    }
  }
  assert.deepEqual(blocked, []);
  await context.close();
});
