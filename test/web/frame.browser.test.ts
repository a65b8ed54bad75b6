// Proves, in a real browser, the frame every page stands on: a member signs in through the
// form at phone width, lands on the home page with their pool, switches to German and back,
// and the sign-in and home pages have no serious or critical accessibility violation in
// either language, with no script or style blocked by the page's security policy.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer } from '../../src/http/testing.ts';
import {
  DESKTOP,
  openSite,
  PHONE,
  pageWidth,
  type Site,
  seriousViolations,
} from '../support/browser.ts';

let site: Site;
before(async () => {
  site = await openSite(startTestServer);
});
after(() => site?.close());

test('a member signs in at phone width and finds their pool, in English and German', async () => {
  const { context, page, blocked } = await site.personAt('member');
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await page.locator('a[href="/pools/p"]').count(), 1);
  await page.getByRole('link', { name: 'Deutsch' }).click();
  // (waitForFunction evaluates a string in the page, which the page's policy rightly forbids.)
  await page.locator('html[lang="de"]').waitFor({ state: 'attached' });
  assert.equal(await page.getByRole('heading', { name: 'Deine Pools' }).count(), 1);
  const width = await pageWidth(page);
  assert.ok(width <= PHONE.width, `no horizontal scrolling at 360 px (page is ${width} px wide)`);
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await page.getByRole('link', { name: 'Anmelden' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Deine Pools' }).count(), 0);
  assert.deepEqual(blocked, []);
  await context.close();
});

test('sign-in and home have no serious accessibility violation in either language', async () => {
  const { context, page } = await site.watchedPage(DESKTOP);
  for (const lang of ['en', 'de']) {
    for (const path of ['/sign-in', '/']) {
      await page.goto(`${site.url}${path}?lang=${lang}`);
      assert.deepEqual(await seriousViolations(page), [], `${path} in ${lang}`);
    }
  }
  await context.close();
});
