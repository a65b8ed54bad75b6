// The parts of the scenario run's JSON report (peerconomy.scenario-run.v1, written by
// src/core/scenario/report.ts) that the HTML report shows. The renderer reads the report, not
// the run, so every number on the page is one the JSON file holds (or a sum of them). Where the
// report copies one of the run's lines field for field (a mechanism's lines), its type is the
// core's; what the report builds itself is declared here.
import type { DwellingEvent } from '../../core/commons/index.ts';
import type { BiddingChargeLine, FlatRateLine } from '../../core/scenario/allocation-models.ts';
import type { DwellingLine } from '../../core/scenario/dwellings.ts';
import type {
  FederationDelivery,
  FederationLine,
  FederationWriteOff,
} from '../../core/scenario/federation.ts';
import { type PeriodRun, REPORT_FORMAT, type scenarioReport } from '../../core/scenario/index.ts';
import type { ProjectsPeriod } from '../../core/scenario/projects.ts';
import type { MeansWriteOff } from '../../core/scenario/recipes.ts';
import type { PostedPriceLine } from '../../core/scenario/reestimate.ts';
import type { ReservationLine } from '../../core/scenario/reservations.ts';
import type { UnusedServiceLine } from '../../core/scenario/service-products.ts';

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
  // The keys below appear only in periods (or files) that use their mechanism.
  readonly projects?: ProjectsPeriod;
  readonly postedPrices?: readonly PostedPriceLine[];
  readonly allocationModels?: {
    readonly flatRates?: readonly FlatRateLine[];
    readonly biddingCharges?: readonly BiddingChargeLine[];
  };
  readonly dwellings?: ReportDwellings;
  readonly settings?: ReportSettings;
  readonly reservations?: readonly ReservationLine[];
  readonly meansWrittenOff?: readonly MeansWriteOff[];
  readonly servicesUnused?: readonly UnusedServiceLine[];
}

/** Dwellings possessed under a steward association (decision 0017); the run's list is `units`
 *  here. */
export interface ReportDwellings {
  readonly events: readonly DwellingEvent[];
  readonly units: readonly DwellingLine[];
}

/** The pool's settings in force, from the first period that changed them on (decision 0018),
 *  with every association's from the first period that changed one. */
export type ReportSettings = NonNullable<PeriodRun['settings']>;

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
  /** Only in a file with federated pools (decision 0012): each federated pool's own report (of
   *  the same format, without a `federation` of its own) and per period what crossed between
   *  the pools. */
  readonly federation?: {
    readonly pools: readonly ReportDoc[];
    readonly periods: readonly {
      readonly period: number;
      readonly deliveries: readonly FederationDelivery[];
      readonly lines: readonly FederationLine[];
      readonly writeOffs?: readonly FederationWriteOff[];
    }[];
  };
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
