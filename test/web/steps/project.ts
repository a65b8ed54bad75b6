// Steps a maintainer or confirmer takes in the browser, for journeys across areas: confirm a
// person's waiting work record and record production. They find controls by what the page
// holds (form actions, cells, field ids), not by their words, so they work in either language.
import type { Page } from 'playwright-core';

const project = (baseUrl: string, poolId: string, projectId: string) =>
  `${baseUrl}/pools/${encodeURIComponent(poolId)}/projects/${encodeURIComponent(projectId)}`;

/** Confirms the first waiting work record of `personId` on the project, as the signed-in
 *  confirmer's own person. */
export async function confirmWork(
  page: Page,
  baseUrl: string,
  poolId: string,
  projectId: string,
  personId: string,
): Promise<void> {
  await page.goto(project(baseUrl, poolId, projectId));
  const row = page.locator('section[aria-labelledby=waiting] tr').filter({
    has: page.locator(`td:first-child:text-is("${personId}")`),
  });
  const button = row.first().locator('form[action*="/confirm"] button');
  if ((await button.count()) === 0) throw new Error(`no work of ${personId} is waiting`);
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get('done') === 'confirm'),
    button.click(),
  ]);
}

/** Records units of a product made in the open period. */
export async function recordProduction(
  page: Page,
  baseUrl: string,
  poolId: string,
  projectId: string,
  made: { productId: string; units: number },
): Promise<void> {
  await page.goto(project(baseUrl, poolId, projectId));
  await page.locator('#f-productId').selectOption(made.productId);
  await page.locator('#f-units').fill(String(made.units));
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get('done') === 'production'),
    page.locator('form[action$="/production"] button[type=submit]').click(),
  ]);
}
