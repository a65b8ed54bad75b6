// A read the server sends on every request, built by Kysely once and run with new values after.
// Building and compiling a query costs more than SQLite takes to answer a small one; the text
// stays the same, only the values change (docs/BENCHMARKS.md, the HTTP server). The query is
// compiled the first time with placeholder values, and each run puts the real values in their
// places. A placeholder must appear among the compiled parameters at least once (a query that
// names a value twice, as a union of two searches does, has it in each place), and no other
// parameter may equal it: choose placeholders that no constant of the query can be.
import { type Compilable, CompiledQuery, type Kysely } from 'kysely';

export interface PrecompiledQuery<Row, Values extends readonly unknown[]> {
  run(...values: Values): Promise<Row[]>;
}

export function precompiled<Row, Values extends readonly unknown[]>(
  db: Pick<Kysely<unknown>, 'executeQuery'>,
  placeholders: Values,
  build: (...values: Values) => Compilable<Row>,
): PrecompiledQuery<Row, Values> {
  let compiled: { readonly query: CompiledQuery<Row>; readonly slots: number[][] } | undefined;
  const compile = () => {
    if (new Set(placeholders).size !== placeholders.length) {
      throw new Error('the placeholders of a precompiled query must differ from each other');
    }
    const query = build(...placeholders).compile();
    const slots = placeholders.map((placeholder) => {
      const at = query.parameters.flatMap((parameter, i) => (parameter === placeholder ? [i] : []));
      if (at.length === 0) throw new Error(`placeholder ${String(placeholder)} is no parameter`);
      return at;
    });
    return { query, slots };
  };
  return {
    async run(...values) {
      compiled ??= compile();
      const parameters = [...compiled.query.parameters];
      compiled.slots.forEach((slots, i) => {
        for (const slot of slots) parameters[slot] = values[i];
      });
      const result = await db.executeQuery(
        CompiledQuery.raw(compiled.query.sql, parameters) as CompiledQuery<Row>,
      );
      return result.rows;
    },
  };
}
