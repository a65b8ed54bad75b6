// Proves the week and market pages: a member sees the open period's tasks with the whole-slot
// comparison, places, changes and withdraws a bid; a bad weight and a bid out of bidding are
// refused next to the field in English and German with nothing written; the won slot then
// shows on the week page; a reader without a person is sent elsewhere, the public to sign in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BidSpec } from '../../../core/scenario/types.ts';
import { TEST_POOL, type TestServer } from '../../../http/testing.ts';
import { BAKE_TASK, DELIVER_TASK, startMemberServer, stepTo } from './fixture.ts';
import { getPage, postForm, textById } from './testing.ts';

let server: TestServer;
before(async () => {
  server = await startMemberServer();
});
after(() => server.close());

const MARKET = `/pools/${TEST_POOL}/market`;
const bidsOf = async (personId: string) => {
  const inputs = await server.deps.economy.periodInputs(TEST_POOL, 1);
  assert.ok(inputs.ok);
  return inputs.value
    .filter((i) => i.kind === 'bids' && (i.record as BidSpec).personId === personId)
    .map((i) => i.record as BidSpec);
};

test('the market shows each task with its slots, time, place and whole-slot hours', async () => {
  const page = await getPage(server, MARKET, 'member');
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /Period 1 is open for bidding/);
  assert.match(html, new RegExp(`id="task-${BAKE_TASK}"`));
  assert.match(html, new RegExp(`id="task-${DELIVER_TASK}"`));
  assert.match(html, /1 hour counts 1.3 hours/);
  // 2 slots of 240 minutes at 1.3: a whole slot counts 5.2 hours.
  assert.match(html, /2 × 4 h/);
  assert.match(html, /counts 5.2 hours at the indicated weight/);
  assert.match(html, /Bakery, Mill Lane 3/);
});

test('a member places, changes and withdraws a bid', async () => {
  const placed = await postForm(server, MARKET, 'member', {
    instanceId: BAKE_TASK,
    weight: '1.2',
    action: 'bid',
    formKey: 'place-bid-1',
  });
  assert.equal(placed.status, 303);
  assert.equal(placed.headers.get('location'), `${MARKET}?done=placed`);
  assert.deepEqual(
    (await bidsOf('ada')).map((b) => [b.instanceId, b.weightMilli]),
    [[BAKE_TASK, 1200]],
  );
  const shown = await (await getPage(server, `${MARKET}?done=placed`, 'member')).text();
  assert.match(shown, /Your bid is placed/);
  // (1.3 − 1.2) × 240 min = 0.4 hours over the bid.
  assert.match(shown, /0.4 hours more than you ask/);

  const changed = await postForm(server, MARKET, 'member', {
    instanceId: BAKE_TASK,
    weight: '1,1',
    action: 'bid',
    formKey: 'change-bid-1',
  });
  assert.equal(changed.headers.get('location'), `${MARKET}?done=changed`);
  assert.deepEqual(
    (await bidsOf('ada')).map((b) => b.weightMilli),
    [1100],
  );

  const withdrawn = await postForm(server, MARKET, 'member', {
    instanceId: BAKE_TASK,
    action: 'withdraw',
    formKey: 'withdraw-bid-1',
  });
  assert.equal(withdrawn.headers.get('location'), `${MARKET}?done=withdrawn`);
  assert.deepEqual(await bidsOf('ada'), []);
});

test('a bad weight is refused next to its field, in English and German, writing nothing', async () => {
  const en = await postForm(server, MARKET, 'member', {
    instanceId: DELIVER_TASK,
    weight: 'lots',
    action: 'bid',
    formKey: 'bad-weight-en',
  });
  assert.equal(en.status, 422);
  const enHtml = await en.text();
  assert.match(textById(enHtml, `weight-${DELIVER_TASK}-error`), /Write the weight as a number/);
  assert.match(enHtml, /value="lots"/, 'what was typed stays in the field');
  const de = await postForm(
    server,
    MARKET,
    'member',
    { instanceId: DELIVER_TASK, weight: '99', action: 'bid', formKey: 'bad-weight-de' },
    'de',
  );
  assert.equal(de.status, 422);
  assert.match(
    textById(await de.text(), `weight-${DELIVER_TASK}-error`),
    /Das Gewicht muss zwischen 0,1 und 5,0 liegen/,
  );
  assert.deepEqual(await bidsOf('ada'), []);
});

test('a member cannot place a bid for another person by the form', async () => {
  // The form has no person field: whatever is posted, the bid is the reader's own.
  await postForm(server, MARKET, 'maintainer', {
    instanceId: DELIVER_TASK,
    weight: '1.5',
    personId: 'ada',
    action: 'bid',
    formKey: 'bo-bid',
  });
  assert.deepEqual(await bidsOf('ada'), []);
  assert.deepEqual(
    (await bidsOf('bo')).map((b) => b.instanceId),
    [DELIVER_TASK],
  );
});

test('the public is sent to sign in; a reader without a person in the pool is sent on', async () => {
  const pub = await getPage(server, `/pools/${TEST_POOL}`, 'public');
  assert.equal(pub.status, 303);
  assert.match(pub.headers.get('location') ?? '', /^\/sign-in\?next=/);
  const auditor = await getPage(server, `/pools/${TEST_POOL}`, 'auditor');
  assert.equal(auditor.status, 303);
  assert.equal(auditor.headers.get('location'), `/pools/${TEST_POOL}/books`);
  const outsider = await getPage(server, MARKET, 'outsider');
  assert.equal(outsider.status, 403);
});

test('after bidding closes a bid is refused next to the field; the won slot shows in my week', async () => {
  const placed = await postForm(server, MARKET, 'member', {
    instanceId: BAKE_TASK,
    weight: '1.2',
    action: 'bid',
    formKey: 'final-bid',
  });
  assert.equal(placed.status, 303);
  const waiting = await (await getPage(server, `/pools/${TEST_POOL}`, 'member')).text();
  assert.match(waiting, /You have 1 bid\(s\) in/);
  await stepTo(server, 1, 'cleared');
  for (const [lang, text] of [
    ['en', /Not now: this is taken only in another stage/],
    ['de', /Gerade nicht: Das wird nur in einem anderen Abschnitt/],
  ] as const) {
    const late = await postForm(
      server,
      MARKET,
      'member',
      { instanceId: DELIVER_TASK, weight: '1.4', action: 'bid', formKey: `late-${lang}` },
      lang,
    );
    assert.equal(late.status, 409);
    assert.match(textById(await late.text(), `weight-${DELIVER_TASK}-error`), text);
  }
  const week = await (await getPage(server, `/pools/${TEST_POOL}`, 'member')).text();
  assert.match(week, new RegExp(`<h2>${BAKE_TASK}</h2>`));
  assert.match(week, /1 hour counts 1.2 hours/);
  assert.match(week, /Bakery, Mill Lane 3/);
  const market = await (await getPage(server, MARKET, 'member')).text();
  assert.match(market, /you have a slot/);
  const deWeek = await (await getPage(server, `/pools/${TEST_POOL}`, 'member', 'de')).text();
  assert.match(deWeek, /1 Stunde zählt 1,2 Stunden/);
});
