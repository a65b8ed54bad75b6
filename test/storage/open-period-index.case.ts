// Proves on a real database that bids and work records checked against a service's index of the
// open period answer as the whole check does, and that the index is never read stale: an input
// another service (another process) gave, or a withdrawal, sends the next one to the whole check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EconomyService, InputRequest } from '../../src/app/economy/economy-service.ts';
import { disassembleScenario } from '../../src/core/cycle/inputs.ts';
import { loadExample } from '../scenario/support.ts';

/** Run inside an economy suite: `newService` gives a service of its own on the suite's store. */
export function describeOpenPeriodIndex(newService: () => EconomyService): void {
  test('bids by id answer as the whole check; another service’s bid and a withdrawal are seen', async () => {
    const one = newService();
    const other = newService();
    const example = loadExample('reference-4.9-month.yaml');
    const pool = 'index-bids';
    const { settings, inputs } = disassembleScenario({
      ...example,
      pool: { ...example.pool, id: pool },
    });
    const standing = inputs.filter((i) => i.period === 0);
    assert.ok((await one.createPool('k-found', settings, standing)).ok);
    assert.ok((await one.advance(pool, 'k-plan', { period: 1, stage: 'planning' })).ok);
    const tasks = inputs.filter((i) => i.kind === 'tasks');
    assert.ok((await one.submitInputs(pool, 'k-tasks', tasks)).ok);
    assert.ok((await one.advance(pool, 'k-bid', { period: 1, stage: 'bidding' })).ok);
    const [first, second, ...rest] = inputs.filter((i) => i.kind === 'bids');
    assert.ok(first && second);
    const bid = (record: object): InputRequest => ({
      kind: 'bids',
      period: 1,
      record: { ...(first.record as object), ...record },
    });
    const code = async (service: EconomyService, key: string, given: InputRequest[]) => {
      const answer = await service.submitInputs(pool, key, given);
      return answer.ok ? 'ok' : `${answer.error.code}: ${answer.error.detail}`;
    };
    const { personId, instanceId, round } = first.record as Record<string, unknown>;
    const key = `${round ?? 0}|${instanceId}|${personId}`;

    assert.equal(await code(one, 'k-1', [first]), 'ok');
    assert.equal(
      await code(one, 'k-1-again', [first]),
      `scenario.duplicate_id: inputs[0] (bids): "${key}" appears twice`,
    );
    assert.equal(
      await code(one, 'k-nobody', [bid({ personId: 'nobody' })]),
      'scenario.unknown_reference: inputs[0] (bids): personId: unknown person "nobody"',
    );
    assert.equal(
      await code(one, 'k-no-task', [bid({ instanceId: 'no-task' })]),
      'scenario.unknown_reference: inputs[0] (bids): instanceId: unknown task "no-task"',
    );
    assert.match(
      await code(one, 'k-light', [bid({ weightMilli: 5 })]),
      /^economy.invalid_input: inputs\[0\] \(bids\): weightMilli: must be ≥ /,
    );

    // Another service gives the second bid: the first service's index is of the log before.
    assert.equal(await code(other, 'k-2', [second]), 'ok');
    assert.match(await code(one, 'k-2-again', [second]), /^scenario.duplicate_id: /);

    // A withdrawal moves the sequence number on: the withdrawn bid may be given again.
    const placed = await one.periodInputs(pool, 1);
    assert.ok(placed.ok);
    const firstSeq = placed.value.find((i) => i.kind === 'bids')!.seq;
    assert.ok((await one.withdrawInput(pool, 'k-w', firstSeq)).ok);
    assert.equal(await code(one, 'k-1-back', [first]), 'ok');
    for (const [i, input] of rest.entries()) {
      assert.equal(await code(i % 2 === 0 ? one : other, `k-rest-${i}`, [input]), 'ok');
    }

    // The log holds each bid once, as the whole check would have stored it.
    const back = await other.scenario(pool);
    assert.ok(back.ok);
    const keys = back.value.periods[0]!.bids.map((b) => `${b.round}|${b.instanceId}|${b.personId}`);
    assert.equal(new Set(keys).size, keys.length);
    assert.equal(keys.length, 2 + rest.length);
    const status = await one.status(pool);
    assert.ok(status.ok);
    assert.equal(status.value.inputs, standing.length + tasks.length + 3 + rest.length + 1);
  });

  test('work records by id answer as the whole check; another service’s record is seen', async () => {
    const one = newService();
    const other = newService();
    const example = loadExample('reference-4.9-month.yaml');
    const pool = 'index-work';
    const { settings, inputs } = disassembleScenario({
      ...example,
      pool: { ...example.pool, id: pool },
    });
    const of = (kind: string) => inputs.filter((i) => i.kind === kind && i.period === 1);
    assert.ok(
      (
        await one.createPool(
          'w-found',
          settings,
          of('x').concat(inputs.filter((i) => i.period === 0)),
        )
      ).ok,
    );
    for (const [stage, given] of [
      ['planning', of('tasks')],
      ['bidding', of('bids')],
      ['cleared', []],
      ['running', []],
    ] as const) {
      assert.ok((await one.advance(pool, `w-${stage}`, { period: 1, stage })).ok, stage);
      if (given.length > 0) assert.ok((await one.submitInputs(pool, `w-in-${stage}`, given)).ok);
    }
    const [first, second, ...rest] = of('work');
    assert.ok(first && second);
    const work = (record: object): InputRequest => ({
      kind: 'work',
      period: 1,
      record: { ...(first.record as object), id: 'extra', ...record },
    });
    const code = async (service: EconomyService, key: string, given: InputRequest[]) => {
      const answer = await service.submitInputs(pool, key, given);
      return answer.ok ? 'ok' : `${answer.error.code}: ${answer.error.detail}`;
    };
    const firstId = (first.record as { id: string }).id;

    assert.equal(await code(one, 'w-1', [first]), 'ok');
    assert.equal(
      await code(one, 'w-1-again', [first]),
      `scenario.duplicate_id: inputs[0] (work): "${firstId}" appears twice`,
    );
    assert.equal(
      await code(one, 'w-no-confirmer', [work({ confirmedBy: 'nobody' })]),
      'scenario.unknown_reference: inputs[0] (work): confirmedBy: unknown person "nobody"',
    );
    assert.equal(
      await code(one, 'w-no-task', [work({ instanceId: 'no-task' })]),
      'scenario.unknown_reference: inputs[0] (work): instanceId: unknown task "no-task"',
    );
    // Another service gives the second record: the first service's index is of the log before.
    assert.equal(await code(other, 'w-2', [second]), 'ok');
    assert.match(await code(one, 'w-2-again', [second]), /^scenario.duplicate_id: /);
    for (const [i, input] of rest.entries()) {
      assert.equal(await code(i % 2 === 0 ? one : other, `w-rest-${i}`, [input]), 'ok');
    }
    const back = await other.scenario(pool);
    assert.ok(back.ok);
    const ids = back.value.periods[0]!.work.map((w) => w.id);
    assert.deepEqual(
      ids,
      of('work').map((w) => (w.record as { id: string }).id),
    );
  });
}
