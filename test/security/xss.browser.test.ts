// Proves, in a real browser, that script-shaped text written into the pool (a task's place,
// an association's level, a login, a simulated scenario's name) is shown as the text it is on
// every page that shows it, with no dialog, no handler and nothing the page's policy had to
// block; and that a form on a second loopback origin that posts to the app, with the member's
// cookie riding along, is refused and changes nothing.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { TEST_POOL } from '../../src/http/testing.ts';
import { STARTER } from '../../src/web/app/simulate/simulate-page.tsx';
import { DESKTOP, launchBrowser, listen, signIn } from '../support/browser.ts';
import { HOSTILE, type HostileServer, PAYLOADS, startHostileServer } from './hostile-pool.ts';

let hostile: HostileServer;
let site: Awaited<ReturnType<typeof listen>>;
let browser: Browser;
let attacker: Server;
let attackerUrl: string;

/** A page of another origin (another port of this host: same site, so the cookie is sent). */
const attackerPage = (target: string) => `<!doctype html><html lang="en"><title>prize</title>
<form id="step" method="post" action="${target}/pools/${TEST_POOL}/coordinate/steps">
  <input name="period" value="1"><input name="stage" value="cleared"><button>Win a prize</button>
</form>
<form id="out" method="post" enctype="text/plain" action="${target}/api/v1/auth/sign-out">
  <input name='{"x":"' value='"}'><button>Claim it</button>
</form></html>`;

before(async () => {
  hostile = await startHostileServer();
  site = await listen(hostile.server);
  attacker = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(attackerPage(site.url));
  });
  attacker.listen(0, '127.0.0.1');
  await once(attacker, 'listening');
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => attacker?.close(resolve));
  await site?.stop();
  await hostile?.server.close();
});

/** Everything a page does that would betray script-shaped text run as markup. */
function watch(page: Page) {
  const hits: string[] = [];
  page.on('dialog', (dialog) => {
    hits.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    // The browser asks for /favicon.ico on its own; the app has none.
    if (message.location().url.endsWith('/favicon.ico')) return;
    if (
      message.type() === 'error' ||
      /Content[- ]Security[- ]Policy|Refused to/i.test(message.text())
    ) {
      hits.push(`console: ${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => hits.push(`page error: ${error.message}`));
  return hits;
}

/** The page shows `text` as text, and holds no element the payloads would have made. */
async function showsLiterally(page: Page, text: string, where: string) {
  assert.ok((await page.getByText(text).count()) >= 1, `${where} shows ${text}`);
  const injected = page.locator(
    '[onerror], [onload], img[src="x"], svg[onload], a[href^="javascript"]',
  );
  assert.equal(await injected.count(), 0, `${where}: no injected element`);
}

const VISITS: { login: string; path: string; text: string }[] = [
  { login: 'coordinator', path: `/pools/${TEST_POOL}/market`, text: HOSTILE.place },
  { login: 'coordinator', path: `/pools/${TEST_POOL}/coordinate/people`, text: HOSTILE.login },
  { login: 'maintainer', path: `/pools/${TEST_POOL}/projects/bakery`, text: HOSTILE.place },
  { login: 'auditor', path: `/pools/${TEST_POOL}/household`, text: HOSTILE.level },
];

test('script-shaped text in the pool is shown as text on every page that shows it', async () => {
  for (const login of new Set(VISITS.map((v) => v.login))) {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const hits = watch(page);
    await signIn(page, site.url, login);
    for (const { path, text } of VISITS.filter((v) => v.login === login)) {
      await page.goto(`${site.url}${path}`);
      await showsLiterally(page, text, `${login} ${path}`);
    }
    assert.deepEqual(hits, [], login);
    await context.close();
  }
});

test('a simulated scenario with a script-shaped name shows its report with the name as text', async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const hits = watch(page);
  await signIn(page, site.url, 'member');
  await page.goto(`${site.url}/simulate`);
  const name = `${PAYLOADS.img}${PAYLOADS.svg}`;
  await page.locator('#f-text').fill(STARTER.replace('name: my-scenario', `name: '${name}'`));
  await page.locator('form.stack button[type=submit]').click();
  await page.locator('#sim-report').waitFor({ state: 'attached' });
  await showsLiterally(page, name, '/simulate');
  assert.deepEqual(hits, []);
  await context.close();
});

test('a form on another origin posting to the app with the cookie is refused, changing nothing', async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await signIn(page, site.url, 'coordinator');
  const before = await hostile.digest();
  for (const form of ['#step', '#out']) {
    await page.goto(attackerUrl);
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().startsWith(site.url) && r.request().method() === 'POST'),
      page.locator(`${form} button`).click(),
    ]);
    assert.equal(answer.status(), 403, `${form} is refused`);
    const sent = await answer.request().allHeaders();
    assert.match(sent.cookie ?? '', /pc_session=/, 'the browser did send the session cookie');
  }
  assert.equal(await hostile.digest(), before, 'no row changed');
  await page.goto(`${site.url}/api/v1/auth/me`);
  assert.match((await page.locator('body').textContent()) ?? '', /"login":"coordinator"/);
  await context.close();
});
