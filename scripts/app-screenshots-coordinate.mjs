// Renders the maintainer's and coordinator's main pages into docs/screenshots/ (or --out):
// the period cycle with its settlement preview, members and roles, and a project's page, at
// desktop (1280 px) and phone (360 px) width, in English and German. It starts the test
// server with the project fixture (a bakery in the middle of a period) on a loopback port and
// drives the system's Chromium (/usr/bin/chromium, or CHROMIUM=...) through playwright-core.
//
//   node --import tsx scripts/app-screenshots-coordinate.mjs [--out docs/screenshots]
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PASSWORD, TEST_POOL } from '../src/http/testing.ts';
import { startProjectFixture } from '../src/web/app/project/fixture.ts';
import { launchBrowser, listen } from '../test/support/browser.ts';

const root = resolve(import.meta.dirname, '..');
const outIndex = process.argv.indexOf('--out');
const outDir = resolve(outIndex >= 0 ? process.argv[outIndex + 1] : join(root, 'docs/screenshots'));

/** Widths and how much of the page's top a shot keeps (about a screen and a half). */
const VIEWPORTS = {
  desktop: { width: 1280, height: 800, keep: 1200 },
  phone: { width: 360, height: 740, keep: 1100 },
};

const PAGES = [
  { name: 'coordinate-cycle', login: 'coordinator', path: '/coordinate' },
  { name: 'coordinate-people', login: 'coordinator', path: '/coordinate/people' },
  { name: 'projects-project', login: 'maintainer', path: '/projects/bakery' },
];

// The bakery in the middle of period 1: bids cleared, one record confirmed, one waiting.
const fixture = await startProjectFixture();
await fixture.advanceTo('bidding');
await fixture.give([
  { kind: 'bids', period: 1, record: { personId: 'ada', instanceId: 'bake-1', weightMilli: 1200 } },
  { kind: 'bids', period: 1, record: { personId: 'dan', instanceId: 'bake-1', weightMilli: 1100 } },
  { kind: 'bids', period: 1, record: { personId: 'eve', instanceId: 'plan-1', weightMilli: 1000 } },
]);
await fixture.advanceTo('running');
await fixture.give([
  {
    kind: 'work',
    period: 1,
    record: { id: 'w-eve', personId: 'eve', instanceId: 'plan-1', minutes: 60, confirmedBy: 'bo' },
  },
  {
    kind: 'work',
    period: 1,
    record: { id: 'w-ada', personId: 'ada', instanceId: 'bake-1', minutes: 120 },
  },
  { kind: 'production', period: 1, record: { productId: 'flour', units: 5 } },
]);

const site = await listen(fixture.server);
const browser = await launchBrowser();
try {
  mkdirSync(outDir, { recursive: true });
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    for (const shot of PAGES) {
      const context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      await page.goto(`${site.url}/sign-in`);
      await page.locator('#f-login').fill(shot.login);
      await page.locator('#f-password').fill(PASSWORD);
      await Promise.all([
        page.waitForURL((url) => url.pathname !== '/sign-in'),
        page.locator('form.stack button[type=submit]').click(),
      ]);
      for (const lang of ['en', 'de']) {
        await page.goto(`${site.url}/pools/${TEST_POOL}${shot.path}?lang=${lang}`);
        const height = await page.evaluate('document.documentElement.scrollHeight');
        const path = join(outDir, `app-${shot.name}-${lang}-${size}.png`);
        await page.screenshot({
          path,
          fullPage: true,
          clip: { x: 0, y: 0, width: viewport.width, height: Math.min(height, viewport.keep) },
        });
        console.log(`wrote ${path}`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await site.stop();
  await fixture.server.close();
}
