// Reading and rewriting backup files in tests: a backup's lines as JSON documents, and a
// changed backup written with its trailer recomputed (so only the full verification, not the
// checksum, can tell the change), as someone who edits a backup on purpose would.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { BACKUP_TABLES } from '../../src/storage/backup.ts';
import { openDatabase, type StorageConfig } from '../../src/storage/open-database.ts';

export type BackupLine = Record<string, unknown> & {
  table?: string;
  row?: Record<string, unknown>;
};

/** The header and rows of a backup, without its trailer. */
export function readBackup(file: string): BackupLine[] {
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  return lines.map((line) => JSON.parse(line) as BackupLine).filter((line) => !('trailer' in line));
}

/** Writes header and rows with a trailer that matches them. */
export function writeSealedBackup(file: string, lines: readonly BackupLine[]): void {
  const texts = lines.map((line) => JSON.stringify(line));
  const sha256 = createHash('sha256');
  for (const text of texts) sha256.update(`${text}\n`);
  const rows: Record<string, number> = {};
  for (const table of BACKUP_TABLES) rows[table] = 0;
  for (const line of lines) if (line.table !== undefined) rows[line.table]! += 1;
  const trailer = JSON.stringify({ trailer: { rows, sha256: sha256.digest('hex') } });
  writeFileSync(file, `${[...texts, trailer].join('\n')}\n`);
}

/** Rows per table in a database: all zero when a refused restore left nothing behind. */
export async function rowCounts(config: StorageConfig): Promise<Record<string, number>> {
  const database = openDatabase(config);
  try {
    const counts: Record<string, number> = {};
    for (const table of BACKUP_TABLES) {
      const row = await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow()
        .catch(() => ({ n: 0 }));
      counts[table] = Number(row.n);
    }
    return counts;
  } finally {
    await database.close();
  }
}
