// Proves, in a real browser, a member's pages: at phone width a member bids on two tasks,
// withdraws one, subscribes to bread, sees the slot assigned, reads it through a calendar link
// it then revokes, records the work and, once it is confirmed, reads the credit on the
// statement; two members bid premiums on a scarce good and each reads the auction's result and
// the price factor the premium lowers for everyone next period (journey 2); and every member
// page has no serious accessibility violation in English and German, no horizontal scrolling
// at 360 px, and nothing blocked by the page's security policy.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TEST_POOL, type TestServer } from '../../src/http/testing.ts';
import {
  BAKE_TASK,
  BREAD,
  CARGO_BIKE,
  DELIVER_TASK,
  declareBakeryWork,
  give,
  startMemberServer,
  stepTo,
  workSeqOf,
} from '../../src/web/app/member/fixture.ts';
import {
  DESKTOP,
  openSite,
  PHONE,
  pageWidth,
  type Site,
  seriousViolations,
} from '../support/browser.ts';
import {
  bidPremium,
  makeCalendarFeed,
  placeBid,
  readAssignments,
  readAuctionResults,
  readPriceFactor,
  readStatement,
  recordWork,
  revokeCalendarFeeds,
  signIn,
  subscribe,
  takeGood,
  withdrawBid,
} from './steps/member.ts';

let site: Site;
let server: TestServer;
before(async () => {
  site = await openSite(startMemberServer);
  server = site.server;
});
after(() => site?.close());

const PAGES = ['', '/market', '/work', '/statement', '/goods', '/household', '/calendar'];

const watchedPage = (viewport: { width: number; height: number }) => site.watchedPage(viewport);

/** Every member page in both languages: axe-core at desktop width, page width on a phone. */
async function checkEveryPage(when: string) {
  for (const viewport of [DESKTOP, PHONE]) {
    const { context, page, blocked } = await watchedPage(viewport);
    await signIn(page, site.url, 'member');
    for (const lang of ['en', 'de']) {
      for (const path of PAGES) {
        await page.goto(`${site.url}/pools/${TEST_POOL}${path}?lang=${lang}`);
        const at = `${path || '/'} in ${lang} ${when}`;
        if (viewport === DESKTOP) {
          assert.deepEqual(await seriousViolations(page), [], at);
        } else {
          const width = await pageWidth(page);
          assert.ok(width <= PHONE.width, `${at} is ${width} px wide at 360 px`);
        }
      }
    }
    assert.deepEqual(blocked, []);
    await context.close();
  }
}

test('while bidding: every member page is accessible and fits a phone', async () => {
  await checkEveryPage('while bidding');
});

test('a member bids, is assigned a slot, records the work and reads the credit (phone)', async () => {
  const { context, page, blocked } = await watchedPage(PHONE);
  await signIn(page, site.url, 'member');
  await placeBid(page, site.url, TEST_POOL, BAKE_TASK, '1.2');
  await placeBid(page, site.url, TEST_POOL, DELIVER_TASK, '1.5');
  assert.ok((await pageWidth(page)) <= PHONE.width, 'the market does not scroll sideways');
  await withdrawBid(page, site.url, TEST_POOL, DELIVER_TASK);
  assert.equal(await page.locator(`#weight-${DELIVER_TASK}`).inputValue(), '');
  assert.equal(await page.locator(`#weight-${BAKE_TASK}`).inputValue(), '1.2');
  await subscribe(page, site.url, TEST_POOL, BREAD, 1);
  assert.equal(await page.locator('#subscriptions').count(), 1, 'the subscription is listed');

  await stepTo(server, 1, 'cleared');
  await stepTo(server, 1, 'running');
  assert.deepEqual(await readAssignments(page, site.url, TEST_POOL), [BAKE_TASK]);
  const feedUrl = await makeCalendarFeed(page, site.url, TEST_POOL);
  assert.deepEqual(await seriousViolations(page), [], 'the page showing a new link');
  assert.ok((await pageWidth(page)) <= PHONE.width, 'the new link fits a phone');
  const feed = await page.request.get(feedUrl);
  assert.match(
    await feed.text(),
    /BEGIN:VEVENT[\s\S]*SUMMARY:baking \(bakery\)/,
    'the slot is in the feed',
  );
  await revokeCalendarFeeds(page, site.url, TEST_POOL);
  assert.equal((await page.request.get(feedUrl)).status(), 404);
  await recordWork(page, site.url, TEST_POOL, BAKE_TASK, 240);
  const confirmed = await server.request(
    `/api/v1/pools/${TEST_POOL}/inputs/${await workSeqOf(server, 1, 'ada')}/confirmation`,
    {
      method: 'POST',
      role: 'maintainer',
      headers: { 'idempotency-key': 'browser-confirm' },
      body: JSON.stringify({ confirmedBy: 'bo' }),
    },
  );
  assert.equal(confirmed.status, 201);
  await declareBakeryWork(server, 1, 4800);
  const statement = await readStatement(page, site.url, TEST_POOL);
  assert.equal(statement.posted, '0.0 hours');
  assert.equal(statement.projected, '4.8 hours');
  assert.ok(statement.lines.some((line) => /1 hour counts 1.2 hours/.test(line)));
  assert.deepEqual(blocked, []);
  await context.close();
  await checkEveryPage('while the period runs');
});

// Journey 2 of issue 16.
test('two members bid premiums on a scarce good; each reads the auction result and the lower price factor', async () => {
  const ada = await watchedPage(DESKTOP);
  const cy = await watchedPage(DESKTOP);
  await signIn(ada.page, site.url, 'member');
  await signIn(cy.page, site.url, 'confirmer', 'de');
  assert.equal(await readPriceFactor(ada.page, site.url, TEST_POOL), 1);
  await bidPremium(ada.page, site.url, TEST_POOL, CARGO_BIKE, 1, '0.5');
  await bidPremium(cy.page, site.url, TEST_POOL, CARGO_BIKE, 1, '0,3');
  // Bread at the posted price is the base the premium is spread over (reference §4.8).
  await takeGood(cy.page, site.url, TEST_POOL, BREAD, 2);
  await give(server, 'bike-made', [
    { kind: 'production', period: 1, record: { productId: CARGO_BIKE, units: 1 } },
    { kind: 'production', period: 1, record: { productId: BREAD, units: 2 } },
    {
      kind: 'workInProgress',
      period: 1,
      record: { projectId: 'bakery', changeEffortMilli: -5000 },
    },
  ]);
  await stepTo(server, 1, 'settling');
  await stepTo(server, 1, 'closed');
  const adaSees = await readAuctionResults(ada.page, site.url, TEST_POOL);
  assert.equal(adaSees.length, 1);
  assert.match(adaSees[0]!, /premium of 0.3 hours per unit.*You took 1 and paid 0.3 hours/s);
  const cySees = await readAuctionResults(cy.page, site.url, TEST_POOL);
  assert.match(cySees[0]!, /Aufschlag von 0,3 Stunden.*Du hast nichts bekommen/s);
  const statement = await readStatement(ada.page, site.url, TEST_POOL);
  assert.equal(statement.posted, '2.5 hours', '4.8 credited, 2.0 price and 0.3 premium taken');
  // Everyone's prices fall next period: 1 − 0.3 h premium / 3.0 h bread = 0.9.
  assert.equal(await readPriceFactor(ada.page, site.url, TEST_POOL), 0.9);
  assert.equal(await readPriceFactor(cy.page, site.url, TEST_POOL), 0.9);
  assert.deepEqual([...ada.blocked, ...cy.blocked], []);
  await ada.context.close();
  await cy.context.close();
});

test('after closing: every member page is accessible and fits a phone', async () => {
  await checkEveryPage('after closing');
});
