// Proves that `db verify` finds each kind of tampering a consistent edit of the stored tables
// could hide (a deleted last period, the last transfer removed with its journal entry, head and
// totals, an edited clearing, stored answer or account bound), naming what broke, and that a
// damaged or cut database file gets one line and a non-zero exit instead of a crash.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { openDatabase } from '../../src/storage/open-database.ts';
import type { Database } from '../../src/storage/schema.ts';
import { SQLITE_FILE_NAME } from '../../src/storage/sqlite.ts';
import { EXAMPLES } from '../scenario/support.ts';
import { cli } from '../support/cli.ts';

const root = mkdtempSync(join(tmpdir(), 'peerconomy-verify-'));
after(() => rmSync(root, { recursive: true, force: true }));

const source = join(root, 'source');

before(async () => {
  const imported = await cli(
    'pool',
    'import',
    join(EXAMPLES, 'reference-4.4-task-auctions.yaml'),
    '--data-dir',
    source,
  );
  assert.equal(imported.code, 0, imported.err.join('\n'));
});

let copies = 0;
/** A copy of the imported pool's data directory with `edit` applied to its tables. */
async function tampered(edit: (db: Kysely<Database>) => Promise<void>): Promise<string> {
  copies += 1;
  const dir = join(root, `copy-${copies}`);
  cpSync(source, dir, { recursive: true });
  const database = openDatabase({ dataDir: dir });
  try {
    await edit(database.db);
  } finally {
    await database.close();
  }
  return dir;
}

async function verifyFails(dir: string, problem: RegExp): Promise<void> {
  const result = await cli('db', 'verify', '--data-dir', dir);
  assert.equal(result.code, 1, result.out.join('\n'));
  const broken = result.out.filter((line) => line.includes('BROKEN'));
  assert.equal(broken.length, 1, result.out.join('\n'));
  assert.match(broken[0]!, problem);
  assert.deepEqual(result.err, ['peerconomy: 1 pool failed verification']);
}

describe('db verify catches tampering that keeps the tables consistent', () => {
  test('the untouched copy verifies', async () => {
    const result = await cli('db', 'verify', '--data-dir', await tampered(async () => {}));
    assert.equal(result.code, 0, result.err.join('\n'));
  });

  test("the last closed period's row deleted", async () => {
    const dir = await tampered(async (db) => {
      await db.deleteFrom('economy_periods').where('period', '=', 4).execute();
    });
    await verifyFails(dir, /the cycle is at period 4 \(closed\), but 3 periods are stored/);
  });

  test('the last transfer removed with its journal entry, head and running totals', async () => {
    const dir = await tampered(async (db) => {
      const head = await db
        .selectFrom('ledger_journal_heads')
        .selectAll()
        .executeTakeFirstOrThrow();
      const last = await db
        .selectFrom('ledger_journal')
        .selectAll()
        .where('entry_index', '=', head.next_index - 1)
        .executeTakeFirstOrThrow();
      const transfer = await db
        .selectFrom('ledger_transfers')
        .selectAll()
        .where('id', '=', last.transfer_id)
        .executeTakeFirstOrThrow();
      assert.equal(transfer.state, 'posted');
      assert.equal(last.kind, 'created');
      await db.deleteFrom('ledger_journal').where('entry_index', '=', last.entry_index).execute();
      await db.deleteFrom('ledger_transfers').where('id', '=', transfer.id).execute();
      await db
        .updateTable('ledger_journal_heads')
        .set({ next_index: last.entry_index, head_hash: last.previous_hash })
        .execute();
      await db
        .updateTable('ledger_accounts')
        .set((eb) => ({ debits_posted: eb('debits_posted', '-', transfer.amount) }))
        .where('id', '=', transfer.debit_account_id)
        .execute();
      await db
        .updateTable('ledger_accounts')
        .set((eb) => ({ credits_posted: eb('credits_posted', '-', transfer.amount) }))
        .where('id', '=', transfer.credit_account_id)
        .execute();
    });
    // The ledger alone still verifies: only the period's stored head tells.
    const result = await cli('db', 'verify', '--data-dir', dir);
    assert.ok(
      result.out.some((line) => /^town: .* journal entries, .*: ok$/.test(line)),
      result.out.join('\n'),
    );
    await verifyFails(
      dir,
      /the journal of town ends at entry 11 .*, the last closed period left it at entry 12/,
    );
  });

  test('an edited stored clearing', async () => {
    const dir = await tampered(async (db) => {
      const row = await db
        .selectFrom('economy_periods')
        .select('clearing_json')
        .where('period', '=', 2)
        .executeTakeFirstOrThrow();
      const clearing = JSON.parse(row.clearing_json!);
      clearing.clearings[0].objective += 1;
      await db
        .updateTable('economy_periods')
        .set({ clearing_json: JSON.stringify(clearing) })
        .where('period', '=', 2)
        .execute();
    });
    await verifyFails(dir, /period 2: the stored clearing differs from its market's/);
  });

  test('an edited stored answer', async () => {
    const dir = await tampered(async (db) => {
      const rows = await db.selectFrom('economy_requests').selectAll().execute();
      const closing = rows.find((row) => JSON.parse(row.response_json).journalHead !== undefined);
      assert.ok(closing);
      const answer = JSON.parse(closing.response_json);
      await db
        .updateTable('economy_requests')
        .set({
          response_json: JSON.stringify({ ...answer, journalEntries: answer.journalEntries + 1 }),
        })
        .where('idempotency_key', '=', closing.idempotency_key)
        .execute();
    });
    await verifyFails(
      dir,
      /the stored answer for key "[^"]+" differs from period \d+'s journal head/,
    );
  });

  test('an edited account bound', async () => {
    const dir = await tampered(async (db) => {
      const account = await db
        .selectFrom('ledger_accounts')
        .selectAll()
        .where('kind', '=', 'person')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('ledger_accounts')
        .set(
          account.bound_kind === 'unbounded'
            ? { bound_kind: 'nonNegative', bound_allowance: null }
            : { bound_kind: 'unbounded', bound_allowance: null },
        )
        .where('id', '=', account.id)
        .execute();
    });
    await verifyFails(
      dir,
      /account town\.person\.\w+ of town: its stored bound is not the one the inputs give/,
    );
  });
});

describe('db verify on a damaged database file', () => {
  const damaged = async (damage: (file: string) => void) => {
    const dir = await tampered(async () => {});
    damage(join(dir, SQLITE_FILE_NAME));
    const result = await cli('db', 'verify', '--data-dir', dir);
    assert.equal(result.code, 1, result.out.join('\n'));
    assert.equal(result.err.length, 1, result.err.join('\n'));
    assert.match(result.err[0]!, /^peerconomy: .* is damaged: .*\(storage\.database_damaged\)$/);
  };

  test('a file overwritten in the middle', async () => {
    await damaged((file) => {
      const bytes = readFileSync(file);
      bytes.fill(0x5a, 4096, Math.min(bytes.length, 4096 * 4));
      writeFileSync(file, bytes);
    });
  });

  test('a file that is not a database at all', async () => {
    await damaged((file) => writeFileSync(file, 'not a database, just text '.repeat(400)));
  });

  test('a file cut in half', async () => {
    await damaged((file) => truncateSync(file, Math.floor(readFileSync(file).length / 2)));
  });
});
