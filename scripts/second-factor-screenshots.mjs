// Renders the second sign-in factor's pages into docs/screenshots/ (or --out DIR) at desktop
// (1280 px) and phone (360 px) width, in English and German: the account security page while
// enrolling (QR code, key, code field), right after confirming (the recovery codes), and the
// sign-in's code step, as app-account-security-<enrol|on>-… and app-sign-in-code-…. One
// headless Chromium (the system's, driven by playwright-core) on a test server whose clock the
// script moves, so the codes it types are the ones an authenticator app would show.
//
//   node --import tsx scripts/second-factor-screenshots.mjs [--out docs/screenshots]
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { base32Decode, TOTP_STEP_SECONDS, totp } from '../src/app/auth/totp.ts';
import { PASSWORD, startTestServer } from '../src/http/testing.ts';
import { DESKTOP, launchBrowser, listen, PHONE, signIn } from '../test/support/browser.ts';

const root = resolve(import.meta.dirname, '..');
const at = process.argv.indexOf('--out');
const outDir = resolve(at >= 0 ? process.argv[at + 1] : join(root, 'docs/screenshots'));
mkdirSync(outDir, { recursive: true });

const browser = await launchBrowser();
try {
  for (const [width, viewport] of Object.entries({ desktop: DESKTOP, phone: PHONE })) {
    for (const lang of ['en', 'de']) {
      // A fresh server per shot set: the member starts without a second factor each time.
      const server = await startTestServer();
      const http = await listen(server);
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const shot = async (name) => {
        const file = join(outDir, `app-${name}-${lang}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`wrote ${file}`);
      };
      await signIn(page, http.url, 'member', lang);
      await page.goto(`${http.url}/account/security?lang=${lang}`);
      await page.locator('form[action="/account/security/enrol"] button').click();
      await page.locator('figure.qr svg').waitFor();
      await shot('account-security-enrol');
      const secret = base32Decode((await page.locator('p code.hash').textContent()) ?? '');
      await page.locator('#f-code').fill(totp(secret, server.clock.now));
      await page.locator('form[action="/account/security/confirm"] button').click();
      await page.locator('ul.recovery-codes').waitFor();
      await shot('account-security-on');
      await page.locator('form[action="/sign-out"] button').click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.goto(`${http.url}/sign-in?lang=${lang}`);
      await page.locator('#f-login').fill('member');
      await page.locator('#f-password').fill(PASSWORD);
      await page.locator('form.stack button[type=submit]').click();
      await page.locator('input[name="pendingToken"]').waitFor({ state: 'attached' });
      server.clock.now += TOTP_STEP_SECONDS * 1000;
      await shot('sign-in-code');
      await context.close();
      await http.stop();
      await server.close();
    }
  }
} finally {
  await browser.close();
}
