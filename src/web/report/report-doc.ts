// The parts of the scenario run's JSON report (peerconomy.scenario-run.v1, written by
// src/core/scenario/report.ts) that the HTML report shows. The renderer reads the report, not
// the run, so every number on the page is one the JSON file holds (or a sum of them). Where the
// report copies one of the run's lines field for field (a mechanism's lines), its type is the
// core's; what the report builds itself is declared here.
import type { DwellingEvent } from '../../core/commons/index.ts';
import type { FlatRateLine } from '../../core/scenario/allocation-models.ts';
import type { BiddingChargeLine } from '../../core/scenario/bidding-rounds.ts';
import type { DwellingLine } from '../../core/scenario/dwellings.ts';
import type {
  FederationDelivery,
  FederationLine,
  FederationWriteOff,
} from '../../core/scenario/federation.ts';
import { type PeriodRun, REPORT_FORMAT, type scenarioReport } from '../../core/scenario/index.ts';
import type { ProjectsPeriod } from '../../core/scenario/projects-period.ts';
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
    readonly flatAllocation?: readonly {
      readonly productId: string;
      readonly units: number;
      readonly effortMilli: number;
      readonly unitPriceEffortMilli: number;
    }[];
    readonly durationUses?: readonly {
      readonly personId: string;
      readonly productId: string;
      readonly minutes: number;
      readonly chargeEffortMilli: number;
    }[];
    readonly fairUse?: readonly {
      readonly personId: string;
      readonly bundleId: string;
      readonly productId: string;
      readonly units: number;
      readonly capUnits: number;
      readonly chargeEffortMilli: number;
    }[];
    readonly biddingRounds?: readonly {
      readonly id: string;
      readonly projectId: string;
      readonly outcome: string;
      readonly rounds: readonly { readonly round: number }[];
    }[];
  };
  readonly preOrders?: {
    readonly fulfilled: readonly unknown[];
    readonly cancelled: readonly unknown[];
    readonly open: readonly string[];
  };
  readonly subscriptions?: readonly { readonly units: number }[];
  readonly commitments?: readonly { readonly status: string; readonly amountEffortMilli: number }[];
  readonly recipes?: readonly {
    readonly productId: string;
    readonly units: number;
    readonly postedUnitPriceEffortMilli: number;
    readonly uncoveredEffortMilli: number;
    readonly actual: ReportBreakdown;
  }[];
  readonly inventory?: readonly { readonly projectId: string; readonly valueEffortMilli: number }[];
  readonly membership?: {
    readonly members: readonly string[];
    readonly departed: readonly { readonly personId: string }[];
  };
  readonly money?: readonly {
    readonly projectId: string;
    readonly currency: string;
    readonly incomeCents: number;
    readonly expenseCents: number;
    readonly balanceCents: number;
  }[];
  readonly dwellings?: ReportDwellings;
  readonly settings?: ReportSettings;
  readonly reservations?: readonly ReservationLine[];
  readonly meansWrittenOff?: readonly MeansWriteOff[];
  readonly servicesUnused?: readonly UnusedServiceLine[];
  // Always in a v1 report, optional here so a hand-made report in a test may leave them out.
  readonly baseEffortMilli?: number;
  readonly netSurplusEffortMilli?: number;
  readonly weightIndexMilli?: number | null;
  readonly goods?: readonly ReportGoods[];
  readonly discounted?: readonly {
    readonly productId: string;
    readonly unitsLeft: number;
    readonly allocations: readonly ReportAllocation[];
  }[];
  readonly resources?: readonly ReportResource[];
  readonly leases?: readonly ReportLease[];
  readonly reserves?: readonly ReportReserve[];
  readonly housing?: readonly ReportHousing[];
  readonly possession?: ReportPossession;
  readonly personalServices?: readonly ReportPersonalService[];
  readonly plans?: readonly ReportPlan[];
  readonly signals?: readonly { readonly productId: string; readonly signals: readonly string[] }[];
  readonly stock?: readonly { readonly productId: string; readonly units: number }[];
  readonly work?: readonly ReportWork[];
  readonly noShows?: readonly unknown[];
  readonly members?: readonly { readonly personId: string; readonly status: string }[];
  readonly journal?: { readonly entries: number; readonly headHash: string };
}

/** An effort price with its published breakdown: per unit, by component. */
export interface ReportBreakdown {
  readonly productId: string;
  readonly units: number;
  readonly unitPriceEffortMilli: number;
  readonly perUnit: {
    readonly labour: number;
    readonly meansOfProduction: number;
    readonly inputs: number;
    readonly resources: number;
    readonly overhead: number;
  };
}

/** One person's (or claimant's) share of a good handed out in a period. */
export interface ReportAllocation {
  readonly personId: string;
  readonly units: number;
  readonly priceEffortMilli: number;
  readonly premiumEffortMilli: number;
  readonly quotaUnits: number;
}

/** A good handed out in a period: scarce ones by auction, lottery or first come. */
export interface ReportGoods {
  readonly productId: string;
  readonly rule: string;
  readonly scarce: boolean;
  /** The uniform premium per unit every winner paid (the (k+1)-th bid), 0 without an auction. */
  readonly clearingPremiumEffortMilli: number;
  readonly premiumTotalEffortMilli: number;
  readonly unitsLeft: number;
  readonly allocations: readonly ReportAllocation[];
}

export type ReportClaimant =
  | { readonly kind: 'person'; readonly personId: string }
  | { readonly kind: 'project'; readonly projectId: string }
  | { readonly kind: string; readonly [key: string]: string };

/** A natural resource's claims in a period: flat rate under the cap, auction at the cap. */
export interface ReportResource {
  readonly resourceId: string;
  readonly mode: string;
  readonly capUnits: number;
  readonly demandUnits: number;
  readonly clearingPremiumEffortMilliPerUnit: number;
  readonly premiumTotalEffortMilli: number;
  readonly awards: readonly {
    readonly claimant: ReportClaimant;
    readonly units: number;
    readonly premiumEffortMilli: number;
  }[];
  readonly rejected: readonly { readonly claimant: ReportClaimant; readonly units?: number }[];
}

export interface ReportLease {
  readonly leaseId: string;
  readonly resourceId: string;
  readonly holder: ReportClaimant;
  readonly units: number;
  readonly fromPeriod: number;
  readonly untilPeriod: number;
  readonly status: string;
  readonly duesPriceEffortMilli: number;
  readonly duesPremiumEffortMilli: number;
}

export interface ReportReserve {
  readonly resourceId: string;
  readonly reserveUnits: number;
  readonly extractedUnits: number;
  readonly extractedToDateUnits: number;
  readonly remainingUnits: number;
  readonly capUnits: number;
}

/** A dwelling's housing dues in a period, split among its residents. */
export interface ReportHousing {
  readonly unitId: string;
  readonly projectId: string;
  readonly ratePerPeriodEffortMilli: number;
  readonly occupiedPpm: number;
  readonly recoveredEffortMilli: number;
  readonly unrecoveredEffortMilli: number;
  readonly dues: readonly { readonly personId: string; readonly amountEffortMilli: number }[];
}

export interface ReportPossession {
  readonly events: readonly {
    readonly goodId: string;
    readonly kind: string;
    readonly period: number;
  }[];
  readonly goods: readonly {
    readonly id: string;
    readonly state: string;
    readonly by: string | null;
    readonly sincePeriod: number | null;
    readonly lastUsedPeriod: number | null;
    readonly idleFlaggedAtPeriod: number | null;
    readonly returnDemandedAtPeriod: number | null;
  }[];
}

export interface ReportPersonalService {
  readonly id: string;
  readonly giverId: string;
  readonly beneficiaryId: string;
  readonly minutes: number;
  readonly amountEffortMilli: number;
  readonly confirmed: boolean;
}

export interface ReportPlan {
  readonly productId: string;
  readonly period: number;
  readonly plannedUnits: number;
  readonly wishedUnits: number;
  readonly committedUnits: number;
  readonly averageNonPreorderedUnits: number;
}

export interface ReportWork {
  readonly personId: string;
  readonly minutes: number;
  readonly amountEffortMilli: number;
  readonly confirmed: boolean;
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
  /** The posted prices from the recipes' estimates, with their breakdowns. */
  readonly postedPrices?: readonly ReportBreakdown[];
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
export { personOfAccount as personOf } from '../../app/policies/person-visibility.ts';
