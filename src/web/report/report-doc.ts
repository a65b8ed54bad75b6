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
  // The keys below appear only in periods (or files) that use their mechanism.
  readonly projects?: ReportProjects;
  readonly postedPrices?: readonly ReportPostedPrice[];
  readonly allocationModels?: {
    readonly flatRates?: readonly ReportFlatRate[];
    readonly biddingCharges?: readonly ReportBiddingCharge[];
  };
  readonly dwellings?: ReportDwellings;
  readonly settings?: ReportSettings;
  readonly reservations?: readonly ReportReservation[];
  readonly meansWrittenOff?: readonly ReportMeansWriteOff[];
  readonly servicesUnused?: readonly ReportUnusedService[];
}

/** Forks and departures of projects (decision 0014). */
export interface ReportProjects {
  readonly inPool: readonly string[];
  readonly forks: readonly {
    readonly id: string;
    readonly forkOf: string;
    readonly fromPeriod: number;
    readonly maintainers: readonly string[];
    readonly products: readonly { readonly productId: string; readonly copiedFrom: string }[];
  }[];
  readonly departed: readonly {
    readonly projectId: string;
    readonly leftInPeriod: number;
    readonly balanceEffortMilli: number;
    readonly inventoryEffortMilli: number;
    readonly stock: readonly { readonly productId: string; readonly units: number }[];
  }[];
  readonly releasedPreOrders: readonly {
    readonly preOrderId: string;
    readonly personId: string;
    readonly productId: string;
    readonly units: number;
  }[];
  readonly endedSubscriptions: readonly {
    readonly subscriptionId: string;
    readonly personId: string;
    readonly productId: string;
    readonly lastPeriod: number;
  }[];
}

/** A re-estimated posted price and where it came from (decision 0015). */
export interface ReportPostedPrice {
  readonly productId: string;
  readonly unitPriceEffortMilli: number;
  readonly source: 'estimate' | 'actual';
  readonly fromPeriods: readonly number[];
  readonly units: number | null;
  readonly batchEffortMilli: number | null;
}

/** A flat-rate bundle with dependent users: R_B and who carries it (decision 0016). */
export interface ReportFlatRate {
  readonly bundleId: string;
  readonly effortMilli: number;
  readonly redistributionEffortMilli: number;
  readonly participants: number;
  readonly dependentUsers: readonly string[];
  readonly shares: readonly { readonly id: string; readonly amount: number }[];
}

/** One period of a bidding term longer than the one-period default (decision 0016). */
export interface ReportBiddingCharge {
  readonly id: string;
  readonly projectId: string;
  readonly termPeriod: number;
  readonly termPeriods: number;
  readonly budgetPartEffortMilli: number;
  readonly chargedEffortMilli: number;
  readonly chargedMoneyCents: number;
}

/** Dwellings possessed under a steward association (decision 0017). */
export interface ReportDwellings {
  readonly events: readonly {
    readonly kind: string;
    readonly unitId: string;
    readonly period: number;
  }[];
  readonly units: readonly {
    readonly unitId: string;
    readonly stewardAssociationId: string;
    readonly state: string;
    readonly household: readonly string[];
    readonly sincePeriod: number | null;
    readonly lastUsedPeriod: number | null;
    readonly idlePeriods: number | null;
    readonly idleFlaggedAtPeriod: number | null;
    readonly reassignableFromPeriod: number | null;
  }[];
}

/** The pool's settings in force, from the first period that changed them on (decision 0018). */
export interface ReportSettings {
  readonly weighting: string;
  readonly priceFactorMode: string;
  readonly allowanceEffortMilli: number;
  readonly carryOverCapEffortMilli: number;
  readonly donateTo: string;
  readonly forgiveAfterPeriods: number;
  readonly market: {
    readonly minWeightMilli: number;
    readonly capWeightMilli: number;
    readonly escalationStepPpm: number;
    readonly escalationWindowMinutes: number;
    readonly minNoticeMinutes: number;
    readonly clearingRule: string;
    readonly rotationWindowPeriods: number;
  };
  /** Every association with its settings in force, from the first period that changed one. */
  readonly associations?: readonly {
    readonly id: string;
    readonly allowances: readonly {
      readonly category: string;
      readonly allowanceEffortMilli: number;
    }[];
    readonly basicNeedsInArrears: boolean;
    readonly dwellingIdleLimitPeriods: number;
    readonly dwellingNoticePeriods: number;
  }[];
}

/** A good reserved for a premium commitment released on completion (decision 0020). */
export interface ReportReservation {
  readonly personId: string;
  readonly productId: string;
  readonly units: number;
  readonly madeIn: number;
  readonly duePeriod: number;
  readonly premiumEffortMilli: number;
  readonly status: 'reserved' | 'due' | 'taken' | 'lapsed';
  readonly unitPriceEffortMilli: number | null;
}

/** A means of production abandoned early (decision 0020). */
export interface ReportMeansWriteOff {
  readonly projectId: string;
  readonly meansOfProductionId: string;
  readonly buildEffortMilli: number;
  readonly chargedEffortMilli: number;
  readonly writtenOffEffortMilli: number;
}

/** Service units offered and not taken, written off (decision 0020). */
export interface ReportUnusedService {
  readonly productId: string;
  readonly units: number;
  readonly effortMilli: number;
}

/** A federation position closed by agreement, as both pools booked it (decision 0017). */
export interface ReportFederationWriteOff {
  readonly poolId: string;
  readonly otherPoolId: string;
  readonly sharePpm: number;
  readonly balanceBeforeEffortMilli: number;
  readonly otherBalanceBeforeEffortMilli: number;
  readonly writtenOffEffortMilli: number;
  readonly otherWrittenOffEffortMilli: number;
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
  /** Only in a file with federated pools (decision 0012); the renderer reads the write-offs. */
  readonly federation?: {
    readonly periods: readonly {
      readonly period: number;
      readonly writeOffs?: readonly ReportFederationWriteOff[];
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
