// The second sign-in factor (TOTP secrets and recovery codes) behind the app's
// SecondFactorStore port, for SQLite and PostgreSQL alike.
import type { Kysely } from 'kysely';
import type { SecondFactorStore } from '../../app/ports/second-factor-store.ts';
import type { Database } from '../schema.ts';

const orNull = (value: number | string | null): number | null =>
  value === null ? null : Number(value);

export function createKyselySecondFactorStore(db: Kysely<Database>): SecondFactorStore {
  return {
    async findTotp(accountId) {
      const row = await db
        .selectFrom('auth_totp')
        .selectAll()
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row === undefined
        ? undefined
        : {
            accountId: row.account_id,
            secretBase32: row.secret_base32,
            createdAt: Number(row.created_at),
            confirmedAt: orNull(row.confirmed_at),
            lastStep: orNull(row.last_step),
          };
    },
    async putUnconfirmedTotp(accountId, secretBase32, createdAt) {
      return db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('auth_totp')
          .where('account_id', '=', accountId)
          .where('confirmed_at', 'is', null)
          .execute();
        const inserted = await trx
          .insertInto('auth_totp')
          .values({
            account_id: accountId,
            secret_base32: secretBase32,
            created_at: createdAt,
            confirmed_at: null,
            last_step: null,
          })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
      });
    },
    async confirmTotp(accountId, step, at, recoveryCodeSha256s) {
      return db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('auth_totp')
          .set({ confirmed_at: at, last_step: step })
          .where('account_id', '=', accountId)
          .where('confirmed_at', 'is', null)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) return false;
        await trx.deleteFrom('auth_recovery_codes').where('account_id', '=', accountId).execute();
        await trx
          .insertInto('auth_recovery_codes')
          .values(
            recoveryCodeSha256s.map((code_sha256) => ({
              account_id: accountId,
              code_sha256,
              used_at: null,
            })),
          )
          .execute();
        return true;
      });
    },
    async takeTotpStep(accountId, step) {
      const updated = await db
        .updateTable('auth_totp')
        .set({ last_step: step })
        .where('account_id', '=', accountId)
        .where('confirmed_at', 'is not', null)
        .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    },
    async useRecoveryCode(accountId, codeSha256, at) {
      const updated = await db
        .updateTable('auth_recovery_codes')
        .set({ used_at: at })
        .where('account_id', '=', accountId)
        .where('code_sha256', '=', codeSha256)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    },
    async unusedRecoveryCodes(accountId) {
      const row = await db
        .selectFrom('auth_recovery_codes')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('account_id', '=', accountId)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },
    async removeSecondFactor(accountId) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('auth_recovery_codes').where('account_id', '=', accountId).execute();
        await trx.deleteFrom('auth_totp').where('account_id', '=', accountId).execute();
      });
    },
  };
}
