// Proves that the neighbourhood HTML report written by `simulate --out` opens in Chromium from disk with no console or page errors, every chart drawn (visible SVG with paths) and the overview and the sections of the neighbourhood's mechanisms shown, that on a 360 px phone no table scrolls sideways, that a report with mechanism sections (mechanism-completion) shows their tables, and that a federated file (mechanism-federation) shows the federated pool's part.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { runCli } from '../../src/cli/program.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { CHART_IDS, MECHANISM_IDS } from '../../src/web/report/index.ts';

const CHROMIUM = '/usr/bin/chromium';
const example = (name: string) => join(import.meta.dirname, '..', '..', 'examples', `${name}.yaml`);

const unavailable = existsSync(CHROMIUM)
  ? null
  : `${CHROMIUM} is missing (apt-get install chromium)`;

if (unavailable && process.env.CI === 'true') {
  test('report e2e: Chromium is available under CI', () => {
    assert.fail(`${unavailable}; CI must run the browser tests`);
  });
} else if (unavailable) {
  describe('report e2e', () => {
    test(`skipped: ${unavailable}`, { skip: unavailable }, () => {});
  });
} else {
  const root = mkdtempSync(join(tmpdir(), 'peerconomy-e2e-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  /** Runs `simulate --out` on an example; the HTML report's path. */
  async function simulate(name: string, lang: 'en' | 'de'): Promise<string> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['simulate', example(name), '--out', root, '--lang', lang], {
      openDatabase,
      env: {},
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    assert.equal(code, 0, err.join('\n'));
    const file = join(root, `${name}.html`);
    assert.ok(out.includes(`HTML report written to ${file}`));
    return file;
  }

  describe('the HTML report in Chromium', () => {
    let browser: Browser;
    before(async () => {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      });
    });
    after(() => browser?.close());

    /** Opens the file in a new page, collecting console errors, page errors and requests. */
    async function open(file: string) {
      const page: Page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      return { page, problems, requests };
    }

    test('opens from file:// without errors and every chart has drawn content', async () => {
      const file = await simulate('neighbourhood', 'de');
      const { page, problems, requests } = await open(file);

      assert.equal(await page.title(), 'Szenariobericht: neighbourhood');
      for (const id of CHART_IDS) {
        const svg = page.locator(`figure[data-chart="${id}"] > svg`);
        assert.equal(await svg.count(), 1, id);
        const box = await svg.boundingBox();
        assert.ok(box !== null && box.width > 300 && box.height > 200, `${id} box`);
        const drawn = await svg.evaluate((el) => {
          // No DOM types in this project (Node only): getBBox is typed by hand.
          const paths = [...el.querySelectorAll('path')];
          const visible = paths.filter((p) => {
            const b = (p as unknown as { getBBox(): { width: number; height: number } }).getBBox();
            return b.width > 0 || b.height > 0;
          });
          return {
            paths: paths.length,
            visible: visible.length,
            texts: el.querySelectorAll('text').length,
          };
        });
        assert.ok(drawn.visible > 3, `${id}: ${JSON.stringify(drawn)}`);
        assert.ok(drawn.texts > 3, `${id} has labels`);
      }
      // The tables are there for readers without the charts: one per chart, more or less.
      assert.ok((await page.locator('table').count()) >= CHART_IDS.length);
      // The overview for organisers, and the sections of what the neighbourhood uses.
      const overview = page.locator('#overview li');
      assert.ok((await overview.count()) >= 5);
      assert.match(
        (await overview.allTextContents()).join(' '),
        /cargo-bike war in 12 Perioden knapp/,
      );
      for (const id of [
        'scarce-goods',
        'resources',
        'housing',
        'possession',
        'personal-services',
      ]) {
        const table = page.locator(`section#${id} table`).first();
        assert.ok(await table.isVisible(), `${id} visible`);
        assert.equal(await page.locator(`nav a[href="#${id}"]`).count(), 1, `${id} in contents`);
      }
      assert.match((await page.locator('section#scarce-goods').textContent()) ?? '', /cargo-bike/);
      assert.match(
        (await page.locator('section#price-factor .explain').first().textContent()) ?? '',
        /1 − S ÷ B/,
      );
      assert.deepEqual(problems, []);
      // Self-contained: the page itself is the only thing the browser fetched.
      assert.deepEqual(requests, [pathToFileURL(file).href]);
      await page.screenshot({ path: join(root, 'report.png'), fullPage: true });
    });

    test('on a 360 px phone nothing scrolls sideways: tables stack into labelled cards', async () => {
      const file = await simulate('neighbourhood', 'en');
      const page: Page = await browser.newPage({ viewport: { width: 360, height: 740 } });
      try {
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        // No DOM types in this project (Node only): the page's code is passed as text.
        const width = await page.evaluate<number>('document.documentElement.scrollWidth');
        assert.ok(width <= 360, `page ${width} px wide`);
        // Every table fits the screen (the charts may be swiped inside their figure).
        const widest = await page.evaluate<number>(
          "Math.max(...[...document.querySelectorAll('table')].map((t) => t.scrollWidth))",
        );
        assert.ok(widest <= 360, `widest table ${widest} px`);
        // A stacked cell names its column: the price factor's "in plain words" cell.
        const cell = page.locator('section#price-factor tbody tr').nth(1).locator('td').nth(1);
        const label = await page.evaluate<string>(
          "getComputedStyle(document.querySelector('#price-factor tbody tr:nth-child(2) td:nth-of-type(2)'), '::before').content",
        );
        assert.equal(label, '"In plain words"');
        assert.equal(await cell.textContent(), '0.90: goods cost 10 % less');
      } finally {
        await page.close();
      }
    });

    test('a report with mechanisms shows their tables, still without errors', async () => {
      const file = await simulate('mechanism-completion', 'en');
      const { page, problems, requests } = await open(file);
      const shown = ['reservations', 'means-written-off', 'services-unused'];
      const alsoShown = [
        'work',
        'goods-taken',
        'scarce-goods',
        'planning',
        'commitments',
        'effort-prices',
      ];
      for (const id of [...shown, ...alsoShown]) {
        const tables = page.locator(`section#${id} table`);
        assert.ok((await tables.count()) >= 1, id);
        // The planning's long list is folded under its caption; the others are open.
        if (id !== 'planning') assert.ok(await tables.first().isVisible(), `${id} visible`);
        assert.equal(await page.locator(`nav a[href="#${id}"]`).count(), 1, `${id} in contents`);
      }
      for (const id of MECHANISM_IDS.filter((x) => ![...shown, ...alsoShown].includes(x))) {
        assert.equal(await page.locator(`section#${id}`).count(), 0, id);
      }
      const cells = await page
        .locator('section#means-written-off tbody tr')
        .first()
        .locator('td')
        .allTextContents();
      assert.deepEqual(cells, ['oven', '12.000', '3.000', '9.000']);
      // The scarce good's auction: the winner with the premium paid.
      assert.match(
        (await page.locator('section#scarce-goods').textContent()) ?? '',
        /\(\d+\.\d{3}\)/,
      );
      assert.deepEqual(problems, []);
      assert.deepEqual(requests, [pathToFileURL(file).href]);
    });

    test("a federated file shows the partner pool's part, charts drawn, still without errors", async () => {
      const file = await simulate('mechanism-federation', 'en');
      const { page, problems, requests } = await open(file);
      const part = page.locator('article#pool-village');
      assert.ok(await part.locator('h2').first().isVisible());
      assert.equal(await part.locator('h2').first().textContent(), 'Federated pool village');
      for (const id of CHART_IDS) {
        const svg = part.locator(`figure[data-chart="pool-village-${id}"] > svg`);
        assert.equal(await svg.count(), 1, id);
        assert.ok(await svg.isVisible(), `${id} visible`);
        const box = await svg.boundingBox();
        assert.ok(box !== null && box.width > 300 && box.height > 200, `${id} box`);
      }
      // The contents lead to the part, and its section of what crossed between the pools.
      await page.locator('nav a[href="#pool-village-between-pools"]').click();
      const between = part.locator('section#pool-village-between-pools');
      assert.ok(await between.isVisible());
      const row = await between.locator('tbody tr').nth(1).locator('th, td').allTextContents();
      assert.deepEqual(row, [
        '2',
        'town',
        'village',
        '1.200',
        '0.800',
        '18.000',
        '-12.000',
        '0.000',
        '18.000',
        '-12.000',
        'town',
      ]);
      assert.ok(await page.locator('article#pool-town section#balances').isVisible());
      assert.deepEqual(problems, []);
      assert.deepEqual(requests, [pathToFileURL(file).href]);
      await page.screenshot({ path: join(root, 'federation.png'), fullPage: true });
    });
  });
}
