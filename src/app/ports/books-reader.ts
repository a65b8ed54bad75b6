// Reads of a pool's stored books for the open-books routes: the journal a page at a time and
// one account's transfers (a person's statement). Read without the pool's lock.

export interface JournalLine {
  readonly index: number;
  readonly kind: 'created' | 'posted' | 'voided';
  readonly transferId: string;
  readonly previousHash: string;
  readonly hash: string;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  readonly amount: number;
  readonly unit: string;
  readonly code: string;
  readonly period: number | null;
}

export interface StatementLine {
  /** The journal index at which the transfer was created: the statement's order and cursor. */
  readonly index: number;
  readonly transferId: string;
  readonly state: 'pending' | 'posted' | 'voided';
  readonly counterpartyAccountId: string;
  /** Positive: credited to the account; negative: debited. */
  readonly amount: number;
  readonly unit: string;
  readonly code: string;
  readonly period: number | null;
}

export interface AccountTotals {
  readonly accountId: string;
  readonly unit: string;
  readonly debitsPosted: number;
  readonly creditsPosted: number;
}

export interface BooksReader {
  /** Journal entries with index > after, in order, at most `limit`. */
  journalPage(poolId: string, after: number, limit: number): Promise<JournalLine[]>;
  /** The account's totals and its transfers created at journal index > after, in order, at
   *  most `limit` (one statement); undefined when the pool has no such account. */
  statement(
    poolId: string,
    accountId: string,
    after: number,
    limit: number,
  ): Promise<{ account: AccountTotals; lines: StatementLine[] } | undefined>;
}
