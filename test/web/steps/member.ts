// Steps of a member's journeys through their pages, for this area's browser test and the
// journeys across areas (issue 16, tests 1–4). Each works in either language: it finds fields by
// their ids and buttons by their values, and waits for the page the form leads to.
import type { Page } from 'playwright-core';
import { signIn } from '../../support/browser.ts';

export { signIn };

const pool = (baseUrl: string, poolId: string) => `${baseUrl}/pools/${encodeURIComponent(poolId)}`;

/** Submits a form by the button with `value` and waits for the page it answers with. */
async function submit(page: Page, scope: string, value: string): Promise<void> {
  await Promise.all([
    page.waitForURL(/[?&]done=/),
    page.locator(`${scope} button[name="action"][value="${value}"]`).first().click(),
  ]);
}

/** Places (or changes) the signed-in member's bid on a task at a weight such as "1.2". */
export async function placeBid(
  page: Page,
  baseUrl: string,
  poolId: string,
  taskId: string,
  weight: string,
): Promise<void> {
  await page.goto(`${pool(baseUrl, poolId)}/market`);
  await page.locator(`#weight-${taskId}`).fill(weight);
  await submit(page, `section[aria-labelledby="task-${taskId}"]`, 'bid');
}

/** Withdraws the signed-in member's bid on a task. */
export async function withdrawBid(
  page: Page,
  baseUrl: string,
  poolId: string,
  taskId: string,
): Promise<void> {
  await page.goto(`${pool(baseUrl, poolId)}/market`);
  await submit(page, `section[aria-labelledby="task-${taskId}"]`, 'withdraw');
}

/** The task ids of the slots assigned to the signed-in member, from My week. */
export async function readAssignments(
  page: Page,
  baseUrl: string,
  poolId: string,
): Promise<string[]> {
  await page.goto(pool(baseUrl, poolId));
  return page.locator('ul.slots > li h2').allTextContents();
}

/** Records minutes worked on an assigned slot. */
export async function recordWork(
  page: Page,
  baseUrl: string,
  poolId: string,
  taskId: string,
  minutes: number,
): Promise<void> {
  await page.goto(`${pool(baseUrl, poolId)}/work`);
  await page.locator(`#f-minutes-${taskId}`).fill(String(minutes));
  await Promise.all([
    page.waitForURL(/done=recorded/),
    page.locator(`section[aria-labelledby="slot-${taskId}"] button[type="submit"]`).click(),
  ]);
}

/** The statement's balances as shown: the posted balance and, while a period is open and can
 *  be worked out, what it would close with (both as the page writes them, e.g. "4.8 hours"). */
export async function readStatement(
  page: Page,
  baseUrl: string,
  poolId: string,
): Promise<{ posted: string; projected: string | null; lines: string[] }> {
  await page.goto(`${pool(baseUrl, poolId)}/statement`);
  const values = await page.locator('dl.balance dd').allTextContents();
  const lines = await page.locator('table.stack tbody tr').allInnerTexts();
  return { posted: values[0] ?? '', projected: values[1] ?? null, lines };
}

/** Asks for units of a product with a premium per unit in hours (a scarce good's bid). */
export async function bidPremium(
  page: Page,
  baseUrl: string,
  poolId: string,
  productId: string,
  units: number,
  premiumHours: string,
): Promise<void> {
  await page.goto(`${pool(baseUrl, poolId)}/goods`);
  await page.locator(`#units-${productId}`).fill(String(units));
  await page.locator(`#premium-${productId}`).fill(premiumHours);
  await submit(page, `section[aria-labelledby="product-${productId}"] form:first-of-type`, 'take');
}

/** The last closed period's auction results as the member reads them, one line per good. */
export async function readAuctionResults(
  page: Page,
  baseUrl: string,
  poolId: string,
): Promise<string[]> {
  await page.goto(`${pool(baseUrl, poolId)}/goods`);
  return page.locator('li.auction').allInnerTexts();
}

/** Takes units of a good at its posted price (no premium). */
export async function takeGood(
  page: Page,
  baseUrl: string,
  poolId: string,
  productId: string,
  units: number,
): Promise<void> {
  await page.goto(`${pool(baseUrl, poolId)}/goods`);
  await page.locator(`#units-${productId}`).fill(String(units));
  await submit(page, `section[aria-labelledby="product-${productId}"] form:first-of-type`, 'take');
}

/** The price factor the goods page applies (after a close: the next period's), as a number. */
export async function readPriceFactor(
  page: Page,
  baseUrl: string,
  poolId: string,
): Promise<number> {
  await page.goto(`${pool(baseUrl, poolId)}/goods`);
  const text = await page.locator('#price-factor').innerText();
  const shown = /(\d+[.,]\d{3})/.exec(text);
  if (shown === null) throw new Error(`no price factor in: ${text}`);
  return Number(shown[1]!.replace(',', '.'));
}

/** Makes a calendar feed link from My week and returns the URL the page shows once. */
export async function makeCalendarFeed(
  page: Page,
  baseUrl: string,
  poolId: string,
): Promise<string> {
  await page.goto(pool(baseUrl, poolId));
  await Promise.all([page.waitForURL(/\/calendar$/), page.locator('a[href$="/calendar"]').click()]);
  await page.locator('button[name="action"][value="make"]').click();
  return page.locator('#feed-url').inputValue();
}

/** Revokes every calendar feed link of the signed-in member. */
export async function revokeCalendarFeeds(
  page: Page,
  baseUrl: string,
  poolId: string,
): Promise<void> {
  await page.goto(`${pool(baseUrl, poolId)}/calendar`);
  await Promise.all([
    page.waitForURL(/[?&]revoked=/),
    page.locator('button[name="action"][value="revoke"]').click(),
  ]);
}

/** Subscribes the signed-in member to units of a product every period (from the first period
 *  not yet planned). */
export async function subscribe(
  page: Page,
  baseUrl: string,
  poolId: string,
  productId: string,
  units: number,
): Promise<void> {
  await page.goto(`${pool(baseUrl, poolId)}/goods`);
  await page.locator(`#subscribe-${productId}`).fill(String(units));
  await submit(page, `section[aria-labelledby="product-${productId}"]`, 'subscribe');
}
