// Logical backup and restore: every table as JSON lines, in an order that respects foreign
// keys, closed by a trailer that counts the rows per table and seals the content with SHA-256
// (decision 0024). The format is the same for SQLite and PostgreSQL, so a backup also moves a
// community from the embedded database to a server. A restore goes into an empty database in
// one transaction, checked by the caller's full verification before it commits: it either
// restores everything that verifies, or nothing.
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

export const BACKUP_FORMAT = 'peerconomy.backup.v2';

/** Tables in dependency order: a row only refers to rows of tables listed before it. */
export const BACKUP_TABLES = [
  'ledger_accounts',
  'ledger_transfers',
  'ledger_journal_heads',
  'ledger_journal',
  'economy_pools',
  'economy_inputs',
  'economy_periods',
  'economy_requests',
  'economy_checkpoints',
  'economy_checkpoint_rotation',
  'auth_accounts',
  'auth_roles',
  'auth_sessions',
  'auth_tokens',
  'auth_links',
  'auth_requests',
  'auth_pool_access',
  'audit_log',
  'calendar_feeds',
  'auth_totp',
  'auth_recovery_codes',
  'security_events',
] as const;
type TableName = (typeof BACKUP_TABLES)[number];
const TABLES = BACKUP_TABLES;

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
  economy_checkpoints: ['pool_id'],
  economy_checkpoint_rotation: ['pool_id', 'period'],
  auth_accounts: ['account_id'],
  auth_roles: ['account_id', 'pool_id', 'role', 'subject'],
  auth_sessions: ['token_sha256'],
  auth_tokens: ['token_id'],
  auth_links: ['token_sha256'],
  auth_requests: ['account_id', 'idempotency_key'],
  auth_pool_access: ['pool_id'],
  audit_log: ['pool_id', 'seq'],
  calendar_feeds: ['token_sha256'],
  auth_totp: ['account_id'],
  auth_recovery_codes: ['account_id', 'code_sha256'],
  security_events: ['seq'],
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

/** The last line: rows per table and the SHA-256 of every line before it (each with its "\n"). */
interface TrailerLine {
  readonly trailer: { readonly rows: Record<string, number>; readonly sha256: string };
}

export class BackupError extends Error {
  override name = 'BackupError';
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Writes the header, every row and the trailer, one JSON document per line. */
export async function writeBackup(
  db: Kysely<Database>,
  schemaVersion: string,
  writeLine: (line: string) => void | Promise<void>,
): Promise<BackupSummary> {
  const sha256 = createHash('sha256');
  const write = async (line: string) => {
    sha256.update(`${line}\n`);
    await writeLine(line);
  };
  const header: HeaderLine = { format: BACKUP_FORMAT, schema: schemaVersion };
  await write(JSON.stringify(header));
  const rowsByTable: Record<string, number> = {};
  for (const table of TABLES) {
    let count = 0;
    for (let offset = 0; ; offset += PAGE_ROWS) {
      // Paging by offset is fine here: the caller reads inside one snapshot (a read
      // transaction), so no page sees rows another page missed.
      let query = db.selectFrom(table).selectAll();
      for (const column of ORDER[table]) query = query.orderBy(column as never);
      const rows = await query.limit(PAGE_ROWS).offset(offset).execute();
      for (const row of rows) {
        const line: RowLine = { table, row: row as Record<string, unknown> };
        await write(JSON.stringify(line));
      }
      count += rows.length;
      if (rows.length < PAGE_ROWS) break;
    }
    rowsByTable[table] = count;
  }
  const trailer: TrailerLine = { trailer: { rows: rowsByTable, sha256: sha256.digest('hex') } };
  await writeLine(JSON.stringify(trailer));
  return { rowsByTable };
}

function parseLine(text: string, lineNumber: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BackupError('backup.malformed', `line ${lineNumber} is not JSON`);
  }
}

/** A database's refusal of rows (a constraint, a type, a column), as one line with a code. */
function refusedRows(error: unknown, table: TableName, lineNumber: number): BackupError {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = String(message ?? error).split('\n')[0];
  const constraint =
    (typeof code === 'string' && (code.startsWith('SQLITE_CONSTRAINT') || code.startsWith('23'))) ||
    /constraint/i.test(text ?? '');
  return new BackupError(
    constraint ? 'backup.constraint_failed' : 'backup.rows_refused',
    `${table} rows up to line ${lineNumber} are refused by the database: ${text}`,
  );
}

function checkTrailer(
  value: unknown,
  lineNumber: number,
  sha256: string,
  rowsByTable: Readonly<Record<string, number>>,
): void {
  const trailer = (value as Partial<TrailerLine>).trailer;
  if (typeof trailer !== 'object' || trailer === null || typeof trailer.sha256 !== 'string') {
    throw new BackupError('backup.malformed', `line ${lineNumber}: the trailer is malformed`);
  }
  if (trailer.sha256 !== sha256) {
    throw new BackupError(
      'backup.checksum_mismatch',
      `the content does not match the trailer's SHA-256 (changed or cut)`,
    );
  }
  for (const table of TABLES) {
    const stated = trailer.rows?.[table] ?? 0;
    const read = rowsByTable[table] ?? 0;
    if (stated !== read) {
      throw new BackupError(
        'backup.row_count_mismatch',
        `the trailer counts ${stated} ${table} rows, the file holds ${read}`,
      );
    }
  }
}

export interface RestoreOptions {
  /** Opens the backup's lines; called once the database is ready, so no line is lost. */
  readonly openLines: () => AsyncIterable<string>;
  /** Checks the restored rows inside the transaction; a problem rolls everything back. */
  readonly verify: (trx: Transaction<Database>) => Promise<string | null>;
}

/**
 * Restores a backup into an empty, migrated database, all in one transaction. Refuses a
 * database that already holds ledger data or stored pools, a backup of another format or
 * schema, rows of unknown tables, a file without a valid trailer, rows the database refuses,
 * and data that does not verify; on any refusal nothing is restored.
 */
export async function restoreBackup(
  db: Kysely<Database>,
  schemaVersion: string,
  options: RestoreOptions,
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
    let lineNumber = 0;
    const flush = async (table: TableName) => {
      const rows = pending.get(table);
      if (!rows || rows.length === 0) return;
      try {
        await trx
          .insertInto(table)
          .values(rows as never)
          .execute();
      } catch (error) {
        throw refusedRows(error, table, lineNumber);
      }
      pending.set(table, []);
    };
    const sha256 = createHash('sha256');
    let tableIndex = 0;
    let sealed = false;
    // A line that is not JSON is a cut file when it is the last one, else a malformed one.
    let unparsed: BackupError | null = null;
    for await (const text of options.openLines()) {
      if (unparsed !== null) throw unparsed;
      lineNumber += 1;
      if (sealed) {
        throw new BackupError('backup.malformed', `line ${lineNumber} follows the trailer`);
      }
      let value: unknown;
      try {
        value = parseLine(text, lineNumber);
      } catch (error) {
        unparsed = error as BackupError;
        continue;
      }
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
        sha256.update(`${text}\n`);
        continue;
      }
      if (typeof value === 'object' && value !== null && 'trailer' in value) {
        checkTrailer(value, lineNumber, sha256.digest('hex'), rowsByTable);
        sealed = true;
        continue;
      }
      sha256.update(`${text}\n`);
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
    if (unparsed !== null && lineNumber === 1) throw unparsed;
    if (!sealed) {
      throw new BackupError(
        'backup.truncated',
        `the backup ends at line ${lineNumber} without its trailer (cut or unfinished)`,
      );
    }
    for (const table of TABLES) await flush(table);
    const problem = await options.verify(trx);
    if (problem !== null) {
      throw new BackupError(
        'backup.does_not_verify',
        `the restored data does not verify: ${problem}`,
      );
    }
    return { rowsByTable };
  });
}
