// Steps a coordinator takes in the browser, for journeys across areas: take the next step of
// the period cycle (close bidding, run, close the period), invite a person and read the
// one-time link, and act in office mode for a member. They find controls by what the page
// holds (form actions, field ids), not by their words, so they work in either language.
import type { Page } from 'playwright-core';

const coordinate = (baseUrl: string, poolId: string, path = '') =>
  `${baseUrl}/pools/${encodeURIComponent(poolId)}/coordinate${path}`;

/** Takes the cycle's next step if it is `stage` (of any period); fails when another is next. */
export async function takeStep(
  page: Page,
  baseUrl: string,
  poolId: string,
  stage: 'planning' | 'bidding' | 'cleared' | 'running' | 'settling' | 'closed',
): Promise<void> {
  await page.goto(coordinate(baseUrl, poolId));
  const form = page.locator(
    `form[action$="/coordinate/steps"]:has(input[name=stage][value=${stage}])`,
  );
  if ((await form.count()) !== 1) throw new Error(`the next step of the cycle is not ${stage}`);
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get('done')?.endsWith(`:${stage}`) === true),
    form.locator('button').click(),
  ]);
}

/** Closes bidding: the market clears as the page previewed it. */
export const closeBidding = (page: Page, baseUrl: string, poolId: string) =>
  takeStep(page, baseUrl, poolId, 'cleared');

/** Starts the work of the period (members record work, maintainers confirm it). */
export const runPeriod = (page: Page, baseUrl: string, poolId: string) =>
  takeStep(page, baseUrl, poolId, 'running');

/** Stops the inputs and closes the period: the settlement is posted to the books. */
export async function closePeriod(page: Page, baseUrl: string, poolId: string): Promise<void> {
  await takeStep(page, baseUrl, poolId, 'settling');
  await takeStep(page, baseUrl, poolId, 'closed');
}

/** Invites a person of the pool under a new login; answers the one-time link to hand over. */
export async function createInvitation(
  page: Page,
  baseUrl: string,
  poolId: string,
  login: string,
  personId: string,
): Promise<string> {
  await page.goto(coordinate(baseUrl, poolId, '/people'));
  await page.locator('#f-newLogin').fill(login);
  await page.locator('#f-personId').selectOption(personId);
  await page.locator('form[action$="/people/invite"] button[type=submit]').click();
  const link = page.locator('#one-time-link');
  await link.waitFor();
  return link.inputValue();
}

/** Office mode: places a bid in a member's name (weight as typed, e.g. "1.2"). */
export async function placeBidInOffice(
  page: Page,
  baseUrl: string,
  poolId: string,
  bid: { personId: string; instanceId: string; weight: string },
): Promise<void> {
  await page.goto(coordinate(baseUrl, poolId, '/office'));
  const form = page.locator('form[action$="/office/bid"]');
  await form.locator('#f-bid-personId').selectOption(bid.personId);
  await form.locator('#f-bid-instanceId').selectOption(bid.instanceId);
  await form.locator('#f-weight').fill(bid.weight);
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get('done') === 'bid'),
    form.locator('button[type=submit]').click(),
  ]);
}

/** Office mode: records minutes of work in a member's name (to be confirmed by the project). */
export async function recordWorkInOffice(
  page: Page,
  baseUrl: string,
  poolId: string,
  work: { personId: string; instanceId: string; minutes: number },
): Promise<void> {
  await page.goto(coordinate(baseUrl, poolId, '/office'));
  const form = page.locator('form[action$="/office/work"]');
  await form.locator('#f-work-personId').selectOption(work.personId);
  await form.locator('#f-work-instanceId').selectOption(work.instanceId);
  await form.locator('#f-minutes').fill(String(work.minutes));
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get('done') === 'work'),
    form.locator('button[type=submit]').click(),
  ]);
}
