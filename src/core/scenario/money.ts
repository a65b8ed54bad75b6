// Money a project keeps (MODEL.md §2): cents of its currency, in a ledger of its own that is
// never converted into effort. Each project with a currency has a journal of its own
// (`<pool>.money.<project>`) with two accounts in `money:<currency>`: its cash (never below 0)
// and the money economy outside the pool. A period's income (outside → cash) is posted before
// its expenses (cash → outside). Nothing here reads or writes the effort ledger.

import type { AccountId, PoolId, TransferId } from '../ids.ts';
import {
  createLedger,
  createTransfers,
  getBalance,
  type LedgerState,
  type LedgerUnit,
  openAccount,
  type TransferRequest,
  verifyLedger,
} from '../ledger/index.ts';
import { type Err, type Failure, failure } from '../result.ts';
import { compareIds } from '../units.ts';
import { type Step, stop } from './step.ts';
import type { PeriodSpec, Scenario } from './types.ts';

export interface MoneyBooks {
  readonly ledger: LedgerState;
  /** Per project with a currency: its unit and its cash and outside accounts. */
  readonly projects: ReadonlyMap<
    string,
    { readonly unit: LedgerUnit; readonly cash: AccountId; readonly outside: AccountId }
  >;
}

export interface MoneyLine {
  readonly projectId: string;
  readonly currency: string;
  readonly incomeCents: number;
  readonly expenseCents: number;
  /** Cash at the end of the period. */
  readonly balanceCents: number;
}

/** The money books of the pool's projects; null when no project keeps money. */
export function openMoneyBooks(s: Scenario): MoneyBooks | null {
  const keeping = s.projects.filter((x) => x.currency !== null);
  if (keeping.length === 0) return null;
  const ledger = createLedger();
  const projects = new Map<string, { unit: LedgerUnit; cash: AccountId; outside: AccountId }>();
  for (const project of [...keeping].sort((a, b) => compareIds(a.id, b.id))) {
    const journal = `${s.pool.id}.money.${project.id}`;
    const unit: LedgerUnit = `money:${project.currency!}` as LedgerUnit;
    const cash = `${journal}.cash` as AccountId;
    const outside = `${journal}.outside` as AccountId;
    for (const [id, kind, bound] of [
      [cash, 'project', { kind: 'nonNegative' }],
      [outside, 'pool', { kind: 'unbounded' }],
    ] as const) {
      const opened = openAccount(ledger, {
        id,
        poolId: journal as PoolId,
        unit,
        kind,
        ownerId: project.id,
        bound,
      });
      // Ids follow the checked project ids and the currency is checked by the schema.
      if (!opened.ok) throw new Error(`scenario: cannot open ${id}: ${opened.error.detail}`);
    }
    projects.set(project.id, { unit, cash, outside });
  }
  return { ledger, projects };
}

/** Posts the period's money of every project; a project spending more than it has stops. */
export function moneyPeriod(
  books: MoneyBooks | null,
  period: PeriodSpec,
  p: number,
): Step<MoneyLine[] | null> {
  if (books === null) return { ok: true, value: null };
  const lines: MoneyLine[] = [];
  const entries = new Map(period.money.map((m) => [m.projectId, m]));
  for (const [projectId, { unit, cash, outside }] of books.projects) {
    const entry = entries.get(projectId);
    const income = entry?.incomeCents ?? 0;
    const expense = entry?.expenseCents ?? 0;
    const transfer = (
      kind: 'income' | 'expense',
      amount: number,
      debit: AccountId,
      credit: AccountId,
    ): TransferRequest => ({
      id: `p${p}.money.${projectId}.${kind}` as TransferId,
      debitAccountId: debit,
      creditAccountId: credit,
      amount,
      unit,
      code: `money.${kind}`,
      period: p,
    });
    const transfers = [
      ...(income > 0 ? [transfer('income', income, outside, cash)] : []),
      ...(expense > 0 ? [transfer('expense', expense, cash, outside)] : []),
    ];
    if (transfers.length > 0) {
      const posted = createTransfers(books.ledger, transfers);
      if (!posted.ok) {
        return stop(p, null, posted.error.code, `money of ${projectId}: ${posted.error.detail}`);
      }
    }
    lines.push({
      projectId,
      currency: unit.slice('money:'.length),
      incomeCents: income,
      expenseCents: expense,
      balanceCents: getBalance(books.ledger, cash)?.postedBalance ?? 0,
    });
  }
  const verified = verifyLedger(books.ledger);
  if (!verified.ok) return stop(p, 'journal', 'ledger.journal_broken', 'money journal');
  return { ok: true, value: lines };
}

/** Money entries name a project that keeps money, at most once per period. */
export function checkMoney(s: Scenario): Err<Failure<'scenario.no_currency'>> | null {
  const keeps = new Map(s.projects.map((x) => [x.id, x.currency !== null]));
  for (const [at, period] of s.periods.entries()) {
    const seen = new Set<string>();
    for (const [k, m] of period.money.entries()) {
      const path = `periods[${at}].money[${k}].projectId`;
      if (keeps.get(m.projectId) !== true) {
        return failure(
          'scenario.no_currency',
          `${path}: "${m.projectId}" is no project with a currency`,
        );
      }
      if (seen.has(m.projectId)) {
        return failure('scenario.no_currency', `${path}: "${m.projectId}" appears twice`);
      }
      seen.add(m.projectId);
    }
  }
  return null;
}
