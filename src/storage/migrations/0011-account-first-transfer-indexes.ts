// The indexes of a transfer's accounts lead with the account, not the pool (decision 0065).
// Led by pool_id, each was as good as the primary key for `pool_id = ?` to a planner whose
// statistics did not know the table yet (a young pool, a table not analysed since it grew):
// PostgreSQL then looked transfers up by (pool_id, id), in the check of every journal entry's
// reference to its transfer and in a close's read of its slice, through an account index,
// reading all of the pool's transfers for each one: a close of 3,570 entries took seconds
// and grew with every period. Led by the account, they serve only a search by an account
// (the books reader's, with the pool beside it), and a lookup by key finds only the primary key.
import type { Kysely } from 'kysely';

async function indexes(db: Kysely<unknown>, lead: 'account' | 'pool'): Promise<void> {
  await db.schema.dropIndex('ledger_transfers_debit_idx').execute();
  await db.schema.dropIndex('ledger_transfers_credit_idx').execute();
  for (const side of ['debit', 'credit'] as const) {
    const account = `${side}_account_id`;
    await db.schema
      .createIndex(`ledger_transfers_${side}_idx`)
      .on('ledger_transfers')
      .columns(lead === 'account' ? [account, 'pool_id'] : ['pool_id', account])
      .execute();
  }
}

export const up = (db: Kysely<unknown>): Promise<void> => indexes(db, 'account');

export const down = (db: Kysely<unknown>): Promise<void> => indexes(db, 'pool');
