// An account's preferred language for the web app (issue 16: "the language from the account,
// else the browser"): null until the account chooses one.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('auth_accounts').addColumn('language', 'varchar(8)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('auth_accounts').dropColumn('language').execute();
}
