// The effort and money ledgers: accounts with running totals, immutable transfers with their
// life-cycle state, and the hash-chained journal per pool (src/core/ledger).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ledger_accounts')
    .addColumn('pool_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('id', 'varchar(128)', (c) => c.notNull())
    .addColumn('unit', 'varchar(16)', (c) => c.notNull())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('owner_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('bound_kind', 'varchar(16)', (c) =>
      c.notNull().check(sql`bound_kind in ('unbounded', 'debitAllowance', 'nonNegative')`),
    )
    .addColumn('bound_allowance', 'bigint', (c) => c.check(sql`bound_allowance >= 0`))
    .addColumn('closed', 'smallint', (c) => c.notNull().defaultTo(0).check(sql`closed in (0, 1)`))
    .addColumn('debits_posted', 'bigint', (c) =>
      c.notNull().defaultTo(0).check(sql`debits_posted >= 0`),
    )
    .addColumn('credits_posted', 'bigint', (c) =>
      c.notNull().defaultTo(0).check(sql`credits_posted >= 0`),
    )
    .addColumn('debits_pending', 'bigint', (c) =>
      c.notNull().defaultTo(0).check(sql`debits_pending >= 0`),
    )
    .addColumn('credits_pending', 'bigint', (c) =>
      c.notNull().defaultTo(0).check(sql`credits_pending >= 0`),
    )
    .addPrimaryKeyConstraint('ledger_accounts_pk', ['pool_id', 'id'])
    .execute();

  await db.schema
    .createTable('ledger_transfers')
    .addColumn('pool_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('id', 'varchar(128)', (c) => c.notNull())
    .addColumn('debit_account_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('credit_account_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('unit', 'varchar(16)', (c) => c.notNull())
    .addColumn('code', 'varchar(64)', (c) => c.notNull())
    .addColumn('pending', 'smallint', (c) => c.notNull().check(sql`pending in (0, 1)`))
    .addColumn('bound_exception', 'varchar(32)')
    .addColumn('bound_exception_used', 'smallint', (c) =>
      c.notNull().defaultTo(0).check(sql`bound_exception_used in (0, 1)`),
    )
    .addColumn('reference', 'varchar(256)')
    .addColumn('period', 'integer')
    .addColumn('reversal_of', 'varchar(128)')
    .addColumn('state', 'varchar(16)', (c) =>
      c.notNull().check(sql`state in ('pending', 'posted', 'voided')`),
    )
    .addColumn('created_at_index', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at_index', 'bigint')
    .addColumn('reversed_by', 'varchar(128)')
    .addPrimaryKeyConstraint('ledger_transfers_pk', ['pool_id', 'id'])
    .addForeignKeyConstraint(
      'ledger_transfers_debit_fk',
      ['pool_id', 'debit_account_id'],
      'ledger_accounts',
      ['pool_id', 'id'],
    )
    .addForeignKeyConstraint(
      'ledger_transfers_credit_fk',
      ['pool_id', 'credit_account_id'],
      'ledger_accounts',
      ['pool_id', 'id'],
    )
    .addCheckConstraint('ledger_transfers_two_accounts', sql`debit_account_id <> credit_account_id`)
    .execute();
  await db.schema
    .createIndex('ledger_transfers_debit_idx')
    .on('ledger_transfers')
    .columns(['pool_id', 'debit_account_id'])
    .execute();
  await db.schema
    .createIndex('ledger_transfers_credit_idx')
    .on('ledger_transfers')
    .columns(['pool_id', 'credit_account_id'])
    .execute();

  // One row per pool: the next journal index and the last hash. Writers lock it first, so the
  // appends to one pool's journal are serialised while other pools write in parallel.
  await db.schema
    .createTable('ledger_journal_heads')
    .addColumn('pool_id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('next_index', 'bigint', (c) => c.notNull().check(sql`next_index >= 0`))
    .addColumn('head_hash', 'char(64)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ledger_journal')
    .addColumn('pool_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('entry_index', 'bigint', (c) => c.notNull().check(sql`entry_index >= 0`))
    .addColumn('kind', 'varchar(16)', (c) =>
      c.notNull().check(sql`kind in ('created', 'posted', 'voided')`),
    )
    .addColumn('transfer_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('previous_hash', 'char(64)', (c) => c.notNull())
    .addColumn('hash', 'char(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_journal_pk', ['pool_id', 'entry_index'])
    .addForeignKeyConstraint(
      'ledger_journal_transfer_fk',
      ['pool_id', 'transfer_id'],
      'ledger_transfers',
      ['pool_id', 'id'],
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ledger_journal').execute();
  await db.schema.dropTable('ledger_journal_heads').execute();
  await db.schema.dropTable('ledger_transfers').execute();
  await db.schema.dropTable('ledger_accounts').execute();
}
