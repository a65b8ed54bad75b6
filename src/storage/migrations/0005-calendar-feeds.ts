// Calendar feeds (issue 15 item 5): a person's assigned slots as iCalendar behind a secret URL
// that calendar programs poll without signing in. Only the secret's SHA-256 is kept; a feed is
// revoked by setting `revoked_at`, never deleted, so a revoked URL stays refused.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('token_sha256', 'char(64)', (c) => c.primaryKey())
    .addColumn('pool_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('person_id', 'varchar(128)', (c) => c.notNull())
    // The account that made it.
    .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('calendar_feeds_person')
    .on('calendar_feeds')
    .columns(['pool_id', 'person_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('calendar_feeds').execute();
}
