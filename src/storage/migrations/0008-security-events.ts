// The security event log (ASVS 5.0 V16): sign-ins, refusals, lockouts, sign-outs, password
// changes, links used, access tokens, sessions ended and role changes, appended and never
// changed, numbered in one sequence over the server (appenders take the lock of a one-row table
// first, so concurrent ones wait in turn rather than take the same number); and a short label of the user agent a
// session was started from, for the account's list of its own sessions.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('security_events')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    // Null when a sign-in named no account.
    .addColumn('account_id', 'varchar(64)')
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    // The login a sign-in named; null for other kinds.
    .addColumn('login', 'varchar(128)')
    .addColumn('source_ip', 'varchar(64)')
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('security_events_account')
    .on('security_events')
    .columns(['account_id', 'seq'])
    .execute();
  await db.schema
    .createTable('security_events_lock')
    .addColumn('id', 'smallint', (c) => c.primaryKey().check(sql`id = 0`))
    .execute();
  // Not in a backup: a restored database has its own row from this migration.
  await sql`insert into security_events_lock (id) values (0)`.execute(db);
  await db.schema.alterTable('auth_sessions').addColumn('agent', 'varchar(64)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('security_events_lock')
    .addColumn('id', 'smallint', (c) => c.primaryKey().check(sql`id = 0`))
    .execute();
  // Not in a backup: a restored database has its own row from this migration.
  await sql`insert into security_events_lock (id) values (0)`.execute(db);
  await db.schema.alterTable('auth_sessions').dropColumn('agent').execute();
  await db.schema.dropTable('security_events_lock').execute();
  await db.schema.dropTable('security_events').execute();
}
