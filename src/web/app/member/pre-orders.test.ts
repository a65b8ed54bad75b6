// Proves the goods page's waiting pre-orders: a member's pre-order of a closed period that is
// still open is listed, the member cancels it (a cancellation of the open period, no effort
// stated), the page then says it ends with the period, a second cancel is refused in the
// member's language next to it, and another member reads nothing of it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TEST_POOL, type TestServer } from '../../../http/testing.ts';
import { BREAD, give, startMemberServer, stepTo } from './fixture.ts';
import { getPage, postForm, textById } from './testing.ts';

let server: TestServer;
before(async () => {
  server = await startMemberServer();
  // Ada pre-orders bread in period 1; none is made, so it waits into period 2.
  await give(server, 'pre-order', [
    {
      kind: 'preOrders',
      period: 1,
      record: {
        id: 'ada-bread',
        personId: 'ada',
        productId: BREAD,
        units: 2,
        fulfil: 'production',
      },
    },
  ]);
  for (const stage of ['cleared', 'running', 'settling', 'closed'] as const) {
    await stepTo(server, 1, stage);
  }
  await stepTo(server, 2, 'planning');
});
after(() => server.close());

const GOODS = `/pools/${TEST_POOL}/goods`;
const cancellations = async () => {
  const inputs = await server.deps.economy.periodInputs(TEST_POOL, 2);
  assert.ok(inputs.ok);
  return inputs.value.filter((i) => i.kind === 'preOrderCancellations').map((i) => i.record);
};

test('a waiting pre-order is listed and cancelled by its member, free of effort', async () => {
  const page = await (await getPage(server, GOODS, 'member')).text();
  assert.match(page, /Your pre-orders waiting for production/);
  assert.match(page, /2 × bread, pre-ordered in period 1/);
  assert.match(page, /name="preOrderId" value="ada-bread"/);
  const cancelled = await postForm(server, GOODS, 'member', {
    preOrderId: 'ada-bread',
    action: 'cancelPreOrder',
    formKey: 'cancel-ada-bread',
  });
  assert.equal(cancelled.status, 303);
  assert.equal(cancelled.headers.get('location'), `${GOODS}?done=preOrderCancelled`);
  assert.deepEqual(await cancellations(), [
    { preOrderId: 'ada-bread', spentEffortMilli: 0, plannedEffortMilli: 0 },
  ]);
  const after = await (await getPage(server, `${GOODS}?done=preOrderCancelled`, 'member')).text();
  assert.match(after, /Your pre-order is cancelled; it ends when this period closes/);
  assert.match(after, /Cancelled: it ends when this period closes/);
  assert.doesNotMatch(after, /value="cancelPreOrder"/);
});

test('cancelling again is refused next to it in German, writing nothing', async () => {
  const again = await postForm(
    server,
    GOODS,
    'member',
    { preOrderId: 'ada-bread', action: 'cancelPreOrder', formKey: 'cancel-again' },
    'de',
  );
  assert.equal(again.status, 422);
  const html = await again.text();
  assert.match(
    textById(html, 'cancel-ada-bread-error'),
    /Keine deiner Vorbestellungen wartet unter diesem Namen/,
  );
  assert.equal((await cancellations()).length, 1);
});

test("another member reads nothing of ada's pre-order and cannot cancel it", async () => {
  const page = await (await getPage(server, GOODS, 'confirmer')).text();
  assert.doesNotMatch(page, /ada-bread|waiting for production/);
  const refused = await postForm(server, GOODS, 'confirmer', {
    preOrderId: 'ada-bread',
    action: 'cancelPreOrder',
    formKey: 'cy-cancels',
  });
  assert.equal(refused.status, 422);
  assert.match(textById(await refused.text(), 'cancel-error'), /None of your pre-orders/);
  assert.equal((await cancellations()).length, 1);
});
