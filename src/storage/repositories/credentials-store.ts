// Sessions, personal access tokens and one-time links behind the AuthStore port: each kept by
// the SHA-256 of its secret, never the secret itself. A session or a token is read with its
// account's roles in one statement: every signed-in request asks for both.
import type { Kysely } from 'kysely';
import type {
  AccessTokenRow,
  AuthStore,
  LinkRow,
  RoleGrant,
  SessionRow,
} from '../../app/ports/auth-store.ts';
import { precompiled } from '../compiled-query.ts';
import type { AuthRolesTable, AuthSessionsTable, AuthTokensTable, Database } from '../schema.ts';
import type { QueryRunner } from './auth-store.ts';

const tokenOf = (row: AuthTokensTable): AccessTokenRow => ({
  tokenId: row.token_id,
  accountId: row.account_id,
  name: row.name,
  scope: row.scope,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revoked: row.revoked === 1,
});

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

/** The session row and one row per role of its account, as for tokens. */
function sessionWithRolesQuery(db: Kysely<Database>, runner: QueryRunner) {
  return precompiled(runner, ['session-sha256'] as [string], (tokenSha256) =>
    db
      .selectFrom('auth_sessions as s')
      .leftJoin('auth_roles as r', 'r.account_id', 's.account_id')
      .selectAll('s')
      .select(['r.pool_id', 'r.role', 'r.subject'])
      .where('s.token_sha256', '=', tokenSha256)
      .orderBy('r.pool_id')
      .orderBy('r.role')
      .orderBy('r.subject'),
  );
}

/** The roles of a left join's rows (an account without roles gives one row of nulls). */
function rolesOfRows(
  rows: readonly { [K in 'pool_id' | 'role' | 'subject']: AuthRolesTable[K] | null }[],
): RoleGrant[] {
  const roles: RoleGrant[] = [];
  for (const r of rows) {
    if (r.pool_id !== null && r.role !== null && r.subject !== null) {
      roles.push({ poolId: r.pool_id, role: r.role, subject: r.subject });
    }
  }
  return roles;
}

const sessionOf = (row: AuthSessionsTable): SessionRow => ({
  accountId: row.account_id,
  createdAt: Number(row.created_at),
  lastSeenAt: Number(row.last_seen_at),
  revoked: row.revoked === 1,
  agent: row.agent,
});

/** `root` builds the compiled queries, `runner` runs them and `on` gives the store's
 *  transaction or the database. */
export function credentialMethods(
  root: Kysely<Database>,
  on: () => Kysely<Database>,
  runner: QueryRunner,
): Pick<
  AuthStore,
  | 'insertSession'
  | 'findSession'
  | 'findSessionWithRoles'
  | 'touchSession'
  | 'revokeSession'
  | 'revokeSessionsOf'
  | 'sessionsOf'
  | 'insertToken'
  | 'findTokenByHash'
  | 'findTokenWithRoles'
  | 'tokensOf'
  | 'revokeToken'
  | 'insertLink'
  | 'useLink'
> {
  const tokenWithRoles = tokenWithRolesQuery(root, runner);
  const sessionWithRoles = sessionWithRolesQuery(root, runner);
  return {
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
      return row === undefined ? undefined : sessionOf(row);
    },
    async findSessionWithRoles(tokenSha256) {
      const rows = await sessionWithRoles.run(tokenSha256);
      if (rows.length === 0) return undefined;
      return { session: sessionOf(rows[0]!), roles: rolesOfRows(rows) };
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
      return { token: tokenOf(rows[0]!), roles: rolesOfRows(rows) };
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
  };
}
