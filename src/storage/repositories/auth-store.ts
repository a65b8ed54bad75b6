// Accounts and roles behind the app's AuthStore port, for SQLite and PostgreSQL alike, with
// sessions, tokens and links (credentials-store.ts), idempotent answers, public books, calendar
// feeds and the audit log (pool-records-store.ts) and security events beside them. A transaction
// is a store of its own: `transaction(work)` hands `work` the same methods on the open
// transaction, and a use case passes it on to what it calls (decision 0071: no
// AsyncLocalStorage, whose promise hooks every request paid).
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

/** Runs `work` in the transaction open on this store, or in a new one. */
export type InTransaction = <T>(work: (trx: Kysely<Database>) => Promise<T>) => Promise<T>;

export function createKyselyAuthStore(root: Kysely<Database>): AuthStore {
  return storeOn(root, null);
}

/** The store's methods on `trx`, an open transaction, or on the database when it is null. */
function storeOn(root: Kysely<Database>, trx: Transaction<Database> | null): AuthStore {
  const handle: Kysely<Database> = trx ?? root;
  const on = (): Kysely<Database> => handle;
  const runner: QueryRunner = handle;
  const inTransaction: InTransaction = async (work) => {
    if (trx !== null) return work(trx);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await root.transaction().execute(work);
      } catch (error) {
        if (attempt >= TRANSACTION_ATTEMPTS || !retryable(error)) throw error;
      }
    }
  };
  const store: AuthStore = {
    transaction(work) {
      if (trx !== null) return work(store);
      return inTransaction((open) => work(storeOn(root, open as Transaction<Database>)));
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
    ...poolRecordMethods(root, on, runner, inTransaction),
    ...securityEventMethods(on, inTransaction),
  };
  return store;
}
