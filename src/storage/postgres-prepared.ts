// Server-side prepared statements for the queries a connection keeps sending. Kysely hands
// `pg` a statement's text and values, which `pg` sends as an unnamed statement: the server
// parses and plans it again on every call. For the ledger's posting path that was 0.1–0.7 ms
// of each statement (docs/BENCHMARKS.md). A text seen PREPARE_AFTER_USES times on a connection
// is sent as a named statement from then on, so the server parses it once per connection (and
// may keep a generic plan). A connection names at most PREPARED_PER_CONNECTION texts, so texts
// that vary (an IN list of any length) cannot make it hold statements without bound.
import type pg from 'pg';

/** Uses of a text on one connection before it is prepared (pgJDBC's prepareThreshold is 5). */
export const PREPARE_AFTER_USES = 3;
/** Named statements one connection holds at most; the rest stay unnamed. */
export const PREPARED_PER_CONNECTION = 200;
/** Texts whose uses one connection counts at most before it forgets the counts. */
const COUNTED_PER_CONNECTION = 2_000;

interface ConnectionStatements {
  readonly uses: Map<string, number>;
  readonly names: Map<string, string>;
}

type Query = (text: unknown, values?: unknown) => unknown;

const statementsOf = new WeakMap<pg.PoolClient, ConnectionStatements>();

/** The name to send `text` under on this connection, or undefined to send it unnamed. */
export function preparedName(statements: ConnectionStatements, text: string): string | undefined {
  const named = statements.names.get(text);
  if (named !== undefined) return named;
  if (statements.names.size >= PREPARED_PER_CONNECTION) return undefined;
  const uses = (statements.uses.get(text) ?? 0) + 1;
  if (uses < PREPARE_AFTER_USES) {
    if (statements.uses.size >= COUNTED_PER_CONNECTION) statements.uses.clear();
    statements.uses.set(text, uses);
    return undefined;
  }
  statements.uses.delete(text);
  const name = `peerconomy_${statements.names.size + 1}`;
  statements.names.set(text, name);
  return name;
}

export function emptyConnectionStatements(): ConnectionStatements {
  return { uses: new Map(), names: new Map() };
}

/**
 * A pool for Kysely's PostgresDialect whose connections prepare their repeated statements.
 * Only `query(text, values)` with values is changed; everything else is `pg`'s own.
 */
export function preparingPool(pool: pg.Pool): {
  connect(): Promise<pg.PoolClient>;
  end(): Promise<void>;
} {
  return {
    async connect() {
      const client = await pool.connect();
      if (!statementsOf.has(client)) {
        const statements = emptyConnectionStatements();
        statementsOf.set(client, statements);
        const query = client.query.bind(client) as Query;
        (client as unknown as { query: Query }).query = (text, values) => {
          if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0) {
            return query(text, values);
          }
          const name = preparedName(statements, text);
          return name === undefined ? query(text, values) : query({ name, text, values });
        };
      }
      return client;
    },
    end: () => pool.end(),
  };
}
