// `explain`: every transfer behind what one person earned or owes in one period, with the
// work record or goods allocation that caused it, and the statement they add up to.

import type { PersonId } from '../ids.ts';
import { type Failure, failure, ok, type Result } from '../result.ts';
import type { ScenarioRun } from './run-types.ts';

export interface ExplainedTransfer {
  readonly transferId: string;
  readonly direction: 'credit' | 'debit';
  readonly amountEffortMilli: number;
  readonly code: string;
  readonly reference: string | null;
  readonly counterpartyAccountId: string;
}

export interface Explanation {
  readonly period: number;
  readonly personId: string;
  readonly accountId: string;
  readonly openingEffortMilli: number;
  readonly closingEffortMilli: number;
  readonly status: string;
  readonly transfers: readonly ExplainedTransfer[];
  readonly work: readonly {
    readonly recordId: string;
    readonly instanceId: string;
    readonly minutes: number;
    readonly confirmed: boolean;
    readonly weightMilli: number | null;
    readonly amountEffortMilli: number;
  }[];
  /** The person's association share this period, by level (lowest first). */
  readonly associationShares: readonly {
    readonly associationId: string;
    readonly basicEffortMilli: number;
    readonly otherEffortMilli: number;
  }[];
  readonly goods: readonly {
    readonly productId: string;
    readonly units: number;
    readonly quotaUnits: number;
    readonly priceEffortMilli: number;
    readonly premiumEffortMilli: number;
  }[];
}

export type ExplainFailureCode = 'scenario.period_not_run' | 'scenario.unknown_person';

export function explainPerson(
  run: ScenarioRun,
  periodNumber: number,
  personId: string,
): Result<Explanation, Failure<ExplainFailureCode>> {
  const period = run.periods.find((p) => p.period === periodNumber);
  if (!period) {
    return failure(
      'scenario.period_not_run',
      `period ${periodNumber} was not run (the run has ${run.periods.length} period${run.periods.length === 1 ? '' : 's'})`,
    );
  }
  const accountId = run.chart.persons.get(personId as PersonId);
  const statement = period.settlement.members.find((m) => m.personId === personId);
  if (accountId === undefined || statement === undefined) {
    return failure('scenario.unknown_person', `no person "${personId}" in the scenario`);
  }
  const transfers: ExplainedTransfer[] = [];
  for (const t of period.transfers) {
    if (t.creditAccountId !== accountId && t.debitAccountId !== accountId) continue;
    const credit = t.creditAccountId === accountId;
    transfers.push({
      transferId: t.id,
      direction: credit ? 'credit' : 'debit',
      amountEffortMilli: t.amount,
      code: t.code,
      reference: t.reference ?? null,
      counterpartyAccountId: credit ? t.debitAccountId : t.creditAccountId,
    });
  }
  return ok({
    period: periodNumber,
    personId,
    accountId,
    openingEffortMilli: statement.openingEffortMilli,
    closingEffortMilli: period.closingBalances.get(accountId) ?? 0,
    status: statement.status,
    transfers,
    work: period.work
      .filter((w) => w.personId === personId)
      .map((w) => ({
        recordId: w.recordId,
        instanceId: w.instanceId,
        minutes: w.minutes,
        confirmed: w.confirmed,
        weightMilli: w.weightMilli,
        amountEffortMilli: w.amountEffortMilli,
      })),
    associationShares: (
      period.associations?.shares.shares.find((x) => x.personId === personId)?.levels ?? []
    ).map((l) => ({ ...l })),
    goods: period.goods.flatMap((g) =>
      g.allocations
        .filter((a) => a.personId === personId)
        .map((a) => ({
          productId: g.productId,
          units: a.units,
          quotaUnits: a.quotaUnits,
          priceEffortMilli: a.priceEffortMilli,
          premiumEffortMilli: a.premiumEffortMilli,
        })),
    ),
  });
}
