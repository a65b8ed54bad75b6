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

export function upsertTransfers(
  dialect: Dialect,
  rows: readonly LedgerTransfersTable[],
): Statement {
  return upsert(dialect, 'ledger_transfers', TRANSFER_COLUMNS, TRANSFER_UPDATED, rows);
}

export function upsertAccounts(dialect: Dialect, rows: readonly LedgerAccountsTable[]): Statement {
  return upsert(dialect, 'ledger_accounts', ACCOUNT_COLUMNS, ACCOUNT_UPDATED, rows);
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
 * finds, as one JSON column (`source` 't'). The accounts are read in two branches, those named
 * and those only moved by a named transfer, so each is an index lookup: one condition joined
 * by OR would make the planner scan every account of the pool.
 */
export function selectSliceRows(
  poolId: string,
  accountIds: readonly string[],
  transferIds: readonly string[],
): Statement {
  const text = cachedText('slice rows', () => {
    const columns = ACCOUNT_COLUMNS.names.map((column) => `a.${column}`).join(', ');
    const nulls = ACCOUNT_COLUMNS.names.map(() => 'null').join(', ');
    return `with named_transfers as (
      select * from ledger_transfers where pool_id = ? and id = any(?::text[])
    )
    select 'a' as source, ${columns}, null::jsonb as transfer from ledger_accounts a
    where a.pool_id = ? and a.id = any(?::text[])
    union all
    select 'a', ${columns}, null from ledger_accounts a
    where a.pool_id = ? and not (a.id = any(?::text[]))
      and a.id in (
        select debit_account_id from named_transfers
        union select credit_account_id from named_transfers
      )
    union all
    select 't', ${nulls}, to_jsonb(t) from named_transfers t`;
  });
  return {
    text,
    parameters: [poolId, transferIds, poolId, accountIds, poolId, accountIds],
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
