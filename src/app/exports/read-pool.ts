// The reading use case behind every export: a stored pool's inputs, periods and books, read in
// one transaction so they are of one moment, as the plain data the exporters take.
import { assembleScenario } from '../../core/cycle/inputs.ts';
import type { PoolId } from '../../core/ids.ts';
import { type Failure, failure, ok, type Result } from '../../core/result.ts';
import type { EconomyStore } from '../ports/economy-store.ts';
import type {
  ClearingView,
  ExportTransfer,
  PeriodReportView,
  PoolExportData,
} from './pool-data.ts';

export type ExportFailureCode =
  | 'economy.unknown_pool'
  | 'export.unknown_person'
  | 'export.person_required'
  | 'export.no_dates'
  | 'export.bad_date';

export type ExportFailure = Failure<ExportFailureCode>;

export async function readPoolForExport(
  store: EconomyStore,
  poolId: string,
): Promise<Result<PoolExportData, ExportFailure>> {
  return store.transaction(async (tx) => {
    const pool = await tx.findPool(poolId);
    if (pool === undefined) return failure('economy.unknown_pool', `no pool "${poolId}"`);
    const inputs = await tx.loadInputs(poolId);
    const stored = await tx.loadPeriods(poolId);
    const ledger = await tx.loadLedger(poolId as PoolId);
    const scenario = assembleScenario(pool.settings, inputs, pool.cycle.period);
    const periods = [...stored]
      .sort((a, b) => a.period - b.period)
      .map((p) => ({
        period: p.period,
        stage: p.stage,
        clearing: p.clearing as ClearingView | null,
        report: p.report as PeriodReportView | null,
      }));
    const accounts = [...ledger.accounts.values()]
      .map((record) => ({
        account: record.account,
        postedBalance: record.creditsPosted - record.debitsPosted,
      }))
      .sort((a, b) => (a.account.id < b.account.id ? -1 : a.account.id > b.account.id ? 1 : 0));
    const transfers: ExportTransfer[] = [...ledger.transfers.values()]
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(({ transfer: t, state, createdAt }) => ({
        journalIndex: createdAt,
        id: t.id,
        period: t.period ?? null,
        state,
        debitAccountId: t.debitAccountId,
        creditAccountId: t.creditAccountId,
        amount: t.amount,
        unit: t.unit,
        code: t.code,
        reference: t.reference ?? null,
        basicNeeds: t.boundException === 'basicNeeds',
        reversalOf: t.reversalOf ?? null,
      }));
    return ok({ poolId, scenario, periods, accounts, transfers });
  });
}
