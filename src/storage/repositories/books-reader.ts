// The open-books reads behind the BooksReader port: the journal joined with its transfers, and
// one account's transfers, each a page after a cursor (the journal index).
import type { Kysely } from 'kysely';
import type { BooksReader } from '../../app/ports/books-reader.ts';
import type { Database } from '../schema.ts';

export function createKyselyBooksReader(db: Kysely<Database>): BooksReader {
  return {
    async journalPage(poolId, after, limit) {
      const rows = await db
        .selectFrom('ledger_journal as j')
        .innerJoin('ledger_transfers as t', (join) =>
          join.onRef('t.pool_id', '=', 'j.pool_id').onRef('t.id', '=', 'j.transfer_id'),
        )
        .select([
          'j.entry_index',
          'j.kind',
          'j.transfer_id',
          'j.previous_hash',
          'j.hash',
          't.debit_account_id',
          't.credit_account_id',
          't.amount',
          't.unit',
          't.code',
          't.period',
        ])
        .where('j.pool_id', '=', poolId)
        .where('j.entry_index', '>', after)
        .orderBy('j.entry_index')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        index: r.entry_index,
        kind: r.kind,
        transferId: r.transfer_id,
        previousHash: r.previous_hash,
        hash: r.hash,
        debitAccountId: r.debit_account_id,
        creditAccountId: r.credit_account_id,
        amount: r.amount,
        unit: r.unit,
        code: r.code,
        period: r.period,
      }));
    },

    async account(poolId, accountId) {
      const row = await db
        .selectFrom('ledger_accounts')
        .select(['id', 'unit', 'debits_posted', 'credits_posted'])
        .where('pool_id', '=', poolId)
        .where('id', '=', accountId)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      return {
        accountId: row.id,
        unit: row.unit,
        debitsPosted: row.debits_posted,
        creditsPosted: row.credits_posted,
      };
    },

    async statementPage(poolId, accountId, after, limit) {
      const rows = await db
        .selectFrom('ledger_transfers')
        .selectAll()
        .where('pool_id', '=', poolId)
        .where((eb) =>
          eb.or([eb('debit_account_id', '=', accountId), eb('credit_account_id', '=', accountId)]),
        )
        .where('created_at_index', '>', after)
        .orderBy('created_at_index')
        .limit(limit)
        .execute();
      return rows.map((r) => {
        const credited = r.credit_account_id === accountId;
        return {
          index: r.created_at_index,
          transferId: r.id,
          state: r.state,
          counterpartyAccountId: credited ? r.debit_account_id : r.credit_account_id,
          amount: credited ? r.amount : -r.amount,
          unit: r.unit,
          code: r.code,
          period: r.period,
        };
      });
    },
  };
}
