// A confirmation the economy refuses (here: a confirmer who is no person of the pool, given
// by a coordinator in office mode) leaves the work record as it was: not withdrawn, nothing
// written.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from './testing.ts';

let server: TestServer;
let seq = -1;

const post = (path: string, body: unknown, key: string) =>
  server.request(`/api/v1/pools/p/${path}`, {
    role: 'coordinator',
    method: 'POST',
    headers: { 'idempotency-key': key },
    body: JSON.stringify(body),
  });

before(async () => {
  server = await startTestServer();
  for (const stage of ['planning'])
    assert.equal((await post('steps', { period: 1, stage }, stage)).status, 200);
  const task = {
    id: 'loaves',
    templateId: 'loaves',
    projectId: 'bakery',
    slots: 1,
    minutesPerSlot: 60,
  };
  assert.equal(
    (await post('inputs', { inputs: [{ kind: 'tasks', period: 1, record: task }] }, 't')).status,
    201,
  );
  for (const stage of ['bidding', 'cleared', 'running']) {
    assert.equal((await post('steps', { period: 1, stage }, stage)).status, 200);
  }
  const work = await post(
    'work',
    { id: 'w', personId: 'ada', instanceId: 'loaves', minutes: 60 },
    'w',
  );
  seq = ((await work.json()) as { firstSeq: number }).firstSeq;
});
after(() => server.close());

const openWork = async () => (await server.deps.pools.openInputs('p', 'work')).map((w) => w.seq);

test('a refused confirmation does not withdraw the work record', async () => {
  for (const [path, body] of [
    [`inputs/${seq}/confirmation`, { confirmedBy: 'nobody' }],
    ['work/confirmations', { seqs: [seq], confirmedBy: 'nobody' }],
  ] as const) {
    const response = await post(path, body, `refused ${path}`);
    assert.equal(response.status, 422, await response.text());
    assert.deepEqual(await openWork(), [seq], path);
  }
  const confirmed = await post(`inputs/${seq}/confirmation`, { confirmedBy: 'bo' }, 'by bo');
  assert.equal(confirmed.status, 201, await confirmed.text());
  assert.equal((await openWork()).includes(seq), false);
});
