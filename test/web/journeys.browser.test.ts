// Proves the web app's main journey across every role, in a real browser and in each language
// (issue 16, journeys 1 and 4): a member signs in and bids on two tasks; the coordinator opens
// and closes bidding; the member sees the slot the market gave her (one slot a round per
// person) and records the work; the maintainer
// confirms it and records what it made; the coordinator closes the period; the member's
// statement then posts exactly what the live projection showed while the period ran, and the
// open books verify. Nothing on the way is blocked by the pages' security policy.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { TEST_POOL } from '../../src/http/testing.ts';
import { startProjectFixture } from '../../src/web/app/project/fixture.ts';
import { launchBrowser, openSite } from '../support/browser.ts';
import { pressVerify, readOpenBooks } from './steps/books.ts';
import { closeBidding, closePeriod, runPeriod, takeStep } from './steps/coordinate.ts';
import { placeBid, readAssignments, readStatement, recordWork } from './steps/member.ts';
import { confirmWork, recordProduction } from './steps/project.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const HOURS = { en: /^2\.0 hours$/, de: /^2,0 Stunden$/ } as const;

for (const lang of ['en', 'de'] as const) {
  test(`bid, clear, work, confirm, close and read the credit, in ${lang}`, async () => {
    // A fresh pool per language: each journey takes period 1 from planning to close.
    const site = await openSite(async () => (await startProjectFixture()).server, browser);
    const personAt = (login: string) => site.personAt(login, lang);
    try {
      const eve = await personAt('coordinator');
      const ada = await personAt('member');
      const bo = await personAt('maintainer');
      await takeStep(eve.page, site.url, TEST_POOL, 'bidding');

      // Weight 1.0 on both, so the work is worth its hours.
      await placeBid(ada.page, site.url, TEST_POOL, 'bake-1', '1.0');
      await placeBid(ada.page, site.url, TEST_POOL, 'plan-1', lang === 'de' ? '1,0' : '1.0');
      await closeBidding(eve.page, site.url, TEST_POOL);
      await runPeriod(eve.page, site.url, TEST_POOL);

      // A person takes one slot a round: the baking slot, the first of her bids.
      assert.deepEqual(await readAssignments(ada.page, site.url, TEST_POOL), ['bake-1']);
      assert.equal(await ada.page.locator(`html[lang="${lang}"]`).count(), 1);
      await recordWork(ada.page, site.url, TEST_POOL, 'bake-1', 120);

      await confirmWork(bo.page, site.url, TEST_POOL, 'bakery', 'ada');
      // The 2 hours the bakery used went into 10 units of flour at 0.2 h each.
      await recordProduction(bo.page, site.url, TEST_POOL, 'bakery', {
        productId: 'flour',
        units: 10,
      });

      const running = await readStatement(ada.page, site.url, TEST_POOL);
      assert.match(running.projected ?? '', HOURS[lang], 'the projection shows the credit');
      await closePeriod(eve.page, site.url, TEST_POOL);

      const closed = await readStatement(ada.page, site.url, TEST_POOL);
      assert.equal(closed.posted, running.projected, 'posted at close as projected');
      assert.ok(
        closed.lines.some((line) => line.includes(lang === 'de' ? '+2,0' : '+2.0')),
        `a posted line credits the 2 hours: ${closed.lines.join(' / ')}`,
      );
      await readOpenBooks(ada.page, site.url, TEST_POOL, lang);
      const verdict = await pressVerify(ada.page);
      assert.ok(verdict.ok, verdict.text);
      for (const person of [eve, ada, bo]) {
        assert.deepEqual(person.blocked, []);
        await person.context.close();
      }
    } finally {
      await site.close();
    }
  });
}
