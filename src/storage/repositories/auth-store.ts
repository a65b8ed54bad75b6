// Accounts, roles, sessions, tokens, one-time links, public books and the audit log behind the
// app's AuthStore port, for SQLite and PostgreSQL alike. A transaction is ambient: every call of
// the store made within `transaction(work)` (in work's async context) runs on it, so a use case
// and the idempotent answer stored for it commit together without handing a handle around.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely, Transaction } from 'kysely';
import type {
  AccessTokenRow,
  AccountRow,
  AuditEntry,
  AuthStore,
  LinkRow,
  RoleGrant,
} from '../../app/ports/auth-store.ts';
import { precompiled } from '../compiled-query.ts';
import type { AuthTokensTable, Database } from '../schema.ts';
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

const tokenOf = (row: AuthTokensTable): AccessTokenRow => ({
  tokenId: row.token_id,
  accountId: row.account_id,
  name: row.name,
  scope: row.scope,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revoked: row.revoked === 1,
});

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
type QueryRunner = Pick<Kysely<unknown>, 'executeQuery'>;

/** The token row and one row per role of its account (none: the role columns are null). */
function tokenWithRolesQuery(db: Kysely<Database>, runner: QueryRunner) {
  return precompiled(runner, ['token-sha256'] as [string], (tokenSha256) =>
    db
      .selectFrom('auth_tokens as t')
      .leftJoin('auth_roles as r', 'r.account_id', 't.account_id')
      .selectAll('t')
      .select(['r.pool_id', 'r.role', 'r.subject'])
      .where('t.token_sha256', '=', tokenSha256)
      .orderBy('r.pool_id')
      .orderBy('r.role')
      .orderBy('r.subject'),
  );
}

/** The pool's row, if any, with its books' visibility (no row: closed). */
function poolAccessQuery(db: Kysely<Database>, runner: QueryRunner) {
  return precompiled(runner, ['pool-id'] as [string], (poolId) =>
    db
      .selectFrom('economy_pools as p')
      .leftJoin('auth_pool_access as a', 'a.pool_id', 'p.pool_id')
      .select(['p.pool_id', 'a.public_books'])
      .where('p.pool_id', '=', poolId),
  );
}

export function createKyselyAuthStore(root: Kysely<Database>): AuthStore {
  const ambient = new AsyncLocalStorage<Transaction<Database>>();
  /** The open transaction of the calling context, or the database. */
  const on = (): Kysely<Database> => ambient.getStore() ?? root;
  // Built once on the database, run in the calling context's transaction when there is one.
  const runner: QueryRunner = { executeQuery: (query) => on().executeQuery(query) };
  const tokenWithRoles = tokenWithRolesQuery(root, runner);
  const poolAccess = poolAccessQuery(root, runner);
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

    async insertSession(tokenSha256, session) {
      await on()
        .insertInto('auth_sessions')
        .values({
          token_sha256: tokenSha256,
          account_id: session.accountId,
          created_at: session.createdAt,
          last_seen_at: session.lastSeenAt,
          revoked: session.revoked ? 1 : 0,
          agent: session.agent,
        })
        .execute();
    },
    async findSession(tokenSha256) {
      const row = await on()
        .selectFrom('auth_sessions')
        .selectAll()
        .where('token_sha256', '=', tokenSha256)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      return {
        accountId: row.account_id,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        revoked: row.revoked === 1,
        agent: row.agent,
      };
    },
    async touchSession(tokenSha256, lastSeenAt) {
      await on()
        .updateTable('auth_sessions')
        .set({ last_seen_at: lastSeenAt })
        .where('token_sha256', '=', tokenSha256)
        .execute();
    },
    async revokeSession(tokenSha256) {
      await on()
        .updateTable('auth_sessions')
        .set({ revoked: 1 })
        .where('token_sha256', '=', tokenSha256)
        .execute();
    },
    async revokeSessionsOf(accountId) {
      await on()
        .updateTable('auth_sessions')
        .set({ revoked: 1 })
        .where('account_id', '=', accountId)
        .execute();
    },

    async sessionsOf(accountId) {
      const rows = await on()
        .selectFrom('auth_sessions')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('revoked', '=', 0)
        .orderBy('created_at', 'desc')
        .orderBy('token_sha256')
        .execute();
      return rows.map((row) => ({
        tokenSha256: row.token_sha256,
        accountId: row.account_id,
        createdAt: Number(row.created_at),
        lastSeenAt: Number(row.last_seen_at),
        revoked: false,
        agent: row.agent,
      }));
    },

    async insertToken(tokenSha256, token) {
      await on()
        .insertInto('auth_tokens')
        .values({
          token_id: token.tokenId,
          token_sha256: tokenSha256,
          account_id: token.accountId,
          name: token.name,
          scope: token.scope,
          created_at: token.createdAt,
          expires_at: token.expiresAt,
          revoked: token.revoked ? 1 : 0,
        })
        .execute();
    },
    async findTokenByHash(tokenSha256) {
      const row = await on()
        .selectFrom('auth_tokens')
        .selectAll()
        .where('token_sha256', '=', tokenSha256)
        .executeTakeFirst();
      return row === undefined ? undefined : tokenOf(row);
    },
    async findTokenWithRoles(tokenSha256) {
      const rows = await tokenWithRoles.run(tokenSha256);
      if (rows.length === 0) return undefined;
      const roles: RoleGrant[] = [];
      for (const r of rows) {
        if (r.pool_id !== null && r.role !== null && r.subject !== null) {
          roles.push({ poolId: r.pool_id, role: r.role, subject: r.subject });
        }
      }
      return { token: tokenOf(rows[0]!), roles };
    },
    async tokensOf(accountId) {
      const rows = await on()
        .selectFrom('auth_tokens')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at')
        .orderBy('token_id')
        .execute();
      return rows.map(tokenOf);
    },
    async revokeToken(accountId, tokenId) {
      const updated = await on()
        .updateTable('auth_tokens')
        .set({ revoked: 1 })
        .where('account_id', '=', accountId)
        .where('token_id', '=', tokenId)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    },

    async insertLink(tokenSha256, link: LinkRow) {
      await on()
        .insertInto('auth_links')
        .values({
          token_sha256: tokenSha256,
          account_id: link.accountId,
          purpose: link.purpose,
          created_by: link.createdBy,
          expires_at: link.expiresAt,
          used: 0,
        })
        .execute();
    },
    async useLink(tokenSha256) {
      const updated = await on()
        .updateTable('auth_links')
        .set({ used: 1 })
        .where('token_sha256', '=', tokenSha256)
        .where('used', '=', 0)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return undefined;
      const row = await on()
        .selectFrom('auth_links')
        .selectAll()
        .where('token_sha256', '=', tokenSha256)
        .executeTakeFirstOrThrow();
      return {
        accountId: row.account_id,
        purpose: row.purpose,
        createdBy: row.created_by,
        expiresAt: row.expires_at,
        used: false,
      };
    },

    async findAnswer(accountId, key) {
      const row = await on()
        .selectFrom('auth_requests')
        .select(['request_sha256', 'response_json'])
        .where('account_id', '=', accountId)
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      return { requestSha256: row.request_sha256, response: JSON.parse(row.response_json) };
    },
    async saveAnswer(accountId, key, requestSha256, response) {
      const inserted = await on()
        .insertInto('auth_requests')
        .values({
          account_id: accountId,
          idempotency_key: key,
          request_sha256: requestSha256,
          response_json: JSON.stringify(response),
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    async replaceAnswer(accountId, key, response) {
      await on()
        .updateTable('auth_requests')
        .set({ response_json: JSON.stringify(response) })
        .where('account_id', '=', accountId)
        .where('idempotency_key', '=', key)
        .execute();
    },

    async publicBooks(poolId) {
      const row = await on()
        .selectFrom('auth_pool_access')
        .select('public_books')
        .where('pool_id', '=', poolId)
        .executeTakeFirst();
      return row?.public_books === 1;
    },
    async poolAccess(poolId) {
      const [row] = await poolAccess.run(poolId);
      return { exists: row !== undefined, publicBooks: row?.public_books === 1 };
    },
    async setPublicBooks(poolId, open) {
      const public_books = open ? 1 : 0;
      await on()
        .insertInto('auth_pool_access')
        .values({ pool_id: poolId, public_books })
        .onConflict((oc) => oc.column('pool_id').doUpdateSet({ public_books }))
        .execute();
    },

    async createCalendarFeed(feed) {
      await on()
        .insertInto('calendar_feeds')
        .values({
          token_sha256: feed.tokenSha256,
          pool_id: feed.poolId,
          person_id: feed.personId,
          account_id: feed.accountId,
          created_at: feed.createdAt,
          revoked_at: feed.revokedAt,
        })
        .execute();
    },
    async findCalendarFeed(tokenSha256) {
      const row = await on()
        .selectFrom('calendar_feeds')
        .selectAll()
        .where('token_sha256', '=', tokenSha256)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      return {
        tokenSha256: row.token_sha256,
        poolId: row.pool_id,
        personId: row.person_id,
        accountId: row.account_id,
        createdAt: Number(row.created_at),
        revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
      };
    },
    async revokeCalendarFeeds(poolId, personId, at) {
      const updated = await on()
        .updateTable('calendar_feeds')
        .set({ revoked_at: at })
        .where('pool_id', '=', poolId)
        .where('person_id', '=', personId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows);
    },
    appendAudit(poolId, entry, options = {}) {
      const detail_json = JSON.stringify(entry.detail);
      // The next number is the pool's highest plus one; a concurrent writer that took it makes
      // the insert fail on the key, and the transaction runs again reading the number afresh.
      return store.transaction(async () => {
        const trx = on();
        if (options.once === true) {
          const same = await trx
            .selectFrom('audit_log')
            .select('seq')
            .where('pool_id', '=', poolId)
            .where('actor_account_id', '=', entry.actorAccountId)
            .where('action', '=', entry.action)
            .where('detail_json', '=', detail_json)
            .where((eb) =>
              entry.onBehalfOf === null
                ? eb('on_behalf_of', 'is', null)
                : eb('on_behalf_of', '=', entry.onBehalfOf),
            )
            .executeTakeFirst();
          if (same !== undefined) return;
        }
        const last = await trx
          .selectFrom('audit_log')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .where('pool_id', '=', poolId)
          .executeTakeFirst();
        const seq = last?.seq === null || last?.seq === undefined ? 0 : Number(last.seq) + 1;
        await trx
          .insertInto('audit_log')
          .values({
            pool_id: poolId,
            seq,
            at: entry.at,
            actor_account_id: entry.actorAccountId,
            on_behalf_of: entry.onBehalfOf,
            action: entry.action,
            detail_json,
          })
          .execute();
      });
    },
    ...securityEventMethods(on, (work) => store.transaction(work)),
    async auditPage(poolId, after, limit): Promise<AuditEntry[]> {
      const rows = await on()
        .selectFrom('audit_log')
        .selectAll()
        .where('pool_id', '=', poolId)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        seq: r.seq,
        at: r.at,
        actorAccountId: r.actor_account_id,
        onBehalfOf: r.on_behalf_of,
        action: r.action,
        detail: JSON.parse(r.detail_json),
      }));
    },
  };
  return store;
}
