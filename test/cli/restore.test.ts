// Proves that `db restore` commits only a whole, sealed backup whose data passes the same full
// verification as `db verify`, on SQLite and on PostgreSQL: every tampered backup is refused
// with one line and leaves the target empty, a good backup restores into it afterwards, and a
// backup moves SQLite → PostgreSQL → SQLite byte for byte.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { StorageConfig } from '../../src/storage/open-database.ts';
import { EXAMPLES } from '../scenario/support.ts';
import {
  type BackupLine,
  readBackup,
  rowCounts,
  writeSealedBackup,
} from '../support/backup-files.ts';
import { cli, cliWith } from '../support/cli.ts';
import { withPostgres } from '../support/postgres-suite.ts';

const root = mkdtempSync(join(tmpdir(), 'peerconomy-restore-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Four closed periods with bids, clearings, reports and stored answers. */
const EXAMPLE = 'reference-4.4-task-auctions.yaml';
const source = join(root, 'source');
const original = join(root, 'original.jsonl');

before(async () => {
  const imported = await cli('pool', 'import', join(EXAMPLES, EXAMPLE), '--data-dir', source);
  assert.equal(imported.code, 0, imported.err.join('\n'));
  const written = await cli('db', 'backup', original, '--data-dir', source);
  assert.equal(written.code, 0, written.err.join('\n'));
});

const rowOf = (line: BackupLine) => line.row as Record<string, unknown>;
const isRow = (line: BackupLine, table: string, where: (row: Record<string, unknown>) => boolean) =>
  line.table === table && where(rowOf(line));
const changeRow = (
  lines: BackupLine[],
  table: string,
  where: (row: Record<string, unknown>) => boolean,
  change: (row: Record<string, unknown>) => Record<string, unknown>,
): BackupLine[] => {
  let changed = 0;
  const result = lines.map((line) => {
    if (changed > 0 || !isRow(line, table, where)) return line;
    changed += 1;
    return { ...line, row: change(rowOf(line)) };
  });
  assert.equal(changed, 1, `no ${table} row to change`);
  return result;
};
const lastJournalIndex = (lines: BackupLine[]) =>
  Math.max(
    ...lines.filter((l) => l.table === 'ledger_journal').map((l) => rowOf(l).entry_index as number),
  );

interface Tamper {
  readonly name: string;
  /** The changed backup's text: sealed with a matching trailer unless the case is about it. */
  readonly write: (file: string) => void;
  readonly code: string;
}

const sealed = (change: (lines: BackupLine[]) => BackupLine[]) => (file: string) =>
  writeSealedBackup(file, change(readBackup(original)));

const TAMPERS: readonly Tamper[] = [
  {
    name: 'a changed bid',
    write: sealed((lines) =>
      changeRow(
        lines,
        'economy_inputs',
        (row) => row.kind === 'bids' && row.period === 1,
        (row) => {
          const bid = JSON.parse(row.record_json as string);
          return {
            ...row,
            record_json: JSON.stringify({ ...bid, weightMilli: bid.weightMilli + 300 }),
          };
        },
      ),
    ),
    code: 'backup.does_not_verify',
  },
  {
    name: 'a changed transfer amount',
    write: sealed((lines) =>
      changeRow(
        lines,
        'ledger_transfers',
        () => true,
        (row) => ({
          ...row,
          amount: (row.amount as number) + 1000,
        }),
      ),
    ),
    code: 'backup.does_not_verify',
  },
  {
    name: 'a changed running total (credits_posted)',
    write: sealed((lines) =>
      changeRow(
        lines,
        'ledger_accounts',
        (row) => (row.credits_posted as number) > 0,
        (row) => ({ ...row, credits_posted: 99_000 }),
      ),
    ),
    code: 'backup.does_not_verify',
  },
  {
    name: 'a deleted journal row (the last)',
    write: sealed((lines) => {
      const last = lastJournalIndex(lines);
      return lines.filter((l) => !isRow(l, 'ledger_journal', (row) => row.entry_index === last));
    }),
    code: 'backup.does_not_verify',
  },
  {
    name: 'a deleted journal row (in the middle)',
    write: sealed((lines) =>
      lines.filter((l) => !isRow(l, 'ledger_journal', (row) => row.entry_index === 3)),
    ),
    code: 'backup.does_not_verify',
  },
  {
    name: 'a changed period report',
    write: sealed((lines) =>
      changeRow(
        lines,
        'economy_periods',
        (row) => row.period === 2,
        (row) => {
          const report = JSON.parse(row.report_json as string);
          return {
            ...row,
            report_json: JSON.stringify({
              ...report,
              weightIndexMilli: report.weightIndexMilli + 1,
            }),
          };
        },
      ),
    ),
    code: 'backup.does_not_verify',
  },
  {
    name: 'a deleted period (the last closed one)',
    write: sealed((lines) =>
      lines.filter((l) => !isRow(l, 'economy_periods', (row) => row.period === 4)),
    ),
    code: 'backup.does_not_verify',
  },
  {
    name: 'a truncated file',
    write: (file) => {
      const text = readFileSync(original, 'utf8');
      writeFileSync(file, text.slice(0, Math.floor(text.length * 0.9)));
    },
    code: 'backup.truncated',
  },
  {
    name: 'a file cut by whole lines (head -n -5)',
    write: (file) => {
      const lines = readFileSync(original, 'utf8').trimEnd().split('\n');
      writeFileSync(file, `${lines.slice(0, -5).join('\n')}\n`);
    },
    code: 'backup.truncated',
  },
  {
    name: 'an edited row under the old trailer',
    write: (file) => {
      const text = readFileSync(original, 'utf8');
      writeFileSync(file, text.replace('"weightMilli\\":1200', '"weightMilli\\":1300'));
      assert.notEqual(readFileSync(file, 'utf8'), text);
    },
    code: 'backup.checksum_mismatch',
  },
  {
    name: 'a duplicated row',
    write: sealed((lines) => {
      const index = lines.findIndex((l) => l.table === 'ledger_accounts');
      return [...lines.slice(0, index + 1), lines[index]!, ...lines.slice(index + 1)];
    }),
    code: 'backup.constraint_failed',
  },
  {
    name: 'a negative amount',
    write: sealed((lines) =>
      changeRow(
        lines,
        'ledger_transfers',
        () => true,
        (row) => ({ ...row, amount: -5 }),
      ),
    ),
    code: 'backup.constraint_failed',
  },
];

interface Target {
  readonly env: Record<string, string>;
  readonly args: readonly string[];
  readonly config: StorageConfig;
}

function describeRestore(label: string, makeTarget: (name: string) => Promise<Target>): void {
  describe(`db restore into ${label}`, () => {
    let target: Target;
    before(async () => {
      target = await makeTarget('tampered');
    });
    const restore = (file: string, into = target) =>
      cliWith(into.env, 'db', 'restore', file, ...into.args);

    for (const [index, tamper] of TAMPERS.entries()) {
      test(`refuses ${tamper.name} with one line, and the target stays empty`, async (t) => {
        const file = join(root, `${label.replace(/\W+/g, '-')}-${index}.jsonl`);
        tamper.write(file);
        const refused = await restore(file);
        assert.equal(refused.code, 1, refused.out.join('\n'));
        assert.equal(refused.err.length, 1, refused.err.join('\n'));
        t.diagnostic(refused.err[0]!);
        assert.match(refused.err[0]!, new RegExp(`\\(${tamper.code.replace('.', '\\.')}\\)$`));
        const counts = await rowCounts(target.config);
        assert.deepEqual(
          Object.values(counts),
          Object.values(counts).map(() => 0),
          JSON.stringify(counts),
        );
      });
    }

    test('after every refusal, the good backup restores, verifies and backs up byte for byte the same', async () => {
      const restored = await restore(original);
      assert.equal(restored.code, 0, restored.err.join('\n'));
      const verified = await cliWith(target.env, 'db', 'verify', ...target.args);
      assert.equal(verified.code, 0, verified.err.join('\n'));
      const again = join(root, `${label.replace(/\W+/g, '-')}-again.jsonl`);
      const written = await cliWith(target.env, 'db', 'backup', again, ...target.args);
      assert.equal(written.code, 0, written.err.join('\n'));
      assert.equal(readFileSync(again, 'utf8'), readFileSync(original, 'utf8'));
      // …and back into a fresh embedded database, the same again.
      const home = join(root, `${label.replace(/\W+/g, '-')}-home`);
      assert.equal((await cli('db', 'restore', again, '--data-dir', home)).code, 0);
      const last = join(root, `${label.replace(/\W+/g, '-')}-last.jsonl`);
      assert.equal((await cli('db', 'backup', last, '--data-dir', home)).code, 0);
      assert.equal(readFileSync(last, 'utf8'), readFileSync(original, 'utf8'));
    });
  });
}

describeRestore('SQLite', async (name) => {
  const dir = join(root, `sqlite-${name}`);
  return { env: {}, args: ['--data-dir', dir], config: { dataDir: dir } };
});

withPostgres('db restore: PostgreSQL', ({ freshDatabase }) => {
  describeRestore('PostgreSQL', async (name) => {
    const { databaseUrl } = await freshDatabase(`restore_${name}`);
    return {
      env: { DATABASE_URL: databaseUrl },
      args: [],
      config: { dataDir: join(root, 'unused'), databaseUrl },
    };
  });
});
