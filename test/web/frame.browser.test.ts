// Proves, in a real browser, the frame every page stands on: a member signs in through the
// form at phone width, lands on the home page with their pool, switches to German and back,
// and the sign-in and home pages have no serious or critical accessibility violation in
// either language, with no script or style blocked by the page's security policy.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../../src/http/testing.ts';
import {
  DESKTOP,
  launchBrowser,
  listen,
  PHONE,
  seriousViolations,
  signIn,
} from '../support/browser.ts';

let server: TestServer;
let site: Awaited<ReturnType<typeof listen>>;
let browser: Browser;

before(async () => {
  server = await startTestServer();
  site = await listen(server);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.stop();
  await server?.close();
});

test('a member signs in at phone width and finds their pool, in English and German', async () => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(message.text()))
      blocked.push(message.text());
  });
  await signIn(page, site.url, 'member');
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await page.locator('a[href="/pools/p"]').count(), 1);
  await page.getByRole('link', { name: 'Deutsch' }).click();
  // (waitForFunction evaluates a string in the page, which the page's policy rightly forbids.)
  await page.locator('html[lang="de"]').waitFor({ state: 'attached' });
  assert.equal(await page.getByRole('heading', { name: 'Deine Pools' }).count(), 1);
  const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  assert.ok(width <= PHONE.width, `no horizontal scrolling at 360 px (page is ${width} px wide)`);
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await page.getByRole('link', { name: 'Anmelden' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Deine Pools' }).count(), 0);
  assert.deepEqual(blocked, []);
  await context.close();
});

test('sign-in and home have no serious accessibility violation in either language', async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  for (const lang of ['en', 'de']) {
    for (const path of ['/sign-in', '/']) {
      await page.goto(`${site.url}${path}?lang=${lang}`);
      assert.deepEqual(await seriousViolations(page), [], `${path} in ${lang}`);
    }
  }
  await context.close();
});
