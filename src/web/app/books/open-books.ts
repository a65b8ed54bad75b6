import type { AccountId, PoolId } from '../../../core/ids.ts';
import type { TransferRequest } from '../../../core/ledger/types.ts';
import { conventionalChart, type PoolStatement } from '../../../core/pool/index.ts';
import { poolStatement } from '../../../core/pool/statement.ts';
import { REPORT_FORMAT, type Scenario } from '../../../core/scenario/index.ts';
import type { HttpDeps } from '../../../http/deps.ts';
import type { ReportDoc, ReportPeriod } from '../../report/report-doc.ts';
import type { PoolView } from '../pool-page.tsx';

/** The stored reports of the pool's closed periods, oldest first. */
export async function closedReports(deps: HttpDeps, view: PoolView): Promise<ReportPeriod[]> {
  const closed = view.status.periods.filter((p) => p.stage === 'closed');
  const reports: ReportPeriod[] = [];
  for (const { period } of closed) {
    const read = await deps.economy.periodReport(view.poolId, period);
    if (read.ok && read.value !== null) reports.push(read.value as ReportPeriod);
  }
  return reports;
}

/** The closed periods as one report document, in the form the HTML report reads. */
export const reportDocOf = (poolId: string, periods: readonly ReportPeriod[]): ReportDoc => ({
  format: REPORT_FORMAT,
  scenario: poolId,
  seed: 0,
  poolId,
  periodsRun: periods.length,
  stop: null,
  periods,
});

/** A closed period's statement for the pool: every transfer grouped by code and by the kinds
 *  of its two accounts (person, project, premium …), never by person. */
export function periodStatement(scenario: Scenario, report: ReportPeriod): PoolStatement {
  const chart = conventionalChart(
    scenario.pool.id as PoolId,
    scenario.persons.map((p) => p.id as never),
    scenario.projects.map((p) => p.id as never),
    scenario.federation.map((f) => f.pool.id as PoolId),
  );
  const transfers = report.transfers.map(
    (t) =>
      ({
        id: t.id,
        debitAccountId: t.debitAccountId as AccountId,
        creditAccountId: t.creditAccountId as AccountId,
        amount: t.amount,
        unit: 'effort',
        code: t.code,
        period: report.period,
      }) as unknown as TransferRequest,
  );
  return poolStatement(chart, report.period, transfers);
}
