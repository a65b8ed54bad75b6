// Proves the goods page: each product's effort price and what the member pays; a member takes,
// changes and withdraws a request and pre-orders; bad units and a bad premium are refused next
// to their field in English and German, writing nothing; after a scarce good's auction closes,
// the member reads the uniform premium and their own result, and never another person's, and
// the price factor that the premium lowers for the next period.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { PreOrderSpec, RequestSpec } from '../../../core/scenario/types.ts';
import { TEST_POOL, type TestServer } from '../../../http/testing.ts';
import { BREAD, CARGO_BIKE, give, startMemberServer, stepTo } from './fixture.ts';
import { getPage, postForm, textById } from './testing.ts';

let server: TestServer;
before(async () => {
  server = await startMemberServer();
});
after(() => server.close());

const GOODS = `/pools/${TEST_POOL}/goods`;
const inputsOf = async <T>(kind: string, personId: string) => {
  const inputs = await server.deps.economy.periodInputs(TEST_POOL, 1);
  assert.ok(inputs.ok);
  return inputs.value
    .filter((i) => i.kind === kind && (i.record as { personId: string }).personId === personId)
    .map((i) => i.record as T);
};

test('each product shows its effort price, what the member pays and how scarcity is decided', async () => {
  const html = await (await getPage(server, GOODS, 'member')).text();
  assert.match(html, new RegExp(`id="product-${BREAD}"`));
  assert.match(html, /Effort price<\/dt><dd>1.5 hours/);
  assert.match(html, /You pay<\/dt><dd>1.5 hours per unit/);
  assert.match(html, /a price set by bakery/);
  assert.match(html, /price factor 1.000/);
  assert.match(html, /auctioned: those who offer the highest premium get it/);
});

test('a member takes, changes and withdraws a request, and pre-orders', async () => {
  const take = (fields: Record<string, string>) =>
    postForm(server, GOODS, 'member', { productId: BREAD, ...fields });
  const taken = await take({ units: '2', action: 'take', formKey: 'take-bread-1' });
  assert.equal(taken.headers.get('location'), `${GOODS}?done=requestplaced`);
  const changed = await take({ units: '3', action: 'take', formKey: 'take-bread-2' });
  assert.equal(changed.headers.get('location'), `${GOODS}?done=requestchanged`);
  assert.deepEqual(
    (await inputsOf<RequestSpec>('requests', 'ada')).map((r) => [r.productId, r.units]),
    [[BREAD, 3]],
  );
  const page = await (await getPage(server, `${GOODS}?done=requestchanged`, 'member')).text();
  assert.match(page, /Your request is changed/);
  assert.match(page, /Your request<\/dt><dd>Units: 3/);
  const withdrawn = await take({ action: 'withdrawRequest', formKey: 'withdraw-bread' });
  assert.equal(withdrawn.headers.get('location'), `${GOODS}?done=requestWithdrawn`);
  assert.deepEqual(await inputsOf('requests', 'ada'), []);
  const preOrdered = await take({ preOrderUnits: '4', action: 'preOrder', formKey: 'pre-bread' });
  assert.equal(preOrdered.headers.get('location'), `${GOODS}?done=preOrderplaced`);
  assert.deepEqual(
    (await inputsOf<PreOrderSpec>('preOrders', 'ada')).map((r) => [r.productId, r.units]),
    [[BREAD, 4]],
  );
});

test('bad units and a bad premium are refused next to their field in English and German', async () => {
  const units = await postForm(server, GOODS, 'member', {
    productId: CARGO_BIKE,
    units: '0',
    premium: '1',
    action: 'take',
    formKey: 'bad-units',
  });
  assert.equal(units.status, 422);
  assert.match(
    textById(await units.text(), `units-${CARGO_BIKE}-error`),
    /Write the units as a whole number/,
  );
  const premium = await postForm(
    server,
    GOODS,
    'member',
    { productId: CARGO_BIKE, units: '1', premium: 'viel', action: 'take', formKey: 'bad-premium' },
    'de',
  );
  assert.equal(premium.status, 422);
  const html = await premium.text();
  assert.match(textById(html, `premium-${CARGO_BIKE}-error`), /Schreib den Aufschlag in Stunden/);
  assert.match(html, /value="viel"/);
  assert.deepEqual(await inputsOf('requests', 'ada'), []);
});

test('after the auction closes, a member reads the uniform premium and only their own result', async () => {
  const bid = await postForm(server, GOODS, 'member', {
    productId: CARGO_BIKE,
    units: '1',
    premium: '0.5',
    action: 'take',
    formKey: 'ada-bike',
  });
  assert.equal(bid.status, 303);
  const cyBid = await postForm(server, GOODS, 'confirmer', {
    productId: CARGO_BIKE,
    units: '1',
    premium: '0,3',
    action: 'take',
    formKey: 'cy-bike',
  });
  assert.equal(cyBid.status, 303);
  // Bread taken at the posted price is the base the premium is spread over (reference §4.8).
  const bread = await postForm(server, GOODS, 'confirmer', {
    productId: BREAD,
    units: '2',
    action: 'take',
    formKey: 'cy-bread',
  });
  assert.equal(bread.status, 303);
  await give(server, 'bike-made', [
    { kind: 'production', period: 1, record: { productId: CARGO_BIKE, units: 1 } },
    { kind: 'production', period: 1, record: { productId: BREAD, units: 2 } },
    {
      kind: 'workInProgress',
      period: 1,
      record: { projectId: 'bakery', changeEffortMilli: -5000 },
    },
  ]);
  for (const stage of ['cleared', 'running', 'settling', 'closed'] as const) {
    await stepTo(server, 1, stage);
  }
  const ada = await (await getPage(server, GOODS, 'member')).text();
  assert.match(ada, /Auctions of period 1/);
  assert.match(ada, /cargo-bike: every winner paid a premium of 0.3 hours per unit/);
  assert.match(ada, /You took 1 and paid 0.3 hours of premium/);
  // 1 − 0.3 h of premium / 3.0 h of bread at the posted price: everything is 10% cheaper.
  assert.match(
    ada,
    /From period 2 on every price is multiplied by the pool&#39;s price factor 0.900 \(it was 1.000\)/,
  );
  const cy = await (await getPage(server, GOODS, 'confirmer', 'de')).text();
  assert.match(cy, /Du hast nichts bekommen/);
  assert.match(cy, /Preisfaktor des Pools 0,900 multipliziert \(bisher 1,000\)/);
  assert.doesNotMatch(cy, /ada/, "cy's page names nobody else's takings");
});
