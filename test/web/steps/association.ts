// Page-driving steps of the association steward, for the browser journeys (issue 16 test 3):
// preview a new dependent (each contributor's share before and after), then add them.
import type { Page } from 'playwright-core';

export interface ShareRow {
  readonly personId: string;
  readonly before: string;
  readonly after: string;
}

/** From the steward's page, asks for the preview of `personId` as a dependent and answers the
 *  shares it shows; the page stays on the preview. */
export async function previewDependent(
  page: Page,
  baseUrl: string,
  poolId: string,
  personId: string,
  category: 'child' | 'elderly' | 'sick' | 'other',
  lang = 'en',
): Promise<ShareRow[]> {
  await page.goto(`${baseUrl}/pools/${encodeURIComponent(poolId)}/association?lang=${lang}`);
  await page.locator('#f-personId').fill(personId);
  await page.locator('#f-category').selectOption(category);
  await page.locator('form[action$="/dependents/preview"] button[type=submit]').click();
  const rows = page.locator('table.preview tbody tr');
  await rows.first().waitFor();
  const out: ShareRow[] = [];
  for (const row of await rows.all()) {
    const cells = await row.locator('td').allTextContents();
    out.push({ personId: cells[0]!, before: cells[1]!, after: cells[2]! });
  }
  return out;
}

/** On the preview page, adds the dependent and waits for the steward's page to confirm it. */
export async function confirmDependent(page: Page): Promise<string> {
  await page.locator('form[action$="/association/dependents"] button[type=submit]').click();
  const notice = page.locator('main .notice.ok');
  await notice.waitFor();
  return (await notice.textContent()) ?? '';
}
