// Renders the web app's main pages into docs/screenshots/ (or --out DIR): the top of each page
// (about one and a half screens) at desktop (1280 px) and phone (360 px) width, in English and
// German, as app-<area>-<page>-<lang>-<desktop|phone>.png. One headless Chromium (the system's
// /usr/bin/chromium, or CHROMIUM=..., driven by playwright-core) serves three test servers in
// turn: a member's pool in the middle of a period (my week, market, work, statement, goods,
// household, calendar), the bakery for the maintainer's and coordinator's pages, and the
// neighbourhood example for the open books, the steward's page and the simulations.
// `--only member|coordinate|books` renders one of them.
//
//   node --import tsx scripts/app-screenshots.mjs [--out docs/screenshots] [--only member]
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TEST_POOL } from '../src/http/testing.ts';
import { startTownServer, TOWN_POOL } from '../src/web/app/books/fixture.ts';
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
import { startProjectFixture } from '../src/web/app/project/fixture.ts';
import { DESKTOP, launchBrowser, listen, PHONE, signIn } from '../test/support/browser.ts';

const root = resolve(import.meta.dirname, '..');
const argument = (name) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const outDir = resolve(argument('--out') ?? join(root, 'docs/screenshots'));
const only = argument('--only');

const VIEWPORTS = { desktop: DESKTOP, phone: PHONE };

/**
 * Shoots `pages` of the site as `login` (null: a visitor), one browser context per width.
 * Each page: { name, path (from the site's root), top: { desktop, phone } kept, run?(page) }.
 */
async function shoot(browser, site, login, pages) {
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    if (login !== null) await signIn(page, site.url, login);
    for (const lang of ['en', 'de']) {
      for (const shot of pages) {
        const sep = shot.path.includes('?') ? '&' : '?';
        await page.goto(`${site.url}${shot.path}${sep}lang=${lang}`);
        if (shot.run !== undefined) await shot.run(page);
        const height = await page.evaluate('document.documentElement.scrollHeight');
        const file = join(outDir, `app-${shot.name}-${lang}-${width}.png`);
        const top = shot.top?.[width] ?? (width === 'desktop' ? 1200 : 1100);
        await page.screenshot({
          path: file,
          fullPage: true,
          clip: { x: 0, y: 0, width: viewport.width, height: Math.min(height, top) },
        });
        console.log(`wrote ${file}`);
      }
    }
    await context.close();
  }
}

/** Runs `section` with a test server on a loopback port, and stops both afterwards. */
async function withSite(server, section) {
  const site = await listen(server);
  try {
    await section(site);
  } finally {
    await site.stop();
    await server.close();
  }
}

/** A member who bid, won a slot, worked, asked for goods, subscribed and lives in a flat. */
async function memberPages(browser) {
  const server = await startMemberServer();
  const pool = `/pools/${TEST_POOL}`;
  const member = (name, path) => ({ name: `member-${name}`, path: `${pool}${path}` });
  await withSite(server, async (site) => {
    const bid = (personId, instanceId, weightMilli) => ({
      kind: 'bids',
      period: 1,
      record: { personId, instanceId, weightMilli, round: 0 },
    });
    await give(server, 'bids', [bid('ada', BAKE_TASK, 1200), bid('bo', BAKE_TASK, 1250)]);
    const request = (productId, units, premiumPerUnitEffortMilli) => ({
      kind: 'requests',
      period: 1,
      record: { personId: 'ada', productId, units, premiumPerUnitEffortMilli },
    });
    await give(server, 'requests', [request(BREAD, 2, 0), request(CARGO_BIKE, 1, 500)]);
    await give(server, 'standing', [
      {
        kind: 'subscriptions',
        period: 0,
        record: { id: 'ada-bread', personId: 'ada', productId: BREAD, unitsPerPeriod: 2 },
      },
      {
        kind: 'housingUnits',
        period: 0,
        record: { id: 'flat-2', projectId: 'bakery', buildEffortMilli: 120000, lifePeriods: 120 },
      },
    ]);
    await give(server, 'household', [
      {
        kind: 'occupancy',
        period: 1,
        record: {
          unitId: 'flat-2',
          residents: [
            { personId: 'ada', shareWeight: 1 },
            { personId: 'dan', shareWeight: 1 },
          ],
          occupiedPpm: 1_000_000,
          maintenanceEffortMilli: 0,
        },
      },
      {
        kind: 'dependents',
        period: 1,
        record: { personId: 'dan', dependent: { category: 'child', allowanceEffortMilli: 3000 } },
      },
    ]);
    await shoot(browser, site, 'member', [member('market', '/market')]);
    await stepTo(server, 1, 'cleared');
    await stepTo(server, 1, 'running');
    // One record confirmed, one waiting: 4 h confirmed and 1 h on the way.
    const work = (id, minutes, confirmedBy) => ({
      kind: 'work',
      period: 1,
      record: { id, personId: 'ada', instanceId: BAKE_TASK, minutes, confirmedBy },
    });
    await give(server, 'work', [work('ada-1', 240)]);
    const seq = await workSeqOf(server, 1, 'ada');
    const withdrawn = await server.deps.economy.withdrawInput(TEST_POOL, 'shots:withdraw', seq);
    if (!withdrawn.ok) throw new Error(withdrawn.error.detail);
    await give(server, 'confirmed', [work('ada-1', 240, 'bo'), work('ada-2', 60)]);
    // Two bakers at the clearing weight 1.25, one of them recorded: 4 h × 1.25 = 5 hours.
    await declareBakeryWork(server, 1, 5000);
    await shoot(browser, site, 'member', [
      member('week', ''),
      member('work', '/work'),
      member('statement', '/statement'),
      member('goods', '/goods'),
      member('household', '/household'),
      member('calendar', '/calendar'),
    ]);
  });
}

/** The bakery in the middle of period 1: bids cleared, one record confirmed, one waiting. */
async function coordinatePages(browser) {
  const fixture = await startProjectFixture();
  await fixture.advanceTo('bidding');
  const bid = (personId, instanceId, weightMilli) => ({
    kind: 'bids',
    period: 1,
    record: { personId, instanceId, weightMilli },
  });
  await fixture.give([
    bid('ada', 'bake-1', 1200),
    bid('dan', 'bake-1', 1100),
    bid('eve', 'plan-1', 1000),
  ]);
  await fixture.advanceTo('running');
  await fixture.give([
    {
      kind: 'work',
      period: 1,
      record: {
        id: 'w-eve',
        personId: 'eve',
        instanceId: 'plan-1',
        minutes: 60,
        confirmedBy: 'bo',
      },
    },
    {
      kind: 'work',
      period: 1,
      record: { id: 'w-ada', personId: 'ada', instanceId: 'bake-1', minutes: 120 },
    },
    { kind: 'production', period: 1, record: { productId: 'flour', units: 5 } },
  ]);
  const pool = `/pools/${TEST_POOL}`;
  await withSite(fixture.server, async (site) => {
    await shoot(browser, site, 'coordinator', [
      { name: 'coordinate-cycle', path: `${pool}/coordinate` },
      { name: 'coordinate-people', path: `${pool}/coordinate/people` },
    ]);
    await shoot(browser, site, 'maintainer', [
      { name: 'projects-project', path: `${pool}/projects/bakery` },
    ]);
  });
}

/** The neighbourhood example: open books for a visitor; association and simulations. */
async function booksPages(browser) {
  const pool = `/pools/${TOWN_POOL}`;
  const top = { desktop: 1300, phone: 1400 };
  await withSite(await startTownServer(), async (site) => {
    await shoot(browser, site, null, [
      { name: 'books-overview', path: `${pool}/books`, top },
      { name: 'books-journal', path: `${pool}/books/journal`, top },
    ]);
    await shoot(browser, site, 'steward', [
      { name: 'association-overview', path: `${pool}/association`, top },
      {
        name: 'association-preview',
        path: `${pool}/association/dependents/preview?personId=a040&category=sick`,
        top,
      },
      {
        name: 'simulate-report',
        path: '/simulate',
        top,
        run: async (page) => {
          await page.locator('form[action="/simulate"] button[type=submit]').click();
          await page.locator('.report-frame').waitFor({ timeout: 60_000 });
        },
      },
      {
        name: 'simulate-what-if',
        path: `${pool}/what-if`,
        top,
        run: async (page) => {
          await page.locator('#f-setting').selectOption('clearingRule');
          await page.locator('#f-value').fill('highest');
          await page.locator('form[action$="/what-if"] button[type=submit]').click();
          await page.locator('#what-if-runs').waitFor({ timeout: 60_000 });
        },
      },
    ]);
  });
}

const SECTIONS = { member: memberPages, coordinate: coordinatePages, books: booksPages };
if (only !== undefined && !(only in SECTIONS)) {
  console.error(`--only takes one of: ${Object.keys(SECTIONS).join(', ')}`);
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const browser = await launchBrowser();
try {
  for (const [name, section] of Object.entries(SECTIONS)) {
    if (only === undefined || only === name) await section(browser);
  }
} finally {
  await browser.close();
}
