// The open-books reads behind the BooksReader port: the journal joined with its transfers, and
// one account's transfers, each a page after a cursor (the journal index).
import type { Kysely } from 'kysely';
import type { BooksReader } from '../../app/ports/books-reader.ts';
import type { Database } from '../schema.ts';
import type { Dialect } from './ledger-store.ts';

const TRANSFER_COLUMNS = [
  'debit_account_id',
  'credit_account_id',
  'amount',
  'unit',
  'code',
  'period',
] as const;

/**
 * A journal page joined with its transfers. On PostgreSQL each transfer is a lateral probe of
 * the primary key by (pool_id, id): as a plain join, a planner that knew nothing of the tables
 * yet (a young database, not yet analysed) scanned the primary key by pool_id alone for every
 * entry and matched the id as a join filter, reading all of the pool's transfers a hundred times
 * a page (12-29 ms a page at 987 transfers, growing with the pool). OFFSET 0 keeps the lateral
 * subquery a subquery, as in the close's slice read. SQLite plans the join by the key.
 */
export function journalPageQuery(
  db: Kysely<Database>,
  dialect: Dialect,
  poolId: string,
  after: number,
  limit: number,
) {
  const journal = db.selectFrom('ledger_journal as j');
  const joined =
    dialect === 'postgres'
      ? journal.innerJoinLateral(
          (eb) =>
            eb
              .selectFrom('ledger_transfers as x')
              .select(TRANSFER_COLUMNS)
              .whereRef('x.pool_id', '=', 'j.pool_id')
              .whereRef('x.id', '=', 'j.transfer_id')
              .offset(0)
              .as('t'),
          (join) => join.onTrue(),
        )
      : journal.innerJoin('ledger_transfers as t', (join) =>
          join.onRef('t.pool_id', '=', 'j.pool_id').onRef('t.id', '=', 'j.transfer_id'),
        );
  return joined
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
    .limit(limit);
}

export function createKyselyBooksReader(db: Kysely<Database>, dialect: Dialect): BooksReader {
  return {
    async journalPage(poolId, after, limit) {
      const rows = await journalPageQuery(db, dialect, poolId, after, limit).execute();
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
