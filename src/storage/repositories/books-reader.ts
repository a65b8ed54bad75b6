// The open-books reads behind the BooksReader port: the journal joined with its transfers, and
// one account's transfers, each a page after a cursor (the journal index). Each is built and
// compiled by Kysely once and then run with new values (compiled-query.ts): the reads of a
// member's statement and of a journal page are the server's most frequent requests.
import type { Kysely } from 'kysely';
import type { BooksReader, StatementLine } from '../../app/ports/books-reader.ts';
import { precompiled } from '../compiled-query.ts';
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

const STATEMENT_COLUMNS = ['created_at_index', 'id', 'state', ...TRANSFER_COLUMNS] as const;

/** `columns` as `alias.column`, typed so the query builder checks them. */
const qualified = <A extends string, C extends string>(alias: A, columns: readonly C[]) =>
  columns.map((column) => `${alias}.${column}` as `${A}.${C}`);

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
      ...qualified('t', TRANSFER_COLUMNS),
    ])
    .where('j.pool_id', '=', poolId)
    .where('j.entry_index', '>', after)
    .orderBy('j.entry_index')
    .limit(limit);
}

/**
 * A page of one account's transfers, each search by an account index (led by the account, with
 * the pool beside it; decision 0065). With the pool as a condition of its own beside
 * `debit = ? or credit = ?`, both databases took the primary key by the pool instead and
 * filtered every transfer of the pool: SQLite always (it has no statistics unless analysed),
 * PostgreSQL on a table not yet analysed; 0.2–0.3 ms a page at 987 transfers, growing with the
 * pool. SQLite answers the pool inside each side of the OR by both indexes (a multi-index OR);
 * PostgreSQL plans even that by the primary key, so there the page is the union of the two
 * searches. A transfer has two different accounts, so it is found on one side only.
 */
export function statementPageQuery(
  db: Kysely<Database>,
  dialect: Dialect,
  poolId: string,
  accountId: string,
  after: number,
  limit: number,
) {
  if (dialect === 'postgres') {
    const side = (column: 'debit_account_id' | 'credit_account_id') =>
      db
        .selectFrom('ledger_transfers')
        .select(STATEMENT_COLUMNS)
        .where(column, '=', accountId)
        .where('pool_id', '=', poolId)
        .where('created_at_index', '>', after);
    return db
      .selectFrom(side('debit_account_id').unionAll(side('credit_account_id')).as('s'))
      .selectAll()
      .orderBy('created_at_index')
      .limit(limit);
  }
  return db
    .selectFrom('ledger_transfers')
    .select(STATEMENT_COLUMNS)
    .where((eb) =>
      eb.or([
        eb.and([eb('debit_account_id', '=', accountId), eb('pool_id', '=', poolId)]),
        eb.and([eb('credit_account_id', '=', accountId), eb('pool_id', '=', poolId)]),
      ]),
    )
    .where('created_at_index', '>', after)
    .orderBy('created_at_index')
    .limit(limit);
}

/**
 * An account's totals with a page of its transfers, in one statement: the account's row joined
 * with the page (none: one row whose transfer columns are null). On PostgreSQL each statement
 * is a round trip, and a statement was two (the account, then the page).
 */
export function statementQuery(
  db: Kysely<Database>,
  dialect: Dialect,
  poolId: string,
  accountId: string,
  after: number,
  limit: number,
) {
  return db
    .selectFrom('ledger_accounts as a')
    .leftJoin(statementPageQuery(db, dialect, poolId, accountId, after, limit).as('p'), (join) =>
      join.onTrue(),
    )
    .select([
      'a.id as account_id',
      'a.unit as account_unit',
      'a.debits_posted',
      'a.credits_posted',
      ...qualified('p', STATEMENT_COLUMNS),
    ])
    .where('a.pool_id', '=', poolId)
    .where('a.id', '=', accountId)
    .orderBy('p.created_at_index');
}

// Placeholders of the precompiled reads: values no constant of their queries can be.
const POOL = '\u0000pool';
const ACCOUNT = '\u0000account';
const AFTER = -1_000_000_001;
const LIMIT = 1_000_000_001;

export function createKyselyBooksReader(db: Kysely<Database>, dialect: Dialect): BooksReader {
  const journal = precompiled(db, [POOL, AFTER, LIMIT] as [string, number, number], (...v) =>
    journalPageQuery(db, dialect, ...v),
  );
  const statementWithAccount = precompiled(
    db,
    [POOL, ACCOUNT, AFTER, LIMIT] as [string, string, number, number],
    (...v) => statementQuery(db, dialect, ...v),
  );
  return {
    async statement(poolId, accountId, after, limit) {
      const rows = await statementWithAccount.run(poolId, accountId, after, limit);
      const first = rows[0];
      if (first === undefined) return undefined;
      const lines: StatementLine[] = [];
      for (const r of rows) {
        if (r.id === null || r.created_at_index === null) continue;
        const credited = r.credit_account_id === accountId;
        lines.push({
          index: r.created_at_index,
          transferId: r.id,
          state: r.state!,
          counterpartyAccountId: (credited ? r.debit_account_id : r.credit_account_id)!,
          amount: credited ? r.amount! : -r.amount!,
          unit: r.unit!,
          code: r.code!,
          period: r.period ?? null,
        });
      }
      return {
        account: {
          accountId: first.account_id,
          unit: first.account_unit,
          debitsPosted: first.debits_posted,
          creditsPosted: first.credits_posted,
        },
        lines,
      };
    },

    async journalPage(poolId, after, limit) {
      const rows = await journal.run(poolId, after, limit);
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
  };
}
