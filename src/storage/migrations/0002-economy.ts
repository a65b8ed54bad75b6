// A pool's economy beside its books: the pool's settings and cycle state, the log of its
// inputs (standing ones and per period), each period's stage and outcome, and the answers to
// requests by idempotency key (src/app/economy). The ledger tables hold the books themselves.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('economy_pools')
    .addColumn('pool_id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('settings_json', 'text', (c) => c.notNull())
    // The newest period opened (0 = none) and its stage (null = none).
    .addColumn('cycle_period', 'integer', (c) => c.notNull().check(sql`cycle_period >= 0`))
    .addColumn('cycle_stage', 'varchar(16)', (c) =>
      c.check(
        sql`cycle_stage in ('planning', 'bidding', 'cleared', 'running', 'settling', 'closed')`,
      ),
    )
    .addColumn('next_seq', 'bigint', (c) => c.notNull().check(sql`next_seq >= 0`))
    .execute();

  await db.schema
    .createTable('economy_inputs')
    .addColumn('pool_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull().check(sql`seq >= 0`))
    .addColumn('kind', 'varchar(64)', (c) => c.notNull())
    // 0 for a standing input (a person, a project …), else the period it belongs to.
    .addColumn('period', 'integer', (c) => c.notNull().check(sql`period >= 0`))
    .addColumn('record_json', 'text', (c) => c.notNull())
    // Set when the input was withdrawn before its period settled; it then counts no more.
    .addColumn('withdrawn', 'smallint', (c) =>
      c.notNull().defaultTo(0).check(sql`withdrawn in (0, 1)`),
    )
    .addPrimaryKeyConstraint('economy_inputs_pk', ['pool_id', 'seq'])
    .addForeignKeyConstraint('economy_inputs_pool_fk', ['pool_id'], 'economy_pools', ['pool_id'])
    .execute();

  await db.schema
    .createTable('economy_periods')
    .addColumn('pool_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('period', 'integer', (c) => c.notNull().check(sql`period >= 1`))
    .addColumn('stage', 'varchar(16)', (c) =>
      c
        .notNull()
        .check(sql`stage in ('planning', 'bidding', 'cleared', 'running', 'settling', 'closed')`),
    )
    .addColumn('clearing_json', 'text')
    .addColumn('report_json', 'text')
    .addColumn('journal_entries', 'bigint')
    .addColumn('journal_head', 'char(64)')
    .addPrimaryKeyConstraint('economy_periods_pk', ['pool_id', 'period'])
    .addForeignKeyConstraint('economy_periods_pool_fk', ['pool_id'], 'economy_pools', ['pool_id'])
    .execute();

  await db.schema
    .createTable('economy_requests')
    .addColumn('pool_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('idempotency_key', 'varchar(128)', (c) => c.notNull())
    .addColumn('request_sha256', 'char(64)', (c) => c.notNull())
    .addColumn('response_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('economy_requests_pk', ['pool_id', 'idempotency_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('economy_requests').execute();
  await db.schema.dropTable('economy_periods').execute();
  await db.schema.dropTable('economy_inputs').execute();
  await db.schema.dropTable('economy_pools').execute();
}
