// The parts of the scenario run's JSON report (peerconomy.scenario-run.v1, written by
// src/core/scenario/report.ts) that the HTML report shows. The renderer reads the report, not
// the run, so every number on the page is one the JSON file holds (or a sum of them).
import { REPORT_FORMAT, type scenarioReport } from '../../core/scenario/index.ts';

export interface ReportTask {
  readonly instanceId: string;
  readonly templateId: string;
  readonly projectId: string | null;
  readonly weightMilli: number;
  readonly status: string;
}

export interface ReportAssociations {
  readonly budgets: readonly {
    readonly associationId: string;
    readonly servicesEffortMilli: number;
    readonly redistributionEffortMilli: number;
  }[];
  readonly coverage: readonly { readonly associationId: string; readonly personId: string }[];
  readonly shares: readonly {
    readonly personId: string;
    readonly levels: readonly { readonly associationId: string }[];
  }[];
}

export interface ReportTransfer {
  readonly id: string;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  readonly amount: number;
  readonly code: string;
}

export interface ReportPeriod {
  readonly period: number;
  readonly priceFactorPpm: number;
  readonly nextPriceFactorPpm: number;
  readonly tasks: readonly ReportTask[];
  readonly associations: ReportAssociations | null;
  readonly balances: readonly { readonly accountId: string; readonly balanceEffortMilli: number }[];
  readonly transfers: readonly ReportTransfer[];
}

export interface ReportDoc {
  readonly format: string;
  readonly scenario: string;
  readonly seed: number;
  readonly poolId: string;
  readonly periodsRun: number;
  readonly stop: {
    readonly period: number;
    readonly invariant: string | null;
    readonly code: string;
    readonly detail: string;
  } | null;
  readonly periods: readonly ReportPeriod[];
}

/**
 * The report as the renderer's typed view. Accepts what `scenarioReport` returns or the parsed
 * JSON file; refuses anything of another format, since the shape is only known for v1.
 */
export function asReportDoc(report: ReturnType<typeof scenarioReport> | unknown): ReportDoc {
  const doc = report as ReportDoc | null;
  if (doc === null || typeof doc !== 'object' || doc.format !== REPORT_FORMAT) {
    throw new Error(`not a ${REPORT_FORMAT} report`);
  }
  return doc;
}

/** The person id behind a person account of the pool, or null for any other account. */
export function personOf(poolId: string, accountId: string): string | null {
  const prefix = `${poolId}.person.`;
  return accountId.startsWith(prefix) ? accountId.slice(prefix.length) : null;
}
