// A fingerprint of a whole SQLite database: every table by name, every row in a fixed order,
// hashed with SHA-256; two fingerprints are equal exactly when no row was written, changed or
// removed in between (refused requests must leave it as it was). The security event log is left
// out: recording a refused sign-in or password change is what it is for.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../src/storage/schema.ts';

const SECURITY_EVENT_TABLES = new Set(['security_events', 'security_events_lock']);

export async function hashDatabase(db: Kysely<Database>): Promise<string> {
  const hash = createHash('sha256');
  const executor = db;
  const tables = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' order by name`.execute(executor);
  for (const { name } of tables.rows) {
    if (SECURITY_EVENT_TABLES.has(name)) continue;
    const columns = await sql<{ name: string }>`
      select name from pragma_table_info(${name})`.execute(executor);
    const order = sql.join(columns.rows.map((column) => sql.ref(column.name)));
    const rows = await sql`select * from ${sql.table(name)} order by ${order}`.execute(executor);
    hash.update(`table ${name} ${rows.rows.length}\n`);
    for (const row of rows.rows) hash.update(`${JSON.stringify(row)}\n`);
  }
  return hash.digest('hex');
}
