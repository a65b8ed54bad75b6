// What a run of a scenario gives: each period's outcome (`PeriodRun`), the whole run
// (`ScenarioRun`) and why a run stopped (`RunStop`). Types only, so that every mechanism can
// name them without importing the runner that composes the mechanisms.

import type { DurableGood, PossessionEvent, ResourceAllocation } from '../commons/index.ts';
import type { PlannedOutput, ProductionSignal, ScarcityClearing } from '../goods/index.ts';
import type { AccountId } from '../ids.ts';
import type { AccountKind, LedgerState, TransferRequest } from '../ledger/index.ts';
import type { PoolChart, Settlement } from '../pool/index.ts';
import type { Ppm } from '../units.ts';
import type { AllocationModelsPeriod } from './allocation-models.ts';
import type { AssociationPeriod } from './associations.ts';
import type { CommitmentLine } from './commitments.ts';
import type { DwellingsPeriod } from './dwellings.ts';
import type { CommittedTakings } from './goods.ts';
import type { DwellingPeriod } from './housing.ts';
import type { LeaseLine } from './land.ts';
import type { PeriodMarket } from './market.ts';
import type { MembershipPeriod } from './membership.ts';
import type { MoneyLine } from './money.ts';
import type { ProjectsPeriod } from './projects-period.ts';
import type { MeansWriteOff, RecipeBatch, RecipePrice } from './recipes.ts';
import type { PostedPriceLine } from './reestimate.ts';
import type { ReservationLine } from './reservations.ts';
import type { ReserveLine } from './resources.ts';
import type { UnusedServiceLine } from './service-products.ts';
import type { PersonalService } from './services.ts';
import type { RunStop } from './step.ts';
import type { AssociationSpec, PoolSpec, Scenario } from './types.ts';
import type { WorkCredit } from './work.ts';

export type { InvariantName, RunStop } from './step.ts';
export type { WorkCredit } from './work.ts';

export interface PeriodRun {
  readonly period: number;
  readonly priceFactorPpm: Ppm;
  readonly market: PeriodMarket;
  readonly work: readonly WorkCredit[];
  readonly goods: readonly ScarcityClearing[];
  /** Discounted sales of surplus (M7 downward), one clearing per product offered. */
  readonly discounted: readonly ScarcityClearing[];
  /** Pre-orders taken, cancelled or still open, and the subscriptions taken. */
  readonly committed: CommittedTakings;
  /** Premium commitments open at the start of the period or made in it, status at its end. */
  readonly commitments: readonly CommitmentLine[];
  /** Goods reserved for a commitment released on completion: held, due, taken or lapsed. */
  readonly reservations: readonly ReservationLine[];
  readonly settlement: Settlement;
  /** Shares, redistribution and their postings; null when the scenario has no associations. */
  readonly associations: AssociationPeriod | null;
  /** Planned output of each product for the next period (M9: pre-orders + α × recent demand). */
  readonly plans: readonly PlannedOutput[];
  /** Planning signals per product (M9), from the last periods' premiums, write-offs, weights. */
  readonly signals: readonly { readonly productId: string; readonly signals: ProductionSignal[] }[];
  /** Services from person to person (time bank), confirmed or not. */
  readonly personalServices: readonly PersonalService[];
  /** Each pooled resource's allocation (flat rate or auction, awards, rejected claims). */
  readonly resources: readonly ResourceAllocation[];
  /** Claims, releases, idle flags and reclaims of shared durable goods, and where each is. */
  readonly possession: {
    readonly events: readonly PossessionEvent[];
    readonly goods: readonly DurableGood[];
  };
  /** Each dwelling's period: dues by resident, rate, what is still unrecovered. */
  readonly housing: readonly DwellingPeriod[];
  /** Dwellings possessed under a steward: moves, idle flags, reassignments, where each
   *  stands; null when no housing unit of the file has a steward (decision 0017). */
  readonly dwellings: DwellingsPeriod | null;
  /** Every account's balance in the ledger at the end of the period. */
  readonly closingBalances: ReadonlyMap<AccountId, number>;
  /** Every transfer of the period, in posting order: work credits, settlement, associations. */
  readonly transfers: readonly TransferRequest[];
  readonly stockUnits: ReadonlyMap<string, number>;
  readonly inventoryEffortMilli: ReadonlyMap<string, number>;
  readonly journalHead: string;
  readonly journalEntries: number;
  /** Each non-renewable's reserve: cap, extracted this period and to date, what is left. */
  readonly reserves: readonly ReserveLine[];
  /** Land leases running in the period: dues, and renewal or return at the term's end. */
  readonly leases: readonly LeaseLine[];
  /** Who is a member, and each departed member's balance and forgiveness; null when the file
   *  has nobody joining late or leaving. */
  readonly membership: MembershipPeriod | null;
  /** Each money-keeping project's income, expenses and cash in cents; null when none keeps
   *  money. Money has its own ledger and never reaches the effort books (MODEL.md §2). */
  readonly money: readonly MoneyLine[] | null;
  /** Each recipe product made this period: its actual price and the estimate's error (M6). */
  readonly recipes: readonly RecipeBatch[];
  /** Means of production abandoned this period and what was written off for them. */
  readonly meansWrittenOff: readonly MeansWriteOff[];
  /** Service units offered and not taken this period, written off. */
  readonly servicesUnused: readonly UnusedServiceLine[];
  /** The posted price of each re-estimated product this period and where it came from (M6). */
  readonly postedPrices: readonly PostedPriceLine[];
  /** Flat allocation prices, by-duration charges, fair-use charges, bidding rounds (M5). */
  readonly allocationModels: AllocationModelsPeriod;
  /** Projects in the pool, forks and departed projects; null until a project forks or
   *  leaves (decision 0014). */
  readonly projects: ProjectsPeriod | null;
  /** The pool's settings in force in the period; null until a period changed them (so a file
   *  without changes reports as before). `associations`, the associations with their settings
   *  in force, only from the first period that changed an association's. */
  readonly settings: (PoolSpec & { readonly associations?: readonly AssociationSpec[] }) | null;
}

export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly chart: PoolChart;
  /** Every account of the pool: the chart's, and each association's two accounts. */
  readonly accounts: ReadonlyMap<AccountId, AccountKind>;
  readonly periods: readonly PeriodRun[];
  readonly stop: RunStop | null;
  readonly ledger: LedgerState;
  /** The projects' money books (one journal per project, never effort); absent when no
   *  project keeps money. */
  readonly moneyLedger?: LedgerState;
  /** The federated pools' runs and each period's reconciliation; only in a federated file. */
  readonly federation?: FederationRun;
  /** The posted price of each product with a recipe, from its estimates, with its breakdown. */
  readonly postedPrices: readonly RecipePrice[];
}

export interface RunOptions {
  /** Run only the first N periods. */
  readonly periods?: number;
  /** Called after each period (progress for long runs). */
  readonly onPeriod?: (period: number, total: number) => void;
}

/** A member of `memberPoolId` took goods made in, or worked for a project of, `hostPoolId`. */
export interface FederationDelivery {
  readonly kind: 'take' | 'work';
  readonly memberPoolId: string;
  readonly hostPoolId: string;
  readonly personId: string;
  /** The work record's id, or the product taken. */
  readonly reference: string;
  readonly projectId: string;
  readonly units: number | null;
  readonly minutes: number | null;
  /** In the member's pool's weighted hours (what the member is debited or credited). */
  readonly memberEffortMilli: number;
  /** In the host pool's weighted hours (what its project is credited or debited). */
  readonly hostEffortMilli: number;
}

/** Two pools' federation accounts for each other after a period. */
export interface FederationLine {
  readonly poolId: string;
  readonly otherPoolId: string;
  /** W̄ used for the period's conversions (the period before's; 1.000 before any work). */
  readonly weightIndexMilli: number;
  readonly otherWeightIndexMilli: number;
  readonly changeEffortMilli: number;
  readonly otherChangeEffortMilli: number;
  /** The change converted into the other pool's hours plus the other's change. */
  readonly conversionDifferenceEffortMilli: number;
  readonly toleranceEffortMilli: number;
  readonly balanceEffortMilli: number;
  readonly otherBalanceEffortMilli: number;
  /** The pool whose members took more than its projects supplied; null when even. */
  readonly debtorPoolId: string | null;
}

/** A position between two pools closed by agreement in a period, as each pool booked it. */
export interface FederationWriteOff {
  /** The pool whose file recorded the agreement, and the other pool. */
  readonly poolId: string;
  readonly otherPoolId: string;
  readonly sharePpm: number;
  /** Each pool's federation balance for the other at the close of the period before. */
  readonly balanceBeforeEffortMilli: number;
  readonly otherBalanceBeforeEffortMilli: number;
  /** What each pool moved from its federation account to its adjustment account, signed
   *  like the balance (positive: the pool owed, forgiven — a gain to its adjustment). */
  readonly writtenOffEffortMilli: number;
  readonly otherWrittenOffEffortMilli: number;
}

export interface FederationPeriod {
  readonly period: number;
  readonly deliveries: readonly FederationDelivery[];
  readonly lines: readonly FederationLine[];
  readonly writeOffs: readonly FederationWriteOff[];
}

export interface FederationRun {
  /** The federated pools' runs, in file order (the file's own pool is the run itself). */
  readonly partners: readonly ScenarioRun[];
  readonly periods: readonly FederationPeriod[];
}
