// Rows of a SQLite read made in JavaScript instead of by better-sqlite3. better-sqlite3 makes
// each row an object by setting its columns one by one from C++, which cost more than finding
// the rows: a journal page of 100 entries with their transfers took 0.36 ms to read as objects
// and 0.2 ms as arrays (docs/BENCHMARKS.md, the HTTP server). A statement read as arrays, each
// turned into an object by a function made once for the statement's columns, gives the same
// objects (a later column of the same name wins, as in better-sqlite3) in 0.2-0.27 ms.
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteStatement } from 'kysely';

/** A function that makes an object of one row's values, keyed by the statement's columns. */
function rowMaker(columns: readonly string[]): ((values: unknown[]) => unknown) | undefined {
  // An object literal would give a column named __proto__ another meaning: leave such reads
  // to better-sqlite3.
  if (columns.includes('__proto__')) return undefined;
  const fields = columns.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ');
  return new Function('v', `return { ${fields} };`) as (values: unknown[]) => unknown;
}

/**
 * The statement as Kysely's SQLite driver uses it, its rows made in JavaScript where its columns
 * are named in its text. A `*` (or anything else with one, such as `count(*)`) is left to
 * better-sqlite3: SQLite prepares a kept statement again after a schema change, and `*` may
 * then stand for other columns than the ones the function was made for.
 */
export function withRowsMadeInJs(statement: BetterSqlite3.Statement): SqliteStatement {
  if (!statement.reader || statement.source.includes('*')) {
    return statement as unknown as SqliteStatement;
  }
  const make = rowMaker(statement.columns().map((column) => column.name));
  if (make === undefined) return statement as unknown as SqliteStatement;
  const raw = statement.raw(true);
  return {
    reader: true,
    all: (parameters) => (raw.all(parameters) as unknown[][]).map(make),
    run: (parameters) => raw.run(parameters),
    *iterate(parameters) {
      for (const values of raw.iterate(parameters) as IterableIterator<unknown[]>) {
        yield make(values);
      }
    },
  };
}
