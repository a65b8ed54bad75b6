import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createGroupQueue, type GroupQueueOptions, type Settled } from './group-queue.ts';

/** A queue over numbers whose groups are recorded; `fail` decides how a group fails. */
function recorded(
  start: GroupQueueOptions<string, number, string>['start'],
  fail: (writes: readonly number[]) => 'throw' | readonly number[] = () => [],
) {
  const groups: number[][] = [];
  const queue = createGroupQueue<string, number, string>({
    start,
    joins: (group, next) => group.length < 3 && next !== 99,
    async runGroup(key, writes) {
      groups.push([...writes]);
      await Promise.resolve();
      const failing = fail(writes);
      if (failing === 'throw') throw new Error(`group ${writes.join(',')} failed`);
      return writes.map(
        (write): Settled<string> =>
          failing.includes(write)
            ? { ok: false, error: new Error(`${write} failed`) }
            : { ok: true, value: `${key}:${write}` },
      );
    },
  });
  return { queue, groups };
}

const outcome = (promise: Promise<string>) =>
  promise.then(
    (value) => value,
    (error: Error) => `error: ${error.message}`,
  );

test('writes given in one turn share groups after it, in order, as `joins` lets them', async () => {
  const { queue, groups } = recorded('after-turn');
  const answers = await Promise.all([1, 2, 3, 4, 99, 5].map((n) => outcome(queue.write('p', n))));
  assert.deepEqual(answers, ['p:1', 'p:2', 'p:3', 'p:4', 'p:99', 'p:5']);
  assert.deepEqual(groups, [[1, 2, 3], [4], [99, 5]]);
});

test('started at once, the first write runs alone and the rest wait for it', async () => {
  const { queue, groups } = recorded('now');
  await Promise.all([1, 2, 3].map((n) => queue.write('p', n)));
  assert.deepEqual(groups, [[1], [2, 3]]);
});

test('keys have queues of their own', async () => {
  const { queue, groups } = recorded('after-turn');
  const answers = await Promise.all([queue.write('p', 1), queue.write('q', 2)]);
  assert.deepEqual(answers, ['p:1', 'q:2']);
  assert.deepEqual(groups, [[1], [2]]);
});

test('a group that throws runs each write again alone; alone, an error is its caller’s', async () => {
  const { queue, groups } = recorded('after-turn', (writes) =>
    writes.length > 1 || writes[0] === 2 ? 'throw' : [],
  );
  const answers = await Promise.all([1, 2, 3].map((n) => outcome(queue.write('p', n))));
  assert.deepEqual(answers, ['p:1', 'error: group 2 failed', 'p:3']);
  assert.deepEqual(groups, [[1, 2, 3], [1], [2], [3]]);
});

test('a write that failed in a group runs again alone after the others are answered', async () => {
  const order: string[] = [];
  const { queue, groups } = recorded('after-turn', (writes) =>
    writes.length > 1 ? [2] : writes[0] === 2 ? [2] : [],
  );
  const answers = await Promise.all(
    [1, 2, 3].map((n) =>
      outcome(queue.write('p', n)).then((answer) => {
        order.push(answer);
        return answer;
      }),
    ),
  );
  assert.deepEqual(answers, ['p:1', 'error: 2 failed', 'p:3']);
  assert.deepEqual(groups, [[1, 2, 3], [2]]);
  assert.deepEqual(order, ['p:1', 'p:3', 'error: 2 failed']);
});
