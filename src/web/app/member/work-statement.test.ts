// Proves the work and statement pages: a member records minutes on a won slot and sees who must
// confirm them; bad minutes and work out of its stage are refused next to the field in English
// and German, writing nothing; once confirmed, the statement shows the credit of this period
// with its weight in plain words, and after closing the posted balance; another member's
// statement never shows it, whatever the request names.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { WorkSpec } from '../../../core/scenario/types.ts';
import { TEST_POOL, type TestServer } from '../../../http/testing.ts';
import {
  BAKE_TASK,
  declareBakeryWork,
  give,
  startMemberServer,
  stepTo,
  workSeqOf,
} from './fixture.ts';
import { getPage, postForm, textById } from './testing.ts';

let server: TestServer;
before(async () => {
  server = await startMemberServer();
  await give(server, 'ada-bid', [
    {
      kind: 'bids',
      period: 1,
      record: { personId: 'ada', instanceId: BAKE_TASK, weightMilli: 1200, round: 0 },
    },
  ]);
});
after(() => server.close());

const WORK = `/pools/${TEST_POOL}/work`;
const STATEMENT = `/pools/${TEST_POOL}/statement`;
const workOf = async (personId: string) => {
  const inputs = await server.deps.economy.periodInputs(TEST_POOL, 1);
  assert.ok(inputs.ok);
  return inputs.value
    .filter((i) => i.kind === 'work' && (i.record as WorkSpec).personId === personId)
    .map((i) => i.record as WorkSpec);
};

test('work on a slot not won is refused on the page, writing nothing', async () => {
  const early = await postForm(server, WORK, 'member', {
    instanceId: BAKE_TASK,
    minutes: '240',
    formKey: 'early-work',
  });
  assert.equal(early.status, 422);
  assert.match(
    await early.text(),
    /class="notice refused" role="alert">You have no slot of this task/,
  );
  assert.deepEqual(await workOf('ada'), []);
  await stepTo(server, 1, 'cleared');
  await stepTo(server, 1, 'running');
});

test('while the period runs, each member page says so once, in a sentence and no more', async () => {
  for (const path of ['', '/market', '/work', '/statement', '/goods', '/household']) {
    const html = await (await getPage(server, `/pools/${TEST_POOL}${path}`, 'member')).text();
    assert.equal(html.match(/is running/g)?.length, 1, `${path || '/'} names the stage once`);
    assert.doesNotMatch(html, /record the work you did/i, `${path || '/'} repeats no hint`);
  }
});

test('the work page shows the won slot and who confirms it', async () => {
  const html = await (await getPage(server, WORK, 'member')).text();
  assert.match(html, new RegExp(`id="slot-${BAKE_TASK}"`));
  assert.match(html, /1 hour counts 1.2 hours/);
  assert.match(html, /<dd>bo, cy<\/dd>/);
  assert.match(html, /No work recorded for this slot yet/);
});

test('minutes that are no whole number are refused in English and German', async () => {
  for (const [lang, text] of [
    ['en', /Write the minutes as a whole number/],
    ['de', /Schreib die Minuten als ganze Zahl/],
  ] as const) {
    const bad = await postForm(
      server,
      WORK,
      'member',
      { instanceId: BAKE_TASK, minutes: '4h', formKey: `bad-minutes-${lang}` },
      lang,
    );
    assert.equal(bad.status, 422);
    const html = await bad.text();
    assert.match(textById(html, `f-minutes-${BAKE_TASK}-error`), text);
    assert.match(html, /value="4h"/);
  }
  assert.deepEqual(await workOf('ada'), []);
});

test('a member records work; it waits for confirmation, then shows confirmed', async () => {
  const recorded = await postForm(server, WORK, 'member', {
    instanceId: BAKE_TASK,
    minutes: '240',
    formKey: 'ada-work-1',
  });
  assert.equal(recorded.status, 303);
  assert.equal(recorded.headers.get('location'), `${WORK}?done=recorded`);
  assert.deepEqual(
    (await workOf('ada')).map((w) => [w.instanceId, w.minutes, w.confirmedBy]),
    [[BAKE_TASK, 240, null]],
  );
  const waiting = await (await getPage(server, WORK, 'member')).text();
  assert.match(waiting, /4 h recorded — <strong>waiting for confirmation/);
  const seq = await workSeqOf(server, 1, 'ada');
  const confirmed = await server.request(`/api/v1/pools/${TEST_POOL}/inputs/${seq}/confirmation`, {
    method: 'POST',
    role: 'maintainer',
    headers: { 'idempotency-key': 'bo-confirms-ada' },
    body: JSON.stringify({ confirmedBy: 'bo' }),
  });
  assert.equal(confirmed.status, 201);
  const done = await (await getPage(server, WORK, 'member', 'de')).text();
  assert.match(done, /bestätigt von bo/);
});

test('the statement shows this period so far with the credit and its weight in words', async () => {
  await declareBakeryWork(server, 1, 4800);
  const html = await (await getPage(server, STATEMENT, 'member')).text();
  assert.match(html, /Period 1 so far/);
  // 240 minutes at 1.2: 4.8 hours.
  assert.match(html, /Work on bake-1: 4 h, 1 hour counts 1.2 hours/);
  assert.match(html, /\+4.8/);
  assert.match(html, /If the period closed now<\/dt><dd>4.8 hours/);
  const de = await (await getPage(server, STATEMENT, 'member', 'de')).text();
  assert.match(de, /Arbeit an bake-1: 4 Std\., 1 Stunde zählt 1,2 Stunden/);
});

test('after closing, the posted balance shows the credit; nobody else sees it', async () => {
  await stepTo(server, 1, 'settling');
  await stepTo(server, 1, 'closed');
  const html = await (await getPage(server, STATEMENT, 'member')).text();
  assert.match(html, /Posted balance<\/dt><dd><strong>4.8 hours/);
  assert.match(html, /<td data-label="Reason">Work<\/td>/);
  const other = await (
    await getPage(server, `${STATEMENT}?personId=ada&person=ada`, 'maintainer')
  ).text();
  assert.doesNotMatch(other, /4.8/, "bo's statement does not show ada's credit");
  assert.match(other, /Posted balance<\/dt><dd><strong>0.0 hours/);
  const auditor = await getPage(server, STATEMENT, 'auditor');
  assert.equal(auditor.status, 403, 'a reader with no person has no statement page');
  const pub = await getPage(server, STATEMENT, 'public');
  assert.equal(pub.status, 303);
});
