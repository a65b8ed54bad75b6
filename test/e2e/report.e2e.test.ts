// Proves that the neighbourhood HTML report written by `simulate --out` opens in Chromium from disk with no console or page errors and every chart drawn (visible SVG with paths).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { runCli } from '../../src/cli/program.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { CHART_IDS } from '../../src/web/report/index.ts';

const CHROMIUM = '/usr/bin/chromium';
const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'neighbourhood.yaml');

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

  describe('the HTML report in Chromium', () => {
    test('opens from file:// without errors and every chart has drawn content', async () => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['simulate', EXAMPLE, '--out', root, '--lang', 'de'], {
        openDatabase,
        env: {},
        out: (line) => out.push(line),
        err: (line) => err.push(line),
      });
      assert.equal(code, 0, err.join('\n'));
      const file = join(root, 'neighbourhood.html');
      assert.ok(out.includes(`HTML report written to ${file}`));

      const browser = await chromium.launch({
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
      try {
        const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
        const problems: string[] = [];
        const requests: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error') problems.push(`console: ${m.text()}`);
        });
        page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
        page.on('request', (r) => requests.push(r.url()));
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

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
              const b = (
                p as unknown as { getBBox(): { width: number; height: number } }
              ).getBBox();
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
        assert.deepEqual(problems, []);
        // Self-contained: the page itself is the only thing the browser fetched.
        assert.deepEqual(requests, [pathToFileURL(file).href]);
        await page.screenshot({ path: join(root, 'report.png'), fullPage: true });
      } finally {
        await browser.close();
      }
    });
  });
}
