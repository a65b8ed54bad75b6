import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeyVersion } from './key-versions.ts';

const holds = (version: KeyVersion, keys: readonly string[]) => keys.filter((k) => version.has(k));

test('a version holds its keys and those added to it; the one it came from stays as it was', () => {
  const first = KeyVersion.of(['a', 'b', 'a']);
  assert.equal(first.size, 2);
  const second = first.with(['c']);
  const third = second.with(['d', 'c']);
  assert.deepEqual(holds(first, ['a', 'b', 'c', 'd']), ['a', 'b']);
  assert.deepEqual(holds(second, ['a', 'b', 'c', 'd']), ['a', 'b', 'c']);
  assert.deepEqual(holds(third, ['a', 'b', 'c', 'd']), ['a', 'b', 'c', 'd']);
  assert.equal(third.size, 4);
});

test('two versions made from one (a rolled-back branch and its retry) do not see each other', () => {
  const kept = KeyVersion.of(['a']);
  const rolledBack = kept.with(['x']);
  const retried = kept.with(['y']);
  const onRolledBack = rolledBack.with(['z']);
  const onRetried = retried.with(['x']);
  assert.deepEqual(holds(kept, ['a', 'x', 'y', 'z']), ['a']);
  assert.deepEqual(holds(rolledBack, ['a', 'x', 'y', 'z']), ['a', 'x']);
  assert.deepEqual(holds(retried, ['a', 'x', 'y', 'z']), ['a', 'y']);
  assert.deepEqual(holds(onRolledBack, ['a', 'x', 'y', 'z']), ['a', 'x', 'z']);
  assert.deepEqual(holds(onRetried, ['a', 'x', 'y', 'z']), ['a', 'x', 'y']);
});
