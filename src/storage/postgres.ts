// The server database: PostgreSQL (15 or newer) through `pg`, selected by DATABASE_URL.
// int8 columns come back as strings from `pg`; amounts here are safe integers, so they are
// parsed to numbers at the driver, and a value outside the safe range fails loudly.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { preparingPool } from './postgres-prepared.ts';
import type { Database } from './schema.ts';

const INT8_OID = 20;

function parseSafeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`int8 value ${text} is not a safe integer`);
  return value;
}

export interface PostgresStore {
  readonly kind: 'postgres';
  readonly db: Kysely<Database>;
  readonly location: string;
  /** The server keeps its own pages sound; nothing to check from a client. */
  checkIntegrity(): Promise<string | null>;
  close(): Promise<void>;
}

export function openPostgresStore(
  connectionString: string,
  poolSize = 8,
  onIdleConnectionError: (error: Error) => void = () => {},
): PostgresStore {
  const types = {
    getTypeParser: ((oid: number, format?: string) =>
      oid === INT8_OID
        ? parseSafeInteger
        : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString, max: poolSize, types });
  // An idle connection that the server closes (a restart, a shutdown, an administrator) emits
  // an error on the pool; without a listener that would crash the process. The pool drops the
  // connection and opens a new one for the next query, so noting it is enough.
  pool.on('error', (error) => onIdleConnectionError(error));
  // A connection in use whose server goes away emits an error too; the query it runs fails
  // with it, and that failure is what the caller sees, so the event itself needs no more.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  const url = new URL(connectionString);
  return {
    kind: 'postgres',
    db,
    location: `${url.hostname}:${url.port || '5432'}${url.pathname}`,
    checkIntegrity: async () => null,
    async close() {
      await db.destroy();
    },
  };
}
