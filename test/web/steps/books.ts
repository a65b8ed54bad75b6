// Page-driving steps of the open books, for the browser journeys (issue 16 tests 1 and 5):
// read a pool's open books, read the journal, press verify.
import type { Page } from 'playwright-core';

const booksUrl = (baseUrl: string, poolId: string, lang: string, rest = '') =>
  `${baseUrl}/pools/${encodeURIComponent(poolId)}/books${rest}?lang=${lang}`;

/** Opens the pool's open books and answers the statement's heading (the latest period's). */
export async function readOpenBooks(
  page: Page,
  baseUrl: string,
  poolId: string,
  lang = 'en',
): Promise<string> {
  await page.goto(booksUrl(baseUrl, poolId, lang));
  const heading = page.locator('main h2').first();
  await heading.waitFor();
  return (await heading.textContent()) ?? '';
}

/** Opens the first page of the journal and answers the accounts named in its rows. */
export async function readJournal(
  page: Page,
  baseUrl: string,
  poolId: string,
  lang = 'en',
): Promise<string[]> {
  await page.goto(booksUrl(baseUrl, poolId, lang, '/journal'));
  await page.locator('table.journal tbody tr').first().waitFor();
  const debits = await page.locator('table.journal tbody td:nth-child(4)').allTextContents();
  const credits = await page.locator('table.journal tbody td:nth-child(5)').allTextContents();
  return [...debits, ...credits];
}

/** Presses the verify button of the open books (or the journal) page and answers the verdict:
 *  the notice's text, which says whether the recomputed chain holds. */
export async function pressVerify(page: Page): Promise<{ ok: boolean; text: string }> {
  await Promise.all([
    page.waitForURL((url) => url.pathname.endsWith('/books/verify')),
    page.locator('form[action$="/books/verify"] button').first().click(),
  ]);
  const notice = page.locator('main .notice');
  await notice.waitFor();
  const ok = (await notice.getAttribute('class'))?.includes('ok') ?? false;
  return { ok, text: (await notice.textContent()) ?? '' };
}
