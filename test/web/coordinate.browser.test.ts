// Proves, in a real browser, the coordinator's and the maintainer's pages: a coordinator opens
// bidding, bids for a member in office mode, closes bidding, runs the period and records the
// member's work; the bakery's confirmer confirms it and its maintainer records production;
// the coordinator closes the period. An invitation's one-time link lets the new person set a
// password and sign in. Every page has no serious accessibility violation in English and
// German, no horizontal scrolling at 360 px, and nothing blocked by the page's policy.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { PASSWORD, TEST_POOL } from '../../src/http/testing.ts';
import { type ProjectFixture, startProjectFixture } from '../../src/web/app/project/fixture.ts';
import {
  openSite,
  PHONE,
  pageWidth,
  type Site,
  seriousViolations,
  signIn,
} from '../support/browser.ts';
import {
  closeBidding,
  closePeriod,
  createInvitation,
  placeBidInOffice,
  recordWorkInOffice,
  runPeriod,
  takeStep,
} from './steps/coordinate.ts';
import { confirmWork, recordProduction } from './steps/project.ts';

let fixture: ProjectFixture;
let site: Site;
before(async () => {
  site = await openSite(async () => {
    fixture = await startProjectFixture();
    return fixture.server;
  });
});
after(() => site?.close());

const personAt = (login: string, lang?: string) => site.personAt(login, lang);

const cycle = async () => {
  const status = await fixture.server.deps.economy.status(TEST_POOL);
  assert.ok(status.ok);
  return status.value.cycle;
};

async function checkPage(page: Page, url: string, what: string) {
  await page.goto(url);
  assert.deepEqual(await seriousViolations(page), [], what);
  const width = await pageWidth(page);
  assert.ok(width <= PHONE.width, `${what}: no horizontal scrolling at 360 px (${width} px)`);
}

test('a period from bidding to close, with office mode and a confirmation', async () => {
  const eve = await personAt('coordinator');
  await takeStep(eve.page, site.url, TEST_POOL, 'bidding');
  await placeBidInOffice(eve.page, site.url, TEST_POOL, {
    personId: 'ada',
    instanceId: 'bake-1',
    weight: '1.2',
  });
  await eve.page.goto(`${site.url}/pools/${TEST_POOL}/coordinate`);
  assert.equal(
    await eve.page.locator('td[data-label="Assigned to"]', { hasText: 'ada' }).count(),
    1,
  );
  await closeBidding(eve.page, site.url, TEST_POOL);
  await runPeriod(eve.page, site.url, TEST_POOL);
  await recordWorkInOffice(eve.page, site.url, TEST_POOL, {
    personId: 'ada',
    instanceId: 'bake-1',
    minutes: 120,
  });

  const cy = await personAt('confirmer', 'de');
  await confirmWork(cy.page, site.url, TEST_POOL, 'bakery', 'ada');
  assert.equal(await cy.page.locator('.notice.ok').count(), 1);
  const bo = await personAt('maintainer');
  // 2 hours at weight 1.2 are 2.4 h of the bakery's: 12 units of flour at 0.2 h.
  await recordProduction(bo.page, site.url, TEST_POOL, 'bakery', { productId: 'flour', units: 12 });

  await closePeriod(eve.page, site.url, TEST_POOL);
  assert.deepEqual(await cycle(), { period: 1, stage: 'closed' });
  const s = await fixture.server.deps.economy.scenario(TEST_POOL);
  assert.ok(s.ok);
  assert.deepEqual(
    s.value.periods[0]!.work.map((w) => [w.personId, w.confirmedBy]),
    [['ada', 'cy']],
  );
  await eve.page.goto(`${site.url}/pools/${TEST_POOL}/coordinate/audit`);
  assert.ok(
    (await eve.page.locator('td[data-label="Office mode"]', { hasText: 'ada' }).count()) >= 2,
  );
  for (const person of [eve, cy, bo]) {
    assert.deepEqual(person.blocked, []);
    await person.context.close();
  }
});

test('an invited person sets a password through the one-time link and signs in', async () => {
  const eve = await personAt('coordinator');
  const link = await createInvitation(eve.page, site.url, TEST_POOL, 'ada-phone', 'ada');
  await eve.context.close();
  const { context, page } = await site.watchedPage(PHONE);
  await page.goto(link);
  await page.locator('#f-password').fill(PASSWORD);
  await page.locator('form[action="/links/redeem"] button').click();
  await page.locator('.notice.ok').waitFor();
  await signIn(page, site.url, 'ada-phone');
  assert.equal((await page.locator(`a[href="/pools/${TEST_POOL}"]`).count()) > 0, true);
  await context.close();
});

test('the pages have no serious accessibility violation and fit a phone, in en and de', async () => {
  const eve = await personAt('coordinator');
  const bo = await personAt('maintainer');
  const pool = `${site.url}/pools/${TEST_POOL}`;
  for (const lang of ['en', 'de']) {
    for (const path of ['', '/people', '/settings', '/office', '/audit']) {
      await checkPage(
        eve.page,
        `${pool}/coordinate${path}?lang=${lang}`,
        `coordinate${path} ${lang}`,
      );
    }
    await checkPage(bo.page, `${pool}/projects?lang=${lang}`, `projects ${lang}`);
    await checkPage(bo.page, `${pool}/projects/bakery?lang=${lang}`, `bakery ${lang}`);
    await checkPage(bo.page, `${site.url}/links/redeem?token=x&lang=${lang}`, `link ${lang}`);
  }
  assert.deepEqual([...eve.blocked, ...bo.blocked], []);
  await eve.context.close();
  await bo.context.close();
});
