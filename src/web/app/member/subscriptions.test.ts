// Proves that a member makes, changes and ends their own subscriptions on the goods page: one
// not yet planned for is changed or ended outright; one a closed period planned for ends before
// the first unplanned period and continues anew from it, in one write; bad units are refused
// next to the field in English and German writing nothing; nobody changes another's.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SubscriptionSpec } from '../../../core/scenario/types.ts';
import { TEST_POOL, type TestServer } from '../../../http/testing.ts';
import { BREAD, declareBakeryWork, startMemberServer, stepTo } from './fixture.ts';
import { getPage, postForm, textById } from './testing.ts';

const GOODS = `/pools/${TEST_POOL}/goods`;
let server: TestServer;
before(async () => {
  server = await startMemberServer();
});
after(() => server.close());

const subscriptionsOf = async (personId: string) => {
  const scenario = await server.deps.economy.scenario(TEST_POOL);
  assert.ok(scenario.ok);
  return scenario.value.subscriptions
    .filter((s) => s.personId === personId)
    .map((s: SubscriptionSpec) => [s.unitsPerPeriod, s.fromPeriod, s.untilPeriod]);
};
const idOf = async (personId: string, index: number) => {
  const scenario = await server.deps.economy.scenario(TEST_POOL);
  assert.ok(scenario.ok);
  return scenario.value.subscriptions.filter((s) => s.personId === personId)[index]!.id;
};

test('a member subscribes from the next period, changes the units and is refused bad units', async () => {
  const made = await postForm(server, GOODS, 'member', {
    productId: BREAD,
    subscriptionUnits: '2',
    action: 'subscribe',
    formKey: 'sub-ada-1',
  });
  assert.equal(made.status, 303);
  assert.equal(made.headers.get('location'), `${GOODS}?done=subscribed`);
  assert.deepEqual(await subscriptionsOf('ada'), [[2, 2, null]]);
  const page = await (await getPage(server, `${GOODS}?done=subscribed`, 'member')).text();
  assert.match(page, /Your subscription is in/);
  assert.match(
    page,
    /bread: 2 per period<!-- -->? ?from period 2 on|bread: 2 per period from period 2 on/,
  );

  const id = await idOf('ada', 0);
  const bad = await postForm(
    server,
    GOODS,
    'member',
    { subscriptionId: id, subscriptionUnits: 'viele', action: 'changeSubscription' },
    'de',
  );
  assert.equal(bad.status, 422);
  assert.match(textById(await bad.text(), `subscription-${id}-error`), /ganze Zahl/);
  assert.deepEqual(await subscriptionsOf('ada'), [[2, 2, null]]);

  // Not planned for yet: changed outright, still one subscription.
  const changed = await postForm(server, GOODS, 'member', {
    subscriptionId: id,
    subscriptionUnits: '3',
    action: 'changeSubscription',
    formKey: 'sub-ada-2',
  });
  assert.equal(changed.headers.get('location'), `${GOODS}?done=subscriptionChanged`);
  assert.deepEqual(await subscriptionsOf('ada'), [[3, 2, null]]);

  const foreign = await postForm(server, GOODS, 'confirmer', {
    subscriptionId: id,
    action: 'endSubscription',
    formKey: 'sub-cy-end',
  });
  assert.equal(foreign.status, 422);
  assert.deepEqual(await subscriptionsOf('ada'), [[3, 2, null]]);
});

test('after a close, a planned subscription ends before the first unplanned period', async () => {
  for (const stage of ['cleared', 'running'] as const) await stepTo(server, 1, stage);
  await declareBakeryWork(server, 1, 0);
  for (const stage of ['settling', 'closed'] as const) await stepTo(server, 1, stage);
  // Period 1 planned period 2 with 3 loaves: the change counts from period 3.
  const id = await idOf('ada', 0);
  const page = await (await getPage(server, GOODS, 'member')).text();
  assert.match(page, /A change counts from period 3/);
  const changed = await postForm(server, GOODS, 'member', {
    subscriptionId: id,
    subscriptionUnits: '1',
    action: 'changeSubscription',
    formKey: 'sub-ada-3',
  });
  assert.equal(changed.status, 303);
  assert.deepEqual(await subscriptionsOf('ada'), [
    [3, 2, 2],
    [1, 3, null],
  ]);
  const ended = await postForm(server, GOODS, 'member', {
    subscriptionId: await idOf('ada', 1),
    action: 'endSubscription',
    formKey: 'sub-ada-4',
  });
  assert.equal(ended.headers.get('location'), `${GOODS}?done=subscriptionEnded`);
  assert.deepEqual(await subscriptionsOf('ada'), [[3, 2, 2]]);
  const after = await (await getPage(server, GOODS, 'member', 'de')).text();
  assert.match(after, /von Periode 2 bis Periode 2/);
  assert.doesNotMatch(after, /Abonnement beenden/, 'one that ends before period 3 has no form');
});
