// Accounts and roles behind the app's AuthStore port, for SQLite and PostgreSQL alike, with
// sessions, tokens and links (credentials-store.ts), idempotent answers, public books, calendar
// feeds and the audit log (pool-records-store.ts) and security events beside them. A transaction
// is ambient: every call of the store made within `transaction(work)` (in work's async context)
// runs on it, so a use case and the idempotent answer stored for it commit together without
// handing a handle around.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely, Transaction } from 'kysely';
import type { AccountRow, AuthStore, RoleGrant } from '../../app/ports/auth-store.ts';
import type { Database } from '../schema.ts';
import { credentialMethods } from './credentials-store.ts';
import { poolRecordMethods } from './pool-records-store.ts';
import { securityEventMethods } from './security-events-store.ts';

/** Runs a transaction this often when a concurrent writer took its audit number, or PostgreSQL
 *  reports a serialisation failure or deadlock (the whole transaction rolled back each time). */
const TRANSACTION_ATTEMPTS = 5;

/** Unique violations (an audit number taken meanwhile), serialisation failures, deadlocks. */
const RETRYABLE_CODES = new Set([
  '23505',
  '40001',
  '40P01',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
  'SQLITE_CONSTRAINT_UNIQUE',
]);
const retryable = (error: unknown): boolean =>
  RETRYABLE_CODES.has(String((error as { code?: unknown } | undefined)?.code));

const accountOf = (row: Database['auth_accounts']): AccountRow => ({
  accountId: row.account_id,
  login: row.login,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
});

const roleKey = (accountId: string, grant: RoleGrant) => ({
  account_id: accountId,
  pool_id: grant.poolId,
  role: grant.role,
  subject: grant.subject,
});

/** Runs a compiled query: on the database, or in the open transaction. */
export type QueryRunner = Pick<Kysely<unknown>, 'executeQuery'>;

export function createKyselyAuthStore(root: Kysely<Database>): AuthStore {
  const ambient = new AsyncLocalStorage<Transaction<Database>>();
  /** The open transaction of the calling context, or the database. */
  const on = (): Kysely<Database> => ambient.getStore() ?? root;
  // Built once on the database, run in the calling context's transaction when there is one.
  const runner: QueryRunner = { executeQuery: (query) => on().executeQuery(query) };
  const store: AuthStore = {
    async transaction(work) {
      if (ambient.getStore() !== undefined) return work();
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await root.transaction().execute((trx) => ambient.run(trx, work));
        } catch (error) {
          if (attempt >= TRANSACTION_ATTEMPTS || !retryable(error)) throw error;
        }
      }
    },

    async insertAccount(account) {
      const inserted = await on()
        .insertInto('auth_accounts')
        .values({
          account_id: account.accountId,
          login: account.login,
          password_hash: account.passwordHash,
          created_at: account.createdAt,
          language: null,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async findAccountByLogin(login) {
      const row = await on()
        .selectFrom('auth_accounts')
        .selectAll()
        .where('login', '=', login)
        .executeTakeFirst();
      return row === undefined ? undefined : accountOf(row);
    },
    async findAccount(accountId) {
      const row = await on()
        .selectFrom('auth_accounts')
        .selectAll()
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row === undefined ? undefined : accountOf(row);
    },
    async accountLanguage(accountId) {
      const row = await on()
        .selectFrom('auth_accounts')
        .select('language')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row?.language ?? null;
    },
    async setAccountLanguage(accountId, language) {
      await on()
        .updateTable('auth_accounts')
        .set({ language })
        .where('account_id', '=', accountId)
        .execute();
    },
    async setPassword(accountId, passwordHash) {
      await on()
        .updateTable('auth_accounts')
        .set({ password_hash: passwordHash })
        .where('account_id', '=', accountId)
        .execute();
    },

    async rolesOf(accountId) {
      const rows = await on()
        .selectFrom('auth_roles')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('pool_id')
        .orderBy('role')
        .orderBy('subject')
        .execute();
      return rows.map((r) => ({ poolId: r.pool_id, role: r.role, subject: r.subject }));
    },
    async rolesInPool(poolId) {
      const rows = await on()
        .selectFrom('auth_roles')
        .selectAll()
        .where('pool_id', '=', poolId)
        .orderBy('account_id')
        .orderBy('role')
        .orderBy('subject')
        .execute();
      return rows.map((r) => ({
        accountId: r.account_id,
        poolId: r.pool_id,
        role: r.role,
        subject: r.subject,
      }));
    },
    async grantRole(accountId, grant) {
      const inserted = await on()
        .insertInto('auth_roles')
        .values(roleKey(accountId, grant))
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async revokeRole(accountId, grant) {
      const key = roleKey(accountId, grant);
      const deleted = await on()
        .deleteFrom('auth_roles')
        .where('account_id', '=', key.account_id)
        .where('pool_id', '=', key.pool_id)
        .where('role', '=', key.role)
        .where('subject', '=', key.subject)
        .executeTakeFirst();
      return Number(deleted.numDeletedRows) === 1;
    },

    ...credentialMethods(root, on, runner),
    ...poolRecordMethods(root, on, runner, (work) => store.transaction(work)),
    ...securityEventMethods(on, (work) => store.transaction(work)),
  };
  return store;
}
