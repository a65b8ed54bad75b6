import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompiledQuery, QueryResult } from 'kysely';
import { precompiled } from './compiled-query.ts';
import { openInMemorySqliteStore } from './sqlite.ts';

/** Runs nothing: keeps the text and values each run sends. */
function recorder() {
  const sent: { sql: string; parameters: readonly unknown[] }[] = [];
  return {
    sent,
    executeQuery: async <R>(query: CompiledQuery<R>): Promise<QueryResult<R>> => {
      sent.push({ sql: query.sql, parameters: query.parameters });
      return { rows: [] };
    },
  };
}

test('a value named twice is filled in both places, and each run sends its own values', async () => {
  const { db } = openInMemorySqliteStore();
  const runner = recorder();
  const query = precompiled(runner, ['\u0000a', '\u0000b'] as [string, string], (a, b) =>
    db
      .selectFrom('ledger_accounts')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', a), eb('owner_id', '=', b), eb('pool_id', '=', a)]))
      .limit(7),
  );
  await query.run('x', 'y');
  await query.run('z', 'w');
  assert.deepEqual(
    runner.sent.map((s) => s.parameters),
    [
      ['x', 'y', 'x', 7],
      ['z', 'w', 'z', 7],
    ],
  );
  assert.equal(runner.sent[0]!.sql, runner.sent[1]!.sql);
  await db.destroy();
});

test('placeholders that are equal, or not among the parameters, are refused', async () => {
  const { db } = openInMemorySqliteStore();
  const same = precompiled(recorder(), ['\u0000a', '\u0000a'] as [string, string], (a, b) =>
    db.selectFrom('ledger_accounts').select('id').where('id', '=', a).where('pool_id', '=', b),
  );
  await assert.rejects(same.run('x', 'y'), /must differ/);
  const missing = precompiled(recorder(), ['\u0000a'] as [string], (_a: string) =>
    db.selectFrom('ledger_accounts').select('id'),
  );
  await assert.rejects(missing.run('x'), /is no parameter/);
  await db.destroy();
});
