// Logical backup and restore: every table as JSON lines, in an order that respects foreign
// keys. The format is the same for SQLite and PostgreSQL, so a backup also moves a community
// from the embedded database to a server. A restore goes into an empty database in one
// transaction: it either restores everything or nothing.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export const BACKUP_FORMAT = 'peerconomy.backup.v1';

/** Tables in dependency order: a row only refers to rows of tables listed before it. */
const TABLES = [
  'ledger_accounts',
  'ledger_transfers',
  'ledger_journal_heads',
  'ledger_journal',
  'economy_pools',
  'economy_inputs',
  'economy_periods',
  'economy_requests',
  'auth_accounts',
  'auth_roles',
  'auth_sessions',
  'auth_tokens',
  'auth_links',
  'auth_requests',
  'auth_pool_access',
  'audit_log',
] as const;
type TableName = (typeof TABLES)[number];

/** Sort keys, so a backup of the same data is byte-identical whatever the database. */
const ORDER: Record<TableName, readonly string[]> = {
  ledger_accounts: ['pool_id', 'id'],
  ledger_transfers: ['pool_id', 'id'],
  ledger_journal_heads: ['pool_id'],
  ledger_journal: ['pool_id', 'entry_index'],
  economy_pools: ['pool_id'],
  economy_inputs: ['pool_id', 'seq'],
  economy_periods: ['pool_id', 'period'],
  economy_requests: ['pool_id', 'idempotency_key'],
  auth_accounts: ['account_id'],
  auth_roles: ['account_id', 'pool_id', 'role', 'subject'],
  auth_sessions: ['token_sha256'],
  auth_tokens: ['token_id'],
  auth_links: ['token_sha256'],
  auth_requests: ['account_id', 'idempotency_key'],
  auth_pool_access: ['pool_id'],
  audit_log: ['pool_id', 'seq'],
};

const PAGE_ROWS = 1000;
const INSERT_ROWS = 200;

export interface BackupSummary {
  readonly rowsByTable: Readonly<Record<string, number>>;
}

interface HeaderLine {
  readonly format: typeof BACKUP_FORMAT;
  readonly schema: string;
}

interface RowLine {
  readonly table: TableName;
  readonly row: Record<string, unknown>;
}

export class BackupError extends Error {
  override name = 'BackupError';
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Writes the header and every row, one JSON document per line. */
export async function writeBackup(
  db: Kysely<Database>,
  schemaVersion: string,
  writeLine: (line: string) => void | Promise<void>,
): Promise<BackupSummary> {
  const header: HeaderLine = { format: BACKUP_FORMAT, schema: schemaVersion };
  await writeLine(JSON.stringify(header));
  const rowsByTable: Record<string, number> = {};
  for (const table of TABLES) {
    let count = 0;
    for (let offset = 0; ; offset += PAGE_ROWS) {
      // Paging by offset is fine here: a backup runs while the data directory lock (SQLite) or
      // a consistent snapshot is held by the caller.
      let query = db.selectFrom(table).selectAll();
      for (const column of ORDER[table]) query = query.orderBy(column as never);
      const rows = await query.limit(PAGE_ROWS).offset(offset).execute();
      for (const row of rows) {
        const line: RowLine = { table, row: row as Record<string, unknown> };
        await writeLine(JSON.stringify(line));
      }
      count += rows.length;
      if (rows.length < PAGE_ROWS) break;
    }
    rowsByTable[table] = count;
  }
  return { rowsByTable };
}

function parseLine(text: string, lineNumber: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BackupError('backup.malformed', `line ${lineNumber} is not JSON`);
  }
}

/**
 * Restores a backup into an empty, migrated database, all in one transaction. Refuses a
 * database that already holds ledger data or stored pools, a backup of another format or schema, and rows of
 * unknown tables; on any error nothing is restored.
 */
export async function restoreBackup(
  db: Kysely<Database>,
  schemaVersion: string,
  lines: AsyncIterable<string>,
): Promise<BackupSummary> {
  return db.transaction().execute(async (trx) => {
    const accounts = await trx.selectFrom('ledger_accounts').select('id').limit(1).execute();
    const pools = await trx.selectFrom('economy_pools').select('pool_id').limit(1).execute();
    if (accounts.length > 0 || pools.length > 0) {
      throw new BackupError(
        'backup.target_not_empty',
        'the database already holds ledger data or pools; restore needs an empty one',
      );
    }
    const rowsByTable: Record<string, number> = {};
    const pending = new Map<TableName, Record<string, unknown>[]>();
    const flush = async (table: TableName) => {
      const rows = pending.get(table);
      if (!rows || rows.length === 0) return;
      await trx
        .insertInto(table)
        .values(rows as never)
        .execute();
      pending.set(table, []);
    };
    let lineNumber = 0;
    let tableIndex = 0;
    for await (const text of lines) {
      lineNumber += 1;
      if (text.trim() === '') continue;
      const value = parseLine(text, lineNumber);
      if (lineNumber === 1) {
        const header = value as Partial<HeaderLine>;
        if (header.format !== BACKUP_FORMAT) {
          throw new BackupError(
            'backup.unknown_format',
            `line 1 does not start a ${BACKUP_FORMAT} backup`,
          );
        }
        if (header.schema !== schemaVersion) {
          throw new BackupError(
            'backup.schema_mismatch',
            `backup has schema ${String(header.schema)}, this database ${schemaVersion}`,
          );
        }
        continue;
      }
      const { table, row } = value as Partial<RowLine>;
      const index = TABLES.indexOf(table as TableName);
      if (index < 0 || typeof row !== 'object' || row === null) {
        throw new BackupError('backup.malformed', `line ${lineNumber} names no known table`);
      }
      // Rows come in dependency order; flush earlier tables before a later one begins.
      while (tableIndex < index) {
        await flush(TABLES[tableIndex]!);
        tableIndex += 1;
      }
      if (index < tableIndex) {
        throw new BackupError(
          'backup.malformed',
          `line ${lineNumber}: ${String(table)} rows after later tables`,
        );
      }
      const rows = pending.get(table as TableName) ?? [];
      rows.push(row);
      pending.set(table as TableName, rows);
      rowsByTable[table as string] = (rowsByTable[table as string] ?? 0) + 1;
      if (rows.length >= INSERT_ROWS) await flush(table as TableName);
    }
    if (lineNumber === 0) throw new BackupError('backup.malformed', 'the backup is empty');
    for (const table of TABLES) await flush(table);
    return { rowsByTable };
  });
}
