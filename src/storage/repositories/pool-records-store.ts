// What the AuthStore port keeps of pools and requests: stored idempotent answers, whether a
// pool's books are public, calendar feeds and the pool's audit log.
import type { Kysely } from 'kysely';
import type { AuditEntry, AuthStore } from '../../app/ports/auth-store.ts';
import { precompiled } from '../compiled-query.ts';
import type { Database } from '../schema.ts';
import type { InTransaction, QueryRunner } from './auth-store.ts';

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

/** `root` builds the compiled query, `runner` runs it, `on` gives the store's transaction or
 *  the database, `transaction` runs work in the store's transaction or a new one. */
export function poolRecordMethods(
  root: Kysely<Database>,
  on: () => Kysely<Database>,
  runner: QueryRunner,
  transaction: InTransaction,
): Pick<
  AuthStore,
  | 'findAnswer'
  | 'saveAnswer'
  | 'replaceAnswer'
  | 'publicBooks'
  | 'poolAccess'
  | 'setPublicBooks'
  | 'createCalendarFeed'
  | 'findCalendarFeed'
  | 'revokeCalendarFeeds'
  | 'appendAudit'
  | 'auditPage'
> {
  const poolAccess = poolAccessQuery(root, runner);
  return {
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
      return transaction(async (trx) => {
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
}
