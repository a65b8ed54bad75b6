// The projection warm-up after a server start: every pool read once, the first open one run
// again to warm the code, a pool without an open period passed by, a refused or thrown read
// logged and not stopping the others, a pool list that cannot be read logged, and no pool read
// after the server said it stops.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failure, ok } from '../../core/result.ts';
import type { EconomyService } from './economy-service.ts';
import { warmProjections } from './warm-projections.ts';

type Economy = Pick<EconomyService, 'listPools' | 'projection'>;

function logs() {
  const lines: { level: string; fields: object; message: string }[] = [];
  return {
    lines,
    logger: {
      info: (fields: object, message: string) => lines.push({ level: 'info', fields, message }),
      warn: (fields: object, message: string) => lines.push({ level: 'warn', fields, message }),
    },
  };
}

function economyOf(behaviour: Record<string, 'open' | 'closed' | 'refused' | 'throws'>) {
  const asked: string[] = [];
  /** The runs again of a kept projection, by pool. */
  const again: string[] = [];
  const economy = {
    listPools: async () => Object.keys(behaviour),
    projection: async (poolId: string, _person?: string, options?: { again?: boolean }) => {
      if (options?.again === true) {
        assert.equal(behaviour[poolId], 'open', 'only a pool read before is run again');
        again.push(poolId);
        return ok({ poolId });
      }
      asked.push(poolId);
      const what = behaviour[poolId];
      if (what === 'throws') throw new Error(`the store broke reading ${poolId}`);
      if (what === 'closed') return failure('economy.no_open_period', 'no open period');
      if (what === 'refused') return failure('economy.stopped', 'the run stopped');
      return ok({ poolId });
    },
  } as unknown as Economy;
  return { economy, asked, again };
}

test('warm-up: every pool is read; failures are logged and do not stop the others', async () => {
  const { economy, asked } = economyOf({ a: 'throws', b: 'open', c: 'refused', d: 'closed' });
  const { lines, logger } = logs();
  const outcome = await warmProjections(economy, logger);
  assert.deepEqual(asked, ['a', 'b', 'c', 'd']);
  assert.deepEqual(outcome, { read: ['b'], notOpen: ['d'], failed: ['a', 'c'] });
  const warnings = lines.filter((l) => l.level === 'warn');
  assert.deepEqual(
    warnings.map((l) => (l.fields as { poolId: string }).poolId),
    ['a', 'c'],
  );
  assert.deepEqual(lines.at(-1), {
    level: 'info',
    fields: { read: 1, notOpen: 1, failed: 2 },
    message: 'projection warm-up done',
  });
});

test('warm-up: a pool list that cannot be read is logged, and the warm-up resolves', async () => {
  const economy = {
    listPools: async () => {
      throw new Error('no database');
    },
    projection: async () => assert.fail('no pool to read'),
  } as unknown as Economy;
  const { lines, logger } = logs();
  const outcome = await warmProjections(economy, logger);
  assert.deepEqual(outcome, { read: [], notOpen: [], failed: [] });
  assert.equal(lines[0]?.level, 'warn');
});

test('warm-up: no pool is read after the server says it stops', async () => {
  const { economy, asked } = economyOf({ a: 'open', b: 'open', c: 'open' });
  const { logger } = logs();
  const outcome = await warmProjections(economy, logger, () => asked.length >= 1);
  assert.deepEqual(asked, ['a']);
  assert.deepEqual(outcome.read, ['a']);
});

test('warm-up: only the first pool read is run again, the given number of passes in all', async () => {
  const { economy, asked, again } = economyOf({ a: 'closed', b: 'open', c: 'open' });
  const { logger } = logs();
  const outcome = await warmProjections(economy, logger, () => false, 5);
  assert.deepEqual(asked, ['a', 'b', 'c']);
  assert.deepEqual(again, ['b', 'b', 'b', 'b']);
  assert.deepEqual(outcome.read, ['b', 'c']);
});

test('warm-up: the passes stop when the server says it stops', async () => {
  const { economy, again } = economyOf({ a: 'open' });
  const { logger } = logs();
  await warmProjections(economy, logger, () => again.length >= 2, 12);
  assert.deepEqual(again, ['a', 'a']);
});

test('warm-up: a run again that throws is logged; the pool stays read and the others are read', async () => {
  const { economy: inner, asked } = economyOf({ a: 'open', b: 'open' });
  const economy = {
    ...inner,
    projection: async (poolId: string, person?: string, options?: { again?: boolean }) => {
      if (options?.again === true) throw new Error('the store broke');
      return inner.projection(poolId, person);
    },
  } as unknown as Economy;
  const { lines, logger } = logs();
  const outcome = await warmProjections(economy, logger, () => false, 3);
  assert.deepEqual(asked, ['a', 'b']);
  assert.deepEqual(outcome, { read: ['a', 'b'], notOpen: [], failed: [] });
  assert.deepEqual(
    lines.filter((l) => l.level === 'warn').map((l) => l.message),
    ['projection warm-up: a run again failed'],
  );
});
