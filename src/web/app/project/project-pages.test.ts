// Proves the maintainer's pages: a maintainer or confirmer reads the project's templates,
// waiting work, computed prices and stock; adds a task, repeats a template, confirms work as
// their own person and records production; each refusal stands next to its form in English and
// German; a member without the project gets 403 and the public is sent to sign in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TEST_POOL, type TestRole } from '../../../http/testing.ts';
import { type ProjectFixture, startProjectFixture } from './fixture.ts';
import { parseSignedHoursMilli } from './work-in-progress.tsx';

let fixture: ProjectFixture;
before(async () => {
  fixture = await startProjectFixture();
});
after(() => fixture.server.close());

const PAGE = `/pools/${TEST_POOL}/projects/bakery`;

const post = (path: string, role: TestRole, fields: Record<string, string>) =>
  fixture.server.request(path, {
    role,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      formKey: `key-${Math.random().toString(36).slice(2)}`,
      ...fields,
    }).toString(),
  });

const page = async (role: TestRole, path = PAGE) => {
  const response = await fixture.server.request(path, { role });
  return { status: response.status, html: await response.text() };
};

const scenario = async () => {
  const s = await fixture.server.deps.economy.scenario(TEST_POOL);
  assert.ok(s.ok);
  return s.value;
};

test('the public is sent to sign in; a member without the project is refused', async () => {
  const response = await fixture.server.request(PAGE);
  assert.equal(response.status, 303);
  assert.match(response.headers.get('location') ?? '', /^\/sign-in\?next=/);
  assert.equal((await page('member')).status, 403);
  assert.equal((await page('member', `/pools/${TEST_POOL}/projects`)).status, 403);
  assert.equal(
    (await post(`${PAGE}/production`, 'member', { productId: 'bread', units: '3' })).status,
    403,
  );
  assert.equal((await page('maintainer', `/pools/${TEST_POOL}/projects/nope`)).status, 404);
});

test('the maintainer lists the project and reads templates and the computed price', async () => {
  const list = await page('maintainer', `/pools/${TEST_POOL}/projects`);
  assert.equal(list.status, 200);
  assert.match(list.html, /href="\/pools\/p\/projects\/bakery"/);
  const { status, html } = await page('maintainer');
  assert.equal(status, 200);
  assert.match(html, /Template bake/);
  assert.match(html, /bake-1/);
  assert.match(html, /2 × 2 h 0 min/);
  // bread: (100 × 0.120 labour + 2 overhead + 100 × 0.2 flour + 4 oven) / 100 = 0.38 h.
  assert.match(html, /0\.4 h per unit/);
  assert.match(html, /Materials from the pool/);
  const de = await page('maintainer', `${PAGE}?lang=de`);
  assert.match(de.html, /0,4 Std\. je Einheit/);
  assert.match(de.html, /Vorlage bake/);
});

test('a task is added while planning; a wrong field is refused next to it in en and de', async () => {
  const bad = await post(PAGE, 'maintainer', {});
  assert.equal(bad.status, 404, 'the page itself takes no post');
  const refused = await post(`${PAGE}/tasks`, 'maintainer', {
    id: 'knead-1',
    templateId: 'knead',
    slots: '0',
    minutesPerSlot: '60',
  });
  assert.equal(refused.status, 400);
  const html = await refused.text();
  assert.match(html, /id="f-slots-error"[^>]*>Give a whole number from 1 to 10000\./);
  assert.match(html, /value="knead-1"/, 'what was typed is given back');
  const de = await post(`${PAGE}/tasks?lang=de`, 'maintainer', {
    id: 'knead-1',
    templateId: 'knead',
    slots: '1',
    minutesPerSlot: '60',
    weight: 'viel',
  });
  assert.equal(de.status, 400);
  assert.match(await de.text(), /id="f-weight-error"[^>]*>Gib ein Gewicht wie 1,2 an/);
  assert.ok(!(await scenario()).periods[0]!.tasks.some((t) => t.id === 'knead-1'));

  const added = await post(`${PAGE}/tasks`, 'maintainer', {
    id: 'knead-1',
    templateId: 'knead',
    slots: '1',
    minutesPerSlot: '45',
    weight: '1,2',
    standardMinutes: '5',
  });
  assert.equal(added.status, 303);
  assert.equal(added.headers.get('location'), `${PAGE}?done=task`);
  const task = (await scenario()).periods[0]!.tasks.find((t) => t.id === 'knead-1');
  assert.deepEqual(
    [task?.slots, task?.minutesPerSlot, task?.indicatedWeightMilli, task?.standardMinutesPerUnit],
    [1, 45, 1200, 5],
  );
  const twice = await post(`${PAGE}/tasks?lang=de`, 'maintainer', {
    id: 'knead-1',
    templateId: 'knead',
    slots: '1',
    minutesPerSlot: '45',
  });
  assert.ok(twice.status >= 400 && twice.status < 500);
  assert.match(await twice.text(), /class="notice refused"[^>]*>Der Pool hat das abgelehnt/);
});

test('a confirmer confirms waiting work as their person; others are refused in en and de', async () => {
  await fixture.advanceTo('bidding');
  await fixture.give([
    {
      kind: 'bids',
      period: 1,
      record: { personId: 'ada', instanceId: 'bake-1', weightMilli: 1100 },
    },
  ]);
  await fixture.advanceTo('running');
  await fixture.give([
    {
      kind: 'work',
      period: 1,
      record: { id: 'w-ada', personId: 'ada', instanceId: 'bake-1', minutes: 120 },
    },
  ]);
  const waiting = await page('confirmer');
  assert.match(waiting.html, /Confirm the work of ada/);
  const seq = /work\/(\d+)\/confirm/.exec(waiting.html)![1]!;

  const byCoordinator = await post(`${PAGE}/work/${seq}/confirm`, 'coordinator', {});
  assert.equal(byCoordinator.status, 403);
  assert.match(await byCoordinator.text(), /role="alert">Only a maintainer or named confirmer/);
  const de = await post(`${PAGE}/work/${seq}/confirm?lang=de`, 'coordinator', {});
  assert.match(await de.text(), /role="alert">Nur Betreuende oder benannte Bestätigende/);
  assert.equal((await post(`${PAGE}/work/${seq}/confirm`, 'member', {})).status, 403);

  const confirmed = await post(`${PAGE}/work/${seq}/confirm`, 'confirmer', {});
  assert.equal(confirmed.status, 303);
  const work = (await scenario()).periods[0]!.work;
  assert.deepEqual(
    work.map((w) => [w.id, w.confirmedBy]),
    [['w-ada', 'cy']],
  );
  const after = await page('confirmer');
  assert.match(after.html, /No work record is waiting/);
  const again = await post(`${PAGE}/work/${seq}/confirm?lang=de`, 'confirmer', {});
  assert.equal(again.status, 404);
  assert.match(await again.text(), /Diesen Eintrag gibt es nicht \(mehr\)/);
});

test('production is recorded; a wrong count is refused in en and de', async () => {
  const refused = await post(`${PAGE}/production`, 'maintainer', {
    productId: 'bread',
    units: '0',
  });
  assert.equal(refused.status, 400);
  assert.match(await refused.text(), /id="f-units-error"[^>]*>Give a whole number from 1/);
  const de = await post(`${PAGE}/production?lang=de`, 'maintainer', {
    productId: 'bread',
    units: 'x',
  });
  assert.match(await de.text(), /id="f-units-error"[^>]*>Gib eine ganze Zahl/);
  const unknown = await post(`${PAGE}/production`, 'maintainer', { productId: 'cake', units: '2' });
  assert.equal(unknown.status, 403, "a product of no project of the maintainer's");
  const flour = await post(`${PAGE}/production`, 'maintainer', { productId: 'flour', units: '11' });
  assert.equal(flour.status, 303);
  assert.match((await page('maintainer')).html, /flour: 11 units made/);
});

test('after a close: stock shows, and a template is repeated into the next period', async () => {
  await fixture.advanceTo('closed');
  await fixture.advanceTo('planning');
  const { html } = await page('maintainer');
  assert.match(html, /<h3>flour<\/h3><dl class="facts">.*?<dt>In stock<\/dt><dd>11<\/dd>/);
  const repeated = await post(`${PAGE}/tasks/repeat`, 'maintainer', { templateId: 'bake' });
  assert.equal(repeated.status, 303);
  const tasks = (await scenario()).periods[1]!.tasks;
  assert.deepEqual(
    tasks.map((t) => [t.id, t.slots, t.minutesPerSlot]),
    [['bake-p2-1', 2, 120]],
  );
  const missing = await post(`${PAGE}/tasks/repeat?lang=de`, 'maintainer', { templateId: 'nope' });
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /Dieses Projekt hat keine solche Vorlage/);
});

test('a named confirmer sees the work to confirm but not the forms that plan', async () => {
  const { html } = await page('confirmer');
  assert.equal(html.includes('action="/pools/p/projects/bakery/tasks"'), false);
  assert.equal(html.includes('action="/pools/p/projects/bakery/production"'), false);
  const asMaintainer = await page('maintainer');
  assert.ok(asMaintainer.html.includes('action="/pools/p/projects/bakery/production"'));
});

test('a template repeated once bidding is open is refused next to the template, in de', async () => {
  await fixture.advanceTo('bidding');
  const late = await post(`${PAGE}/tasks/repeat?lang=de`, 'maintainer', { templateId: 'bake' });
  assert.equal(late.status, 409);
  assert.match(
    await late.text(),
    /<h3>Vorlage bake<\/h3>.*role="alert">Die Periode ist nicht in einem Abschnitt, der das annimmt\./s,
  );
});

test('work in progress is recorded as signed milli-hours; a bad change is refused in en and de', async () => {
  // Period 2 is bidding now (the test before): work in progress may be given while it is open.
  const zero = await post(`${PAGE}/work-in-progress`, 'maintainer', { changeHours: '0' });
  assert.equal(zero.status, 400);
  assert.match(await zero.text(), /id="f-changeHours-error"[^>]*>Give hours such as 2.4/);
  const de = await post(`${PAGE}/work-in-progress?lang=de`, 'maintainer', {
    changeHours: '1,2345',
  });
  assert.match(await de.text(), /id="f-changeHours-error"[^>]*>Gib Stunden an/);
  const member = await post(`${PAGE}/work-in-progress`, 'member', { changeHours: '1' });
  assert.equal(member.status, 403);
  const recorded = await post(`${PAGE}/work-in-progress`, 'maintainer', { changeHours: '-1,25' });
  assert.equal(recorded.status, 303);
  const status = await fixture.server.deps.economy.status(TEST_POOL);
  assert.ok(status.ok);
  const inputs = await fixture.server.deps.economy.periodInputs(
    TEST_POOL,
    status.value.cycle.period,
  );
  assert.ok(inputs.ok);
  assert.deepEqual(
    inputs.value.filter((i) => i.kind === 'workInProgress').map((i) => i.record),
    [{ projectId: 'bakery', changeEffortMilli: -1250 }],
  );
});

test('signed hours parse exactly, without floating point', () => {
  assert.equal(parseSignedHoursMilli('2.4'), 2400);
  assert.equal(parseSignedHoursMilli('-1,25'), -1250);
  assert.equal(parseSignedHoursMilli('+0.001'), 1);
  assert.equal(parseSignedHoursMilli('0.1234'), null);
  assert.equal(parseSignedHoursMilli('1e3'), null);
  assert.equal(parseSignedHoursMilli(undefined), null);
});
