// Proves that 64 clients at once against one server, on SQLite and on PostgreSQL, take no step
// twice, store no bid or taking twice, pass no member's allowance and no stock, and leave no
// request waiting: the same period stepped, the same bids placed and withdrawn, the same
// member taking, all at once (server-concurrency.ts says what is checked).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openDatabase } from '../../src/storage/open-database.ts';
import { withPostgres } from '../support/postgres-suite.ts';
import { concurrencyRun } from './server-concurrency.ts';

const root = mkdtempSync(join(tmpdir(), 'peerconomy-concurrency-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('64 clients at once on SQLite', () => {
  test('steps taken once, nothing stored twice, every bound kept', async (t) => {
    const figures = await concurrencyRun(openDatabase({ dataDir: join(root, 'sqlite') }));
    t.diagnostic(JSON.stringify(figures));
    assert.ok(figures.requests > 64 * 10);
  });
});

withPostgres('64 clients at once on PostgreSQL', ({ freshDatabase }) => {
  test('steps taken once, nothing stored twice, every bound kept', async (t) => {
    const { databaseUrl } = await freshDatabase('server_concurrency');
    const figures = await concurrencyRun(openDatabase({ dataDir: join(root, 'pg'), databaseUrl }));
    t.diagnostic(JSON.stringify(figures));
    assert.ok(figures.requests > 64 * 10);
  });
});
