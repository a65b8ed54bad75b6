// What every export is made from, as plain data: the pool's inputs as a scenario, its periods
// with the stored clearing and report, and its ledger. The stored reports are JSON in the pure
// runner's report form; the views below name the few fields the exports read, so a change of
// that form shows here as a type error or a failing export test.
import type { PersonId, PoolId } from '../../core/ids.ts';
import type { Account, LedgerUnit, TransferState } from '../../core/ledger/index.ts';
import { conventionalChart } from '../../core/pool/chart.ts';
import type { Scenario, WorkCredit } from '../../core/scenario/index.ts';

/** What the exports read of a period's clearing: who won which task's slots. */
export interface ClearingView {
  readonly tasks: readonly {
    readonly instanceId: string;
    readonly winners: readonly { readonly personId: string }[];
  }[];
  readonly noShows: readonly { readonly personId: string; readonly instanceId: string }[];
}

/** One person's share of the settlement of a period (report `members[]`). */
export interface ReportMember {
  readonly personId: string;
  readonly status: 'ok' | 'inArrears';
}

/** A work record as the run credited it (report `work[]`): its report form is the core's. */
export type ReportWork = WorkCredit;

/** Units of a product handed to a person (report `goods[].allocations[]`). */
export interface ReportAllocation {
  readonly personId: string;
  readonly units: number;
  readonly priceEffortMilli: number;
  readonly premiumEffortMilli: number;
}

export interface ReportGoods {
  readonly productId: string;
  readonly allocations: readonly ReportAllocation[];
}

/** What the exports read of a closed period's report: its final market too (escalation
 *  rounds and no-shows included). */
export interface PeriodReportView extends ClearingView {
  readonly period: number;
  readonly members: readonly ReportMember[];
  readonly work: readonly ReportWork[];
  readonly goods: readonly ReportGoods[];
  readonly discounted: readonly ReportGoods[];
  readonly balances: readonly {
    readonly accountId: string;
    readonly balanceEffortMilli: number;
  }[];
  readonly transfers: readonly {
    readonly id: string;
    readonly debitAccountId: string;
    readonly creditAccountId: string;
    readonly amount: number;
    readonly code: string;
  }[];
}

export interface ExportPeriod {
  readonly period: number;
  readonly stage: string;
  /** Null before bidding closed. */
  readonly clearing: ClearingView | null;
  /** Null while the period is not closed. */
  readonly report: PeriodReportView | null;
}

export interface ExportTransfer {
  /** Where the transfer was created in the pool's journal (0 first). */
  readonly journalIndex: number;
  readonly id: string;
  readonly period: number | null;
  readonly state: TransferState;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  readonly amount: number;
  readonly unit: LedgerUnit;
  readonly code: string;
  readonly reference: string | null;
  readonly basicNeeds: boolean;
  readonly reversalOf: string | null;
}

export interface ExportAccount {
  readonly account: Account;
  /** Posted credits − posted debits (positive: contributed more than taken). */
  readonly postedBalance: number;
}

export interface PoolExportData {
  readonly poolId: string;
  /** The pool's settings and inputs through its newest period, as a scenario. */
  readonly scenario: Scenario;
  /** Every period the cycle has opened, first to last. */
  readonly periods: readonly ExportPeriod[];
  /** The pool's accounts, by id. */
  readonly accounts: readonly ExportAccount[];
  /** Every transfer of the pool, in journal order. */
  readonly transfers: readonly ExportTransfer[];
}

/** Each person's effort account, by person id, named as the runner names it (the pool's
 *  conventional chart); persons without an account yet are left out. */
export function personAccounts(data: PoolExportData): Map<string, string> {
  const chart = conventionalChart(
    data.poolId as PoolId,
    data.scenario.persons.map((p) => p.id as PersonId),
    [],
  );
  const existing = new Set(data.accounts.map((a) => a.account.id as string));
  const byPerson = new Map<string, string>();
  for (const [personId, accountId] of chart.persons) {
    if (existing.has(accountId)) byPerson.set(personId, accountId);
  }
  return byPerson;
}
