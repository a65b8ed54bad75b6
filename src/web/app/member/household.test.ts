// Proves the household page: the member's residence with the associations above it, the
// dwelling and who shares it, the dependents among them with the allowance that covers them, in
// English and German; after the period closes, the housing dues the member paid; and that a
// member without a dwelling sees none of another household's.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TEST_POOL, type TestServer } from '../../../http/testing.ts';
import { give, startMemberServer, stepTo } from './fixture.ts';
import { getPage } from './testing.ts';

let server: TestServer;
before(async () => {
  server = await startMemberServer();
  await give(server, 'flat', [
    {
      kind: 'housingUnits',
      period: 0,
      record: { id: 'flat-2', projectId: 'bakery', buildEffortMilli: 120000, lifePeriods: 120 },
    },
  ]);
  await give(server, 'household', [
    {
      kind: 'occupancy',
      period: 1,
      record: {
        unitId: 'flat-2',
        residents: [
          { personId: 'ada', shareWeight: 1 },
          { personId: 'dan', shareWeight: 1 },
        ],
        occupiedPpm: 1_000_000,
        maintenanceEffortMilli: 0,
      },
    },
    {
      kind: 'dependents',
      period: 1,
      record: { personId: 'dan', dependent: { category: 'child', allowanceEffortMilli: 3000 } },
    },
  ]);
});
after(() => server.close());

const HOUSEHOLD = `/pools/${TEST_POOL}/household`;

test('the household page shows residence, dwelling and dependents, in English and German', async () => {
  const page = await getPage(server, HOUSEHOLD, 'member');
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /north \(neighbourhood\)/);
  assert.match(html, /Dwelling<\/dt><dd>flat-2/);
  assert.match(html, /Shared with<\/dt><dd>dan/);
  assert.match(html, /dan: child — takings up to 3.0 hours a period are covered/);
  assert.match(html, /you count as 100 % of a full contributor/);
  const de = await (await getPage(server, HOUSEHOLD, 'member', 'de')).text();
  assert.match(de, /dan: Kind – Entnahmen bis 3,0 Stunden/);
});

test('a member of another household sees no dwelling and no dependents of theirs', async () => {
  const html = await (await getPage(server, HOUSEHOLD, 'maintainer')).text();
  assert.match(html, /No dwelling of the pool is recorded for you/);
  assert.doesNotMatch(html, /flat-2|dan: child/);
});

test('after the period closes, the housing dues the member paid show', async () => {
  for (const stage of ['cleared', 'running', 'settling', 'closed'] as const) {
    await stepTo(server, 1, stage);
  }
  const html = await (await getPage(server, HOUSEHOLD, 'member')).text();
  assert.match(html, /Period 1: what your household paid/);
  // The flat's 120 hours over 120 periods, shared by its two residents: 0.5 hours each.
  assert.match(html, /Housing dues<\/dt><dd>0.5 hours/);
});
