// The statements of the ledger's posting path as SQL text, built once per shape (table, number
// of rows, dialect) and kept, so posting a transfer does not build and compile queries through
// Kysely's builder each time: on SQLite that building cost about as much as running the
// statements (docs/BENCHMARKS.md). Everything else in the storage layer uses the builder.
import { CompiledQuery } from 'kysely';
import type { LedgerAccountsTable, LedgerJournalTable, LedgerTransfersTable } from '../schema.ts';
import type { Dialect } from './ledger-store.ts';

/** The PostgreSQL array type a column's values are sent in (see `rowsOnPostgres`). */
type ArrayType = 'text' | 'bigint' | 'integer' | 'smallint';

interface Columns<T> {
  readonly names: readonly (keyof T & string)[];
  readonly types: Readonly<Record<keyof T & string, ArrayType>>;
}

/** Every column of a table with its type, in a fixed order; the compiler checks that none is
 *  missing. */
function columnsOf<T>(types: Record<keyof T & string, ArrayType>): Columns<T> {
  return { names: Object.keys(types) as (keyof T & string)[], types };
}

export const TRANSFER_COLUMNS = columnsOf<LedgerTransfersTable>({
  pool_id: 'text',
  id: 'text',
  debit_account_id: 'text',
  credit_account_id: 'text',
  amount: 'bigint',
  unit: 'text',
  code: 'text',
  pending: 'smallint',
  bound_exception: 'text',
  bound_exception_used: 'smallint',
  reference: 'text',
  period: 'integer',
  reversal_of: 'text',
  state: 'text',
  created_at_index: 'bigint',
  resolved_at_index: 'bigint',
  reversed_by: 'text',
});

export const ACCOUNT_COLUMNS = columnsOf<LedgerAccountsTable>({
  pool_id: 'text',
  id: 'text',
  unit: 'text',
  kind: 'text',
  owner_id: 'text',
  bound_kind: 'text',
  bound_allowance: 'bigint',
  closed: 'smallint',
  debits_posted: 'bigint',
  credits_posted: 'bigint',
  debits_pending: 'bigint',
  credits_pending: 'bigint',
});

export const JOURNAL_COLUMNS = columnsOf<LedgerJournalTable>({
  pool_id: 'text',
  entry_index: 'bigint',
  kind: 'text',
  transfer_id: 'text',
  previous_hash: 'text',
  hash: 'text',
});

/** What a stored transfer or account may change after it was written (an account's bound: a
 *  debit allowance changed from a period on, decision 0018). */
const TRANSFER_UPDATED = ['state', 'resolved_at_index', 'reversed_by'] as const;
const ACCOUNT_UPDATED = [
  'debits_posted',
  'credits_posted',
  'debits_pending',
  'credits_pending',
  'closed',
  'bound_kind',
  'bound_allowance',
] as const;

/** A statement with `?` placeholders and its parameters, in order. */
export interface Statement {
  readonly text: string;
  readonly parameters: readonly unknown[];
}

const texts = new Map<string, string>();
/** Shapes kept; the posting path uses a few dozen, large imports a few hundred more. */
const TEXTS_MAX = 1_000;

/** The text once per key; `build` runs only the first time. */
function cachedText(key: string, build: () => string): string {
  let text = texts.get(key);
  if (text === undefined) {
    text = build();
    if (texts.size >= TEXTS_MAX) texts.clear();
    texts.set(key, text);
  }
  return text;
}

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

function rowsText(table: string, columns: readonly string[], rows: number): string {
  const row = `(${placeholders(columns.length)})`;
  return `insert into ${table} (${columns.join(', ')}) values ${Array.from({ length: rows }, () => row).join(', ')}`;
}

/**
 * Rows as an INSERT. On SQLite one placeholder per value. On PostgreSQL one array per column,
 * unnested into rows: the text is the same for any number of rows and the server parses a
 * dozen parameters instead of thousands (the parsing, not the writing, dominated a batch).
 */
function insertRows<T>(
  dialect: Dialect,
  table: string,
  columns: Columns<T>,
  rows: readonly T[],
): Statement {
  if (dialect === 'sqlite') {
    const text = cachedText(`insert ${table} ${rows.length}`, () =>
      rowsText(table, columns.names, rows.length),
    );
    const parameters: unknown[] = [];
    for (const row of rows) for (const column of columns.names) parameters.push(row[column]);
    return { text, parameters };
  }
  const text = cachedText(`insert ${table} unnest`, () => {
    const arrays = columns.names.map((column) => `?::${columns.types[column]}[]`);
    return `insert into ${table} (${columns.names.join(', ')}) select * from unnest(${arrays.join(', ')})`;
  });
  return { text, parameters: columns.names.map((column) => rows.map((row) => row[column])) };
}

function upsert<T>(
  dialect: Dialect,
  table: string,
  columns: Columns<T>,
  updated: readonly string[],
  rows: readonly T[],
): Statement {
  const insert = insertRows(dialect, table, columns, rows);
  const set = updated.map((column) => `${column} = excluded.${column}`).join(', ');
  const text = cachedText(
    `upsert ${insert.text}`,
    () => `${insert.text} on conflict (pool_id, id) do update set ${set}`,
  );
  return { text, parameters: insert.parameters };
}

/** Transfers not stored before (a plain INSERT: a transfer that exists already is an error). */
export function insertTransfers(
  dialect: Dialect,
  rows: readonly LedgerTransfersTable[],
): Statement {
  return insertRows(dialect, 'ledger_transfers', TRANSFER_COLUMNS, rows);
}

/**
 * PostgreSQL: stored rows' changed columns, from one array per column. Cheaper than an upsert,
 * which first tries to insert every row (docs/BENCHMARKS.md).
 */
function updateRows<T>(
  table: string,
  columns: Columns<T>,
  updated: readonly (keyof T & string)[],
  rows: readonly T[],
): Statement {
  const keyed = ['pool_id', 'id', ...updated] as (keyof T & string)[];
  const text = cachedText(`update ${table}`, () => {
    const arrays = keyed.map((column) => `?::${columns.types[column]}[]`);
    const set = updated.map((column) => `${column} = v.${column}`).join(', ');
    return `update ${table} s set ${set} from unnest(${arrays.join(', ')}) as v(${keyed.join(', ')}) where s.pool_id = v.pool_id and s.id = v.id`;
  });
  return { text, parameters: keyed.map((column) => rows.map((row) => row[column])) };
}

/** Stored transfers whose state changed: an upsert on SQLite, an UPDATE on PostgreSQL. */
export function updateTransfers(
  dialect: Dialect,
  rows: readonly LedgerTransfersTable[],
): Statement {
  return dialect === 'sqlite'
    ? upsert(dialect, 'ledger_transfers', TRANSFER_COLUMNS, TRANSFER_UPDATED, rows)
    : updateRows('ledger_transfers', TRANSFER_COLUMNS, TRANSFER_UPDATED, rows);
}

/** Accounts that may or may not be stored yet. */
export function upsertAccounts(dialect: Dialect, rows: readonly LedgerAccountsTable[]): Statement {
  return upsert(dialect, 'ledger_accounts', ACCOUNT_COLUMNS, ACCOUNT_UPDATED, rows);
}

/** Stored accounts whose totals, bound or closing changed: an UPDATE on PostgreSQL. */
export function updateAccounts(dialect: Dialect, rows: readonly LedgerAccountsTable[]): Statement {
  return dialect === 'sqlite'
    ? upsertAccounts(dialect, rows)
    : updateRows('ledger_accounts', ACCOUNT_COLUMNS, ACCOUNT_UPDATED, rows);
}

export function insertJournalEntries(
  dialect: Dialect,
  rows: readonly LedgerJournalTable[],
): Statement {
  return insertRows(dialect, 'ledger_journal', JOURNAL_COLUMNS, rows);
}

export function updateJournalHead(poolId: string, nextIndex: number, headHash: string): Statement {
  return {
    text: 'update ledger_journal_heads set next_index = ?, head_hash = ? where pool_id = ?',
    parameters: [nextIndex, headHash, poolId],
  };
}

/** The head of a pool's journal; on PostgreSQL its row is locked for the transaction. */
export function selectJournalHead(dialect: Dialect, poolId: string): Statement {
  return {
    text: `select next_index, head_hash from ledger_journal_heads where pool_id = ?${dialect === 'postgres' ? ' for update' : ''}`,
    parameters: [poolId],
  };
}

export function selectRowsByIds(
  table: 'ledger_accounts' | 'ledger_transfers',
  poolId: string,
  ids: readonly string[],
): Statement {
  const text = cachedText(
    `select ${table} ${ids.length}`,
    () => `select * from ${table} where pool_id = ? and id in (${placeholders(ids.length)})`,
  );
  return { text, parameters: [poolId, ...ids] };
}

/**
 * PostgreSQL: the named transfers and the accounts named or moved by them, in one round trip.
 * Accounts come as their own columns (`source` 'a'), transfers, which a new write seldom
 * finds, as one JSON column (`source` 't'). Every row is fetched by its own primary-key lookup
 * (`byId`): with `id = any(…)` the planner scanned the whole table of a young pool, whose
 * statistics say it is small, comparing each row against every named id (0.7 ms of a batch of
 * 100 at 7,000 transfers, and growing with the table until the plan flips).
 */
export function selectSliceRows(
  poolId: string,
  accountIds: readonly string[],
  transferIds: readonly string[],
): Statement {
  const text = cachedText('slice rows', () => {
    const columns = ACCOUNT_COLUMNS.names.map((column) => `a.${column}`).join(', ');
    const nulls = ACCOUNT_COLUMNS.names.map(() => 'null').join(', ');
    // OFFSET 0 keeps the lateral subquery a subquery, so each id is one index probe.
    const byId = (table: string, ids: string) =>
      `unnest(${ids}::text[]) as named(id) cross join lateral (select * from ${table} x where x.pool_id = ? and x.id = named.id offset 0)`;
    return `with named_transfers as (
      select t.* from ${byId('ledger_transfers', '?')} t
    ), named_accounts as (
      select a.* from ${byId('ledger_accounts', '?')} a
    ), moved_accounts as (
      select a.* from ${byId(
        'ledger_accounts',
        `array(select debit_account_id from named_transfers
          union select credit_account_id from named_transfers
          except select id from named_accounts)`,
      )} a
    )
    select 'a' as source, ${columns}, null::jsonb as transfer from named_accounts a
    union all
    select 'a', ${columns}, null from moved_accounts a
    union all
    select 't', ${nulls}, to_jsonb(t) from named_transfers t`;
  });
  return {
    text,
    parameters: [transferIds, poolId, accountIds, poolId, poolId],
  };
}

/**
 * PostgreSQL: several writes as one statement, every one but the last as a data-modifying WITH
 * (each runs exactly once; no two touch the same row, so their order does not matter).
 */
export function asOneStatement(statements: readonly Statement[]): Statement {
  if (statements.length === 1) return statements[0]!;
  const withs = statements.slice(0, -1).map((s, index) => `w${index} as (${s.text})`);
  return {
    text: `with ${withs.join(', ')} ${statements[statements.length - 1]!.text}`,
    parameters: statements.flatMap((s) => s.parameters),
  };
}

/** The statement for the driver: PostgreSQL numbers its placeholders ($1, $2, …). */
export function compiled(dialect: Dialect, statement: Statement): CompiledQuery {
  const text =
    dialect === 'sqlite'
      ? statement.text
      : cachedText(`pg ${statement.text}`, () => {
          let n = 0;
          return statement.text.replace(/\?/g, () => {
            n += 1;
            return `$${n}`;
          });
        });
  return CompiledQuery.raw(text, [...statement.parameters]);
}
