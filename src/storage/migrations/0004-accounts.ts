// Who may do what on the server (issue 15): accounts with their argon2id password hashes,
// the roles an account holds in a pool (a member is linked to a person of the pool), sessions
// and personal access tokens stored as SHA-256 hashes of opaque random tokens, one-time links
// (invitations and password resets), each pool's choice of public books, and an audit log of
// role changes and period steps. Times are milliseconds since the epoch (bigint).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('auth_accounts')
    .addColumn('account_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('login', 'varchar(128)', (c) => c.notNull().unique())
    // Null until the account's invitation link is redeemed.
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('auth_roles')
    .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('pool_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) =>
      c.notNull().check(sql`role in ('member', 'coordinator', 'steward', 'auditor')`),
    )
    // member: the person's id; steward: the association's id; else ''.
    .addColumn('subject', 'varchar(128)', (c) => c.notNull())
    .addPrimaryKeyConstraint('auth_roles_pk', ['account_id', 'pool_id', 'role', 'subject'])
    .addForeignKeyConstraint('auth_roles_account_fk', ['account_id'], 'auth_accounts', [
      'account_id',
    ])
    .execute();

  await db.schema
    .createTable('auth_sessions')
    .addColumn('token_sha256', 'char(64)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked', 'smallint', (c) => c.notNull().defaultTo(0).check(sql`revoked in (0, 1)`))
    .addForeignKeyConstraint('auth_sessions_account_fk', ['account_id'], 'auth_accounts', [
      'account_id',
    ])
    .execute();

  await db.schema
    .createTable('auth_tokens')
    .addColumn('token_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('token_sha256', 'char(64)', (c) => c.notNull().unique())
    .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(128)', (c) => c.notNull())
    .addColumn('scope', 'varchar(8)', (c) => c.notNull().check(sql`scope in ('read', 'write')`))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked', 'smallint', (c) => c.notNull().defaultTo(0).check(sql`revoked in (0, 1)`))
    .addForeignKeyConstraint('auth_tokens_account_fk', ['account_id'], 'auth_accounts', [
      'account_id',
    ])
    .execute();

  await db.schema
    .createTable('auth_links')
    .addColumn('token_sha256', 'char(64)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('purpose', 'varchar(16)', (c) =>
      c.notNull().check(sql`purpose in ('invitation', 'reset')`),
    )
    .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used', 'smallint', (c) => c.notNull().defaultTo(0).check(sql`used in (0, 1)`))
    .addForeignKeyConstraint('auth_links_account_fk', ['account_id'], 'auth_accounts', [
      'account_id',
    ])
    .execute();

  // Answers to account writes by idempotency key (pool writes keep theirs in economy_requests).
  await db.schema
    .createTable('auth_requests')
    .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('idempotency_key', 'varchar(128)', (c) => c.notNull())
    .addColumn('request_sha256', 'char(64)', (c) => c.notNull())
    .addColumn('response_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('auth_requests_pk', ['account_id', 'idempotency_key'])
    .execute();

  await db.schema
    .createTable('auth_pool_access')
    .addColumn('pool_id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('public_books', 'smallint', (c) => c.notNull().check(sql`public_books in (0, 1)`))
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('pool_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull().check(sql`seq >= 0`))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_account_id', 'varchar(64)', (c) => c.notNull())
    // Set in office mode: the person a coordinator acted for.
    .addColumn('on_behalf_of', 'varchar(128)')
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_log_pk', ['pool_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_log',
    'auth_pool_access',
    'auth_requests',
    'auth_links',
    'auth_tokens',
    'auth_sessions',
    'auth_roles',
    'auth_accounts',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
