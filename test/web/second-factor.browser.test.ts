// Proves, in a real browser, the second sign-in factor from start to end: a member turns it on
// (reads the key off the page, types the code an authenticator app would show, computed here,
// and is shown ten recovery codes), signs out, signs in with the password and then a code, and
// lands signed in; the pages have no serious accessibility violation, fit a phone in English and
// German, and nothing is blocked by the page's security policy (the QR code is inline SVG).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { base32Decode, TOTP_STEP_SECONDS, totp } from '../../src/app/auth/totp.ts';
import { PASSWORD, startTestServer } from '../../src/http/testing.ts';
import {
  DESKTOP,
  openSite,
  PHONE,
  pageWidth,
  type Site,
  seriousViolations,
} from '../support/browser.ts';

let site: Site;
before(async () => {
  site = await openSite(startTestServer);
});
after(() => site?.close());

let secret: Uint8Array = new Uint8Array();
const code = () => totp(secret, site.server.clock.now);

test('enrol, sign out, sign in with the password and a code', async () => {
  const { context, page, blocked } = await site.personAt('member', 'en', DESKTOP);
  await page.getByRole('link', { name: 'Sign-in security: a second factor' }).click();
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  // The button posts a form: count once the page it answers with is there.
  await page.getByRole('button', { name: 'Turn the second factor on' }).waitFor();
  assert.equal(await page.locator('figure.qr svg').count(), 1, 'the QR code');
  const key = (await page.locator('p code.hash').textContent()) ?? '';
  assert.match(key, /^[A-Z2-7]{32}$/);
  secret = base32Decode(key)!;
  assert.deepEqual(await seriousViolations(page), []);
  await page.locator('#f-code').fill(code());
  await page.getByRole('button', { name: 'Turn the second factor on' }).click();
  await page.getByText('The second factor is on. From now on').waitFor();
  assert.equal(await page.locator('ul.recovery-codes li').count(), 10);
  assert.deepEqual(await seriousViolations(page), []);

  await page.locator('form[action="/sign-out"] button').click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.goto(`${site.url}/sign-in?lang=en`);
  await page.locator('#f-login').fill('member');
  await page.locator('#f-password').fill(PASSWORD);
  await page.locator('form.stack button[type=submit]').click();
  await page.getByRole('heading', { name: 'Code from your app' }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  // The code of the confirmation's step is spent; the app shows the next one half a minute on.
  site.server.clock.now += TOTP_STEP_SECONDS * 1000;
  await page.locator('#f-code').fill(code());
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  assert.equal(await page.locator('a[href="/account/security"]').count(), 1, 'signed in');
  assert.deepEqual(blocked, []);
  await context.close();
});

test('the security page and the code step fit a phone in English and German', async () => {
  for (const lang of ['en', 'de']) {
    const { context, page, blocked } = await site.watchedPage(PHONE);
    await page.goto(`${site.url}/sign-in?lang=${lang}`);
    await page.locator('#f-login').fill('member');
    await page.locator('#f-password').fill(PASSWORD);
    await page.locator('form.stack button[type=submit]').click();
    await page.locator('input[name="pendingToken"]').waitFor({ state: 'attached' });
    assert.ok((await pageWidth(page)) <= PHONE.width, `code step in ${lang}`);
    site.server.clock.now += TOTP_STEP_SECONDS * 1000;
    await page.locator('#f-code').fill(code());
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/'),
      page.locator('form.stack button[type=submit]').click(),
    ]);
    await page.goto(`${site.url}/account/security?lang=${lang}`);
    assert.ok((await pageWidth(page)) <= PHONE.width, `security page in ${lang}`);
    assert.deepEqual(blocked, []);
    await context.close();
  }
});
