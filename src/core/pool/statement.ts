// Open books (MODEL.md M17, reference §6.2 B6): the pool's statement for one period shows
// where every mWH came from and went, grouped by transfer code and by the kinds of the two
// accounts, plus the change per account kind. It names no person: individual takings are for
// the person and the auditors, aggregates are for all members.

import type { AccountId } from '../ids.ts';
import type { AccountKind, TransferRequest } from '../ledger/types.ts';
import { compareIds, sumIntegers } from '../units.ts';
import { accountKinds, type PoolChart } from './chart.ts';

export interface StatementRow {
  readonly code: string;
  readonly from: AccountKind;
  readonly to: AccountKind;
  /** The product or bundle for takings, premiums and adjustments; absent otherwise. */
  readonly reference?: string;
  readonly transfers: number;
  readonly amountEffortMilli: number;
}

export interface KindTotals {
  readonly kind: AccountKind;
  readonly debitsEffortMilli: number;
  readonly creditsEffortMilli: number;
  /** credits − debits: the kind's balance change in the period. */
  readonly changeEffortMilli: number;
}

export interface PoolStatement {
  readonly period: number;
  readonly rows: readonly StatementRow[];
  readonly byKind: readonly KindTotals[];
  readonly totalEffortMilli: number;
  /** Σ of the kinds' changes; zero for any balanced set of transfers. */
  readonly netEffortMilli: number;
}

/** Codes whose reference is a product or bundle, so grouping by it reveals no person. */
const PRODUCT_REFERENCED = /^(take|share|premium|adjustment|price|project)\b/;

export function poolStatement(
  chart: PoolChart,
  period: number,
  transfers: readonly TransferRequest[],
): PoolStatement {
  const kinds = accountKinds(chart);
  const kindOf = (id: AccountId): AccountKind => kinds.get(id) ?? 'pool';
  const rows = new Map<
    string,
    { row: Omit<StatementRow, 'transfers' | 'amountEffortMilli'>; n: number; sum: number }
  >();
  const totals = new Map<AccountKind, { debits: number; credits: number }>();
  const total = (kind: AccountKind) => {
    let t = totals.get(kind);
    if (!t) {
      t = { debits: 0, credits: 0 };
      totals.set(kind, t);
    }
    return t;
  };
  for (const t of transfers) {
    if (t.unit !== 'effort' || (t.period !== undefined && t.period !== period)) continue;
    const from = kindOf(t.debitAccountId);
    const to = kindOf(t.creditAccountId);
    const reference = PRODUCT_REFERENCED.test(t.code) ? t.reference : undefined;
    const key = [t.code, from, to, reference ?? ''].join('\u0000');
    const entry = rows.get(key) ?? {
      row: { code: t.code, from, to, ...(reference === undefined ? {} : { reference }) },
      n: 0,
      sum: 0,
    };
    entry.n += 1;
    entry.sum += t.amount;
    rows.set(key, entry);
    total(from).debits += t.amount;
    total(to).credits += t.amount;
  }
  const sortedRows = [...rows.entries()]
    .sort((a, b) => compareIds(a[0], b[0]))
    .map(([, e]) => ({ ...e.row, transfers: e.n, amountEffortMilli: e.sum }));
  const byKind = [...totals.entries()]
    .sort((a, b) => compareIds(a[0], b[0]))
    .map(([kind, t]) => ({
      kind,
      debitsEffortMilli: t.debits,
      creditsEffortMilli: t.credits,
      changeEffortMilli: t.credits - t.debits,
    }));
  return {
    period,
    rows: sortedRows,
    byKind,
    totalEffortMilli: sumIntegers(sortedRows.map((r) => r.amountEffortMilli)),
    netEffortMilli: sumIntegers(byKind.map((k) => k.changeEffortMilli)),
  };
}
