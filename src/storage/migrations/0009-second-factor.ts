// A second sign-in factor per account (decision 0060): a TOTP secret, kept so the server can
// compute codes, unconfirmed until the first right code; the step of the last code taken, so
// a code is taken once; and ten one-time recovery codes, kept only as SHA-256.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('auth_totp')
    .addColumn('account_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('secret_base32', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // Null until a right code confirms it: only a confirmed factor is asked for at sign-in.
    .addColumn('confirmed_at', 'bigint')
    .addColumn('last_step', 'bigint')
    .execute();
  await db.schema
    .createTable('auth_recovery_codes')
    .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('code_sha256', 'char(64)', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addPrimaryKeyConstraint('auth_recovery_codes_pk', ['account_id', 'code_sha256'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('auth_recovery_codes').execute();
  await db.schema.dropTable('auth_totp').execute();
}
