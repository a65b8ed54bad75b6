// A read the server sends on every request, built by Kysely once and run with new values after.
// Building and compiling a query costs more than SQLite takes to answer a small one; the text
// stays the same, only the values change (docs/BENCHMARKS.md, the HTTP server). The query is
// compiled the first time with placeholder values, each of which must appear exactly once among
// the compiled parameters, and each run puts the real values in their places.
import { type Compilable, CompiledQuery, type Kysely } from 'kysely';

export interface PrecompiledQuery<Row, Values extends readonly unknown[]> {
  run(...values: Values): Promise<Row[]>;
}

export function precompiled<Row, Values extends readonly unknown[]>(
  db: Pick<Kysely<unknown>, 'executeQuery'>,
  placeholders: Values,
  build: (...values: Values) => Compilable<Row>,
): PrecompiledQuery<Row, Values> {
  let compiled: { readonly query: CompiledQuery<Row>; readonly slots: number[] } | undefined;
  const compile = () => {
    const query = build(...placeholders).compile();
    const slots = placeholders.map((placeholder) => {
      const at = query.parameters.indexOf(placeholder);
      if (at < 0 || query.parameters.indexOf(placeholder, at + 1) >= 0) {
        throw new Error(`placeholder ${String(placeholder)} is not exactly one parameter`);
      }
      return at;
    });
    return { query, slots };
  };
  return {
    async run(...values) {
      compiled ??= compile();
      const parameters = [...compiled.query.parameters];
      compiled.slots.forEach((slot, i) => {
        parameters[slot] = values[i];
      });
      const result = await db.executeQuery(
        CompiledQuery.raw(compiled.query.sql, parameters) as CompiledQuery<Row>,
      );
      return result.rows;
    },
  };
}
