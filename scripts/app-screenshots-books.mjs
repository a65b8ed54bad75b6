// Renders screenshots of the open books, the association steward's page and the simulate and
// what-if pages into docs/screenshots/ (or --out DIR): the top of each page at desktop
// (1280 px) and phone (360 px) width, in English and German, from the test server with the
// neighbourhood example imported (src/web/app/books/fixture.ts). Needs tsx for the sources:
//
//   node --import tsx scripts/app-screenshots-books.mjs [--out docs/screenshots]
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startTownServer, TOWN_POOL } from '../src/web/app/books/fixture.ts';
import { listen, signIn } from '../test/support/browser.ts';

const root = resolve(import.meta.dirname, '..');
const outIndex = process.argv.indexOf('--out');
const outDir = resolve(outIndex >= 0 ? process.argv[outIndex + 1] : join(root, 'docs/screenshots'));
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

const VIEWPORTS = {
  desktop: { width: 1280, height: 800, topHeight: 1300 },
  phone: { width: 360, height: 740, topHeight: 1400 },
};
const pool = `/pools/${TOWN_POOL}`;
/** Page name, path, who looks at it (null: a visitor), and a form to fill first. */
const PAGES = [
  { area: 'books', page: 'overview', path: `${pool}/books`, as: null },
  { area: 'books', page: 'journal', path: `${pool}/books/journal`, as: null },
  { area: 'association', page: 'overview', path: `${pool}/association`, as: 'steward' },
  {
    area: 'association',
    page: 'preview',
    path: `${pool}/association/dependents/preview?personId=a040&category=sick`,
    as: 'steward',
  },
  { area: 'simulate', page: 'report', path: '/simulate', as: 'steward', run: 'simulate' },
  { area: 'simulate', page: 'what-if', path: `${pool}/what-if`, as: 'steward', run: 'whatIf' },
];

mkdirSync(outDir, { recursive: true });
const server = await startTownServer();
const site = await listen(server);
const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
try {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    for (const as of [null, 'steward']) {
      const context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
      });
      const page = await context.newPage();
      if (as !== null) await signIn(page, site.url, as);
      for (const shot of PAGES.filter((p) => p.as === as)) {
        for (const lang of ['en', 'de']) {
          const sep = shot.path.includes('?') ? '&' : '?';
          await page.goto(`${site.url}${shot.path}${sep}lang=${lang}`);
          if (shot.run === 'simulate') {
            await page.locator('form[action="/simulate"] button[type=submit]').click();
            await page.locator('.report-frame').waitFor({ timeout: 60_000 });
          } else if (shot.run === 'whatIf') {
            await page.locator('#f-setting').selectOption('clearingRule');
            await page.locator('#f-value').fill('highest');
            await page.locator('form[action$="/what-if"] button[type=submit]').click();
            await page.locator('#what-if-runs').waitFor({ timeout: 60_000 });
          }
          const height = await page.evaluate('document.documentElement.scrollHeight');
          const file = join(outDir, `app-${shot.area}-${shot.page}-${lang}-${name}.png`);
          await page.screenshot({
            path: file,
            fullPage: true,
            clip: {
              x: 0,
              y: 0,
              width: viewport.width,
              height: Math.min(height, viewport.topHeight),
            },
          });
          console.log(file);
        }
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await site.stop();
  await server.close();
}
