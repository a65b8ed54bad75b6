// The security event log behind the AuthStore port (decision 0059): appended under the lock of
// the one-row security_events_lock table, read by account and sequence number.
import type { Kysely } from 'kysely';
import type { SecurityEventKind } from '../../app/auth/security-events.ts';
import type { AuthStore } from '../../app/ports/auth-store.ts';
import type { Database } from '../schema.ts';
import type { InTransaction } from './auth-store.ts';

/** `on`: the store's transaction or the database; `transaction`: runs work in the store's
 *  transaction or a new one. */
export function securityEventMethods(
  on: () => Kysely<Database>,
  transaction: InTransaction,
): Pick<AuthStore, 'appendSecurityEvent' | 'securityEvents'> {
  return {
    appendSecurityEvent(event) {
      // One sequence over the server: the highest plus one, read after taking the lock row's
      // lock, so a concurrent appender waits for this transaction instead of taking the same
      // number (each statement on PostgreSQL then sees what the one before it committed).
      return transaction(async (trx) => {
        await trx.updateTable('security_events_lock').set({ id: 0 }).where('id', '=', 0).execute();
        const last = await trx
          .selectFrom('security_events')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .executeTakeFirst();
        const seq = last?.seq === null || last?.seq === undefined ? 0 : Number(last.seq) + 1;
        await trx
          .insertInto('security_events')
          .values({
            seq,
            at: event.at,
            account_id: event.accountId,
            kind: event.kind,
            login: event.login,
            source_ip: event.sourceIp,
            detail_json: JSON.stringify(event.detail),
          })
          .execute();
      });
    },
    async securityEvents(accountIds, after, limit) {
      if (accountIds.length === 0) return [];
      const rows = await on()
        .selectFrom('security_events')
        .selectAll()
        .where('account_id', 'in', accountIds)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        seq: Number(r.seq),
        at: Number(r.at),
        accountId: r.account_id,
        kind: r.kind as SecurityEventKind,
        login: r.login,
        sourceIp: r.source_ip,
        detail: JSON.parse(r.detail_json),
      }));
    },
  };
}
