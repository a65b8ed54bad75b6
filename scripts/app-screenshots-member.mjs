// Renders screenshots of the member's main pages (my week, the market, the statement, goods)
// into docs/screenshots/ (or --out), at desktop (1280 px) and phone (360 px) width, in English
// and German: a test pool with a member who bid, won a slot, worked and asked for goods. It
// drives the system's Chromium (/usr/bin/chromium, or CHROMIUM=...) through playwright-core.
//
//   node --import tsx scripts/app-screenshots-member.mjs [--out docs/screenshots]
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TEST_POOL } from '../src/http/testing.ts';
import {
  BAKE_TASK,
  BREAD,
  CARGO_BIKE,
  declareBakeryWork,
  give,
  startMemberServer,
  stepTo,
  workSeqOf,
} from '../src/web/app/member/fixture.ts';
import { DESKTOP, launchBrowser, listen, PHONE, signIn } from '../test/support/browser.ts';

const root = resolve(import.meta.dirname, '..');
const outIndex = process.argv.indexOf('--out');
const outDir = resolve(outIndex >= 0 ? process.argv[outIndex + 1] : join(root, 'docs/screenshots'));

/** Each width and how much of the page's top a shot keeps (about one and a half screens). */
const VIEWPORTS = { desktop: { ...DESKTOP, top: 1200 }, phone: { ...PHONE, top: 1100 } };

const server = await startMemberServer();
const site = await listen(server);
const browser = await launchBrowser();

async function shoot(pages) {
  for (const [width, size] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({
      viewport: { width: size.width, height: size.height },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    await signIn(page, site.url, 'member');
    for (const lang of ['en', 'de']) {
      for (const [name, path] of pages) {
        await page.goto(`${site.url}/pools/${TEST_POOL}${path}?lang=${lang}`);
        const height = await page.evaluate('document.documentElement.scrollHeight');
        const file = join(outDir, `app-member-${name}-${lang}-${width}.png`);
        await page.screenshot({
          path: file,
          clip: { x: 0, y: 0, width: size.width, height: Math.min(height, size.top) },
          fullPage: true,
        });
        console.log(`wrote ${file}`);
      }
    }
    await context.close();
  }
}

try {
  mkdirSync(outDir, { recursive: true });
  const bid = (personId, instanceId, weightMilli) => ({
    kind: 'bids',
    period: 1,
    record: { personId, instanceId, weightMilli, round: 0 },
  });
  await give(server, 'bids', [bid('ada', BAKE_TASK, 1200), bid('bo', BAKE_TASK, 1250)]);
  await give(server, 'requests', [
    {
      kind: 'requests',
      period: 1,
      record: { personId: 'ada', productId: BREAD, units: 2, premiumPerUnitEffortMilli: 0 },
    },
    {
      kind: 'requests',
      period: 1,
      record: { personId: 'ada', productId: CARGO_BIKE, units: 1, premiumPerUnitEffortMilli: 500 },
    },
  ]);
  await shoot([['market', '/market']]);
  await stepTo(server, 1, 'cleared');
  await stepTo(server, 1, 'running');
  await give(server, 'work', [
    {
      kind: 'work',
      period: 1,
      record: { id: 'ada-1', personId: 'ada', instanceId: BAKE_TASK, minutes: 240 },
    },
  ]);
  const confirmed = await server.deps.economy.withdrawInput(
    TEST_POOL,
    'shots:withdraw',
    await workSeqOf(server, 1, 'ada'),
  );
  if (!confirmed.ok) throw new Error(confirmed.error.detail);
  await give(server, 'confirmed', [
    {
      kind: 'work',
      period: 1,
      record: {
        id: 'ada-1',
        personId: 'ada',
        instanceId: BAKE_TASK,
        minutes: 240,
        confirmedBy: 'bo',
      },
    },
  ]);
  // Two bakers at the clearing weight 1.25, one of them recorded: 4 h × 1.25 = 5 hours.
  await declareBakeryWork(server, 1, 5000);
  await shoot([
    ['week', ''],
    ['statement', '/statement'],
    ['goods', '/goods'],
  ]);
} finally {
  await browser.close();
  await site.stop();
  await server.close();
}
