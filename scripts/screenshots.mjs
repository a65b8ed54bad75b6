// Renders screenshots of the neighbourhood's HTML report into docs/screenshots/ (or the
// directory given with --out): the top of the page and two sections, at desktop (1280 px) and
// phone (360 px) width, in English and German. It runs `peerconomy simulate` itself and drives
// the system's Chromium (/usr/bin/chromium, or CHROMIUM=...) through playwright-core.
//
//   node scripts/screenshots.mjs [--out docs/screenshots]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const outIndex = process.argv.indexOf('--out');
const outDir = resolve(outIndex >= 0 ? process.argv[outIndex + 1] : join(root, 'docs/screenshots'));
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Page widths and how much of the page's top a shot keeps (about two to three screens). */
const VIEWPORTS = {
  desktop: { width: 1280, height: 800, topHeight: 1500 },
  phone: { width: 360, height: 740, topHeight: 2000 },
};

/** Sections shot on their own (the first `maxHeight` pixels of each). */
const SECTIONS = [
  { id: 'scarce-goods', maxHeight: 1400 },
  { id: 'price-factor', maxHeight: 1400 },
];

function simulate(lang, dir) {
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'bin/peerconomy.mjs'),
      'simulate',
      join(root, 'examples/neighbourhood.yaml'),
      '--out',
      dir,
      '--lang',
      lang,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`simulate --lang ${lang} failed: ${result.stderr}`);
  return join(dir, 'neighbourhood.html');
}

const work = mkdtempSync(join(tmpdir(), 'peerconomy-screenshots-'));
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  mkdirSync(outDir, { recursive: true });
  for (const lang of ['en', 'de']) {
    const file = simulate(lang, join(work, lang));
    for (const [name, size] of Object.entries(VIEWPORTS)) {
      const page = await browser.newPage({
        viewport: { width: size.width, height: size.height },
        deviceScaleFactor: 1,
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const fullHeight = await page.evaluate(() => document.documentElement.scrollHeight);
      const shots = [
        {
          path: join(outDir, `report-${name}-${lang}.png`),
          clip: { x: 0, y: 0, width: size.width, height: Math.min(fullHeight, size.topHeight) },
        },
      ];
      for (const section of SECTIONS) {
        const box = await page.locator(`section#${section.id}`).boundingBox();
        if (box === null) throw new Error(`no section #${section.id} in ${file}`);
        shots.push({
          path: join(outDir, `${section.id}-${name}-${lang}.png`),
          clip: {
            x: 0,
            y: Math.floor(box.y),
            width: size.width,
            height: Math.ceil(Math.min(box.height, section.maxHeight)),
          },
        });
      }
      for (const shot of shots) {
        await page.screenshot({ path: shot.path, clip: shot.clip, fullPage: true });
        console.log(`wrote ${shot.path}`);
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
